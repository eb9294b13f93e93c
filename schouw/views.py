import functools

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from reisgids.core.actions import Action
from reisgids.core.errors import ApplicationError, error_text
from reisgids.core.throttling import RateLimitMixin, rate_limit_hit, rate_limited_response
from reisgids.core.views import ServiceActionView

from . import selectors, services
from .forms import (
    AdviceForm,
    AgreementsForm,
    AppraisalForm,
    CommitmentCheckForm,
    ConsentForm,
    CriterionForm,
    DiscussionForm,
    FollowUpForm,
    GuestForm,
    LessonForm,
    MemberForm,
    ObservationForm,
    PartnerChoiceMixin,
    PublicationForm,
    ReportForm,
    RoundForm,
)
from .guests import SESSION_KEY, Guest
from .models import SchouwRound
from .workflow import ROUND_STEPS, STEPS_BY_SLUG


def session_guest(request) -> Guest | None:
    """The guest of this browser session, if their link still works. Never a Django login."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    participant = selectors.participant_for_session(pk=data.get("participant"))
    if participant is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return Guest(participant)


def acting(request, round_pk=None):
    """The user, or the guest of this session when it belongs to this round and nobody is logged in."""
    if request.user.is_authenticated:
        return request.user
    guest = session_guest(request)
    if guest is not None and (round_pk is None or guest.participant.round_id == int(round_pk)):
        return guest
    return request.user


def _round(request, pk, actor=None) -> SchouwRound:
    try:
        return selectors.round_detail(
            actor=actor if actor is not None else acting(request, pk), pk=pk
        )
    except SchouwRound.DoesNotExist as exc:
        raise Http404(_("Deze schouwronde bestaat niet of u mag hem niet zien.")) from exc


def _round_page(actor, schouw_round) -> str:
    if isinstance(actor, Guest):
        return reverse("schouw:guest-round")
    return schouw_round.get_absolute_url()


class RoundListView(LoginRequiredMixin, TemplateView):
    template_name = "schouw/round_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            rounds=selectors.round_list(actor=user).order_by("-starts_on", "-pk"),
            deals=selectors.deals_to_organise(actor=user),
            **kwargs,
        )


class RoundCreateView(LoginRequiredMixin, FormView):
    template_name = "schouw/round_form.html"
    form_class = RoundForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.deal = selectors.deal_for_schouw(actor=request.user, pk=kwargs["deal_pk"])
        except ObjectDoesNotExist as exc:
            raise Http404(_("Deze deal bestaat niet of u mag hem niet zien.")) from exc
        if not request.user.has_perm("schouw.organise_round", self.deal):
            raise Http404(
                _(
                    "Alleen de partners van de deal en de partner in residence organiseren een schouw."
                )
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        agreement = next((a for a in self.deal.agreements.all() if a.kind == "schouw"), None)
        setting = (
            "feestelijk"
            if agreement and "feest" in agreement.schouw_setting.lower()
            else "zakelijk"
        )
        return {"title": _("Schouw van %(deal)s") % {"deal": self.deal.title}, "setting": setting}

    def get_context_data(self, **kwargs):
        agreements = [a for a in self.deal.agreements.all() if a.kind == "schouw"]
        return super().get_context_data(deal=self.deal, agreements=agreements, **kwargs)

    def form_valid(self, form):
        try:
            schouw_round = services.schouw_round_create(
                actor=self.request.user, deal=self.deal, **form.cleaned_data
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("De schouwronde wordt voorbereid. Nodig nu de deelnemers uit.")
        )
        return redirect(schouw_round)


def _step_context(actor, schouw_round) -> dict:
    parties = selectors.parties(schouw_round=schouw_round)
    criteria = list(selectors.criteria_of(actor=actor, schouw_round=schouw_round))
    participant = selectors.participant_of(actor=actor, schouw_round=schouw_round)
    appraisals = list(selectors.appraisals_visible(actor=actor, schouw_round=schouw_round))
    own = {
        a.criterion_id: a
        for a in appraisals
        if participant is not None and a.participant_id == participant.pk
    }
    agreed = [c for c in criteria if c.agreed_at]
    to_appraise = [
        {
            "criterion": c,
            "own": own.get(c.pk),
            "form": AppraisalForm(
                initial={
                    "criterion": c.pk,
                    "level": own[c.pk].level if c.pk in own else None,
                    "explanation": own[c.pk].explanation if c.pk in own else "",
                },
                prefix=f"c{c.pk}",
            ),
        }
        for c in agreed
    ]
    return {
        "schouw_round": schouw_round,
        "parties": parties,
        "participant": participant,
        "observations": selectors.observations_of(actor=actor, schouw_round=schouw_round),
        "criteria": criteria,
        "to_appraise": to_appraise,
        "others_visible": selectors.others_visible(actor=actor, schouw_round=schouw_round),
        "distribution": selectors.distribution(criteria=agreed, appraisals=appraisals),
        "may_take_part": actor.has_perm("schouw.take_part", schouw_round),
        "observation_form": ObservationForm(auto_id="observation-%s"),
        "criterion_form": CriterionForm(partners=parties, auto_id="criterion-%s"),
    }


class RoundDetailView(TemplateView):
    template_name = "schouw/round_detail.html"

    def get(self, request, *args, **kwargs):
        actor = acting(request, kwargs["pk"])
        if isinstance(actor, Guest):
            return redirect("schouw:guest-round")
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        schouw_round = _round(self.request, self.kwargs["pk"])
        parties = selectors.parties(schouw_round=schouw_round)
        may_manage = user.has_perm("schouw.manage_round", schouw_round)
        own_parties = [p for p in parties if user.has_perm("deals.act_for_partner", p)]
        agreement = next(
            (a for a in schouw_round.deal.agreements.all() if a.kind == "schouw"), None
        )
        return super().get_context_data(
            **_step_context(user, schouw_round),
            may_manage=may_manage,
            next_step=ROUND_STEPS[schouw_round.status],
            own_party_ids={p.pk for p in own_parties},
            agreement=agreement,
            checks={
                c.partner_id: c
                for c in selectors.commitment_checks_of(actor=user, schouw_round=schouw_round)
            },
            advices=list(schouw_round.advices.select_related("partner__organisation")),
            lessons=list(schouw_round.lessons.all()),
            new_guest=self.request.session.pop("schouw_new_link", None),
            round_form=RoundForm(
                initial={
                    "title": schouw_round.title,
                    "starts_on": schouw_round.starts_on,
                    "ends_on": schouw_round.ends_on,
                    "setting": schouw_round.setting,
                    "location": schouw_round.location,
                },
                prefix="round",
            ),
            member_form=MemberForm(
                pairs=selectors.member_choices(schouw_round=schouw_round), auto_id="member-%s"
            )
            if may_manage
            else None,
            guest_form=GuestForm(
                organisations=selectors.peer_candidates(schouw_round=schouw_round),
                auto_id="guest-%s",
            ),
            check_form=CommitmentCheckForm(partners=parties, auto_id="check-%s"),
            discussion_form=DiscussionForm(
                initial={
                    f: getattr(schouw_round, f)
                    for f in ("went_well", "to_learn", "wider_interest", "next_steps")
                },
                auto_id="discussion-%s",
            ),
            advice_form=AdviceForm(partners=parties, auto_id="advice-%s"),
            agreements_form=AgreementsForm(auto_id="agreements-%s"),
            follow_up_form=FollowUpForm(auto_id="follow-up-%s"),
            lesson_form=LessonForm(auto_id="lesson-%s"),
            report_form=ReportForm(
                initial={"summary": schouw_round.report_summary}, auto_id="report-%s"
            ),
            publication_form=PublicationForm(partners=own_parties, auto_id="publication-%s"),
            **kwargs,
        )


# --- Actions on a round ---------------------------------------------------------------------------


def _step(slug: str, **extra) -> Action:
    """The action that takes a round's step (see ``ROUND_STEPS``), with the page's words for it."""
    step = STEPS_BY_SLUG[slug]
    return Action(service=getattr(services, step.service), message=step.done, **extra)


def _keeping_new_link(service):
    """``service`` returns a participant and their fresh token; the round page shows the link once."""

    @functools.wraps(service)
    def call(*, request, **kwargs):
        participant, token = service(**kwargs)
        request.session["schouw_new_link"] = {
            "name": participant.name,
            "link": services.guest_link(token),
        }
        return participant

    return call


def _agreements(view, cleaned) -> dict:
    lines = [line.strip() for line in cleaned["agreements"].splitlines() if line.strip()]
    return {
        "schouw_round": view.object,
        "agreements": [{"kind": "anders", "description": line} for line in lines],
        "change_note": cleaned["change_note"],
    }


class RoundActionView(ServiceActionView):
    """Every form posted from the round page (or the guest's page): one service per action.

    The actor is the logged-in user, or the guest of this session when it belongs to the round;
    a guest's posts count towards the guest rate limit. Afterwards the person goes back to their
    page of the round.
    """

    object_argument = "schouw_round"
    actions = {
        # The steps of a round, at /stap/<slug>/ (``step-<slug>`` here).
        "step-open": _step("open"),
        "step-meetlat": _step("meetlat"),
        "step-waarderen": _step("waarderen"),
        "step-bespreken": _step("bespreken"),
        "step-rapporteren": _step("rapporteren"),
        "step-afronden": _step("afronden"),
        "round-update": Action(
            service=services.schouw_round_update,
            form=RoundForm,
            message=_lazy("De afspraken van de schouw zijn bijgewerkt."),
        ),
        "member-add": Action(
            service=services.participant_add_member,
            form=MemberForm,
            arguments=lambda view, cleaned: {
                "schouw_round": view.object,
                "user": cleaned["member"][0],
                "partner": cleaned["member"][1],
            },
            message=_lazy("De deelnemer doet mee."),
        ),
        "guest-invite": Action(
            service=_keeping_new_link(services.participant_invite_guest),
            form=GuestForm,
            arguments=lambda view, cleaned: {
                "request": view.request,
                "schouw_round": view.object,
                **cleaned,
            },
            message=_lazy("De uitnodiging met de persoonlijke link is verstuurd."),
        ),
        "guest-renew": Action(
            service=_keeping_new_link(services.participant_link_renew),
            arguments=lambda view, cleaned: {
                "request": view.request,
                "participant": view.participant(),
            },
            message=_lazy("Er is een nieuwe persoonlijke link verstuurd; de oude werkt niet meer."),
        ),
        "guest-revoke": Action(
            service=services.participant_revoke,
            arguments=lambda view, cleaned: {"participant": view.participant()},
            message=_lazy("De link is ingetrokken."),
        ),
        "observation-create": Action(
            service=services.observation_create,
            form=ObservationForm,
            message=_lazy("Uw waarneming is vastgelegd."),
        ),
        "criterion-propose": Action(
            service=services.criterion_propose,
            form=CriterionForm,
            message=_lazy("Het criterium is voorgesteld. De partij zelf stelt het vast."),
        ),
        "criterion-agree": Action(
            service=services.criterion_agree,
            arguments=lambda view, cleaned: {"criterion": view.criterion()},
            message=_lazy("Het criterium is vastgesteld."),
        ),
        "criterion-withdraw": Action(
            service=services.criterion_withdraw,
            arguments=lambda view, cleaned: {"criterion": view.criterion()},
            message=_lazy("Het criterium is van de meetlat gehaald."),
        ),
        "commitment-check": Action(
            service=services.commitment_check_record,
            form=CommitmentCheckForm,
            message=_lazy("De toets op de toezeggingen is vastgelegd."),
        ),
        "appraisal-record": Action(
            service=services.appraisal_record,
            form=AppraisalForm,
            arguments=lambda view, cleaned: {
                "criterion": view.criterion(),
                "level": cleaned["level"],
                "explanation": cleaned["explanation"],
            },
            message=_lazy("Uw waardering is bewaard."),
        ),
        "appraisals-submit": Action(
            service=services.appraisals_submit,
            message=_lazy("Uw waarderingen zijn ingediend. U ziet nu ook die van de anderen."),
        ),
        "appraisals-reveal": Action(
            service=services.appraisals_reveal,
            message=_lazy("Alle waarderingen zijn nu voor iedereen zichtbaar."),
        ),
        "discussion-record": Action(
            service=services.discussion_record,
            form=DiscussionForm,
            message=_lazy("De bespreking is vastgelegd."),
        ),
        "advice-record": Action(
            service=services.advice_record,
            form=AdviceForm,
            message=_lazy("Het advies is vastgelegd."),
        ),
        "agreements-apply": Action(
            service=services.schouw_agreements_apply,
            form=AgreementsForm,
            arguments=_agreements,
            message=_lazy(
                "De afspraken staan in een nieuwe versie van het plan. "
                "De partners ondertekenen opnieuw."
            ),
        ),
        "follow-up-start": Action(
            service=services.schouw_follow_up_start,
            form=FollowUpForm,
            message=_lazy("De deal is afgerond en het vervolg is gestart."),
        ),
        "lesson-create": Action(
            service=services.lesson_create,
            form=LessonForm,
            message=_lazy("De les is opgeschreven."),
        ),
        "report-write": Action(
            service=services.report_write,
            form=ReportForm,
            message=_lazy("De samenvatting van het rapport is bewaard."),
        ),
        "publication-agree": Action(
            service=services.report_publication_agree,
            form=PublicationForm,
            message=_lazy("Uw akkoord met publicatie is vastgelegd."),
        ),
    }

    def post(self, request, *args, **kwargs):
        self.actor = acting(request, kwargs["pk"])
        if isinstance(self.actor, Guest) and (
            wait := rate_limit_hit(request, "schouw-guest", limit_setting=GUEST_LIMIT)
        ):
            return rate_limited_response(request, wait)
        if not isinstance(self.actor, Guest) and not request.user.is_authenticated:
            round_url = reverse("schouw:round-detail", kwargs={"pk": kwargs["pk"]})
            return redirect(f"{reverse('login')}?next={round_url}")
        if "step" in kwargs:
            kwargs["action"] = f"step-{kwargs['step']}"
        return super().post(request, *args, **kwargs)

    def get_actor(self):
        return self.actor

    def get_object(self):
        return _round(self.request, self.kwargs["pk"], actor=self.actor)

    def get_success_url(self) -> str:
        return _round_page(self.actor, self.object)

    def get_form_kwargs(self, action: Action) -> dict:
        schouw_round = self.object
        if issubclass(action.form, PartnerChoiceMixin):
            return {"partners": selectors.parties(schouw_round=schouw_round)}
        if action.form is MemberForm:
            return {"pairs": selectors.member_choices(schouw_round=schouw_round)}
        if action.form is GuestForm:
            return {"organisations": selectors.peer_candidates(schouw_round=schouw_round)}
        if action.form is RoundForm:
            return {"prefix": "round"}
        if action.form is AppraisalForm:
            return {"prefix": f"c{self.kwargs['cpk']}"}
        return {}

    def criterion(self):
        """The criterion of the address, among those the actor sees in this round."""
        criterion = (
            selectors.criteria_of(actor=self.actor, schouw_round=self.object)
            .filter(pk=self.kwargs["cpk"])
            .first()
        )
        if criterion is None:
            raise Http404
        return criterion

    def participant(self):
        """The participant of the address, in this round."""
        participant = self.object.participants.filter(pk=self.kwargs["ppk"]).first()
        if participant is None:
            raise Http404
        return participant


# --- Report ----------------------------------------------------------------------------------------


def _report_context(request, pk) -> dict:
    user = request.user
    if not user.is_authenticated:
        raise Http404(_("Deze schouwronde bestaat niet of u mag hem niet zien."))
    schouw_round = _round(request, pk)
    if not user.has_perm("schouw.view_report", schouw_round):
        raise Http404(_("Deze schouwronde bestaat niet of u mag hem niet zien."))
    return {
        "schouw_round": schouw_round,
        "report": selectors.report_of(actor=user, schouw_round=schouw_round),
    }


class ObservationPhotoView(View):
    """A schouw photo is shown only to those who may see its round (partners, guests of that round)."""

    def get(self, request, pk, opk):
        schouw_round = _round(request, pk)
        observation = get_object_or_404(schouw_round.observations.exclude(photo=""), pk=opk)
        response = FileResponse(observation.photo.open("rb"))
        response["Cache-Control"] = "private, max-age=300"
        return response


class RoundReportView(View):
    def get(self, request, pk):
        return render(request, "schouw/report.html", _report_context(request, pk))


class RoundReportPdfView(View):
    def get(self, request, pk):
        from weasyprint import HTML

        context = _report_context(request, pk)
        html = render_to_string("schouw/report_pdf.html", context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="schouwrapport-{pk}.pdf"'
        return response


class PublicReportView(TemplateView):
    """The public part of a report: summary and lessons, once every partner agreed."""

    template_name = "schouw/public_report.html"

    def get_context_data(self, **kwargs):
        try:
            schouw_round = selectors.published_round(pk=self.kwargs["pk"])
        except SchouwRound.DoesNotExist as exc:
            raise Http404(_("Dit rapport is (nog) niet openbaar.")) from exc
        return super().get_context_data(
            schouw_round=schouw_round, lessons=schouw_round.lessons.all(), **kwargs
        )


class DealRoundsView(LoginRequiredMixin, TemplateView):
    """A deal's rounds over time, with how the appraisals per criterion moved."""

    template_name = "schouw/deal_rounds.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        try:
            deal = selectors.deal_for_schouw(actor=user, pk=self.kwargs["deal_pk"])
        except ObjectDoesNotExist as exc:
            raise Http404(_("Deze deal bestaat niet of u mag hem niet zien.")) from exc
        if not user.has_perm("schouw.view_rounds_of_deal", deal):
            raise Http404(_("De schouw van deze deal is alleen zichtbaar voor de partners."))
        rounds = list(selectors.rounds_of_deal(actor=user, deal=deal))
        return super().get_context_data(
            deal=deal,
            rounds=rounds,
            movement=selectors.movement_of_deal(rounds=rounds),
            may_organise=user.has_perm("schouw.organise_round", deal)
            and all(r.is_finished for r in rounds),
            **kwargs,
        )


# --- Guests ---------------------------------------------------------------------------------------

# A guest fills in a whole round of forms; the count only stops scripted posting.
GUEST_LIMIT = "GUEST_FORM_RATE_LIMIT"

LINK_PROBLEMS = {
    "onbekend": _(
        "Deze link kennen we niet. Controleer of u de hele link uit de e-mail heeft gebruikt."
    ),
    "ingetrokken": _("Deze link is ingetrokken. Vraag de organisator van de schouw om een nieuwe."),
    "verlopen": _("Deze link is verlopen. Vraag de organisator van de schouw om een nieuwe."),
    "afgerond": _("Deze schouw is afgerond. Dank voor uw bijdrage."),
}


class GuestEnterView(RateLimitMixin, View):
    """The personal link: checks the token, keeps the guest in this session, and moves the token out of the address."""

    # Opening links counts per address, so tokens cannot be guessed by trying many.
    rate_limit_scope = "schouw-guest-link"
    rate_limit_methods = ("GET",)

    def get(self, request, token):
        participant = selectors.participant_by_token(token=token)
        if participant is None:
            problem = LINK_PROBLEMS[selectors.guest_link_state(token=token)]
            return render(
                request, "schouw/guest_link_problem.html", {"problem": problem}, status=404
            )
        request.session.cycle_key()
        request.session[SESSION_KEY] = {
            "participant": participant.pk,
            "round": participant.round_id,
        }
        return redirect("schouw:guest-round")


class GuestRoundView(RateLimitMixin, View):
    """The guest's own page, made for a phone: consent first, then the current step."""

    rate_limit_scope = "schouw-guest"
    rate_limit_setting = GUEST_LIMIT

    template_name = "schouw/guest_round.html"

    def _guest(self, request):
        guest = session_guest(request)
        if guest is None:
            raise Http404(_("Open de schouw met de persoonlijke link uit uw e-mail."))
        return guest

    def get(self, request):
        guest = self._guest(request)
        if not guest.has_consented:
            return render(
                request,
                "schouw/guest_consent.html",
                {"guest": guest, "consent_text": services.CONSENT_TEXT, "form": ConsentForm()},
            )
        schouw_round = selectors.round_detail(actor=guest, pk=guest.participant.round_id)
        return render(
            request, self.template_name, {"guest": guest, **_step_context(guest, schouw_round)}
        )

    def post(self, request):
        guest = self._guest(request)
        form = ConsentForm(request.POST)
        try:
            services.guest_consent_give(
                actor=guest, agreed=form.is_valid() and form.cleaned_data["agree"]
            )
        except ApplicationError as exc:
            return render(
                request,
                "schouw/guest_consent.html",
                {
                    "guest": guest,
                    "consent_text": services.CONSENT_TEXT,
                    "form": form,
                    "error": exc.message,
                },
                status=400,
            )
        messages.success(request, _("Dank u wel. U doet mee aan de schouw."))
        return redirect("schouw:guest-round")


class GuestLeaveView(View):
    def post(self, request):
        request.session.pop(SESSION_KEY, None)
        return render(
            request,
            "schouw/guest_link_problem.html",
            {"problem": _("U bent uitgelogd uit de schouw.")},
        )
