from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from deals.models import DealPartner
from reisgids.core.actions import Action, local_next
from reisgids.core.errors import form_errors_text
from reisgids.core.views import ServiceActionView, ServiceCallMixin, ServiceFormView

from . import selectors, services
from .forms import (
    ActionForm,
    AgreeForm,
    AgreeInMeetingForm,
    HandbrakeForm,
    LogEntryForm,
    MeetingForm,
    MeetingNotesForm,
    OpeningForm,
    ReflectionForm,
    ResidencyForm,
    SideActivityForm,
    SignalCloseForm,
    SignalForm,
    SignalRegisterForm,
    SignalResponseForm,
)
from .models import Meeting, Residency


def _residency(request, pk) -> Residency:
    try:
        return selectors.residency_detail(actor=request.user, pk=pk)
    except Residency.DoesNotExist as exc:
        raise Http404(_("Deze partner in residence bestaat niet of u mag hem niet zien.")) from exc


def deal_url(deal) -> str | None:
    """The deal's page, once the deals app serves one."""
    try:
        return reverse("deals:deal-detail", kwargs={"pk": deal.pk})
    except NoReverseMatch:
        return None


class ResidencyListView(LoginRequiredMixin, TemplateView):
    """My residencies, and the openings: partner in residence gezocht and aangeboden."""

    template_name = "residence/residency_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisations = list(selectors.organisations_for_openings(actor=user))
        return super().get_context_data(
            residencies=selectors.residency_list(actor=user),
            openings=selectors.opening_list(actor=user),
            opening_form=OpeningForm(organisations=organisations) if organisations else None,
            deals=selectors.residency_deal_choices(actor=user),
            **kwargs,
        )


class ResidencyCreateView(LoginRequiredMixin, ServiceFormView):
    template_name = "residence/residency_form.html"
    form_class = ResidencyForm
    success_message = _("Voorgesteld. De zendende en de ontvangende partner bevestigen nog.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.deal = selectors.residency_deal_choices(actor=request.user).get(
                pk=kwargs["deal_pk"]
            )
        except ObjectDoesNotExist as exc:
            raise Http404(_("Deze deal bestaat niet of u doet er niet aan mee.")) from exc
        self.partners = [
            p for p in self.deal.partners.all() if p.status == DealPartner.Status.GEACCEPTEERD
        ]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partners": self.partners}

    def get_initial(self):
        return {"person_email": self.request.user.email, "meeting_rhythm_weeks": 6}

    def get_context_data(self, **kwargs):
        return super().get_context_data(deal=self.deal, **kwargs)

    def call(self, data):
        person = selectors.person_by_email(email=data.pop("person_email"))
        if person is None:
            raise ValidationError({"person_email": _("Er is geen account met dit e-mailadres.")})
        by_pk = {p.pk: p for p in self.partners}
        return services.residency_propose(
            actor=self.request.user,
            deal=self.deal,
            person=person,
            sending_partner=by_pk.get(int(data.pop("sending_partner"))),
            host_partner=by_pk.get(int(data.pop("host_partner"))),
            **data,
        )


