from celery import shared_task

from . import services


@shared_task(name="schouw.tasks.schouw_reminders_send", max_retries=3, default_retry_delay=60)
def schouw_reminders_send() -> int:
    """Scheduled by beat daily: partners of deals whose next schouw is due by their agreements."""
    return services.schouw_reminders_send()


@shared_task(name="schouw.tasks.lessons_kennisbank_deliver", max_retries=3, default_retry_delay=60)
def lessons_kennisbank_deliver() -> int:
    """Scheduled by beat daily: lessons still waiting for the kennisbank are proposed again."""
    return services.lessons_kennisbank_deliver()
