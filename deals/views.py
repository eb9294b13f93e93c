from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from atlas import selectors as atlas_selectors
from atlas.models import Organisation
from reisgids.core.errors import ApplicationError, error_text

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


class DealCreateView(LoginRequiredMixin, FormView):
    template_name = "deals/deal_form.html"
    form_class = forms.DealForm

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

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            deal = services.deal_create(
                actor=self.request.user,
                title=data["title"],
                summary=data["summary"],
                aanjager_organisation=data["organisation"],
                themes=data["themes"],
                areas=data["areas"],
                citywide=data["citywide"],
                proposal=form.proposal(),
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("De deal is gestart. Nodig nu partners uit."))
        return redirect(deal)


class DealEditView(LoginRequiredMixin, FormView):
    template_name = "deals/deal_form.html"
    form_class = forms.DealForm

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

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.deal_update(
                actor=self.request.user,
                deal=self.deal,
                title=data["title"],
                summary=data["summary"],
                citywide=data["citywide"],
                themes=data["themes"],
                areas=data["areas"],
                proposal=form.proposal(),
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("De deal is bijgewerkt."))
        return redirect(self.deal)


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
            reason_form=forms.ReasonForm(auto_id="reason-%s"),
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


def _local_next(request, fallback: str) -> str:
    """The page to return to after a POST: the posted ``next`` when it is on this site, else ``fallback``."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


class DealActionView(LoginRequiredMixin, View):
    """Every POST on a deal page: one service per action; refusals come back as a message."""

    def post(self, request, pk, action):
        deal = _deal_or_404(request.user, pk, detail=True)
        handler = getattr(self, f"do_{action.replace('-', '_')}", None)
        if handler is None:
            raise Http404
        try:
            message = handler(request, deal, request.POST)
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        except ObjectDoesNotExist:
            messages.error(request, _("Dit onderdeel bestaat niet (meer)."))
        else:
            if message:
                messages.success(request, message)
        return redirect(_local_next(request, deal.get_absolute_url()))

    def _form(self, form_class, data, **kwargs):
        form = form_class(data, **kwargs)
        if not form.is_valid():
            raise ApplicationError(
                " ".join(
                    f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                    for f, e in form.errors.items()
                )
            )
        return form.cleaned_data

    def _partner(self, deal, data):
        try:
            pk = int(data.get("partner", ""))
        except ValueError as exc:
            raise ApplicationError(_("Kies een partij.")) from exc
        partner = next((p for p in deal.partners.all() if p.pk == pk), None)
        if partner is None:
            raise ApplicationError(_("Deze partij doet niet mee aan deze deal."))
        return partner

    def do_idea(self, request, deal, data):
        services.deal_idea_start(actor=request.user, deal=deal)
        return _("De partners werken nu samen het idee uit.")

    def do_toetsing(self, request, deal, data):
        services.deal_toetsing_start(actor=request.user, deal=deal, method=data.get("method", ""))
        return _("De toetsing is gestart.")

    def do_toetsing_record(self, request, deal, data):
        d = self._form(forms.ToetsingForm, data)
        services.deal_toetsing_record(actor=request.user, deal=deal, **d)
        return _("De toetsing is vastgelegd.")

    def do_skip(self, request, deal, data):
        services.deal_toetsing_skip(actor=request.user, deal=deal, reason=data.get("reason", ""))
        return _("De toetsing is overgeslagen; de deal is in de planning.")

    def do_planning(self, request, deal, data):
        services.deal_planning_start(actor=request.user, deal=deal)
        return _("De partners maken nu samen het plan.")

    def do_start(self, request, deal, data):
        services.deal_start(actor=request.user, deal=deal)
        return _("De deal loopt.")

    def do_finish(self, request, deal, data):
        services.deal_finish(
            actor=request.user,
            deal=deal,
            note=data.get("reason", ""),
            follow_up_title=data.get("follow_up_title", ""),
        )
        return _("De deal is afgerond.")

    def do_stop(self, request, deal, data):
        services.deal_stop(actor=request.user, deal=deal, reason=data.get("reason", ""))
        return _("De deal is gestopt.")

    def do_pause(self, request, deal, data):
        services.deal_pause(actor=request.user, deal=deal, reason=data.get("reason", ""))
        return _("De deal is gepauzeerd.")

    def do_resume(self, request, deal, data):
        services.deal_resume(actor=request.user, deal=deal)
        return _("De deal gaat weer verder.")

    def do_invite(self, request, deal, data):
        d = self._form(forms.InviteForm, data)
        services.deal_partner_invite(actor=request.user, deal=deal, **d)
        return _("%(org)s is uitgenodigd.") % {"org": d["organisation"]}

    def do_accept(self, request, deal, data):
        services.deal_partner_accept(actor=request.user, partner=self._partner(deal, data))
        return _("U doet mee aan deze deal.")

    def do_decline(self, request, deal, data):
        services.deal_partner_decline(actor=request.user, partner=self._partner(deal, data))
        return _("U heeft de uitnodiging afgewezen.")

    def do_contribution(self, request, deal, data):
        d = self._form(forms.ContributionForm, data)
        services.contribution_create(actor=request.user, partner=self._partner(deal, data), **d)
        return _("Uw inbreng is toegevoegd.")

    def do_task(self, request, deal, data):
        d = self._form(forms.TaskForm, data, deal=deal)
        services.task_create(actor=request.user, deal=deal, **d)
        return _("De taak is toegevoegd.")

    def do_result(self, request, deal, data):
        d = self._form(forms.ResultForm, data)
        services.result_create(actor=request.user, deal=deal, **d)
        return _("Het beoogde resultaat is toegevoegd.")

    def do_agreement(self, request, deal, data):
        d = self._form(forms.AgreementForm, data)
        services.agreement_create(actor=request.user, deal=deal, **d)
        return _("De procesafspraak is toegevoegd.")

    def do_milestone(self, request, deal, data):
        d = self._form(forms.MilestoneForm, data)
        services.milestone_create(actor=request.user, deal=deal, **d)
        return _("De mijlpaal is toegevoegd.")

    def do_version(self, request, deal, data):
        version = services.plan_version_create(
            actor=request.user, deal=deal, change_note=data.get("change_note", "")
        )
        return _("Versie %(n)s ligt klaar om te ondertekenen.") % {"n": version.number}

    def do_sign(self, request, deal, data):
        version = data.get("version")
        services.deal_sign(
            actor=request.user,
            deal=deal,
            partner=self._partner(deal, data),
            version_number=int(version) if version and version.isdigit() else None,
        )
        return _("Ondertekend.")

    def do_knelpunt(self, request, deal, data):
        d = self._form(forms.KnelpuntForm, data)
        services.knelpunt_report(actor=request.user, partner=self._partner(deal, data), **d)
        return _("Het knelpunt is gemeld.")

    def do_kickoff(self, request, deal, data):
        d = self._form(forms.KickOffForm, {**data.dict(), "title": deal.title})
        services.deal_kickoff_plan(
            actor=request.user, deal=deal, starts_at=d["starts_at"], location=d["location"]
        )
        return _("De kick-off is gepland.")


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


class CheckInView(LoginRequiredMixin, FormView):
    template_name = "deals/checkin.html"
    form_class = forms.CheckInForm

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

    def form_valid(self, form):
        partner = next(
            (p for p in self.partners if str(p.pk) == self.request.POST.get("partner")), None
        )
        if partner is None and len(self.partners) == 1:
            partner = self.partners[0]
        if partner is None:
            form.add_error(None, _("Kies namens welke partner u de check-in invult."))
            return self.form_invalid(form)
        try:
            services.checkin_submit(
                actor=self.request.user,
                partner=partner,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                values=form.values(),
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Dank u! Uw check-in is opgeslagen."))
        return redirect(self.deal)


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


class KnelpuntMoveView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        knelpunt = selectors.knelpunt_list(actor=request.user).filter(pk=pk).first()
        if knelpunt is None:
            raise Http404
        service = {
            "take-up": services.knelpunt_take_up,
            "resolve": services.knelpunt_resolve,
            "forward": services.knelpunt_forward,
        }.get(action)
        if service is None:
            raise Http404
        try:
            service(actor=request.user, knelpunt=knelpunt, note=request.POST.get("note", ""))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De status van het knelpunt is bijgewerkt."))
        return redirect(_local_next(request, reverse("deals:knelpunt-list")))


class DealThemeListView(TemplateView):
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
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("deals:theme-list")


class DealTemplateView(LoginRequiredMixin, TemplateView):
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
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("De opzet is bijgewerkt."))
        return redirect("deals:template")


class KickOffView(LoginRequiredMixin, FormView):
    template_name = "deals/kickoff.html"
    form_class = forms.KickOffForm

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            candidates=selectors.kickoff_candidates(actor=user),
            moments=selectors.kickoff_moment_list(actor=user)[:10],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.kickoff_moment_schedule(actor=self.request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De gezamenlijke kick-off is gepland."))
        return redirect("deals:kickoff")


class WorkspaceView(LoginRequiredMixin, TemplateView):
    template_name = "deals/workspace.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm("deals.use_workspace"):
            raise PermissionDenied(_("De werkplaats is voor netwerkmanagers."))
        return super().get_context_data(
            rows=selectors.workspace_matches(actor=self.request.user), **kwargs
        )


# --- Intake (provisional) ---------------------------------------------------------------------


class IntakeListView(LoginRequiredMixin, FormView):
    template_name = "deals/intake_list.html"
    form_class = forms.IntakeForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": atlas_selectors.organisations_of(actor=self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intakes=selectors.intake_list(actor=self.request.user)[:100], **kwargs
        )

    def form_valid(self, form):
        try:
            intake = services.intake_submit(actor=self.request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, error_text(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Uw idee of verzoek is ingediend."))
        return redirect(intake)


class IntakeDetailView(LoginRequiredMixin, TemplateView):
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
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("De intake is bijgewerkt."))
        return redirect(intake)
