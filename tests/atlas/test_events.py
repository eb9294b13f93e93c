import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from atlas import services
from atlas.models import Event, EventRegistration, Notification
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import (
    AreaFactory,
    EventFactory,
    EventRegistrationFactory,
    FollowFactory,
    ThemeFactory,
)
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def _when(days=7):
    start = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}


def _unfold(ics: str) -> list[str]:
    """RFC 5545: CRLF line ends, continuation lines start with a space."""
    assert "\r\n" in ics
    lines = []
    for raw in ics.split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _vevents(ics: str) -> list[dict]:
    events, current = [], None
    for line in _unfold(ics):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current[key] = value
    return events


def test_event_create_with_a_source_link_for_other_apps(member, organisation):
    theme = ThemeFactory()
    follower = FollowFactory(theme=theme).user
    event = services.event_create(
        actor=member,
        title="Kick-off Respijtzorg dichtbij huis",
        description="De partners starten de deal.",
        kind="kick_off",
        location="Stadhuis",
        organiser=organisation,
        themes=[theme],
        source_type="kick_off",
        source_id=7,
        source_url="https://reisgids.example/deals/7/",
        **_when(),
    )
    event.refresh_from_db()
    assert (event.source_type, event.source_id, event.source_url) == (
        "kick_off",
        "7",
        "https://reisgids.example/deals/7/",
    )
    assert Notification.objects.filter(user=follower, key=f"event-{event.pk}").exists()
    assert not Notification.objects.filter(user=member).exists()


def test_event_create_refusals(member, outsider, organisation):
    with pytest.raises(NotAllowed):
        services.event_create(
            actor=AnonymousUser(), title="x", description="y", location="z", **_when()
        )
    with pytest.raises(NotAllowed, match="lid"):
        services.event_create(
            actor=outsider,
            title="x",
            description="y",
            location="z",
            organiser=organisation,
            **_when(),
        )
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(Exception) as excinfo:
        services.event_create(
            actor=member,
            title="x",
            description="y",
            location="z",
            starts_at=start,
            ends_at=start - datetime.timedelta(hours=1),
        )
    assert "einde" in str(excinfo.value)
    with pytest.raises(Exception, match="plaats"):
        services.event_create(actor=member, title="x", description="y", **_when())
    with pytest.raises(Exception, match="plaatsen"):
        services.event_create(
            actor=member,
            title="x",
            description="y",
            online=True,
            registration="platform",
            **_when(),
        )
    with pytest.raises(ApplicationError, match="bron"):
        services.event_create(
            actor=member, title="x", description="y", online=True, source_type="x", **_when()
        )
    assert not Event.objects.exists()


def test_sign_up_respects_capacity_and_refusals(outsider, member):
    event = EventFactory(registration="platform", capacity=1)
    services.event_sign_up(actor=outsider, event=event)
    with pytest.raises(Conflict, match="al aangemeld"):
        services.event_sign_up(actor=outsider, event=event)
    with pytest.raises(Conflict, match="vol"):
        services.event_sign_up(actor=member, event=event)
    services.event_sign_off(actor=outsider, event=event)
    services.event_sign_up(actor=member, event=event)
    with pytest.raises(Conflict):
        services.event_sign_off(actor=outsider, event=event)
    with pytest.raises(NotAllowed):
        services.event_sign_up(actor=AnonymousUser(), event=event)
    with pytest.raises(ApplicationError, match="niet in de reisgids"):
        services.event_sign_up(
            actor=outsider, event=EventFactory(registration="link", registration_url="https://x.nl")
        )
    past = EventFactory(registration="platform", capacity=5, **_when(days=-3))
    with pytest.raises(Conflict, match="voorbij"):
        services.event_sign_up(actor=outsider, event=past)


def test_only_the_organiser_or_a_contentbeheerder_changes_or_cancels(
    member, outsider, contentbeheerder, org_admin, organisation
):
    event = services.event_create(
        actor=member, title="Training", description="Subsidie aanvragen", online=True, **_when()
    )
    with pytest.raises(NotAllowed):
        services.event_update(actor=outsider, event=event, data={"title": "Gekaapt"})
    services.event_update(actor=contentbeheerder, event=event, data={"title": "Training subsidie"})
    assert Event.objects.get(pk=event.pk).title == "Training subsidie"
    org_event = EventFactory(organiser=organisation, created_by=UserFactory())
    services.event_update(actor=org_admin, event=org_event, data={"title": "Door de beheerder"})
    signed = EventRegistrationFactory(
        event=EventFactory(created_by=member, registration="platform", capacity=3)
    ).user
    cancelled = services.event_cancel(actor=member, event=signed.event_sign_ups.get().event)
    assert cancelled.is_cancelled
    assert Notification.objects.filter(user=signed, key=f"event-cancelled-{cancelled.pk}").exists()
    with pytest.raises(Conflict):
        services.event_cancel(actor=member, event=cancelled)
    with pytest.raises(NotAllowed):
        services.event_cancel(actor=outsider, event=event)


