"""Guest data of schouw rounds is anonymised after the retention period, by a beat task."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reisgids.core.models import AuditEvent
from reisgids.core.services import audit_record
from schouw import tasks
from schouw.guests import token_hash
from schouw.models import Observation, Participant
from tests.schouw.factories import (
    SchouwGuestFactory,
    SchouwObservationFactory,
    SchouwPartnerParticipantFactory,
    SchouwRoundFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "bewaartermijn-gast-token-0123456789"


def _finished_round(days_ago: int):
    return SchouwRoundFactory(
        status="afgerond", finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_the_beat_schedule_runs_the_retention_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["schouw-guest-data-retention"]
    assert entry["task"] == tasks.guest_data_expire.name == "schouw.tasks.guest_data_expire"


def test_guests_of_rounds_past_the_retention_period_are_anonymised_and_their_input_stays(settings):
    settings.REISGIDS = {**settings.REISGIDS, "SCHOUW_GUEST_RETENTION_DAYS": 30}
    old = _finished_round(days_ago=31)
    guest = SchouwGuestFactory(
        round=old,
        name="Karin de Vries",
        email="karin@example.org",
        token=TOKEN,
        consent_at=timezone.now(),
    )
    observation = SchouwObservationFactory(
        round=old, participant=guest, text="De buurtkamer zit vol."
    )
    member = SchouwPartnerParticipantFactory(round=old)
    member_name = member.name
    audit_record(actor=None, action="participant_invite_guest", target=guest)
    recent = SchouwGuestFactory(round=_finished_round(days_ago=29), name="Joost Bakker")
    running = SchouwGuestFactory(round=SchouwRoundFactory(status="open_schouw"), name="Lies Jansen")

    assert tasks.guest_data_expire() == 1

    guest.refresh_from_db()
    assert guest.name == "Verwijderde gast"
    assert guest.email == f"gast-{guest.pk}@verwijderd.invalid"
    assert guest.consent_at is None and guest.consent_text == ""
    assert guest.token_hash != token_hash(TOKEN) and guest.revoked_at is not None
    assert Observation.objects.get(pk=observation.pk).text == "De buurtkamer zit vol."
    assert Observation.objects.get(pk=observation.pk).participant_id == guest.pk
    # Members with an account, recent rounds and running rounds are untouched.
    assert Participant.objects.get(pk=member.pk).name == member_name
    assert Participant.objects.get(pk=recent.pk).name == "Joost Bakker"
    assert Participant.objects.get(pk=running.pk).name == "Lies Jansen"
    # The audit trail keeps the event, without the name.
    labels = list(
        AuditEvent.objects.filter(target_type="schouw.participant").values_list(
            "target_label", flat=True
        )
    )
    assert labels == ["Verwijderde gast"]
    run = AuditEvent.objects.get(action="guest_data_expire")
    assert (run.target_id, run.changes) == (str(old.pk), {"gasten": 1})


def test_the_task_is_idempotent(settings):
    settings.REISGIDS = {**settings.REISGIDS, "SCHOUW_GUEST_RETENTION_DAYS": 30}
    guest = SchouwGuestFactory(round=_finished_round(days_ago=40))
    assert tasks.guest_data_expire() == 1
    anonymised = Participant.objects.values("name", "email", "token_hash").get(pk=guest.pk)
    assert tasks.guest_data_expire() == 0
    assert Participant.objects.values("name", "email", "token_hash").get(pk=guest.pk) == anonymised
    assert AuditEvent.objects.filter(action="guest_data_expire").count() == 1


def test_an_anonymised_guest_link_no_longer_opens_the_round(client, settings):
    settings.REISGIDS = {**settings.REISGIDS, "SCHOUW_GUEST_RETENTION_DAYS": 0}
    SchouwGuestFactory(round=_finished_round(days_ago=1), token=TOKEN)
    tasks.guest_data_expire()
    response = client.get(reverse("schouw:guest-enter", kwargs={"token": TOKEN}))
    assert response.status_code == 404
