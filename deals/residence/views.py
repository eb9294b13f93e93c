from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from deals.models import DealPartner
from reisgids.core.errors import ApplicationError, error_text, form_errors_text

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


class ResidencyCreateView(LoginRequiredMixin, FormView):
    template_name = "residence/residency_form.html"
    form_class = ResidencyForm

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

    def form_valid(self, form):
        data = form.cleaned_data
        by_pk = {p.pk: p for p in self.partners}
        person = selectors.person_by_email(email=data["person_email"])
        if person is None:
            form.add_error("person_email", _("Er is geen account met dit e-mailadres."))
            return self.form_invalid(form)
        try:
            residency = services.residency_propose(
                actor=self.request.user,
                deal=self.deal,
                person=person,
                sending_partner=by_pk.get(int(data["sending_partner"])),
                host_partner=by_pk.get(int(data["host_partner"])),
                start_date=data["start_date"],
                end_date=data["end_date"],
                hours_per_week=data["hours_per_week"],
                functions=data["functions"],
                tasks=data["tasks"],
                learning_questions=data["learning_questions"],
                meeting_rhythm_weeks=data["meeting_rhythm_weeks"],
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Voorgesteld. De zendende en de ontvangende partner bevestigen nog.")
        )
        return redirect(residency.get_absolute_url())


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
            **kwargs,
        )


class ResidencyPostView(LoginRequiredMixin, View):
    """A form posted from the residency page: validate, call one service, say what happened."""

    form_class = None
    success_message = ""

    def form_kwargs(self, residency) -> dict:
        return {}

    def perform(self, residency, data):
        raise NotImplementedError

    def post(self, request, pk, **kwargs):
        residency = _residency(request, pk)
        self.kwargs = kwargs
        form = (
            self.form_class(request.POST, **self.form_kwargs(residency))
            if self.form_class
            else None
        )
        if form is not None and not form.is_valid():
            errors = form_errors_text(form)
            messages.error(request, _("Dit is niet gelukt: %(e)s") % {"e": errors})
            return redirect(residency.get_absolute_url())
        try:
            self.perform(residency, form.cleaned_data if form is not None else {})
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, self.success_message)
        return redirect(residency.get_absolute_url())

    def _pick(self, queryset, pk):
        return get_object_or_404(queryset, pk=pk)


class ResidencyConfirmView(ResidencyPostView):
    success_message = _("Uw bevestiging is vastgelegd.")

    def perform(self, residency, data):
        services.residency_confirm(actor=self.request.user, residency=residency)


class ResidencyEndView(ResidencyPostView):
    success_message = _("De partner in residence is afgerond.")

    def perform(self, residency, data):
        services.residency_end(actor=self.request.user, residency=residency)


class LogEntryCreateView(ResidencyPostView):
    form_class = LogEntryForm
    success_message = _("In het logboek gezet.")

    def perform(self, residency, data):
        services.log_entry_create(actor=self.request.user, residency=residency, **data)


class MeetingCreateView(ResidencyPostView):
    form_class = MeetingForm
    success_message = _("Het evaluatiemoment is gepland.")

    def perform(self, residency, data):
        services.meeting_plan(actor=self.request.user, residency=residency, **data)


class MeetingRecordView(ResidencyPostView):
    form_class = MeetingNotesForm
    success_message = _("Het verslag is vastgelegd.")

    def perform(self, residency, data):
        meeting = self._pick(
            selectors.meetings_of(actor=self.request.user, residency=residency), self.kwargs["mpk"]
        )
        services.meeting_record(actor=self.request.user, meeting=meeting, notes=data["notes"])


class ActionCreateView(ResidencyPostView):
    success_message = _("De actie is afgesproken.")
    form_class = ActionForm

    def form_kwargs(self, residency):
        return {"owners": selectors.action_owner_choices(residency=residency)}

    def perform(self, residency, data):
        user = self.request.user
        meeting = self._pick(
            selectors.meetings_of(actor=user, residency=residency), self.kwargs["mpk"]
        )
        owner = next(
            u
            for u in selectors.action_owner_choices(residency=residency)
            if str(u.pk) == data["owner"]
        )
        services.action_create(
            actor=user,
            meeting=meeting,
            description=data["description"],
            owner=owner,
            due_date=data["due_date"],
        )


class ActionDoneView(ResidencyPostView):
    success_message = _("De actie is klaar.")

    def perform(self, residency, data):
        action = self._pick(
            selectors.actions_of(actor=self.request.user, residency=residency), self.kwargs["apk"]
        )
        services.action_mark_done(actor=self.request.user, action=action)


class SignalRaiseView(ResidencyPostView):
    form_class = SignalForm
    success_message = _("Het signaal staat bij alle partners.")

    def perform(self, residency, data):
        services.signal_raise(actor=self.request.user, residency=residency, **data)