def test_agenda_shows_upcoming_and_keeps_past_events_findable(client):
    EventFactory(title="Komende training", kind="training", topic="businessplan")
    EventFactory(title="Vorige bijeenkomst", **_when(days=-30))
    url = reverse("atlas:event-list")
    titles = lambda r: [e.title for e in r.context["object_list"]]  # noqa: E731
    assert titles(client.get(url)) == ["Komende training"]
    assert titles(client.get(url, {"when": "voorbij"})) == ["Vorige bijeenkomst"]
    assert titles(client.get(url, {"when": "voorbij", "q": "bijeenkomst"})) == [
        "Vorige bijeenkomst"
    ]
    assert titles(client.get(url, {"topic": "businessplan"})) == ["Komende training"]
    past = Event.objects.get(title="Vorige bijeenkomst")
    assert client.get(past.get_absolute_url()).status_code == 200


def test_event_ics_parses_and_escapes(client):
    event = EventFactory(
        title="Workshop; businessplan, deel 1",
        description="Regel één\nRegel twee " + "lang " * 30,
        location="Wijkcentrum, Delfshaven",
    )
    response = client.get(reverse("atlas:event-ics", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    ics = response.content.decode()
    lines = _unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert all(len(raw.encode()) <= 75 for raw in ics.split("\r\n"))
    (vevent,) = _vevents(ics)
    assert vevent["SUMMARY"] == "Workshop\\; businessplan\\, deel 1"
    assert vevent["LOCATION"] == "Wijkcentrum\\, Delfshaven"
    assert vevent["DESCRIPTION"].startswith("Regel één\\nRegel twee")
    assert vevent["DTSTART"] == event.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert vevent["UID"].startswith(f"event-{event.pk}@")


def test_agenda_ics_holds_recent_and_upcoming_events(client):
    EventFactory(title="Straks")
    EventFactory(title="Vorige week", **_when(days=-7))
    EventFactory(title="Lang geleden", **_when(days=-90))
    events = _vevents(client.get(reverse("atlas:agenda-ics")).content.decode())
    assert sorted(e["SUMMARY"] for e in events) == ["Straks", "Vorige week"]


def test_sign_up_through_the_page(client, outsider):
    event = EventFactory(registration="platform", capacity=2)
    client.force_login(outsider)
    html = client.post(
        reverse("atlas:event-sign-up", args=[event.slug]), follow=True
    ).content.decode()
    assert "U bent aangemeld." in html
    assert EventRegistration.objects.filter(event=event, user=outsider).exists()
    client.post(reverse("atlas:event-sign-up", args=[event.slug]), {"action": "afmelden"})
    assert not EventRegistration.objects.filter(event=event, user=outsider).exists()


def test_create_event_through_the_page(client, member, organisation):
    client.force_login(member)
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("atlas:event-create"),
        {
            "title": "Workshop subsidie aanvragen",
            "description": "Voor starters.",
            "kind": "workshop",
            "topic": "subsidie",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Bibliotheek",
            "organiser": organisation.slug,
            "registration": "platform",
            "capacity": "12",
        },
    )
    event = Event.objects.get(title="Workshop subsidie aanvragen")
    assert response.status_code == 302
    assert (event.organiser, event.capacity, event.topic) == (organisation, 12, "subsidie")
    bad = client.post(
        reverse("atlas:event-create"),
        {
            "title": "Zonder plaats",
            "description": "x",
            "kind": "workshop",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": start.strftime("%Y-%m-%dT%H:%M"),
            "registration": "geen",
        },
    )
    assert bad.status_code == 200
    assert "Vul de plaats in" in bad.content.decode()


def test_event_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    theme, area = ThemeFactory(), AreaFactory()
    for _ in range(25):
        EventFactory(themes=[theme], areas=[area])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("atlas:event-list"))
    assert len(response.context["object_list"]) == 20


def test_api_events_read_and_write(api_client, outsider):
    EventFactory(title="Openbaar")
    assert [e["title"] for e in api_client.get("/api/v1/events/").json()["results"]] == ["Openbaar"]
    payload = {
        "title": "API-event",
        "description": "x",
        "online": True,
        **{k: v.isoformat() for k, v in _when().items()},
    }
    assert api_client.post("/api/v1/events/", payload, format="json").status_code in (401, 403)
    api_client.force_authenticate(outsider)
    created = api_client.post("/api/v1/events/", payload, format="json")
    assert created.status_code == 201
    bad = api_client.post("/api/v1/events/", {**payload, "online": False}, format="json")
    assert bad.status_code == 400
    assert "plaats" in bad.json()["detail"]
