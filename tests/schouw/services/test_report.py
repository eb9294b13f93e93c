"""The services of the bespreking and the rapportage: advice, agreements, follow-up, lessons,
the report and its publication."""

import pytest

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from schouw import services
from schouw.models import Lesson

pytestmark = pytest.mark.django_db


def test_advice_per_party(world):
    schouw_round, guest = world.advance_to("bespreking")
    services.advice_record(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        partner=world.gemeente,
        text="Eerst",
    )
    advice = services.advice_record(
        actor=world.resident,
        schouw_round=schouw_round,
        partner=world.gemeente,
        text="Geef ruimte in de regels.",
    )
    assert schouw_round.advices.get().text == advice.text == "Geef ruimte in de regels."
    with pytest.raises(NotAllowed):
        services.advice_record(
            actor=guest, schouw_round=schouw_round, partner=world.gemeente, text="x"
        )


def test_the_bespreking_creates_a_new_plan_version(world):
    schouw_round, _guest = world.advance_to("bespreking")
    before = world.deal.versions.count()
    services.schouw_agreements_apply(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        agreements=[
            {"kind": "overleg", "description": "Elk kwartaal een korte evaluatie met de gemeente."}
        ],
        change_note="Afspraak uit de bespreking",
    )
    version = world.deal.versions.order_by("-number").first()
    assert world.deal.versions.count() == before + 1
    assert "Roffabriek-schouw" in version.change_note
    assert any("Elk kwartaal" in a["description"] for a in version.snapshot["agreements"])
    schouw_round.refresh_from_db()
    assert schouw_round.plan_version_number == version.number
    with pytest.raises(ApplicationError, match="minstens één"):
        services.schouw_agreements_apply(
            actor=world.initiative_admin, schouw_round=schouw_round, agreements=[], change_note="x"
        )


def test_the_partner_in_residence_cannot_change_the_plan_for_the_partners(world):
    schouw_round, _guest = world.advance_to("bespreking")
    with pytest.raises(NotAllowed):
        services.schouw_agreements_apply(
            actor=world.resident,
            schouw_round=schouw_round,
            agreements=[{"kind": "overleg", "description": "Nieuw"}],
            change_note="x",
        )
    assert not world.deal.agreements.filter(description="Nieuw").exists()


def test_an_ending_deal_gets_a_follow_up(world):
    schouw_round, _guest = world.advance_to("bespreking")
    services.schouw_follow_up_start(
        actor=world.initiative_admin, schouw_round=schouw_round, title="Eerlijk werk, deel twee"
    )
    world.deal.refresh_from_db()
    assert world.deal.status == "afgerond"
    assert world.deal.follow_ups.get().title == "Eerlijk werk, deel twee"


def test_lessons_for_a_wide_audience_reach_the_kennisbank_queue(world):
    schouw_round, _guest = world.advance_to("rapportage")
    wide = services.lesson_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="samenwerking",
        title="Spreek rollen af",
        body="Wie haalt de knelpunten op?",
        audiences=["beleidsambtenaren", "aanbieders"],
        for_wide_audience=True,
    )
    internal = services.lesson_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="inhoudelijk",
        title="Intern",
        body="Alleen voor ons.",
    )
    with pytest.raises(ApplicationError, match="voor wie"):
        services.lesson_create(
            actor=world.initiative_admin,
            schouw_round=schouw_round,
            kind="inhoudelijk",
            title="X",
            body="Y",
            for_wide_audience=True,
        )
    services.report_write(
        actor=world.initiative_admin, schouw_round=schouw_round, summary="Rijk beeld per partij."
    )
    services.schouw_round_finish(actor=world.initiative_admin, schouw_round=schouw_round)
    wide.refresh_from_db()
    internal.refresh_from_db()
    assert internal.kennisbank == Lesson.Kennisbank.NIET
    from atlas import services as atlas_services

    if hasattr(atlas_services, "lesson_propose"):
        from atlas.models import Lesson as KennisbankLesson

        assert wide.kennisbank == Lesson.Kennisbank.VOORGESTELD
        proposed = KennisbankLesson.objects.get(
            source_type="schouw", source_id=str(schouw_round.pk)
        )
        assert proposed.title == "Spreek rollen af"
        assert proposed.status == "voorgesteld"
    else:
        assert wide.kennisbank == Lesson.Kennisbank.WACHTRIJ


def test_publication_needs_every_partner(world):
    schouw_round, _guest = world.advance_to("afgerond")
    with pytest.raises(NotAllowed):
        services.report_publication_agree(
            actor=world.initiative_admin, schouw_round=schouw_round, partner=world.gemeente
        )
    services.report_publication_agree(
        actor=world.initiative_admin, schouw_round=schouw_round, partner=world.aanjager
    )
    schouw_round.refresh_from_db()
    assert schouw_round.published_at is None
    with pytest.raises(Conflict):
        services.report_publication_agree(
            actor=world.initiative_member, schouw_round=schouw_round, partner=world.aanjager
        )
    services.report_publication_agree(
        actor=world.municipality_member, schouw_round=schouw_round, partner=world.gemeente
    )
    schouw_round.refresh_from_db()
    assert schouw_round.published_at is not None


def test_publication_only_after_the_round(world):
    schouw_round, _guest = world.advance_to("rapportage")
    with pytest.raises(Conflict):
        services.report_publication_agree(
            actor=world.initiative_admin, schouw_round=schouw_round, partner=world.aanjager
        )
