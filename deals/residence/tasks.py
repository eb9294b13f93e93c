from celery import shared_task

from . import services


@shared_task(name="residence.tasks.handbrake_notify", max_retries=3, default_retry_delay=60)
def handbrake_notify(handbrake_id: int) -> int:
    """Enqueued on commit when the handbrake is pulled: every partner hears it at once."""
    return services.handbrake_notify_send(handbrake_id=handbrake_id)


@shared_task(name="residence.tasks.action_reminders_send", max_retries=3, default_retry_delay=60)
def action_reminders_send() -> int:
    """Scheduled by beat daily: owners of agreed actions that are (nearly) due."""
    return services.action_reminders_send()


@shared_task(name="residence.tasks.meeting_reminders_send", max_retries=3, default_retry_delay=60)
def meeting_reminders_send() -> int:
    """Scheduled by beat daily: the next evaluation meeting, and planning one at the agreed rhythm."""
    return services.meeting_reminders_send()