class ResidencyDetailView(LoginRequiredMixin, TemplateView):
    template_name = "residence/residency_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        residency = _residency(self.request, self.kwargs["pk"])
        may = {
            name: user.has_perm(f"residence.{name}", residency)
            for name in (
                "view_work",
                "confirm_as_sender",
                "confirm_as_host",
                "write_logbook",
                "plan_meeting",
                "raise_signal",
                "pull_handbrake",
                "organise_activity",
                "reflect",
                "end_residency",
            )
        }
        own_partners = selectors.partners_of_actor(actor=user, deal=residency.deal)
        meetings = list(selectors.meetings_of(actor=user, residency=residency))
        handbrakes = list(selectors.handbrakes_of(actor=user, residency=residency))
        for handbrake in handbrakes:
            agreed = {a.partner_id for a in handbrake.agreements.all()}
            handbrake.waiting_for = [
                p for p in selectors.responding_partners(deal=residency.deal) if p.pk not in agreed
            ]
        owners = selectors.action_owner_choices(residency=residency) if may["view_work"] else []
        return super().get_context_data(
            residency=residency,
            deal_url=deal_url(residency.deal),
            may=may,
            may_resume=user.has_perm("deals.manage_deal", residency.deal),
            own_partners=own_partners,
            responding_partners=selectors.responding_partners(deal=residency.deal),
            log_entries=selectors.log_entries_of(actor=user, residency=residency),
            meetings=meetings,
            held_meetings=[m for m in meetings if m.status == Meeting.Status.GEHOUDEN],
            signals=selectors.signals_of(actor=user, residency=residency),
            handbrakes=handbrakes,
            side_activities=selectors.side_activities_with_agenda(actor=user, residency=residency),
            reflections=selectors.reflections_of(actor=user, residency=residency),
            # One page holds all these forms: each gets its own ids, so every label finds its field.
            log_form=LogEntryForm(initial={"date": None}, auto_id="log-%s"),
            meeting_form=MeetingForm(auto_id="meeting-%s"),
            notes_form=MeetingNotesForm(auto_id="notes-%s"),
            action_form=ActionForm(owners=owners, auto_id="action-%s"),
            signal_form=SignalForm(auto_id="signal-%s"),
            response_form=SignalResponseForm(partners=own_partners, auto_id="response-%s"),
            register_form=SignalRegisterForm(auto_id="register-%s"),
            handbrake_form=HandbrakeForm(auto_id="handbrake-%s"),
            agree_form=AgreeForm(partners=own_partners, auto_id="agree-%s"),
            side_activity_form=SideActivityForm(auto_id="activity-%s"),
            reflection_form=ReflectionForm(auto_id="reflection-%s"),
            # What an action asks first (none yet), for the buttons: slug with "_" for "-".
            confirms={
                slug.replace("-", "_"): action.confirm
                for slug, action in ResidencyActionView.actions.items()
            },
            **kwargs,
        )


def _pick(view, selector, pk):
    """One item of the residency that the person may see (a meeting, a signal, ...), or a 404."""
    return get_object_or_404(selector(actor=view.request.user, residency=view.object), pk=pk)


def _item(argument, selector, url_kwarg):
    """Arguments for a service on one item of the residency that the URL names by its pk."""

    def arguments(view, cleaned):
        return {argument: _pick(view, selector, view.kwargs[url_kwarg]), **cleaned}

    return arguments


def _own_partner(view, pk):
    partners = selectors.partners_of_actor(actor=view.request.user, deal=view.object.deal)
    return next(p for p in partners if str(p.pk) == pk)


def _action_create_arguments(view, cleaned):
    owners = selectors.action_owner_choices(residency=view.object)
    return {
        "meeting": _pick(view, selectors.meetings_of, view.kwargs["mpk"]),
        "description": cleaned["description"],
        "owner": next(u for u in owners if str(u.pk) == cleaned["owner"]),
        "due_date": cleaned["due_date"],
    }


def _signal_respond_arguments(view, cleaned):
    return {
        "signal": _pick(view, selectors.signals_of, view.kwargs["spk"]),
        "partner": _own_partner(view, cleaned["partner"]),
        "text": cleaned["text"],
        "closure": cleaned["closure"] or "",
    }


def _handbrake_agree_arguments(view, cleaned):
    return {
        "handbrake": _pick(view, selectors.handbrakes_of, view.kwargs["hpk"]),
        "partner": _own_partner(view, cleaned["partner"]),
        "note": cleaned["note"],
    }


def _handbrake_meeting_arguments(view, cleaned):
    return {
        "handbrake": _pick(view, selectors.handbrakes_of, view.kwargs["hpk"]),
        "meeting": _pick(view, selectors.meetings_of, cleaned["meeting"]),
    }


