"""Query pieces shared by the core's selectors and filters (below both in the rooms)."""

from django.db.models import Q


def record_filter(*, target_type: str | None = None, target_id: str | None = None) -> Q:
    """The events of one record and of its parts (a deal's tasks, a round's criteria)."""
    if target_type and target_id:
        return Q(target_type=target_type, target_id=target_id) | Q(
            scope_type=target_type, scope_id=target_id
        )
    if target_type:
        return Q(target_type=target_type)
    if target_id:
        return Q(target_id=target_id)
    return Q()
