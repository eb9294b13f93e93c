import pytest
from django.core.management import call_command
from django.urls import reverse

from atlas.models import Event, Lesson, Listing, NewsItem, Story

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_network_pages_and_is_idempotent(client):
    call_command("seed_demo", verbosity=0)
    counts = [m.objects.count() for m in (NewsItem, Event, Listing, Story, Lesson)]
    call_command("seed_demo", verbosity=0)
    assert [m.objects.count() for m in (NewsItem, Event, Listing, Story, Lesson)] == counts
    assert all(n >= 2 for n in counts)
    assert set(Listing.objects.values_list("category", flat=True)) >= {
        "voucher",
        "businessplan",
        "onderaanneming",
    }
    assert Event.objects.filter(kind="training", topic="subsidie").exists()
    for name in ["news-list", "event-list", "listing-list", "story-list", "lesson-list"]:
        assert client.get(reverse(f"atlas:{name}")).status_code == 200
    assert (
        "Een vast aanspreekpunt versnelt de start"
        in client.get(reverse("atlas:lesson-list")).content.decode()
    )
