"""The handbrake: pulling it pauses the deal; every partner agrees to go on."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from deals.residence import services
from deals.residence.models import Handbrake
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from tests.residence.factories import MeetingFactory

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_handbrake_pauses_the_deal_and_mails_every_partner_at_once(
    world, eager_celery, django_capture_on_commit_callbacks
):
    residency = _active(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        handbrake = services.handbrake_pull(
            actor=world.person, residency=residency, reason="Afspraken lopen uiteen"
        )
    assert len(callbacks) == 1
    world.deal.refresh_from_db()
    assert (world.deal.status, world.deal.paused_from) == ("gepauzeerd", "lopend")
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(
        u.email
        for u in [
            world.initiative_admin,
            world.person,
            world.municipality_admin,
            world.municipality_member,
            world.advisor,
        ]
    )
    assert recipients == expected
    assert "Afspraken lopen uiteen" in mail.outbox[0].body
    handbrake.refresh_from_db()
    assert handbrake.notified_at is not None
    # Idempotent: calling the task again sends nothing.
    from deals.residence.tasks import handbrake_notify

    assert handbrake_notify(handbrake.pk) == 0
    assert len(mail.outbox) == len(expected)


def test_handbrake_needs_a_reason_and_the_person_in_residence(world):
    residency = _active(world)
    with pytest.raises(ApplicationError, match="waarom"):
        services.handbrake_pull(actor=world.person, residency=residency, reason="  ")
    with pytest.raises(NotAllowed):
        services.handbrake_pull(
            actor=world.municipality_admin, residency=residency, reason="Ik wil pauze"
        )
    services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    with pytest.raises(Conflict, match="al aangetrokken"):
        services.handbrake_pull(actor=world.person, residency=residency, reason="Nog eens")


def test_resuming_needs_every_partner(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    handbrake = services.handbrake_agree(
        actor=world.initiative_admin, handbrake=handbrake, partner=world.sending
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "gepauzeerd" and handbrake.status == "aangetrokken"
    with pytest.raises(Conflict, match="gaf al akkoord"):
        services.handbrake_agree(actor=world.person, handbrake=handbrake, partner=world.sending)
    with pytest.raises(NotAllowed):
        services.handbrake_agree(
            actor=world.initiative_admin, handbrake=handbrake, partner=world.host
        )
    with pytest.raises(ApplicationError, match="niet bij de deal"):
        services.handbrake_agree(actor=world.advisor, handbrake=handbrake, partner=world.klankbord)
    with pytest.raises(ApplicationError, match="alle partners akkoord"):
        services.handbrake_release(actor=world.initiative_admin, handbrake=handbrake)

    # The last partner agrees: a plain member, not the aanjager, and the deal goes on at once.
    assert not world.municipality_member.has_perm("deals.manage_deal", world.deal)
    handbrake = services.handbrake_agree(
        actor=world.municipality_member, handbrake=handbrake, partner=world.host
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend" and handbrake.status == "losgelaten"
    assert handbrake.released_by == world.municipality_member
    assert set(handbrake.agreements.values_list("partner_id", flat=True)) == {
        world.sending.pk,
        world.host.pk,
    }
    assert world.deal.events.filter(text__startswith="Alle partners zijn akkoord").exists()
    assert AuditEvent.objects.filter(
        action="deal_resume_jointly", actor=world.municipality_member
    ).exists()
    with pytest.raises(Conflict, match="al losgelaten"):
        services.handbrake_release(actor=world.initiative_admin, handbrake=handbrake)


def test_the_aanjager_agreeing_last_resumes_at_once(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    services.handbrake_agree(
        actor=world.municipality_member, handbrake=handbrake, partner=world.host
    )
    handbrake = services.handbrake_agree(
        actor=world.initiative_admin, handbrake=handbrake, partner=world.sending
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend" and handbrake.status == "losgelaten"


def test_resuming_as_a_meeting_decision(world):
    residency = _active(world)
    handbrake = services.handbrake_pull(actor=world.person, residency=residency, reason="Stop")
    planned = MeetingFactory(residency=residency)
    with pytest.raises(ApplicationError, match="gehouden evaluatiemoment"):
        services.handbrake_agree_in_meeting(
            actor=world.initiative_admin, handbrake=handbrake, meeting=planned
        )
    held = services.meeting_record(
        actor=world.person, meeting=planned, notes="Samen besloten: we gaan door."
    )
    with pytest.raises(NotAllowed):
        services.handbrake_agree_in_meeting(actor=world.outsider, handbrake=handbrake, meeting=held)
    handbrake = services.handbrake_agree_in_meeting(
        actor=world.initiative_admin, handbrake=handbrake, meeting=held
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "lopend"
    assert handbrake.agreements.filter(meeting=held).count() == 2


def test_only_one_pulled_handbrake_per_deal_in_the_database(world):
    residency = _active(world)
    Handbrake.objects.create(residency=residency, deal=world.deal, reason="Een")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handbrake.objects.create(residency=residency, deal=world.deal, reason="Twee")
