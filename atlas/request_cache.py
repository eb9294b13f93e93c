"""The acting user's approved memberships, read once per request.

A page checks many permissions (per partner, per section, per form), and each check needs the
organisations the user is an approved member of. While a request runs they are read once and kept
for that request only; outside a request (services called directly, tasks, the shell) they are read
at every check. Saving or deleting any membership or organisation forgets what was kept, so a
request that changes memberships checks the next permission against the new state.
"""

from contextvars import ContextVar

_memberships: ContextVar[dict | None] = ContextVar("atlas_request_memberships", default=None)


def start(**kwargs):
    _memberships.set({})


def finish(**kwargs):
    _memberships.set(None)


def forget(**kwargs):
    kept = _memberships.get()
    if kept:
        kept.clear()


def approved_memberships(user) -> dict[int, tuple[str, bool]]:
    """Per organisation id where the user is an approved member: (role, organisation archived)."""
    from .models import Membership

    kept = _memberships.get()
    if kept is not None and user.pk in kept:
        return kept[user.pk]
    rows = {
        org_id: (role, archived)
        for org_id, role, archived in Membership.objects.filter(
            user_id=user.pk, status=Membership.Status.GOEDGEKEURD
        ).values_list("organisation_id", "role", "organisation__is_archived")
    }
    if kept is not None:
        kept[user.pk] = rows
    return rows
