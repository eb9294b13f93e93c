import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from reisgids.core.actions import Action
from reisgids.core.errors import ApplicationError

from .. import selectors, services
from ..filters import ContactPointFilter, InstrumentFilter, NetworkFilter, OrganisationFilter
from ..forms import (
    ChangeProposalForm,
    MembershipDecisionForm,
    MembershipRequestForm,
    OrganisationForm,
    OrganisationMergeForm,
    SavedSearchForm,
)
from ..models import Instrument, Network, Organisation
from .base import ActionView, ServiceFormView


class OrganisationListView(FilterView):
    """The list and the map side by side; the list is the accessible alternative to the map."""

    template_name = "atlas/organisation_list.html"
    filterset_class = OrganisationFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.organisation_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            query=query.urlencode(),
            map_tile_url=settings.REISGIDS["MAP_TILE_URL"],
            map_tile_attribution=settings.REISGIDS["MAP_TILE_ATTRIBUTION"],
            saved_search_form=SavedSearchForm(initial={"query": query.urlencode()}),
            **kwargs,
        )


class ContactPointListView(FilterView):
    template_name = "atlas/contactpoint_list.html"
    filterset_class = ContactPointFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.contact_point_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_contact_details=self.request.user.has_perm("atlas.view_contact_details"), **kwargs
        )


class InstrumentListView(FilterView):
    template_name = "atlas/instrument_list.html"
    filterset_class = InstrumentFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.instrument_list(actor=self.request.user)


class InstrumentDetailView(DetailView):
    template_name = "atlas/instrument_detail.html"
    context_object_name = "instrument"

    def get_object(self, queryset=None):
        try:
            return selectors.instrument_get(actor=self.request.user, slug=self.kwargs["slug"])
        except Instrument.DoesNotExist as exc:
            raise Http404(_("Dit instrument staat niet in de atlas.")) from exc


class NetworkListView(FilterView):
    template_name = "atlas/network_list.html"
    filterset_class = NetworkFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.network_list(actor=self.request.user)


class NetworkDetailView(DetailView):
    template_name = "atlas/network_detail.html"
    context_object_name = "network"

    def get_object(self, queryset=None):
        try:
            return selectors.network_get(actor=self.request.user, slug=self.kwargs["slug"])
        except Network.DoesNotExist as exc:
            raise Http404(_("Dit netwerk staat niet in de atlas.")) from exc


class AtlasSearchView(TemplateView):
    """One search over organisations, contact points, instruments and networks."""

    template_name = "atlas/search.html"

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "")
        return super().get_context_data(
            q=q, results=selectors.atlas_search(actor=self.request.user, q=q, limit=40), **kwargs
        )


