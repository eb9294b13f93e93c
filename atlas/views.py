from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from reisgids.core.errors import ApplicationError

from . import selectors, services
from .filters import OrganisationFilter
from .forms import MembershipDecisionForm, MembershipRequestForm
from .models import Organisation


class OrganisationListView(FilterView):
    template_name = "atlas/organisation_list.html"
    filterset_class = OrganisationFilter
    paginate_by = 25

    def get_queryset(self):
        return selectors.organisation_list(actor=self.request.user)


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
        own = None
        if user.is_authenticated:
            own = selectors.memberships_of(actor=user).filter(organisation=self.object).first()
        return super().get_context_data(
            own_membership=own,
            membership_form=kwargs.get("membership_form") or MembershipRequestForm(),
            **kwargs,
        )


class MembershipRequestView(LoginRequiredMixin, View):
    def post(self, request, slug):
        organisation = get_object_or_404(selectors.organisation_list(actor=request.user), slug=slug)
        form = MembershipRequestForm(request.POST)
        if form.is_valid():
            try:
                services.membership_request(
                    actor=request.user, organisation=organisation, motivation=form.cleaned_data["motivation"]
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Uw aanvraag is verstuurd. De beheerder van %(org)s besluit erover.") % {"org": organisation},
                )
        else:
            messages.error(request, _("De toelichting is te lang."))
        return redirect(organisation.get_absolute_url())


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


class MembershipDecideView(LoginRequiredMixin, View):
    def post(self, request, pk):
        membership = get_object_or_404(selectors.memberships_visible_to(actor=request.user), pk=pk)
        form = MembershipDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies goedkeuren of afwijzen."))
            return redirect("atlas:membership-list")
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.membership_approve(
                    actor=request.user, membership=membership, role=data["role"], note=data["note"]
                )
                messages.success(
                    request,
                    _("%(user)s is nu lid van %(org)s.") % {"user": membership.user, "org": membership.organisation},
                )
            else:
                services.membership_reject(actor=request.user, membership=membership, note=data["note"])
                messages.success(request, _("De aanvraag van %(user)s is afgewezen.") % {"user": membership.user})
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("atlas:membership-list")


class MembershipEndView(LoginRequiredMixin, View):
    def post(self, request, pk):
        membership = get_object_or_404(selectors.memberships_visible_to(actor=request.user), pk=pk)
        try:
            services.membership_end(actor=request.user, membership=membership)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het lidmaatschap is beëindigd."))
        return redirect("atlas:membership-list")
