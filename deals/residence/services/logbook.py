"""The logbook of the partner in residence."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.services import audit_record
from reisgids.core.workflow import require

from ..models import LogEntry, Residency
from ._common import _clean_text


@transaction.atomic
def log_entry_create(
    *, actor, residency: Residency, text: str, kind: str = "observatie", date=None
) -> LogEntry:
    require(
        actor,
        "residence.write_logbook",
        residency,
        _(
            "Alleen de partner in residence schrijft in het logboek, zolang de residentie actief is."
        ),
    )
    entry = LogEntry(
        residency=residency,
        author=actor,
        kind=kind,
        date=date or timezone.localdate(),
        text=_clean_text(text),
    )
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action="log_entry_create", target=entry)
    return entry