class CsvExportView(View):
    """The filtered list as CSV: the same FilterSet as the page and the API."""

    filterset_class = None
    filename = "atlas.csv"

    def rows(self, queryset):  # pragma: no cover - overridden
        raise NotImplementedError

    def get(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset())
        if not filterset.is_valid():
            return HttpResponse(
                _("Dit filter is niet geldig."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        for row in self.rows(filterset.qs):
            writer.writerow(row)
        return response


class OrganisationCsvView(CsvExportView):
    filterset_class = OrganisationFilter
    filename = "organisaties.csv"

    def get_queryset(self):
        return selectors.organisation_list(actor=self.request.user)

    def rows(self, queryset):
        yield [
            "slug",
            "naam",
            "soort",
            "website",
            "stadsbreed",
            "gebieden",
            "themas",
            "geverifieerd",
            "gezocht",
            "aangeboden",
        ]
        for org in queryset:
            yield [
                org.slug,
                org.name,
                org.get_type_display(),
                org.website,
                "ja" if org.citywide else "nee",
                ", ".join(a.name for a in org.areas.all()),
                ", ".join(t.name for t in org.themes.all()),
                "ja" if org.is_verified else "nee",
                org.looking_for,
                org.offering,
            ]


class ContactPointCsvView(CsvExportView):
    filterset_class = ContactPointFilter
    filename = "aanspreekpunten.csv"

    def get_queryset(self):
        return selectors.contact_point_list(actor=self.request.user)

    def rows(self, queryset):
        personal = self.request.user.has_perm("atlas.view_contact_details")
        yield [
            "naam",
            "functie",
            "onderwerp",
            "organisatie",
            "bereikbaar",
            "e-mail",
            "telefoon",
            "themas",
            "gebieden",
        ]
        for cp in queryset:
            yield [
                cp.name,
                cp.function,
                cp.topic,
                cp.organisation.name,
                cp.how_to_reach,
                cp.email if personal else "",
                cp.phone if personal else "",
                ", ".join(t.name for t in cp.themes.all()),
                ", ".join(a.name for a in cp.areas.all()),
            ]


class InstrumentCsvView(CsvExportView):
    filterset_class = InstrumentFilter
    filename = "instrumenten.csv"

    def get_queryset(self):
        return selectors.instrument_list(actor=self.request.user)

    def rows(self, queryset):
        yield [
            "naam",
            "waarvoor",
            "voor_wie",
            "budget",
            "aanvragen",
            "verstrekt_door",
            "themas",
            "link",
        ]
        for ins in queryset:
            yield [
                ins.name,
                ins.purpose,
                ins.eligibility,
                ins.budget,
                ins.how_to_apply,
                ins.owner.name if ins.owner else "",
                ", ".join(t.name for t in ins.themes.all()),
                ins.url,
            ]


class OrganisationDetailView(DetailView):
    template_name = "atlas/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        try:
            return selectors.organisation_get(actor=self.request.user, slug=self.kwargs["slug"])
        except Organisation.DoesNotExist as exc:
            raise Http404(_("Deze organisatie staat niet (meer) in de atlas.")) from exc

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisation = self.object
        own = None
        if user.is_authenticated:
            own = selectors.memberships_of(actor=user).filter(organisation=organisation).first()
        return super().get_context_data(
            own_membership=own,
            membership_form=kwargs.get("membership_form") or MembershipRequestForm(),
            can_edit=user.has_perm("atlas.manage_organisation", organisation),
            can_propose=user.has_perm("atlas.propose_organisation_change", organisation),
            can_curate=user.has_perm("atlas.verify_organisation"),
            show_contact_details=user.has_perm("atlas.view_contact_details"),
            history=selectors.organisation_history(actor=user, organisation=organisation)[:50],
            proposals=selectors.change_proposals_to_decide(actor=user, organisation=organisation),
            merge_candidates=selectors.merge_candidates(actor=user, organisation=organisation),
            merge_form=OrganisationMergeForm(),
            **kwargs,
        )


def _editable(request, slug) -> Organisation:
    try:
        return selectors.organisation_for_edit(actor=request.user, slug=slug)
    except Organisation.DoesNotExist as exc:
        raise Http404(_("Deze organisatie bestaat niet of u mag haar niet wijzigen.")) from exc


class OrganisationUpdateView(ServiceFormView):
    template_name = "atlas/organisation_form.html"
    form_class = OrganisationForm
    success_message = gettext_lazy("Het profiel is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = _editable(request, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": selectors.organisation_for_edit(
                actor=self.request.user, slug=self.organisation.slug
            ),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def get_success_url(self, obj=None):
        return self.organisation.get_absolute_url()

    def call(self, data):
        return services.organisation_update(
            actor=self.request.user, organisation=self.organisation, data=data
        )


class OrganisationProposeView(ServiceFormView):
    template_name = "atlas/organisation_propose.html"
    form_class = ChangeProposalForm
    success_message = gettext_lazy("Uw voorstel is verstuurd naar de beheerder van de organisatie.")

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(
            selectors.organisation_list(actor=request.user), slug=kwargs["slug"]
        )
        if request.user.is_authenticated and not request.user.has_perm(
            "atlas.propose_organisation_change", self.organisation
        ):
            raise PermissionDenied(
                _("Alleen leden van deze organisatie kunnen een wijziging voorstellen.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {name: getattr(self.organisation, name) for name in services.PROPOSABLE_FIELDS}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def get_success_url(self, obj=None):
        return self.organisation.get_absolute_url()

    def call(self, data):
        note = data.pop("note")
        return services.organisation_change_propose(
            actor=self.request.user, organisation=self.organisation, changes=data, note=note
        )


class ChangeProposalDecideView(ActionView):
    object_argument = "proposal"
    action_field = "decision"
    default_action = "reject"
    actions = {
        "accept": Action(
            service=services.change_proposal_accept,
            message=gettext_lazy("Het voorstel is overgenomen."),
        ),
        "reject": Action(
            service=services.change_proposal_reject,
            message=gettext_lazy("Het voorstel is afgewezen."),
        ),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.change_proposals_to_decide(actor=self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self):
        return self.object.organisation.get_absolute_url()


class OrganisationVerifyView(ActionView):
    actions = {
        "verify": Action(
            service=services.organisation_verify,
            message=gettext_lazy("De verificatie is bijgewerkt."),
            arguments=lambda view, cleaned: {
                "organisation": view.object,
                "verified": view.request.POST.get("verified") != "false",
            },
        ),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.organisation_list(actor=self.request.user), slug=self.kwargs["slug"]
        )


def _merge(*, actor, duplicate, keep):
    """organisation_merge, answering with both organisations for the message."""
    return duplicate, services.organisation_merge(actor=actor, duplicate=duplicate, keep=keep)


class OrganisationMergeView(ActionView):
    object_argument = "duplicate"
    actions = {
        "merge": Action(
            service=_merge,
            form=OrganisationMergeForm,
            message=lambda merged, cleaned: (
                _("%(dup)s is samengevoegd met %(keep)s.") % {"dup": merged[0], "keep": merged[1]}
            ),
        ),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.organisation_list(actor=self.request.user), slug=self.kwargs["slug"]
        )

    def invalid_form_text(self, form):
        return _("Kies de organisatie die blijft bestaan.")

    def get_success_url(self):
        """The organisation that stays once merged; the duplicate itself otherwise."""
        self.object.refresh_from_db(fields=["merged_into"])
        return (self.object.merged_into or self.object).get_absolute_url()


class SavedSearchListView(LoginRequiredMixin, TemplateView):
    """Mijn radar: saved searches, each with its matches."""

    template_name = "atlas/savedsearch_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            saved_searches=selectors.saved_searches_of(actor=self.request.user), **kwargs
        )


class SavedSearchCreateView(LoginRequiredMixin, View):
    def post(self, request):
        form = SavedSearchForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Geef de zoekopdracht een naam."))
            return redirect(
                reverse("atlas:organisation-list") + "?" + request.POST.get("query", "")
            )
        try:
            services.saved_search_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("atlas:organisation-list")
        messages.success(request, _("De zoekopdracht staat op uw radar."))
        return redirect("atlas:radar")


class SavedSearchDeleteView(ActionView):
    object_argument = "saved_search"
    actions = {
        "delete": Action(
            service=services.saved_search_delete,
            message=gettext_lazy("De zoekopdracht is van uw radar gehaald."),
        ),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.saved_searches_of(actor=self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self):
        return reverse("atlas:radar")


class MembershipRequestView(ActionView):
    object_argument = "organisation"
    actions = {
        "request": Action(
            service=services.membership_request,
            form=MembershipRequestForm,
            message=lambda membership, cleaned: (
                _("Uw aanvraag is verstuurd. De beheerder van %(org)s besluit erover.")
                % {"org": membership.organisation}
            ),
        ),
    }

    def get_object(self):
        return get_object_or_404(
            selectors.organisation_list(actor=self.request.user), slug=self.kwargs["slug"]
        )

    def invalid_form_text(self, form):
        return _("De toelichting is te lang.")


class MembershipListView(LoginRequiredMixin, TemplateView):
    """Own memberships and the requests this person may decide on."""

    template_name = "atlas/membership_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            memberships=selectors.memberships_of(actor=user),
            to_decide=selectors.membership_requests_to_decide(actor=user),
            decision_form=MembershipDecisionForm(),
            **kwargs,
        )


class MembershipView(ActionView):
    """A decision on a membership, from the list of memberships and back to it."""

    object_argument = "membership"

    def get_object(self):
        return get_object_or_404(
            selectors.memberships_visible_to(actor=self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self):
        return reverse("atlas:membership-list")


class MembershipDecideView(MembershipView):
    action_field = "decision"
    default_action = "reject"
    actions = {
        "approve": Action(
            service=services.membership_approve,
            form=MembershipDecisionForm,
            arguments=lambda view, cleaned: {
                "membership": view.object,
                "role": cleaned["role"],
                "note": cleaned["note"],
            },
            message=lambda membership, cleaned: (
                _("%(user)s is nu lid van %(org)s.")
                % {"user": membership.user, "org": membership.organisation}
            ),
        ),
        "reject": Action(
            service=services.membership_reject,
            form=MembershipDecisionForm,
            arguments=lambda view, cleaned: {"membership": view.object, "note": cleaned["note"]},
            message=lambda membership, cleaned: (
                _("De aanvraag van %(user)s is afgewezen.") % {"user": membership.user}
            ),
        ),
    }

    def invalid_form_text(self, form):
        return _("Kies goedkeuren of afwijzen.")


class MembershipEndView(MembershipView):
    actions = {
        "end": Action(
            service=services.membership_end,
            message=gettext_lazy("Het lidmaatschap is beëindigd."),
        ),
    }
