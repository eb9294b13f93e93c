"""Monitoring of accepted proposals: the measurements and the reminders of overdue ones."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state

from .. import selectors
from ..models import (
    AgendaItem,
    Edition,
    MonitoringEntry,
)
from ._common import _clean, _lock_item


@transaction.atomic
def monitoring_entry_add(
    *,
    actor,
    agenda_item: AgendaItem,
    date: datetime.date,
    status: str,
    observation: str,
    next_due: datetime.date | None = None,
) -> MonitoringEntry:
    item, edition = _lock_item(agenda_item)
    require(actor, "kompas.add_monitoring", edition, _("Log in om een waarneming toe te voegen."))
    require_state(
        edition,
        Edition.MONITORABLE,
        _("Monitoring kan vanaf de vaststelling tot de editie gesloten is."),
    )
    if item.outcome not in AgendaItem.ACCEPTED:
        raise ApplicationError(_("Alleen aangenomen voorstellen worden gemonitord."))
    if next_due and next_due <= date:
        raise ApplicationError(_("De volgende meting ligt na de datum van deze meting."))
    entry = MonitoringEntry(
        agenda_item=item,
        date=date,
        status=status,
        observation=(observation or "").strip(),
        author=actor,
    )
    _clean(entry)
    entry.save()
    if next_due:
        item.monitor_due = next_due
        item.reminded_on = None
        item.save(update_fields=["monitor_due", "reminded_on", "updated_at"])
    audit_record(
        actor=actor, action="kompas_monitoring_add", target=entry, changes={"status": status}
    )
    return entry


def monitoring_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the owner of each overdue measurement once per due date. Idempotent."""
    today = today or timezone.localdate()
    sent = 0
    for item in selectors.monitoring_overdue(today=today):
        with transaction.atomic():
            locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
            if locked.reminded_on is not None and locked.reminded_on >= locked.monitor_due:
                continue
            person = item.monitor_owner or item.recorded_by
            if person is None or not person.email:
                continue
            send_mail(
                _("Monitoring achter: %(title)s") % {"title": item.proposal.title},
                _(
                    "De meting van '%(title)s' (%(indicator)s) was op %(due)s verwacht. "
                    "Voeg de waarneming toe op %(url)s."
                )
                % {
                    "title": item.proposal.title,
                    "indicator": item.monitor_indicator,
                    "due": item.monitor_due.strftime("%d-%m-%Y"),
                    "url": settings.SITE_URL + item.proposal.edition.get_absolute_url(),
                },
                None,
                [person.email],
            )
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on", "updated_at"])
            audit_record(actor=None, action="kompas_monitoring_reminder", target=locked)
            sent += 1
    return sent