class SignalRespondView(ResidencyPostView):
    form_class = SignalResponseForm
    success_message = _("Uw reactie is vastgelegd.")

    def form_kwargs(self, residency):
        return {
            "partners": selectors.partners_of_actor(actor=self.request.user, deal=residency.deal)
        }

    def perform(self, residency, data):
        user = self.request.user
        signal = self._pick(
            selectors.signals_of(actor=user, residency=residency), self.kwargs["spk"]
        )
        partner = next(
            p
            for p in selectors.partners_of_actor(actor=user, deal=residency.deal)
            if str(p.pk) == data["partner"]
        )
        services.signal_respond(
            actor=user,
            signal=signal,
            partner=partner,
            text=data["text"],
            closure=data["closure"] or "",
        )


class SignalCloseView(ResidencyPostView):
    form_class = SignalCloseForm
    success_message = _("Het signaal is samen afgesloten.")

    def perform(self, residency, data):
        signal = self._pick(
            selectors.signals_of(actor=self.request.user, residency=residency), self.kwargs["spk"]
        )
        services.signal_close(actor=self.request.user, signal=signal, outcome=data["outcome"])


class SignalRegisterView(ResidencyPostView):
    form_class = SignalRegisterForm
    success_message = _("Het signaal staat in het knelpuntenregister van de deal.")

    def perform(self, residency, data):
        signal = self._pick(
            selectors.signals_of(actor=self.request.user, residency=residency), self.kwargs["spk"]
        )
        services.signal_to_register(actor=self.request.user, signal=signal, effect=data["effect"])


class HandbrakePullView(ResidencyPostView):
    form_class = HandbrakeForm
    success_message = _("De deal is gepauzeerd. Alle partners krijgen nu een e-mail.")

    def perform(self, residency, data):
        services.handbrake_pull(actor=self.request.user, residency=residency, reason=data["reason"])


class HandbrakeAgreeView(ResidencyPostView):
    form_class = AgreeForm
    success_message = _("Uw akkoord is vastgelegd.")

    def form_kwargs(self, residency):
        return {
            "partners": selectors.partners_of_actor(actor=self.request.user, deal=residency.deal)
        }

    def perform(self, residency, data):
        user = self.request.user
        handbrake = self._pick(
            selectors.handbrakes_of(actor=user, residency=residency), self.kwargs["hpk"]
        )
        partner = next(
            p
            for p in selectors.partners_of_actor(actor=user, deal=residency.deal)
            if str(p.pk) == data["partner"]
        )
        services.handbrake_agree(
            actor=user, handbrake=handbrake, partner=partner, note=data["note"]
        )


class HandbrakeMeetingView(ResidencyPostView):
    form_class = AgreeInMeetingForm
    success_message = _("Het besluit van het overleg is vastgelegd.")

    def form_kwargs(self, residency):
        meetings = selectors.meetings_of(actor=self.request.user, residency=residency).filter(
            status=Meeting.Status.GEHOUDEN
        )
        return {"meetings": meetings}

    def perform(self, residency, data):
        user = self.request.user
        handbrake = self._pick(
            selectors.handbrakes_of(actor=user, residency=residency), self.kwargs["hpk"]
        )
        meeting = self._pick(
            selectors.meetings_of(actor=user, residency=residency), data["meeting"]
        )
        services.handbrake_agree_in_meeting(actor=user, handbrake=handbrake, meeting=meeting)


class HandbrakeReleaseView(ResidencyPostView):
    success_message = _("De deal gaat weer verder.")

    def perform(self, residency, data):
        handbrake = self._pick(
            selectors.handbrakes_of(actor=self.request.user, residency=residency),
            self.kwargs["hpk"],
        )
        services.handbrake_release(actor=self.request.user, handbrake=handbrake)


class SideActivityCreateView(ResidencyPostView):
    form_class = SideActivityForm
    success_message = _("De nevenactiviteit staat erop.")

    def perform(self, residency, data):
        services.side_activity_create(actor=self.request.user, residency=residency, **data)


class ReflectionWriteView(ResidencyPostView):
    form_class = ReflectionForm
    success_message = _("Uw reflectie is bewaard.")

    def perform(self, residency, data):
        services.reflection_write(actor=self.request.user, residency=residency, **data)


class ReflectionProposeView(ResidencyPostView):
    success_message = _(
        "Uw reflectie is als les voorgesteld aan de kennisbank. Een contentbeheerder kijkt ernaar."
    )

    def perform(self, residency, data):
        reflection = self._pick(
            selectors.reflections_of(actor=self.request.user, residency=residency),
            self.kwargs["rpk"],
        )
        services.reflection_propose_as_lesson(actor=self.request.user, reflection=reflection)


class OpeningCreateView(LoginRequiredMixin, View):
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
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Uw oproep staat erop."))
        return redirect("residence:residency-list")


class OpeningCloseView(LoginRequiredMixin, View):
    def post(self, request, pk):
        opening = get_object_or_404(selectors.opening_list(actor=request.user), pk=pk)
        try:
            services.opening_close(actor=request.user, opening=opening)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De oproep is gesloten."))
        return redirect("residence:residency-list")
