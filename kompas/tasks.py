"""Thin Celery tasks: they take ids and call a service. Beat schedules them (see settings)."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    name="kompas.tasks.edition_draft", max_retries=2, default_retry_delay=30, autoretry_for=(OperationalError,)
)
def edition_draft(run_id: int) -> int | None:
    """A draft started by hand; the page polls the run."""
    run = services.edition_draft(run_id=run_id)
    return run.edition_id


@shared_task(
    name="kompas.tasks.edition_draft_scheduled",
    max_retries=2,
    default_retry_delay=60,
    autoretry_for=(OperationalError,),
)
def edition_draft_scheduled() -> int | None:
    """Beat: draft the next edition when it is due, or refresh the open concept."""
    run = services.edition_draft(scheduled=True)
    return run.edition_id


@shared_task(
    name="kompas.tasks.feedback_notify", max_retries=3, default_retry_delay=60, autoretry_for=(OperationalError,)
)
def feedback_notify(edition_id: int) -> int:
    return services.feedback_notify(edition_id=edition_id)


@shared_task(
    name="kompas.tasks.monitoring_reminders_send",
    max_retries=3,
    default_retry_delay=60,
    autoretry_for=(OperationalError,),
)
def monitoring_reminders_send() -> int:
    return services.monitoring_reminders_send()
