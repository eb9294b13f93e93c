"""The audit trail page: who did what to which record, for beheerders (and, for one record, for
whoever that record's app lets read its trail)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django_filters.views import FilterView

from . import selectors
from .errors import NotAllowed
from .filters import AuditEventFilter


class AuditEventListView(LoginRequiredMixin, FilterView):
    template_name = "core/audit_list.html"
    filterset_class = AuditEventFilter
    paginate_by = 50

    def get_queryset(self):
        try:
            return selectors.audit_events_for(
                actor=self.request.user,
                target_type=self.request.GET.get("type") or None,
                target_id=self.request.GET.get("id") or None,
            )
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc

    def get_context_data(self, **kwargs):
        target = None
        if self.request.GET.get("type") and self.request.GET.get("id"):
            target = selectors.audit_target(
                target_type=self.request.GET["type"], target_id=self.request.GET["id"]
            )
        return super().get_context_data(
            target=target,
            target_kind=target._meta.verbose_name if target is not None else "",
            full_trail=self.request.user.has_perm("core.view_audit"),
            **kwargs,
        )
