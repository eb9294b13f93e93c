from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters.views import FilterView

from atlas import selectors as atlas_selectors
from atlas.models import Organisation
from reisgids.core.actions import Action, local_next
from reisgids.core.errors import ApplicationError
from reisgids.core.views import ServiceActionView, ServiceCallMixin, ServiceFormView

from . import forms, selectors, services
from .filters import DealFilter
from .models import Deal


def _deal_or_404(actor, pk, detail=False):
    try:
        if detail:
            return selectors.deal_detail(actor=actor, pk=pk)
        return selectors.deal_get(actor=actor, pk=pk)
    except ObjectDoesNotExist as exc:
        raise Http404(_("Deze deal bestaat niet of is (nog) niet openbaar.")) from exc


def _map_points(deals) -> list[dict]:
    points = []
    for deal in deals:
        for area in deal.areas.all():
            if area.latitude is not None and area.longitude is not None:
                points.append(
                    {
                        "title": deal.title,
                        "url": deal.get_absolute_url(),
                        "area": area.name,
                        "lat": float(area.latitude),
                        "lon": float(area.longitude),
                    }
                )
    return points


class DealListView(FilterView):
    """The public register of deals from gesloten onward, with the actor's own drafts beside it."""

    template_name = "deals/deal_list.html"
    filterset_class = DealFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.deal_register(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["map_points"] = _map_points(context["object_list"])
        context["my_drafts"] = (
            # Only title and step are shown: no themes, areas or partners to prefetch.
            selectors.deals_of(actor=user).filter(closed_at__isnull=True).prefetch_related(None)
            if user.is_authenticated
            else []
        )
        return context


class DealCreateView(LoginRequiredMixin, ServiceFormView):
    template_name = "deals/deal_form.html"
    form_class = forms.DealForm
    success_message = gettext_lazy("De deal is gestart. Nodig nu partners uit.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": self._organisations()}

    def _organisations(self):
        user = self.request.user
        own = Q(pk__in=atlas_selectors.organisations_of(actor=user).values("pk"))
        if user.has_perm(
            "deals.handle_intake"
        ):  # civil servants also start deals for a municipal cluster
            own |= Q(type=Organisation.Type.GEMEENTELIJK_CLUSTER)
        return atlas_selectors.organisation_list(actor=user).filter(own)

    def call(self, data):
        return services.deal_create(
            actor=self.request.user,
            title=data["title"],
            summary=data["summary"],
            aanjager_organisation=data["organisation"],
            themes=data["themes"],
            areas=data["areas"],
            citywide=data["citywide"],
            proposal=forms.proposal_of(data),
        )


class DealEditView(LoginRequiredMixin, ServiceFormView):
    template_name = "deals/deal_form.html"
    form_class = forms.DealForm
    success_message = gettext_lazy("De deal is bijgewerkt.")

    def dispatch(self, request, *args, **kwargs):
        self.deal = _deal_or_404(request.user, kwargs["pk"])
        if request.user.is_authenticated and not request.user.has_perm(
            "deals.edit_plan", self.deal
        ):
            raise PermissionDenied(_("Alleen partners van de deal kunnen de deal wijzigen."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        d = self.deal
        initial = {"title": d.title, "summary": d.summary, "citywide": d.citywide}
        initial.update({"themes": d.themes.all(), "areas": d.areas.all()})
        initial.update({f"proposal_{k}": v for k, v in d.proposal.items()})
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(deal=self.deal, **kwargs)

    def call(self, data):
        return services.deal_update(
            actor=self.request.user,
            deal=self.deal,
            title=data["title"],
            summary=data["summary"],
            citywide=data["citywide"],
            themes=data["themes"],
            areas=data["areas"],
            proposal=forms.proposal_of(data),
        )

    def get_success_url(self, obj=None) -> str:
        return self.deal.get_absolute_url()


class DealDetailView(TemplateView):
    template_name = "deals/deal_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        deal = _deal_or_404(user, self.kwargs["pk"], detail=True)
        versions = list(deal.versions.all())
        internals = user.has_perm("deals.view_deal_internals", deal)
        my_partners = selectors.partner_actions(actor=user, deal=deal)
        # Insiders see the check-ins; the same rows give the progress of the results.
        all_checkins = list(selectors.checkins_of(actor=user, deal=deal)) if internals else None
        may_manage = user.has_perm("deals.manage_deal", deal)
        return super().get_context_data(
            deal=deal,
            steps=[(s, Deal.Status(s).label) for s in Deal.ORDER],
            internals=internals,
            may_manage=may_manage,
            may_pause=user.has_perm("deals.pause_deal", deal),
            may_edit=user.has_perm("deals.edit_plan", deal),
            my_partners=my_partners,
            may_checkin=any(p.signs for p in my_partners),
            kickoff_event_url=selectors.kickoff_event_url(actor=user, deal=deal),
            latest_version=versions[0] if versions else None,
            versions=versions,
            progress=selectors.result_progress(deal=deal, checkins=all_checkins),
            timeline=selectors.deal_timeline(actor=user, deal=deal)[:50],
            checkins=all_checkins[:20] if internals else [],
            knelpunten=selectors.knelpunt_list(actor=user).filter(deal=deal),
            # One page holds all these forms: each gets its own ids, so every label finds its field.
            toetsing_start_form=forms.ToetsingStartForm(auto_id="%s-toetsing"),
            skip_form=forms.SkipForm(auto_id="%s-skip"),
            finish_form=forms.FinishForm(auto_id="%s-finish"),
            stop_form=forms.StopForm(auto_id="%s-stop"),
            pause_form=forms.PauseForm(auto_id="%s-pause"),
            toetsing_form=forms.ToetsingForm(
                initial={"method": deal.toetsing_method}, auto_id="toetsing-%s"
            ),
            # Only those who manage the deal see the invitation; its list of organisations is not read for others.
            invite_form=forms.InviteForm(auto_id="invite-%s") if may_manage else None,
            contribution_form=forms.ContributionForm(auto_id="contribution-%s"),
            task_form=forms.TaskForm(deal=deal, auto_id="task-%s"),
            result_form=forms.ResultForm(auto_id="result-%s"),
            agreement_form=forms.AgreementForm(auto_id="agreement-%s"),
            milestone_form=forms.MilestoneForm(auto_id="milestone-%s"),
            version_form=forms.VersionForm(auto_id="version-%s"),
            knelpunt_form=forms.KnelpuntForm(auto_id="knelpunt-%s"),
            **kwargs,
        )


def _partner(view):
    """The partner of this deal that the form names (``partner``); a refusal when it names none."""
    try:
        pk = int(view.request.POST.get("partner", ""))
    except ValueError as exc:
        raise ApplicationError(_("Kies een partij.")) from exc
    partner = next((p for p in view.object.partners.all() if p.pk == pk), None)
    if partner is None:
        raise ApplicationError(_("Deze partij doet niet mee aan deze deal."))
    return partner


def _for_partner(view, cleaned):
    return {"partner": _partner(view), **cleaned}


def _signature(view, cleaned):
    version = view.request.POST.get("version")
    return {
        "deal": view.object,
        "partner": _partner(view),
        "version_number": int(version) if version and version.isdigit() else None,
    }


def _finish(view, cleaned):
    return {
        "deal": view.object,
        "note": cleaned["reason"],
        "follow_up_title": cleaned["follow_up_title"],
    }


class DealActionView(LoginRequiredMixin, ServiceActionView):
    """Every POST on a deal page: one service per action; refusals come back as a message."""

    object_argument = "deal"
    actions = {
        "idea": Action(
            service=services.deal_idea_start,
            message=gettext_lazy("De partners werken nu samen het idee uit."),
        ),
        "toetsing": Action(
            service=services.deal_toetsing_start,
            form=forms.ToetsingStartForm,
            message=gettext_lazy("De toetsing is gestart."),
        ),
        "toetsing-record": Action(
            service=services.deal_toetsing_record,
            form=forms.ToetsingForm,
            message=gettext_lazy("De toetsing is vastgelegd."),
        ),
        "skip": Action(
            service=services.deal_toetsing_skip,
            form=forms.SkipForm,
            message=gettext_lazy("De toetsing is overgeslagen; de deal is in de planning."),
        ),
        "planning": Action(
            service=services.deal_planning_start,
            message=gettext_lazy("De partners maken nu samen het plan."),
        ),
        "start": Action(service=services.deal_start, message=gettext_lazy("De deal loopt.")),
        "finish": Action(
            service=services.deal_finish,
            form=forms.FinishForm,
            arguments=_finish,
            message=gettext_lazy("De deal is afgerond."),
        ),
        "stop": Action(
            service=services.deal_stop,
            form=forms.StopForm,
            message=gettext_lazy("De deal is gestopt."),
        ),
        "pause": Action(
            service=services.deal_pause,
            form=forms.PauseForm,
            message=gettext_lazy("De deal is gepauzeerd."),
        ),
        "resume": Action(
            service=services.deal_resume, message=gettext_lazy("De deal gaat weer verder.")
        ),
        "invite": Action(
            service=services.deal_partner_invite,
            form=forms.InviteForm,
            message=lambda partner, cleaned: (
                _("%(org)s is uitgenodigd.") % {"org": cleaned["organisation"]}
            ),
        ),
        "accept": Action(
            service=services.deal_partner_accept,
            arguments=_for_partner,
            message=gettext_lazy("U doet mee aan deze deal."),
        ),
        "decline": Action(
            service=services.deal_partner_decline,
            arguments=_for_partner,
            message=gettext_lazy("U heeft de uitnodiging afgewezen."),
        ),
        "contribution": Action(
            service=services.contribution_create,
            form=forms.ContributionForm,
            arguments=_for_partner,
            message=gettext_lazy("Uw inbreng is toegevoegd."),
        ),
        "task": Action(
            service=services.task_create,
            form=forms.TaskForm,
            message=gettext_lazy("De taak is toegevoegd."),
        ),
        "result": Action(
            service=services.result_create,
            form=forms.ResultForm,
            message=gettext_lazy("Het beoogde resultaat is toegevoegd."),
        ),
        "agreement": Action(
            service=services.agreement_create,
            form=forms.AgreementForm,
            message=gettext_lazy("De procesafspraak is toegevoegd."),
        ),
        "milestone": Action(
            service=services.milestone_create,
            form=forms.MilestoneForm,
            message=gettext_lazy("De mijlpaal is toegevoegd."),
        ),
        "version": Action(
            service=services.plan_version_create,
            form=forms.VersionForm,
            message=lambda version, cleaned: (
                _("Versie %(n)s ligt klaar om te ondertekenen.") % {"n": version.number}
            ),
        ),
        "sign": Action(
            service=services.deal_sign, arguments=_signature, message=gettext_lazy("Ondertekend.")
        ),
        "knelpunt": Action(
            service=services.knelpunt_report,
            form=forms.KnelpuntForm,
            arguments=_for_partner,
            message=gettext_lazy("Het knelpunt is gemeld."),
        ),
        "kickoff": Action(
            service=services.deal_kickoff_plan,
            form=forms.DealKickOffForm,
            message=gettext_lazy("De kick-off is gepland."),
        ),
    }

    def get_object(self):
        return _deal_or_404(self.request.user, self.kwargs["pk"], detail=True)

    def get_form_kwargs(self, action):
        return {"deal": self.object} if action.form is forms.TaskForm else {}

    def invalid_form_text(self, form) -> str:
        # Each error after the label of its field, as the deal page has always said it.
        return " ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )


class VersionDiffView(TemplateView):
    template_name = "deals/version_diff.html"

    def get_context_data(self, **kwargs):
        deal = _deal_or_404(self.request.user, self.kwargs["pk"], detail=True)
        versions = {v.number: v for v in deal.versions.all()}
        try:
            a = versions[int(self.request.GET.get("a", 0))]
            b = versions[int(self.request.GET.get("b", 0))]
        except (KeyError, ValueError) as exc:
            raise Http404(_("Kies twee bestaande versies.")) from exc
        return super().get_context_data(
            deal=deal, a=a, b=b, changes=services.plan_diff(a.snapshot, b.snapshot), **kwargs
        )


class CheckInView(LoginRequiredMixin, ServiceFormView):
    template_name = "deals/checkin.html"
    form_class = forms.CheckInForm
    success_message = gettext_lazy("Dank u! Uw check-in is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.deal = _deal_or_404(request.user, kwargs["pk"], detail=True)
            self.partners = [
                p for p in selectors.partner_actions(actor=request.user, deal=self.deal) if p.signs
            ]
            if not self.partners:
                raise PermissionDenied(_("Alleen partners van de deal vullen een check-in in."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "results": list(self.deal.results.all())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(deal=self.deal, partners=self.partners, **kwargs)

    def call(self, data):
        partner = next(
            (p for p in self.partners if str(p.pk) == self.request.POST.get("partner")), None
        )
        if partner is None and len(self.partners) == 1:
            partner = self.partners[0]
        if partner is None:
            raise ApplicationError(_("Kies namens welke partner u de check-in invult."))
        return services.checkin_submit(
            actor=self.request.user,
            partner=partner,
            status=data["status"],
            note=data["note"],
            values=forms.checkin_values(data),
        )

    def get_success_url(self, obj=None) -> str:
        return self.deal.get_absolute_url()


class KnelpuntListView(LoginRequiredMixin, TemplateView):
    template_name = "deals/knelpunt_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        knelpunten = selectors.knelpunt_list(actor=user)
        status = self.request.GET.get("status")
        if status:
            knelpunten = knelpunten.filter(status=status)
        return super().get_context_data(
            knelpunten=knelpunten[:200], note_form=forms.NoteForm(), **kwargs
        )


class KnelpuntMoveView(LoginRequiredMixin, ServiceActionView):
    """The steps of a knelpunt, from the list of knelpunten."""

    object_argument = "knelpunt"
    _moved = gettext_lazy("De status van het knelpunt is bijgewerkt.")
    actions = {
        "take-up": Action(service=services.knelpunt_take_up, form=forms.NoteForm, message=_moved),
        "resolve": Action(service=services.knelpunt_resolve, form=forms.NoteForm, message=_moved),
        "forward": Action(service=services.knelpunt_forward, form=forms.NoteForm, message=_moved),
    }

    def get_object(self):
        knelpunt = selectors.knelpunt_list(actor=self.request.user).filter(pk=self.kwargs["pk"])
        knelpunt = knelpunt.first()
        if knelpunt is None:
            raise Http404
        return knelpunt

    def get_success_url(self) -> str:
        return local_next(self.request, reverse("deals:knelpunt-list"))


class DealThemeListView(ServiceCallMixin, TemplateView):
    template_name = "deals/theme_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            deal_themes=selectors.deal_theme_list(actor=self.request.user),
            theme_form=forms.DealThemeForm(),
            comment_form=forms.CommentForm(),
            **kwargs,
        )

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            if "deal_theme" in request.POST:
                deal_theme = (
                    selectors.deal_theme_list(actor=request.user)
                    .filter(pk=request.POST["deal_theme"])
                    .first()
                )
                if deal_theme is None:
                    raise Http404
                services.deal_theme_comment_create(
                    actor=request.user, deal_theme=deal_theme, body=request.POST.get("body", "")
                )
                messages.success(request, _("Uw reactie is geplaatst."))
            else:
                form = forms.DealThemeForm(request.POST)
                if not form.is_valid():
                    messages.error(request, _("Vul thema, prioriteit en begindatum in."))
                else:
                    services.deal_theme_set(actor=request.user, **form.cleaned_data)
                    messages.success(request, _("Het thema is vastgesteld."))
        except self.refusals as exc:
            self.refuse(exc)
        return redirect("deals:theme-list")


class DealTemplateView(LoginRequiredMixin, ServiceCallMixin, TemplateView):
    """Netwerkmanagers configure which elements a deal proposal holds."""

    template_name = "deals/template.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            elements=selectors.deal_template_elements(include_inactive=True),
            form=forms.TemplateElementForm(),
            **kwargs,
        )

    def post(self, request):
        form = forms.TemplateElementForm(request.POST)
        element = None
        if request.POST.get("element"):
            element = next(
                (
                    e
                    for e in selectors.deal_template_elements(include_inactive=True)
                    if str(e.pk) == request.POST["element"]
                ),
                None,
            )
        if not form.is_valid():
            messages.error(request, _("Geef het onderdeel een naam en een volgorde."))
        else:
            try:
                services.deal_template_element_save(
                    actor=request.user, element=element, **form.cleaned_data
                )
            except self.refusals as exc:
                self.refuse(exc)
            else:
                messages.success(request, _("De opzet is bijgewerkt."))
        return redirect("deals:template")


class KickOffView(LoginRequiredMixin, ServiceFormView):
    template_name = "deals/kickoff.html"
    form_class = forms.KickOffForm
    success_message = gettext_lazy("De gezamenlijke kick-off is gepland.")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            candidates=selectors.kickoff_candidates(actor=user),
            moments=selectors.kickoff_moment_list(actor=user)[:10],
            **kwargs,
        )

    def call(self, data):
        return services.kickoff_moment_schedule(actor=self.request.user, **data)

    def get_success_url(self, obj=None) -> str:
        return reverse("deals:kickoff")


class WorkspaceView(LoginRequiredMixin, TemplateView):
    template_name = "deals/workspace.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm("deals.use_workspace"):
            raise PermissionDenied(_("De werkplaats is voor netwerkmanagers."))
        return super().get_context_data(
            rows=selectors.workspace_matches(actor=self.request.user), **kwargs
        )


# --- Intake (provisional) ---------------------------------------------------------------------


class IntakeListView(LoginRequiredMixin, ServiceFormView):
    template_name = "deals/intake_list.html"
    form_class = forms.IntakeForm
    success_message = gettext_lazy("Uw idee of verzoek is ingediend.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": atlas_selectors.organisations_of(actor=self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intakes=selectors.intake_list(actor=self.request.user)[:100], **kwargs
        )

    def call(self, data):
        return services.intake_submit(actor=self.request.user, **data)


class IntakeDetailView(LoginRequiredMixin, ServiceCallMixin, TemplateView):
    template_name = "deals/intake_detail.html"

    def _intake(self):
        try:
            return selectors.intake_detail(actor=self.request.user, pk=self.kwargs["pk"])
        except ObjectDoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intake=self._intake(), form=forms.IntakeActionForm(), **kwargs
        )

    def post(self, request, pk):
        intake = self._intake()
        form = forms.IntakeActionForm(request.POST)
        form.is_valid()
        d = form.cleaned_data
        action = request.POST.get("action")
        try:
            if action == "triage":
                services.intake_triage(actor=request.user, intake=intake, note=d.get("note", ""))
            elif action == "involve":
                services.intake_involve(
                    actor=request.user,
                    intake=intake,
                    kind=d.get("kind", ""),
                    name=d.get("name", ""),
                )
            elif action == "commit":
                services.intake_commitment_record(
                    actor=request.user, intake=intake, who=d.get("who", ""), what=d.get("what", "")
                )
            elif action == "convert":
                deal = services.intake_convert_to_deal(actor=request.user, intake=intake)
                messages.success(request, _("Er is een deal gestart."))
                return redirect(deal)
            elif action == "refer":
                services.intake_refer(
                    actor=request.user,
                    intake=intake,
                    instrument=d.get("instrument", ""),
                    note=d.get("note", ""),
                )
            else:
                raise Http404
        except self.refusals as exc:
            self.refuse(exc)
        else:
            messages.success(request, _("De intake is bijgewerkt."))
        return redirect(intake)
