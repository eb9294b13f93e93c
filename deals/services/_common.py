"""Helpers shared by the deal services."""

from django.utils.translation import gettext as _

from reisgids.core.workflow import require_state

from ..models import Deal, DealEvent

EDITABLE = (*Deal.ACTIVE,)


def require_editable(deal: Deal) -> None:
    """Refuse unless the plan of the deal may change (the deal has not ended or paused)."""
    require_state(
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
