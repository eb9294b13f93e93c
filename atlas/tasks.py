"""Thin Celery tasks: they take ids and call a service. Each is safe to run twice and retries a
bounded number of times on transient errors (see ``reisgids.celery``)."""

from celery import shared_task

from reisgids.celery import MAIL_RETRY_OPTIONS, RETRY_OPTIONS

from . import services
from .models import DigestPreference, SavedSearch


@shared_task(name="atlas.tasks.radar_digest_send", **MAIL_RETRY_OPTIONS)
def radar_digest_send(frequency: str = SavedSearch.Frequency.WEKELIJKS) -> int:
    """Scheduled by beat (daily and weekly): mail each saved search its new matches, once per period."""
    return services.radar_digest_send(frequency=frequency)


@shared_task(name="atlas.tasks.listings_expire", **RETRY_OPTIONS)
def listings_expire() -> int:
    """Scheduled by beat (daily): expired listings leave the public list of vraag en aanbod."""
    return services.listings_expire()


@shared_task(name="atlas.tasks.listing_response_mail_send", **MAIL_RETRY_OPTIONS)
def listing_response_mail_send(response_id: int) -> bool:
    """Enqueued on commit when someone responds to a listing: mail the poster (once)."""
    return services.listing_response_mail_send(response_id=response_id)


@shared_task(name="atlas.tasks.notification_digest_send", **MAIL_RETRY_OPTIONS)
def notification_digest_send(frequency: str = DigestPreference.Frequency.WEKELIJKS) -> int:
    """Scheduled by beat (daily and weekly): the opt-in e-mail with unread notifications, once per period."""
    return services.notification_digest_send(frequency=frequency)
