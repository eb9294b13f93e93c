from celery import shared_task

from . import services


@shared_task(name="atlas.tasks.radar_digest_send", max_retries=3, default_retry_delay=60)
def radar_digest_send(frequency: str = "wekelijks") -> int:
    """Scheduled by beat (daily and weekly): mail each saved search its new matches."""
    return services.radar_digest_send(frequency=frequency)


@shared_task(name="atlas.tasks.listings_expire", max_retries=3, default_retry_delay=60)
def listings_expire() -> int:
    """Scheduled by beat (daily): expired listings leave the public list of vraag en aanbod."""
    return services.listings_expire()


@shared_task(
    name="atlas.tasks.listing_response_mail_send", autoretry_for=(OSError,), max_retries=3, default_retry_delay=60
)
def listing_response_mail_send(response_id: int) -> bool:
    """Enqueued on commit when someone responds to a listing: mail the poster (once)."""
    return services.listing_response_mail_send(response_id=response_id)


@shared_task(name="atlas.tasks.notification_digest_send", max_retries=3, default_retry_delay=60)
def notification_digest_send(frequency: str = "wekelijks") -> int:
    """Scheduled by beat (daily and weekly): the opt-in e-mail with unread notifications."""
    return services.notification_digest_send(frequency=frequency)
