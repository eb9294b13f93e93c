"""Private helpers the kompas services share."""

from django.core.exceptions import ValidationError
from django.db import transaction

from reisgids.celery import app as celery_app
from reisgids.core.errors import ApplicationError

from ..models import (
    AgendaItem,
    Edition,
)

S = Edition.Status


def _enqueue(task_name: str, *args) -> None:
    """Hand a task to the worker once the transaction commits. The task is found by its name in
    the Celery app, so the services never import ``kompas.tasks`` (which imports them)."""

    def send():
        if task_name not in celery_app.tasks:
            celery_app.loader.import_default_modules()  # a web process loads the tasks on first use
        celery_app.tasks[task_name].delay(*args)

    transaction.on_commit(send)


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
