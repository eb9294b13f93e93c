"""Pages: list with pinned query count, proposing, confirming, and the forms on the detail page."""

import datetime

import pytest
from django.utils import timezone

from atlas.models import Lesson
from deals.residence.models import Residency, Signal
from tests.residence.factories import (
    LogEntryFactory,
    MeetingFactory,
    OpeningFactory,
    ReflectionFactory,
    ResidencyFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db


def _active(world, **kwargs):
    kwargs.setdefault("person", world.person)
    return ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, **kwargs
    )


def test_list_page_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    client.force_login(world.initiative_admin)
    _active(world)
    OpeningFactory(organisation=world.municipality)
    with django_assert_max_num_queries(14):
        first = client.get("/partner-in-residence/")
    for _ in range(5):
        _active(world, person=world.initiative_admin)
        OpeningFactory(organisation=world.municipality)
    with django_assert_max_num_queries(14):
        response = client.get("/partner-in-residence/")
    assert response.status_code == first.status_code == 200
    html = response.content.decode()
    assert html.count("In naam van Aanschuiftafel") == 6
    assert "/atlas/vraag-en-aanbod/?category=partner_in_residence" in html
    assert 'href="/partner-in-residence/"' in html  # in the main navigation


def test_detail_page_query_count_is_fixed(world, client, django_assert_max_num_queries):
    residency = _active(world)
    client.force_login(world.person)
    for _ in range(2):
        LogEntryFactory(residency=residency)
        SignalFactory(residency=residency)
        MeetingFactory(residency=residency)
    with django_assert_max_num_queries(60) as first:
        client.get(residency.get_absolute_url())
    for _ in range(4):
        LogEntryFactory(residency=residency)
        SignalFactory(residency=residency)
        MeetingFactory(residency=residency)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(residency.get_absolute_url())
    html = response.content.decode()
    assert "Twintig jaar buurtwerk" in html  # the person's background
    assert "Signalerend, Bemiddelend" in html


def test_propose_and_confirm_through_the_pages(world, client):
    client.force_login(world.person)
    today = timezone.localdate()
    url = f"/partner-in-residence/nieuw/deal-{world.deal.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "person_email": world.person.email,
        "sending_partner": world.sending.pk,
        "host_partner": world.sending.pk,
        "start_date": today.isoformat(),
        "end_date": (today + datetime.timedelta(days=90)).isoformat(),
        "functions": ["signalerend", "coordinerend"],
        "meeting_rhythm_weeks": 4,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies een andere partner" in response.content.decode()
    response = client.post(url, {**data, "host_partner": world.host.pk})
    residency = Residency.objects.get()
    assert response.status_code == 302 and response["Location"] == residency.get_absolute_url()
    for admin in [world.initiative_admin, world.municipality_admin]:
        client.force_login(admin)
        client.post(f"/partner-in-residence/{residency.pk}/bevestigen/")
    residency.refresh_from_db()
    assert residency.status == "actief"
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_a_netwerkmanager_proposes_a_residency_for_a_deal_they_do_not_take_part_in(world, client):
    client.force_login(world.netwerkmanager)
    today = timezone.localdate()
    url = f"/partner-in-residence/nieuw/deal-{world.deal.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "person_email": world.person.email,
            "sending_partner": world.sending.pk,
            "host_partner": world.host.pk,
            "start_date": today.isoformat(),
            "end_date": (today + datetime.timedelta(days=90)).isoformat(),
            "functions": ["bemiddelend"],
            "meeting_rhythm_weeks": 6,
        },
    )
    residency = Residency.objects.get()
    assert response.status_code == 302 and response["Location"] == residency.get_absolute_url()
    assert residency.status == "voorgesteld" and residency.proposed_by == world.netwerkmanager


def test_signal_forms_and_refusal_shown_as_message(world, client):
    residency = _active(world)
    client.force_login(world.person)
    base = f"/partner-in-residence/{residency.pk}"
    client.post(f"{base}/signalen/", {"title": "Trage inkoop", "description": "Wachten"})
    signal = Signal.objects.get()
    client.post(
        f"{base}/signalen/{signal.pk}/reageren/",
        {"partner": world.sending.pk, "text": "Opgelost", "closure": "opgelost"},
    )
    response = client.post(
        f"{base}/signalen/{signal.pk}/afsluiten/", {"outcome": "opgelost"}, follow=True
    )
    assert "Een signaal sluit u samen af" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == "in_behandeling"


def test_handbrake_through_the_pages(
    world, client, eager_celery, django_capture_on_commit_callbacks, mailoutbox
):
    residency = _active(world)
    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/partner-in-residence/{residency.pk}/handrem/",
            {"reason": "Stil gevallen"},
            follow=True,
        )
    assert "Alle partners krijgen nu een e-mail" in response.content.decode()
    world.deal.refresh_from_db()
    assert world.deal.status == "gepauzeerd"
    assert len(mailoutbox) == 5
    response = client.post(
        f"/partner-in-residence/{residency.pk}/handrem/", {"reason": ""}, follow=True
    )
    assert "Dit is niet gelukt" in response.content.decode()


def test_opening_posted_from_the_list_page(world, client):
    client.force_login(world.municipality_admin)
    response = client.post(
        "/partner-in-residence/oproepen/",
        {
            "kind": "gezocht",
            "organisation": world.municipality.pk,
            "title": "Initiatiefnemer gezocht die bij ons meekijkt",
            "description": "Eén dag per week op het stadskantoor.",
        },
        follow=True,
    )
    assert "Initiatiefnemer gezocht die bij ons meekijkt" in response.content.decode()


def test_reflection_proposed_as_lesson_from_the_residency_page(world, client):
    residency = _active(world)
    reflection = ReflectionFactory(
        residency=residency, text="Samen aan tafel werkt beter dan mailen."
    )
    client.force_login(world.municipality_admin)
    html = client.get(residency.get_absolute_url()).content.decode()
    assert (
        "Als les voorstellen aan de kennisbank" not in html
    )  # only the partner in residence proposes
    client.force_login(world.person)
    url = f"/partner-in-residence/{residency.pk}/reflecties/{reflection.pk}/les/"
    assert url in client.get(residency.get_absolute_url()).content.decode()
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert "als les voorgesteld aan de kennisbank" in html
    lesson = Lesson.objects.get()
    assert (lesson.status, lesson.source_type, lesson.source_id) == (
        "voorgesteld",
        "residentie",
        str(residency.pk),
    )
    assert url not in html
    response = client.post(url, follow=True)
    assert "al als les voorgesteld" in response.content.decode()
    assert Lesson.objects.count() == 1
