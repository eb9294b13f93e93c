import pytest
from django.core.management import call_command
from django.urls import reverse

from reisgids.demo.schouw_data import DEAL_TITLE, DEMO_GUEST_TOKEN
from schouw.models import SchouwRound

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_finished_roffabriek_schouw_and_one_in_progress_once(client):
    call_command("seed_demo")
    call_command("seed_demo")
    rounds = SchouwRound.objects.filter(deal__title=DEAL_TITLE).order_by("starts_on")
    assert [r.status for r in rounds] == ["afgerond", "open_schouw"]
    done, running = rounds
    assert done.report_summary and done.published_at is not None
    assert done.lessons.filter(for_wide_audience=True).count() == 2
    assert (
        running.participants.filter(kind="ervaringsdeskundige", consent_at__isnull=True).count()
        == 1
    )
    public = client.get(reverse("schouw:public-report", kwargs={"pk": done.pk})).content.decode()
    assert "Eén vast aanspreekpunt" in public
    response = client.get(
        reverse("schouw:guest-enter", kwargs={"token": DEMO_GUEST_TOKEN}), follow=True
    )
    assert "Welkom, Samira" in response.content.decode()
