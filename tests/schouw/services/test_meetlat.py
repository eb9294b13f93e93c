"""The services of the meetlat: criteria and the check on the commitments."""

import pytest

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import services

pytestmark = pytest.mark.django_db


def test_criteria_are_agreed_by_the_party_itself(world):
    schouw_round, guest = world.advance_to("meetlat")
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="Ruimte in regels"
    )
    with pytest.raises(NotAllowed):
        services.criterion_agree(actor=world.initiative_admin, criterion=criterion)
    with pytest.raises(NotAllowed):
        services.criterion_agree(actor=world.resident, criterion=criterion)
    services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    criterion.refresh_from_db()
    assert criterion.agreed_by == world.municipality_member
    with pytest.raises(Conflict):
        services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    with pytest.raises(Conflict):
        services.criterion_propose(
            actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="ruimte in REGELS"
        )


def test_the_commitment_check_is_always_explained_and_can_be_revised(world):
    schouw_round, guest = world.advance_to("meetlat")
    with pytest.raises(ApplicationError, match="tellen én vertellen"):
        services.commitment_check_record(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            partner=world.gemeente,
            verdict="nee",
            explanation=" ",
        )
    with pytest.raises(NotAllowed):
        services.commitment_check_record(
            actor=guest,
            schouw_round=schouw_round,
            partner=world.gemeente,
            verdict="nee",
            explanation="Niet gezien.",
        )
    services.commitment_check_record(
        actor=world.resident,
        schouw_round=schouw_round,
        partner=world.gemeente,
        verdict="nee",
        explanation="Geen uren.",
    )
    check = services.commitment_check_record(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        partner=world.gemeente,
        verdict="ja",
        explanation="Toch geleverd.",
    )
    assert schouw_round.commitment_checks.get(partner=world.gemeente) == check
    assert check.verdict == "ja"
    with pytest.raises(ApplicationError, match="geen partner"):
        services.commitment_check_record(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            partner=world.other_deal.partners.get(),
            verdict="ja",
            explanation="x",
        )
