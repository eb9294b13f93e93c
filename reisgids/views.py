"""Project-level pages that draw on several apps."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from atlas import selectors as atlas_selectors


class DashboardView(LoginRequiredMixin, TemplateView):
    """'Mijn reisgids': the logged-in person's organisations, requests and what waits on them."""

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            memberships=atlas_selectors.memberships_of(actor=user),
            to_decide=atlas_selectors.membership_requests_to_decide(actor=user),
            **kwargs,
        )
