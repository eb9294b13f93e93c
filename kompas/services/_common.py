"""Private helpers the kompas services share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed

from ..models import (
    AgendaItem,
    Edition,
)

S = Edition.Status


def _require(actor, perm: str, obj, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def _clean(instance, *, constraints: bool = True) -> None:
    """full_clean with the messages of the first invalid field as one Dutch ApplicationError.
    ``constraints=False`` leaves a unique constraint to the database, where a concurrent insert
    fails as an IntegrityError the caller turns into a Conflict, instead of racing it here."""
    try:
        instance.full_clean(validate_constraints=constraints)
    except ValidationError as exc:
        messages = (
            [m for ms in exc.message_dict.values() for m in ms]
            if hasattr(exc, "error_dict")
            else exc.messages
        )
        raise ApplicationError(" ".join(messages)) from exc


def _lock(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _require_status(edition: Edition, allowed, message: str) -> None:
    if edition.status not in allowed:
        raise Conflict(message)


def _refused_step(edition: Edition) -> str:
    return _("Dit kan niet meer: de editie is %(status)s.") % {
        "status": edition.get_status_display().lower()
    }


def _lock_item(agenda_item: AgendaItem) -> tuple[AgendaItem, Edition]:
    """The agenda item and its edition, both locked, the edition first as its transitions do: a
    decision cannot change while the edition is adopted and frozen, nor slip in after it."""
    edition_id = (
        AgendaItem.objects.filter(pk=agenda_item.pk)
        .values_list("proposal__edition_id", flat=True)
        .get()
    )
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    return AgendaItem.objects.select_for_update().get(pk=agenda_item.pk), edition
