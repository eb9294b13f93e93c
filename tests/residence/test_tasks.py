"""Reminders scheduled by beat: called directly, asserted in the outbox, idempotent."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from deals.residence import tasks
from tests.residence.factories import ActionFactory, MeetingFactory, ResidencyFactory

pytestmark = pytest.mark.django_db


def _active(world, **kwargs):
    return ResidencyFactory(
        deal=world.deal,
        sending_partner=world.sending,
        host_partner=world.host,
        person=world.person,
        **kwargs,
    )


def test_due_actions_are_reminded_once(world):
    residency = _active(world)
    meeting = MeetingFactory(
        residency=residency, starts_at=timezone.now() - datetime.timedelta(days=7)
    )
    today = timezone.localdate()
    due = ActionFactory(
        meeting=meeting,
        owner=world.municipality_member,
        due_date=today + datetime.timedelta(days=1),
    )
    ActionFactory(meeting=meeting, owner=world.person, due_date=today + datetime.timedelta(days=30))
    ActionFactory(meeting=meeting, owner=world.person, due_date=today, done_at=timezone.now())

    assert tasks.action_reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[world.municipality_member.email]]
    assert due.description in mail.outbox[0].subject
    assert f"/partner-in-residence/{residency.pk}/" in mail.outbox[0].body
    assert tasks.action_reminders_send() == 0
    assert len(mail.outbox) == 1


def test_next_meeting_is_announced_to_every_partner_once(world):
    residency = _active(world)
    MeetingFactory(
        residency=residency,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        agenda="Knelpunten",
    )
    MeetingFactory(residency=residency, starts_at=timezone.now() + datetime.timedelta(days=20))
    assert tasks.meeting_reminders_send() == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert world.person.email in recipients and world.municipality_member.email in recipients
    assert world.outsider.email not in recipients
    assert "Knelpunten" in mail.outbox[0].body
    count = len(mail.outbox)
    assert tasks.meeting_reminders_send() == 0
    assert len(mail.outbox) == count


def test_planning_the_next_meeting_is_reminded_at_the_agreed_rhythm(world):
    start = timezone.localdate() - datetime.timedelta(weeks=5)
    residency = _active(world, start_date=start, meeting_rhythm_weeks=4)
    slow = _active(world, start_date=start, meeting_rhythm_weeks=8)
    assert tasks.meeting_reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[world.person.email]]
    assert "4 weken" in mail.outbox[0].body
    residency.refresh_from_db()
    assert residency.plan_reminded_for == start + datetime.timedelta(weeks=4)
    slow.refresh_from_db()
    assert slow.plan_reminded_for is None
    assert tasks.meeting_reminders_send() == 0


def test_reminders_are_in_the_beat_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "residence.tasks.action_reminders_send",
        "residence.tasks.meeting_reminders_send",
    } <= scheduled
