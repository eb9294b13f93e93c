from celery import shared_task

from . import services


@shared_task(name="atlas.tasks.radar_digest_send", max_retries=3, default_retry_delay=60)
def radar_digest_send(frequency: str = "wekelijks") -> int:
    """Scheduled by beat (daily and weekly): mail each saved search its new matches."""
    return services.radar_digest_send(frequency=frequency)