class ResidencyActionView(LoginRequiredMixin, ServiceActionView):
    """Every form posted from the residency page: the URL names the action, the table says which
    service it calls and what the person is told."""

    object_argument = "residency"
    actions = {
        "confirm": Action(
            service=services.residency_confirm, message=_("Uw bevestiging is vastgelegd.")
        ),
        "end": Action(
            service=services.residency_end, message=_("De partner in residence is afgerond.")
        ),
        "log": Action(
            service=services.log_entry_create, form=LogEntryForm, message=_("In het logboek gezet.")
        ),
        "meeting-plan": Action(
            service=services.meeting_plan,
            form=MeetingForm,
            message=_("Het evaluatiemoment is gepland."),
        ),
        "meeting-record": Action(
            service=services.meeting_record,
            form=MeetingNotesForm,
            arguments=_item("meeting", selectors.meetings_of, "mpk"),
            message=_("Het verslag is vastgelegd."),
        ),
        "action-create": Action(
            service=services.action_create,
            form=ActionForm,
            arguments=_action_create_arguments,
            message=_("De actie is afgesproken."),
        ),
        "action-done": Action(
            service=services.action_mark_done,
            arguments=_item("action", selectors.actions_of, "apk"),
            message=_("De actie is klaar."),
        ),
        "signal-raise": Action(
            service=services.signal_raise,
            form=SignalForm,
            message=_("Het signaal staat bij alle partners."),
        ),
        "signal-respond": Action(
            service=services.signal_respond,
            form=SignalResponseForm,
            arguments=_signal_respond_arguments,
            message=_("Uw reactie is vastgelegd."),
        ),
        "signal-close": Action(
            service=services.signal_close,
            form=SignalCloseForm,
            arguments=_item("signal", selectors.signals_of, "spk"),
            message=_("Het signaal is samen afgesloten."),
        ),
        "signal-register": Action(
            service=services.signal_to_register,
            form=SignalRegisterForm,
            arguments=_item("signal", selectors.signals_of, "spk"),
            message=_("Het signaal staat in het knelpuntenregister van de deal."),
        ),
        "handbrake-pull": Action(
            service=services.handbrake_pull,
            form=HandbrakeForm,
            message=_("De deal is gepauzeerd. Alle partners krijgen nu een e-mail."),
        ),
        "handbrake-agree": Action(
            service=services.handbrake_agree,
            form=AgreeForm,
            arguments=_handbrake_agree_arguments,
            message=_("Uw akkoord is vastgelegd."),
        ),
        "handbrake-meeting": Action(
            service=services.handbrake_agree_in_meeting,
            form=AgreeInMeetingForm,
            arguments=_handbrake_meeting_arguments,
            message=_("Het besluit van het overleg is vastgelegd."),
        ),
        "handbrake-release": Action(
            service=services.handbrake_release,
            arguments=_item("handbrake", selectors.handbrakes_of, "hpk"),
            message=_("De deal gaat weer verder."),
        ),
        "activity-create": Action(
            service=services.side_activity_create,
            form=SideActivityForm,
            message=_("De nevenactiviteit staat erop."),
        ),
        "reflection-write": Action(
            service=services.reflection_write,
            form=ReflectionForm,
            message=_("Uw reflectie is bewaard."),
        ),
        "reflection-propose": Action(
            service=services.reflection_propose_as_lesson,
            arguments=_item("reflection", selectors.reflections_of, "rpk"),
            message=_(
                "Uw reflectie is als les voorgesteld aan de kennisbank. "
                "Een contentbeheerder kijkt ernaar."
            ),
        ),
    }

    def get_object(self):
        return _residency(self.request, self.kwargs["pk"])

    def get_form_kwargs(self, action):
        user, residency = self.request.user, self.object
        if action.form is ActionForm:
            return {"owners": selectors.action_owner_choices(residency=residency)}
        if action.form in (SignalResponseForm, AgreeForm):
            return {"partners": selectors.partners_of_actor(actor=user, deal=residency.deal)}
        if action.form is AgreeInMeetingForm:
            held = selectors.meetings_of(actor=user, residency=residency).filter(
                status=Meeting.Status.GEHOUDEN
            )
            return {"meetings": held}
        return {}


class OpeningCreateView(LoginRequiredMixin, ServiceCallMixin, View):
    def post(self, request):
        organisations = list(selectors.organisations_for_openings(actor=request.user))
        form = OpeningForm(request.POST, organisations=organisations)
        if not form.is_valid():
            errors = form_errors_text(form)
            messages.error(request, _("Dit is niet gelukt: %(e)s") % {"e": errors})
            return redirect("residence:residency-list")
        data = form.cleaned_data
        organisation = next(o for o in organisations if str(o.pk) == data.pop("organisation"))
        try:
            services.opening_post(actor=request.user, organisation=organisation, **data)
        except self.refusals as exc:
            self.refuse(exc)
        else:
            messages.success(request, _("Uw oproep staat erop."))
        return redirect("residence:residency-list")


class OpeningActionView(LoginRequiredMixin, ServiceActionView):
    """Posted from the list page on one opening; back to the list afterwards."""

    object_argument = "opening"
    actions = {
        "close": Action(service=services.opening_close, message=_("De oproep is gesloten.")),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.opening_list(actor=self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self):
        return local_next(self.request, reverse("residence:residency-list"))
