"""Thin Celery tasks: they take ids and call a service. Each is safe to run twice and retries a
bounded number of times on transient errors (see ``reisgids.celery``)."""

from celery import shared_task

from reisgids.celery import MAIL_RETRY_OPTIONS

from . import services


@shared_task(name="deals.tasks.checkin_reminders_send", **MAIL_RETRY_OPTIONS)
def checkin_reminders_send() -> int:
    """Scheduled by beat daily; each partner of a running deal is reminded once per period."""
    return services.checkin_reminders_send()
