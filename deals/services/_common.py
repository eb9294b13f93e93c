"""Helpers shared by the deal services."""

from django.utils.translation import gettext as _

from reisgids.core.errors import Conflict, NotAllowed

from ..models import Deal, DealEvent

EDITABLE = (*Deal.ACTIVE,)


def lock_deal(deal: Deal) -> Deal:
    """The deal, re-read under a row lock; every transition checks its source state on this copy."""
    return Deal.objects.select_for_update().get(pk=deal.pk)


def require(actor, perm: str, obj, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def require_status(deal: Deal, allowed, message: str | None = None) -> None:
    if deal.status not in allowed:
        raise Conflict(
            message
            or _("Dit kan niet in de stap ‘%(status)s’ van de deal.")
            % {"status": deal.get_status_display()}
        )


def require_editable(deal: Deal) -> None:
    require_status(
        deal,
        EDITABLE,
        _("De deal is %(status)s; het plan kan nu niet worden gewijzigd.")
        % {"status": deal.get_status_display().lower()},
    )


def timeline_add(*, deal: Deal, kind: str, text: str, actor=None, public: bool = True) -> DealEvent:
    return DealEvent.objects.create(
        deal=deal,
        kind=kind,
        text=str(text)[:300],
        actor=actor if actor is not None and actor.is_authenticated else None,
        is_public=public,
    )
