"""Thin Celery tasks: they take ids and call a service. Beat schedules them (see settings). Each is
safe to run twice and retries a bounded number of times on transient errors (see ``reisgids.celery``)."""

from celery import shared_task

from reisgids.celery import MAIL_RETRY_OPTIONS, RETRY_OPTIONS

from . import services


@shared_task(name="kompas.tasks.edition_draft", **{**RETRY_OPTIONS, "max_retries": 2})
def edition_draft(run_id: int) -> int | None:
    """A draft started by hand; the page polls the run."""
    run = services.edition_draft(run_id=run_id)
    return run.edition_id


@shared_task(name="kompas.tasks.edition_draft_scheduled", **{**RETRY_OPTIONS, "max_retries": 2})
def edition_draft_scheduled() -> int | None:
    """Beat: draft the next edition when it is due, or refresh the open concept."""
    run = services.edition_draft(scheduled=True)
    return run.edition_id


@shared_task(name="kompas.tasks.feedback_notify", **MAIL_RETRY_OPTIONS)
def feedback_notify(edition_id: int) -> int:
    """Enqueued on commit when the terugkoppeling is published: once per cited address."""
    return services.feedback_notify(edition_id=edition_id)


@shared_task(name="kompas.tasks.monitoring_reminders_send", **MAIL_RETRY_OPTIONS)
def monitoring_reminders_send() -> int:
    """Scheduled by beat daily: the owner of each overdue measurement, once per due date."""
    return services.monitoring_reminders_send()
