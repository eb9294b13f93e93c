"""Gremia, the proposals on their agendas, and the decisions taken there."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state

from ..models import (
    AgendaItem,
    Gremium,
    Proposal,
)
from ..workflow import EDITION
from ._common import S, _clean, _lock_item


@transaction.atomic
def gremium_save(
    *, actor, name: str, kind: str, position: int = 0, is_active: bool = True, gremium=None
) -> Gremium:
    require(
        actor,
        "kompas.manage_gremia",
        None,
        _("Alleen een bestuurder of beheerder beheert de gremia."),
    )
    gremium = lock(gremium) if gremium else Gremium()
    gremium.name = (name or "").strip()
    gremium.kind = kind
    gremium.position = position
    gremium.is_active = is_active
    _clean(gremium)
    gremium.save()
    audit_record(actor=actor, action="kompas_gremium_save", target=gremium)
    return gremium


@transaction.atomic
def agenda_item_create(
    *, actor, proposal: Proposal, gremium: Gremium, date: datetime.date
) -> AgendaItem:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    edition = lock(proposal.edition)
    require(
        actor,
        "kompas.manage_agenda",
        edition,
        _("Alleen een ambtenaar of bestuurder zet voorstellen op de agenda."),
    )
    require_state(edition, [S.CONSULTATIE, S.GEAGENDEERD], EDITION.refused(edition))
    if gremium is None or not gremium.is_active:
        raise ApplicationError(_("Kies een gremium."))
    item = AgendaItem(proposal=proposal, gremium=gremium, date=date)
    _clean(item)
    item.save()
    audit_record(actor=actor, action="kompas_agenda_item_create", target=item)
    return item


@transaction.atomic
def decision_record(
    *,
    actor,
    agenda_item: AgendaItem,
    outcome: str,
    reasons: str,
    actions: str = "",
    monitor_indicator: str = "",
    monitor_who: str = "",
    monitor_owner=None,
    monitor_due: datetime.date | None = None,
) -> AgendaItem:
    """The outcome of a proposal in a gremium, with reasons; an accepted one needs a monitoring plan."""
    item, edition = _lock_item(agenda_item)
    require(
        actor,
        "kompas.record_decision",
        edition,
        _("Alleen een ambtenaar of bestuurder legt besluiten vast."),
    )
    require_state(edition, [S.GEAGENDEERD], EDITION.refused(edition))
    if outcome not in AgendaItem.Outcome.values:
        raise ApplicationError(
            _("Kies een besluit: aangenomen, aangepast, afgewezen of aangehouden.")
        )
    if not (reasons or "").strip():
        raise ApplicationError(
            _("Geef de motivering van het besluit; ook een afwijzing wordt teruggekoppeld.")
        )
    if outcome in AgendaItem.ACCEPTED and not (
        (monitor_indicator or "").strip() and (monitor_who or "").strip() and monitor_due
    ):
        raise ApplicationError(
            _("Een aangenomen voorstel krijgt een monitoringplan: indicator, wie en wanneer.")
        )
    item.outcome = outcome
    item.reasons = reasons.strip()
    item.actions = (actions or "").strip()
    item.monitor_indicator = (monitor_indicator or "").strip()
    item.monitor_who = (monitor_who or "").strip()
    item.monitor_owner = monitor_owner
    item.monitor_due = monitor_due if outcome in AgendaItem.ACCEPTED else None
    item.decided_at = timezone.now()
    item.recorded_by = actor
    _clean(item)
    item.save()
    audit_record(
        actor=actor, action="kompas_decision_record", target=item, changes={"outcome": outcome}
    )
    return item
