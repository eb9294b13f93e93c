"""Side activities: organised by the partner in residence, also in the atlas agenda."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from atlas.models import Event
from deals.residence import services
from reisgids.core.errors import NotAllowed
from tests.atlas.factories import ThemeFactory

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_side_activity(world):
    residency = _active(world)
    activity = services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="workshop",
        title="Subsidie aanvragen",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    assert activity.organised_by == world.person
    with pytest.raises(NotAllowed):
        services.side_activity_create(
            actor=world.municipality_admin,
            residency=residency,
            kind="teamuitje",
            title="Uitje",
            starts_at=timezone.now(),
        )


def test_a_side_activity_is_also_in_the_atlas_agenda_linked_back(world, client):
    theme = ThemeFactory(name="Ontmoeting")
    world.deal.themes.add(theme)
    residency = _active(world)
    starts_at = timezone.now() + datetime.timedelta(days=7)
    activity = services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="workshop",
        title="Subsidie aanvragen",
        starts_at=starts_at,
        description="Hoe vraagt u subsidie aan bij de gemeente?",
    )
    event = Event.objects.get()
    assert (event.source_type, event.source_id) == ("zijactiviteit", str(activity.pk))
    assert event.source_url.endswith(
        reverse("residence:residency-detail", kwargs={"pk": residency.pk})
    )
    assert (event.title, event.kind, event.starts_at) == (
        "Subsidie aanvragen",
        "workshop",
        starts_at,
    )
    assert event.ends_at == starts_at + datetime.timedelta(hours=2)
    assert (
        event.location == "Cluster Maatschappelijke Ontwikkeling"
    )  # no location given: at the host
    assert event.organiser == world.initiative  # on behalf of the sending partner
    assert event.created_by == world.person
    assert list(event.themes.all()) == [theme]

    # A team outing without a description still gets one, and its own location.
    services.side_activity_create(
        actor=world.person,
        residency=residency,
        kind="teamuitje",
        title="Varen op de Maas",
        starts_at=starts_at,
        location="Veerdam",
    )
    outing = Event.objects.get(title="Varen op de Maas")
    assert (outing.kind, outing.location) == ("overig", "Veerdam")
    assert "Samen aan tafel" in outing.description

    # Anyone finds both in the agenda; the event page links back to the residency.
    agenda = client.get(reverse("atlas:event-list")).content.decode()
    assert "Subsidie aanvragen" in agenda and "Varen op de Maas" in agenda
    detail = client.get(event.get_absolute_url()).content.decode()
    assert event.source_url in detail

    # The residency page links each activity to its agenda entry.
    client.force_login(world.person)
    page = client.get(residency.get_absolute_url()).content.decode()
    assert event.get_absolute_url() in page and outing.get_absolute_url() in page


def test_a_refused_side_activity_puts_nothing_in_the_agenda(world):
    residency = _active(world)
    with pytest.raises(NotAllowed):
        services.side_activity_create(
            actor=world.municipality_admin,
            residency=residency,
            kind="workshop",
            title="X",
            starts_at=timezone.now(),
        )
    with pytest.raises(ValidationError):
        services.side_activity_create(
            actor=world.person,
            residency=residency,
            kind="workshop",
            title="",
            starts_at=timezone.now(),
        )
    assert not Event.objects.exists()
    assert not residency.side_activities.exists()
