import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from atlas import tasks
from atlas.models import Listing
from tests.atlas.factories import ListingFactory
from tests.waiting import wait_until

from ..core.test_worker import worker_queue  # noqa: F401 - a real worker process as a fixture


def test_beat_schedules_the_expiry_and_both_digests():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["atlas-listings-expire"]["task"] == tasks.listings_expire.name
    assert schedule["atlas-notifications-daily"]["task"] == tasks.notification_digest_send.name
    assert schedule["atlas-notifications-daily"]["kwargs"] == {"frequency": "dagelijks"}
    assert schedule["atlas-notifications-weekly"]["kwargs"] == {"frequency": "wekelijks"}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_expiry_runs_in_a_real_worker(worker_queue):  # noqa: F811
    listing = ListingFactory(expires_on=timezone.localdate() - datetime.timedelta(days=2))
    tasks.listings_expire.apply_async(queue=worker_queue)
    wait_until(
        lambda: Listing.objects.get(pk=listing.pk).status == Listing.Status.VERLOPEN,
        "the worker to expire the listing",
    )
    listing.refresh_from_db()
    assert listing.status == Listing.Status.VERLOPEN
