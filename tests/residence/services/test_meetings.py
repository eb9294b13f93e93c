"""Evaluation meetings and the actions agreed in them."""

import datetime

import pytest
from django.utils import timezone

from deals.residence import services
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_meeting_actions(world):
    residency = _active(world)
    meeting = services.meeting_plan(
        actor=world.municipality_member,
        residency=residency,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        agenda="Evaluatie",
    )
    with pytest.raises(ApplicationError, match="eigenaar"):
        services.action_create(
            actor=world.person,
            meeting=meeting,
            description="Bellen",
            owner=world.outsider,
            due_date=timezone.localdate(),
        )
    action = services.action_create(
        actor=world.person,
        meeting=meeting,
        description="Inkoper uitnodigen",
        owner=world.municipality_member,
        due_date=timezone.localdate(),
    )
    assert services.action_mark_done(actor=world.municipality_member, action=action).done_at
    with pytest.raises(Conflict):
        services.action_mark_done(actor=world.municipality_member, action=action)
    with pytest.raises(ApplicationError, match="Schrijf"):
        services.meeting_record(actor=world.person, meeting=meeting, notes=" ")
    services.meeting_record(actor=world.person, meeting=meeting, notes="Goed gesprek")
    with pytest.raises(Conflict):
        services.meeting_record(actor=world.person, meeting=meeting, notes="Nog eens")
    with pytest.raises(NotAllowed):
        services.meeting_plan(
            actor=world.outsider, residency=residency, starts_at=timezone.now(), agenda="x"
        )
