import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from atlas import services, tasks
from atlas.models import DigestPreference, Follow, Notification
from reisgids.core.errors import ApplicationError, NotAllowed
from tests.atlas.factories import (
    AreaFactory,
    DigestPreferenceFactory,
    FollowFactory,
    ListingFactory,
    NotificationFactory,
    ThemeFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def test_follow_and_unfollow(outsider, organisation):
    follow = services.follow_create(actor=outsider, organisation=organisation)
    assert services.follow_create(actor=outsider, organisation=organisation) == follow
    with pytest.raises(ApplicationError):
        services.follow_create(actor=outsider)
    with pytest.raises(ApplicationError):
        services.follow_create(actor=outsider, organisation=organisation, theme=ThemeFactory())
    with pytest.raises(NotAllowed):
        services.follow_create(actor=AnonymousUser(), theme=ThemeFactory())
    with pytest.raises(NotAllowed):
        services.follow_delete(actor=FollowFactory().user, follow=follow)
    services.follow_delete(actor=outsider, follow=follow)
    assert not Follow.objects.filter(user=outsider).exists()


def test_no_surprise_follows_and_no_mail_by_default(member, organisation):
    ListingFactory(organisation=organisation, posted_by=member)
    assert not Follow.objects.exists()
    assert not DigestPreference.objects.exists()


def test_followers_of_a_gebied_hear_about_its_wijken(outsider, member, organisation):
    gebied = AreaFactory()
    wijk = WijkFactory(parent=gebied)
    services.follow_create(actor=outsider, area=gebied)
    listing = services.listing_create(
        actor=member,
        organisation=organisation,
        kind="aanbod",
        category="ruimte",
        title="Zaal",
        description="Vrij",
        expires_on=timezone.localdate(),
        areas=[wijk],
    )
    assert Notification.objects.filter(user=outsider, key=f"listing-{listing.pk}").count() == 1


def test_digest_task_mails_only_who_opted_in(outsider, member):
    pref = DigestPreferenceFactory(
        user=outsider, last_sent_at=timezone.now() - datetime.timedelta(days=2)
    )
    NotificationFactory(user=outsider, text="Nieuwe les: begin klein")
    NotificationFactory(user=member, text="Voor iemand zonder e-mail")
    assert tasks.notification_digest_send("dagelijks") == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [outsider.email]
    assert "Nieuwe les: begin klein" in mail.outbox[0].body
    # Idempotent: a second run in the same period sends nothing, and nothing is mailed twice.
    assert tasks.notification_digest_send("dagelijks") == 0
    assert tasks.notification_digest_send("wekelijks") == 0
    pref.refresh_from_db()
    assert Notification.objects.filter(user=outsider, emailed_at__isnull=True).count() == 0
    services.notification_digest_send(
        frequency="dagelijks", now=timezone.now() + datetime.timedelta(days=1)
    )
    assert len(mail.outbox) == 1  # nothing new to send


def test_choosing_a_digest_through_the_page(client, outsider):
    client.force_login(outsider)
    client.post(reverse("atlas:follow-list"), {"frequency": "wekelijks"})
    assert DigestPreference.objects.get(user=outsider).frequency == "wekelijks"
    bad = client.post(reverse("atlas:follow-list"), {"frequency": "elk-uur"})
    assert bad.status_code == 400
    with pytest.raises(ApplicationError):
        services.digest_preference_set(actor=outsider, frequency="elk-uur")


def test_follow_through_the_page_and_read_notifications(client, outsider, organisation):
    client.force_login(outsider)
    client.post(
        reverse("atlas:follow-toggle", args=["organisation", organisation.slug]),
        {"next": "https://evil.example/"},
    )
    assert Follow.objects.filter(user=outsider, organisation=organisation).exists()
    assert organisation.name in client.get(reverse("atlas:follow-list")).content.decode()
    client.post(reverse("atlas:follow-toggle", args=["organisation", organisation.slug]))
    assert not Follow.objects.filter(user=outsider).exists()
    assert client.post(reverse("atlas:follow-toggle", args=["iets", "x"])).status_code == 404
    NotificationFactory(user=outsider, text="Iets nieuws")
    NotificationFactory(text="Van een ander")
    html = client.get(reverse("atlas:notification-list")).content.decode()
    assert "Iets nieuws" in html and "Van een ander" not in html
    client.post(reverse("atlas:notification-list"))
    assert not Notification.objects.filter(user=outsider, read_at__isnull=True).exists()


def test_notification_page_query_count(client, outsider, django_assert_max_num_queries):
    for _ in range(30):
        NotificationFactory(user=outsider)
    client.force_login(outsider)
    with django_assert_max_num_queries(6):
        client.get(reverse("atlas:notification-list"))
