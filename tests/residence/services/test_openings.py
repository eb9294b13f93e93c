"""Openings: posted for an own organisation, also a listing in vraag en aanbod."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deals.residence import services
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.deals.factories import DealFactory

pytestmark = pytest.mark.django_db


def test_openings_are_posted_for_own_organisation(world):
    opening = services.opening_post(
        actor=world.municipality_admin,
        kind="gezocht",
        organisation=world.municipality,
        title="Partner in residence gezocht",
        description="Iemand uit de wijk die bij ons meekijkt.",
        deal=world.deal,
    )
    assert opening.status == "open"
    with pytest.raises(NotAllowed):
        services.opening_post(
            actor=world.outsider,
            kind="aangeboden",
            organisation=world.municipality,
            title="Ik",
            description="Ik",
        )
    with pytest.raises(ApplicationError, match="doet niet mee"):
        services.opening_post(
            actor=world.advisor,
            kind="gezocht",
            organisation=world.advisors,
            title="x",
            description="y",
            deal=DealFactory(),
        )
    with pytest.raises(NotAllowed):
        services.opening_close(actor=world.outsider, opening=opening)
    assert (
        services.opening_close(actor=world.municipality_admin, opening=opening).status == "gesloten"
    )
    with pytest.raises(Conflict):
        services.opening_close(actor=world.municipality_admin, opening=opening)


def test_an_opening_is_also_a_listing_in_vraag_en_aanbod(world, client):
    wanted = services.opening_post(
        actor=world.municipality_admin,
        kind="gezocht",
        organisation=world.municipality,
        title="Initiatiefnemer gezocht",
        description="Iemand uit de wijk die bij ons meekijkt.",
        skills="Kent de wijk",
        hours_per_week=8,
        deal=world.deal,
    )
    listing = wanted.listing
    assert (listing.kind, listing.category, listing.status) == (
        "vraag",
        "partner_in_residence",
        "open",
    )
    assert (listing.organisation, listing.posted_by, listing.title) == (
        world.municipality,
        world.municipality_admin,
        "Initiatiefnemer gezocht",
    )
    assert "Kent de wijk" in listing.description and "Samen aan tafel" in listing.description
    assert listing.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    offered = services.opening_post(
        actor=world.person,
        kind="aangeboden",
        organisation=world.initiative,
        title="Ik help graag",
        description="Ik",
    )
    assert (offered.listing.kind, offered.listing.category) == ("aanbod", "partner_in_residence")

    # Anyone finds both in vraag en aanbod; the residence page links to them.
    market = client.get(
        reverse("atlas:listing-list") + "?category=partner_in_residence"
    ).content.decode()
    assert "Initiatiefnemer gezocht" in market and "Ik help graag" in market
    client.force_login(world.person)
    assert (
        listing.get_absolute_url()
        in client.get(reverse("residence:residency-list")).content.decode()
    )

    # Closing the opening withdraws the listing.
    services.opening_close(actor=world.municipality_admin, opening=wanted)
    listing.refresh_from_db()
    assert listing.status == "ingetrokken"
    assert (
        "Initiatiefnemer gezocht" not in client.get(reverse("atlas:listing-list")).content.decode()
    )
