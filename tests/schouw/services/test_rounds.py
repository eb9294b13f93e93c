"""The services of a round: preparing it, and every step of it."""

import datetime

import pytest
from django.utils import timezone

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import services
from schouw.models import SchouwRound

pytestmark = pytest.mark.django_db


STEPS = [
    "voorbereiding",
    "open_schouw",
    "meetlat",
    "waarderend",
    "bespreking",
    "rapportage",
    "afgerond",
]


TRANSITIONS = [
    ("voorbereiding", services.schouw_round_open),
    ("open_schouw", services.schouw_round_meetlat_start),
    ("meetlat", services.schouw_round_appraisal_start),
    ("waarderend", services.schouw_round_discussion_start),
    ("bespreking", services.schouw_round_report_start),
    ("rapportage", services.schouw_round_finish),
]


def test_the_whole_round_through_the_services(world):
    schouw_round, _guest = world.advance_to("afgerond")
    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.AFGEROND
    assert schouw_round.finished_at is not None
    assert schouw_round.appraisals_revealed
    assert schouw_round.deal.events.filter(text__contains="Roffabriek-schouw").count() == 7


def test_the_organiser_takes_part_for_their_own_partner(world):
    schouw_round = world.new_round()
    participant = schouw_round.participants.get()
    assert participant.user == world.initiative_admin
    assert participant.partner == world.aanjager


def test_the_partner_in_residence_may_organise(world):
    schouw_round = world.new_round(actor=world.resident)
    assert schouw_round.organiser == world.resident
    assert not schouw_round.participants.exists()


@pytest.mark.parametrize(
    "who",
    ["partner van een andere deal", "netwerkmanager", "beheerder", "initiatiefnemer van buiten"],
)
def test_outsiders_cannot_organise(world, who):
    with pytest.raises(NotAllowed):
        world.new_round(actor=world.outsiders()[who])


def test_a_guest_cannot_organise(world):
    schouw_round = world.new_round()
    guest = world.guest(schouw_round)
    with pytest.raises(NotAllowed):
        services.schouw_round_open(actor=guest, schouw_round=schouw_round)


def test_one_unfinished_round_per_deal(world):
    world.new_round()
    with pytest.raises(Conflict):
        world.new_round()


def test_a_deal_that_is_not_closed_has_no_schouw(world):
    world.deal.status = "planning"
    world.deal.save()
    with pytest.raises(Conflict):
        world.new_round()


def test_the_last_day_is_not_before_the_first(world):
    today = timezone.localdate()
    with pytest.raises(ApplicationError):
        services.schouw_round_create(
            actor=world.initiative_admin,
            deal=world.deal,
            title="X",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )


@pytest.mark.parametrize("index", range(len(TRANSITIONS)))
def test_every_transition_is_refused_from_every_other_step(world, index):
    source, transition = TRANSITIONS[index]
    target = STEPS[STEPS.index(source) + 1]
    schouw_round, _guest = world.advance_to(target)
    with pytest.raises(Conflict):
        transition(actor=world.initiative_admin, schouw_round=schouw_round)


@pytest.mark.parametrize("index", range(len(TRANSITIONS)))
def test_every_transition_is_refused_to_outsiders(world, index):
    source, transition = TRANSITIONS[index]
    schouw_round, guest = world.advance_to(source)
    for actor in [*world.outsiders().values(), guest]:
        with pytest.raises(NotAllowed):
            transition(actor=actor, schouw_round=schouw_round)
    schouw_round.refresh_from_db()
    assert schouw_round.status == source


def test_opening_needs_a_partner_participant_and_a_guest(world):
    schouw_round = world.new_round(actor=world.resident)
    with pytest.raises(ApplicationError, match="namens een partner"):
        services.schouw_round_open(actor=world.resident, schouw_round=schouw_round)
    services.participant_add_member(
        actor=world.resident,
        schouw_round=schouw_round,
        user=world.initiative_member,
        partner=world.aanjager,
    )
    with pytest.raises(ApplicationError, match="peer van buiten"):
        services.schouw_round_open(actor=world.resident, schouw_round=schouw_round)


def test_the_appraisal_step_needs_criteria_and_a_commitment_check_for_every_party(world):
    schouw_round, guest = world.advance_to("meetlat")
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.aanjager, name="Bereik"
    )
    services.criterion_agree(actor=world.initiative_member, criterion=criterion)
    with pytest.raises(ApplicationError, match="Cluster MO"):
        services.schouw_round_appraisal_start(
            actor=world.initiative_admin, schouw_round=schouw_round
        )
    criterion = services.criterion_propose(
        actor=guest, schouw_round=schouw_round, partner=world.gemeente, name="Maatwerk"
    )
    services.criterion_agree(actor=world.municipality_member, criterion=criterion)
    with pytest.raises(ApplicationError, match="toezeggingen"):
        services.schouw_round_appraisal_start(
            actor=world.initiative_admin, schouw_round=schouw_round
        )


def test_the_report_step_needs_the_four_questions(world):
    schouw_round, _guest = world.advance_to("bespreking")
    with pytest.raises(ApplicationError, match="vier vragen"):
        services.schouw_round_report_start(actor=world.initiative_admin, schouw_round=schouw_round)


def test_finishing_needs_a_report_summary(world):
    schouw_round, _guest = world.advance_to("rapportage")
    with pytest.raises(ApplicationError, match="samenvatting"):
        services.schouw_round_finish(actor=world.initiative_admin, schouw_round=schouw_round)


def test_updating_the_preparation(world):
    schouw_round = world.new_round()
    services.schouw_round_update(
        actor=world.resident, schouw_round=schouw_round, location="Roffabriek, Zuid"
    )
    schouw_round.refresh_from_db()
    assert schouw_round.location == "Roffabriek, Zuid"
    with pytest.raises(ApplicationError):
        services.schouw_round_update(
            actor=world.resident, schouw_round=schouw_round, status="afgerond"
        )
    with pytest.raises(NotAllowed):
        services.schouw_round_update(actor=world.outsider, schouw_round=schouw_round, location="x")
