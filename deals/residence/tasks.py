"""Thin Celery tasks: they take ids and call a service. Each is safe to run twice and retries a
bounded number of times on transient errors (see ``reisgids.celery``)."""

from celery import shared_task

from reisgids.celery import MAIL_RETRY_OPTIONS

from . import services


@shared_task(name="residence.tasks.handbrake_notify", **MAIL_RETRY_OPTIONS)
def handbrake_notify(handbrake_id: int) -> int:
    """Enqueued on commit when the handbrake is pulled: every partner hears it at once, once."""
    return services.handbrake_notify_send(handbrake_id=handbrake_id)


@shared_task(name="residence.tasks.action_reminders_send", **MAIL_RETRY_OPTIONS)
def action_reminders_send() -> int:
    """Scheduled by beat daily: owners of agreed actions that are (nearly) due."""
    return services.action_reminders_send()


@shared_task(name="residence.tasks.meeting_reminders_send", **MAIL_RETRY_OPTIONS)
def meeting_reminders_send() -> int:
    """Scheduled by beat daily: the next evaluation meeting, and planning one at the agreed rhythm."""
    return services.meeting_reminders_send()
