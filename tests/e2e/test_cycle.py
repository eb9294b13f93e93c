"""The whole cycle in a real browser, each step by the person who does it in real life, and what
an anonymous visitor sees of it afterwards.

Factories set the scene only (organisations with their members, themes, the people with a
platform role, a gremium); every step the cycle consists of is clicked and typed through the
pages, and checked on the page and, at the key points, in the database.
"""

import datetime

import pytest
from django.utils import timezone

from kompas import services as kompas_services
from kompas.models import Edition
from reisgids.core.roles import Role
from tests.atlas.factories import AreaFactory, LessonFactory, OrganisationFactory, ThemeFactory
from tests.deals.factories import DealFactory
from tests.kompas.factories import (
    GremiumFactory,
    KompasEditionFactory,
    KompasPriorityFactory,
    KompasProposalFactory,
)

from . import steps


def test_the_whole_cycle(new_person, make_user, celery_worker_for_this_run):
    scene = steps.Scene.build(make_user)
    initiative = new_person(scene.initiative_admin)
    partner = new_person(scene.partner_admin)

    deal = steps.initiative_finds_a_partner_and_starts_a_deal(initiative, scene)
    steps.partner_joins_and_states_its_inbreng(partner, scene, deal)
    steps.initiative_states_its_inbreng_and_plans(initiative, scene, deal)
    steps.both_sign(initiative, partner, scene, deal)

    steps.netwerkmanager_schedules_the_kickoff(new_person(scene.netwerkmanager), scene, deal)
    steps.initiative_starts_the_deal(initiative, deal)

    resident = new_person(scene.resident)
    residency = steps.residency_is_proposed_and_confirmed(initiative, partner, scene, deal)
    steps.resident_writes_signals_and_pulls_the_handbrake(resident, residency)
    steps.partners_agree_and_release_the_handbrake(initiative, partner, scene, residency)

    guest = new_person(None, phone=True)
    schouw_round = steps.schouw_round_runs_its_five_steps(
        resident, initiative, partner, guest, scene, deal
    )
    steps.partners_publish_the_report(initiative, partner, scene, schouw_round)

    contentbeheerder = new_person(scene.contentbeheerder)
    lesson = steps.contentbeheerder_curates_the_lesson(contentbeheerder, scene, schouw_round)

    edition = steps.contentbeheerder_drafts_the_kompas(
        contentbeheerder, celery_worker_for_this_run, lesson
    )
    steps.resident_comments_on_the_kompas(resident, edition)
    steps.ambtenaar_puts_it_on_the_agenda(new_person(scene.ambtenaar), scene, edition)
    steps.bestuurder_decides_and_adopts(new_person(scene.bestuurder), edition)
    steps.the_new_priority_shows_on_the_deal_themes_page(new_person(None), scene, edition)


@pytest.fixture
def celery_worker_for_this_run(transactional_db):
    """Starts a worker only when the kompas step asks for it, and always stops it again."""
    worker = steps.Worker()
    yield worker
    worker.stop()


def _adopted_edition(make_user, theme):
    """An edition adopted through the kompas services, as a bestuurder would."""
    contentbeheerder = make_user(Role.CONTENTBEHEERDER)
    ambtenaar = make_user(Role.AMBTENAAR)
    bestuurder = make_user(Role.BESTUURDER)
    edition = KompasEditionFactory(status=Edition.Status.CONCEPT, title="Kompas voorjaar")
    proposal = KompasProposalFactory(
        edition=edition,
        title="Kleine percelen in de inkoop",
        change_type="inkoopregels",
        theme=theme,
    )
    KompasPriorityFactory(edition=edition, theme=theme)
    kompas_services.edition_consultation_open(actor=contentbeheerder, edition=edition)
    item = kompas_services.agenda_item_create(
        actor=ambtenaar,
        proposal=proposal,
        gremium=GremiumFactory(name="College"),
        date=timezone.localdate(),
    )
    kompas_services.edition_agenda_set(actor=ambtenaar, edition=edition)
    kompas_services.decision_record(
        actor=bestuurder,
        agenda_item=item,
        outcome="aangenomen",
        reasons="Kleine initiatieven kunnen zo meedingen.",
        monitor_indicator="Percelen onder de drempel",
        monitor_who="Inkoop",
        monitor_due=timezone.localdate() + datetime.timedelta(days=90),
    )
    return kompas_services.edition_adopt(actor=bestuurder, edition=edition)


def test_anonymous_visitor(new_person, make_user):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    area = AreaFactory(name="Feijenoord", slug="feijenoord", latitude=51.90, longitude=4.50)
    keuken = OrganisationFactory(
        name="Buurtkeuken Zuid",
        slug="buurtkeuken-zuid",
        themes=[theme],
        areas=[area],
        latitude=51.89,
        longitude=4.49,
    )
    OrganisationFactory(
        name="Huiskamer Noord", slug="huiskamer-noord", latitude=51.94, longitude=4.47
    )
    OrganisationFactory(name="Stadsbrede Hulplijn", slug="stadsbrede-hulplijn", citywide=True)
    DealFactory(
        status="lopend",
        title="Samen eten in Feijenoord",
        aanjager=keuken,
        themes=[theme],
        areas=[area],
    )
    DealFactory(status="idee", title="Nog geheime deal", aanjager=keuken)
    LessonFactory(
        title="Koken verbindt buren",
        summary="Wie samen kookt, leert de buurt kennen.",
        themes=[theme],
    )
    LessonFactory(title="Spreek elkaars taal", summary="Begin klein.")
    edition = _adopted_edition(make_user, theme)

    page = new_person(None)
    steps.visitor_searches_the_atlas_with_a_typo(page)
    steps.visitor_uses_the_map_and_its_list(page)
    steps.visitor_reads_the_deal_register(page)
    steps.visitor_searches_the_lessons(page)
    steps.visitor_reads_the_adopted_kompas(page, edition)
