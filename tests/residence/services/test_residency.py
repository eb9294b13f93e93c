"""The residency: proposed, confirmed by the sending and the host partner, ended."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from deals.models import Deal, DealEvent
from deals.residence import services
from deals.residence.models import Residency
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from tests.deals.factories import DealFactory, DealPartnerFactory
from tests.residence.factories import ResidencyFactory

pytestmark = pytest.mark.django_db


def test_residency_starts_only_when_sending_and_host_partner_both_confirm(world):
    residency = services.residency_propose(actor=world.person, **world.proposal())
    assert residency.status == Residency.Status.VOORGESTELD
    assert residency.function_labels == ["Signalerend", "Bemiddelend"]

    with pytest.raises(NotAllowed, match="beheerder van de zendende of de ontvangende"):
        services.residency_confirm(actor=world.person, residency=residency)

    residency = services.residency_confirm(actor=world.initiative_admin, residency=residency)
    assert residency.status == Residency.Status.VOORGESTELD
    assert residency.sending_confirmed_at is not None and residency.host_confirmed_at is None
    with pytest.raises(Conflict, match="al bevestigd"):
        services.residency_confirm(actor=world.initiative_admin, residency=residency)

    residency = services.residency_confirm(actor=world.municipality_admin, residency=residency)
    assert residency.status == Residency.Status.ACTIEF
    assert residency.host_confirmed_by == world.municipality_admin
    assert (
        AuditEvent.objects.filter(action="residency_confirm", target_id=str(residency.pk)).count()
        == 2
    )
    assert DealEvent.objects.filter(
        deal=world.deal, text__contains="is gestart", is_public=False
    ).exists()
    with pytest.raises(Conflict):
        services.residency_confirm(actor=world.municipality_admin, residency=residency)


def test_work_waits_for_confirmation(world):
    residency = services.residency_propose(actor=world.person, **world.proposal())
    with pytest.raises(NotAllowed):
        services.log_entry_create(actor=world.person, residency=residency, text="Eerste dag")
    with pytest.raises(NotAllowed):
        services.handbrake_pull(actor=world.person, residency=residency, reason="Te vroeg")


def test_active_residency_must_have_both_confirmations_in_the_database(world):
    residency = ResidencyFactory(
        deal=world.deal,
        sending_partner=world.sending,
        host_partner=world.host,
        person=world.person,
        status="voorgesteld",
    )
    Residency.objects.filter(pk=residency.pk).update(sending_confirmed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.filter(pk=residency.pk).update(status="actief")


def test_sending_and_host_partner_must_differ(world):
    with pytest.raises(ApplicationError, match="op locatie van een andere partner"):
        services.residency_propose(actor=world.person, **world.proposal(host_partner=world.sending))
    assert not Residency.objects.exists()
    residency = ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.filter(pk=residency.pk).update(host_partner=world.sending)
    residency.host_partner = world.sending
    with pytest.raises(ValidationError) as exc:
        residency.full_clean()
    assert "host_partner" in exc.value.message_dict


def test_partners_must_belong_to_the_deal_and_the_person_to_the_sender(world):
    other = DealPartnerFactory(deal=DealFactory(status="lopend"))
    with pytest.raises(ApplicationError, match="Beide partners"):
        services.residency_propose(actor=world.person, **world.proposal(host_partner=other))
    with pytest.raises(ApplicationError, match="lid zijn van Aanschuiftafel"):
        services.residency_propose(
            actor=world.person, **world.proposal(person=world.municipality_member)
        )
    with pytest.raises(ValidationError):
        services.residency_propose(
            actor=world.person,
            **world.proposal(end_date=timezone.localdate() - datetime.timedelta(days=1)),
        )
    with pytest.raises(ValidationError):
        services.residency_propose(actor=world.person, **world.proposal(functions=["toveren"]))


def test_only_partners_or_netwerkmanagers_propose(world):
    with pytest.raises(NotAllowed):
        services.residency_propose(actor=world.outsider, **world.proposal())
    with pytest.raises(NotAllowed):
        services.residency_propose(actor=world.ambtenaar, **world.proposal())
    assert services.residency_propose(actor=world.netwerkmanager, **world.proposal()).pk
    # Several residencies per deal, in both directions.
    services.residency_propose(
        actor=world.municipality_member,
        **world.proposal(
            person=world.municipality_member, sending_partner=world.host, host_partner=world.sending
        ),
    )
    assert Residency.objects.filter(deal=world.deal).count() == 2


def test_no_residency_for_an_ended_deal(world):
    Deal.objects.filter(pk=world.deal.pk).update(status="gestopt")
    world.deal.refresh_from_db()
    with pytest.raises(Conflict, match="beëindigd"):
        services.residency_propose(actor=world.person, **world.proposal())
