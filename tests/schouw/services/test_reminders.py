"""The reminders of a due round (through the task that beat schedules)."""

import datetime

import pytest
from django.utils import timezone

from reisgids.core.dates import add_months
from schouw import tasks
from schouw.models import SchouwReminder
from tests.deals.factories import ProcessAgreementFactory
from tests.schouw.factories import SchouwRoundFactory

pytestmark = pytest.mark.django_db


def test_the_reminder_is_sent_once_when_the_next_round_is_due(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    ProcessAgreementFactory(deal=world.deal, schouw_frequency="halfjaarlijks")
    world.deal.started_at = timezone.now() - datetime.timedelta(days=200)
    world.deal.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.schouw_reminders_send() == 1
    assert SchouwReminder.objects.get(deal=world.deal).recipients == len(mailoutbox) > 0
    assert world.initiative_member.email in {m.to[0] for m in mailoutbox}
    assert "Eerlijk werk" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.schouw_reminders_send() == 0
    assert SchouwReminder.objects.count() == 1


def test_no_reminder_before_due_or_while_a_round_runs(world):
    ProcessAgreementFactory(deal=world.deal, schouw_frequency="jaarlijks")
    world.deal.started_at = timezone.now() - datetime.timedelta(days=200)
    world.deal.save()
    assert tasks.schouw_reminders_send() == 0
    world.deal.started_at = timezone.now() - datetime.timedelta(days=400)
    world.deal.save()
    world.new_round()
    assert tasks.schouw_reminders_send() == 0


def test_the_last_round_sets_the_next_due_date(world):
    ProcessAgreementFactory(deal=world.deal, schouw_frequency="elk kwartaal")
    SchouwRoundFactory(
        deal=world.deal,
        status="afgerond",
        starts_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    assert tasks.schouw_reminders_send() == 1
    last = timezone.localdate() - datetime.timedelta(days=100)
    assert SchouwReminder.objects.get().due_on == add_months(last, 3)
