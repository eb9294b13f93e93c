from celery import shared_task

from . import services


@shared_task(name="deals.tasks.checkin_reminders_send", max_retries=3, default_retry_delay=60)
def checkin_reminders_send() -> int:
    """Scheduled by beat daily; each partner of a running deal is reminded once per period."""
    return services.checkin_reminders_send()
