"""End to end: a schouw lesson is published in the kennisbank, beat schedules the draft, a real
worker drafts it, a bestuurder adopts it, and the worker tells the lesson's proposer."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings

from atlas import services as atlas_services
from atlas.models import Lesson
from deals import selectors as deals_selectors
from deals.models import DealTheme
from kompas import services
from kompas.models import Edition, Evidence, Notification, Priority
from schouw import services as schouw_services
from tests.core.test_worker import BASE_DIR, database_url_of_this_test_run
from tests.kompas.factories import GremiumFactory
from tests.schouw.conftest import World
from tests.waiting import wait_until


def _start(args, env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "reisgids", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _published_schouw_lesson(theme, contentbeheerder):
    """A lesson written in a real schouw round, sent to the kennisbank when the round finished, and
    published there by a contentbeheerder through the atlas services."""
    world = World()
    world.deal.themes.add(theme)
    schouw_round, _guest = world.advance_to("rapportage")
    schouw_services.lesson_create(
        actor=world.initiative_admin,
        schouw_round=schouw_round,
        kind="samenwerking",
        title="Spreek af wie de knelpunten ophaalt",
        body="Zonder vaste verbinder blijven knelpunten in de wijk liggen.",
        audiences=["beleidsambtenaren"],
        for_wide_audience=True,
    )
    schouw_services.report_write(
        actor=world.initiative_admin, schouw_round=schouw_round, summary="Een rijk beeld."
    )
    schouw_services.schouw_round_finish(actor=world.initiative_admin, schouw_round=schouw_round)
    lesson = Lesson.objects.get(source_type="schouw", source_id=str(schouw_round.pk))
    lesson = atlas_services.lesson_take_into_editing(actor=contentbeheerder, lesson=lesson)
    lesson = atlas_services.lesson_update(
        actor=contentbeheerder, lesson=lesson, data={"themes": [theme]}
    )
    lesson = atlas_services.lesson_publish(actor=contentbeheerder, lesson=lesson)
    assert lesson.proposed_by == world.initiative_admin
    return lesson


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_schouw_lesson_becomes_a_deal_theme_priority_and_its_proposer_hears_back(
    forwarded, theme, contentbeheerder, ambtenaar, bestuurder
):
    lesson = _published_schouw_lesson(theme, contentbeheerder)
    forwarded(title="De inkoop past niet bij kleine initiatieven")
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_this_test_run(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "REISGIDS_KOMPAS_DRAFT_SECONDS": "2",
    }
    worker = _start(["worker", "--pool=solo", "--loglevel=WARNING"], env)
    beat = _start(
        [
            "beat",
            "--loglevel=WARNING",
            "--scheduler",
            "django_celery_beat.schedulers:DatabaseScheduler",
        ],
        env,
    )
    try:
        edition = wait_until(
            lambda: Edition.objects.filter(
                status=Edition.Status.CONCEPT, drafted_at__isnull=False, priorities__isnull=False
            ).first(),
            "beat and worker to draft the kompas",
        )
        assert edition is not None, "beat and worker did not draft the kompas"

        evidence = Evidence.objects.get(edition=edition, kind=Evidence.Kind.LES)
        assert (evidence.source_id, evidence.url) == (lesson.pk, lesson.get_absolute_url())
        from_lesson = edition.proposals.get(evidence=evidence)
        assert from_lesson.change_type == "spelregels_prikkels" and from_lesson.theme == theme
        services.edition_consultation_open(actor=contentbeheerder, edition=edition)
        items = [
            services.agenda_item_create(
                actor=ambtenaar,
                proposal=proposal,
                gremium=GremiumFactory(),
                date=datetime.date.today(),
            )
            for proposal in edition.proposals.all()
        ]
        services.edition_agenda_set(actor=ambtenaar, edition=edition)
        for item in items:
            services.decision_record(
                actor=bestuurder,
                agenda_item=item,
                outcome="aangenomen",
                reasons="Een vaste verbinder per deal en kleine percelen.",
                monitor_indicator="Deals met een verbinder",
                monitor_who="Cluster MO",
                monitor_due=datetime.date.today() + datetime.timedelta(days=90),
            )
        services.edition_adopt(actor=bestuurder, edition=edition)

        deal_theme = deals_selectors.deal_theme_list().get(theme=theme)
        assert deal_theme.source == DealTheme.Source.KOMPAS
        assert deal_theme.priority == Priority.objects.get(edition=edition).level

        services.edition_feedback_publish(
            actor=contentbeheerder, edition=edition, feedback="Beide voorstellen zijn aangenomen."
        )
        told = wait_until(
            lambda: Notification.objects.filter(
                edition=edition, email=lesson.proposed_by.email
            ).exists(),
            "the worker to tell the lesson's proposer",
        )
    finally:
        _stop(beat)
        _stop(worker)
    assert told, "the worker did not tell the lesson's proposer"
    assert (
        Edition.objects.filter(status=Edition.Status.CONCEPT).count() == 0
    )  # beat drafted no second concept
