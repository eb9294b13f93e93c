"""Thin Celery tasks: they take ids and call a service. Each is safe to run twice and retries a
bounded number of times on transient errors (see ``reisgids.celery``)."""

from celery import shared_task

from reisgids.celery import MAIL_RETRY_OPTIONS, RETRY_OPTIONS

from . import services


@shared_task(name="schouw.tasks.schouw_reminders_send", **MAIL_RETRY_OPTIONS)
def schouw_reminders_send() -> int:
    """Scheduled by beat daily: partners of deals whose next schouw is due by their agreements."""
    return services.schouw_reminders_send()


@shared_task(name="schouw.tasks.lessons_kennisbank_deliver", **RETRY_OPTIONS)
def lessons_kennisbank_deliver() -> int:
    """Scheduled by beat daily: lessons still waiting for the kennisbank are proposed again."""
    return services.lessons_kennisbank_deliver()


@shared_task(name="schouw.tasks.guest_data_expire", **RETRY_OPTIONS)
def guest_data_expire() -> int:
    """Scheduled by beat daily: guests of rounds finished longer ago than the retention period are anonymised."""
    from . import privacy

    return privacy.guest_data_expire()
