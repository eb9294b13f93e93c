"""End to end: beat schedules the draft, a real worker drafts it, a bestuurder adopts it."""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from deals import selectors as deals_selectors
from deals.models import DealTheme
from kompas import services
from kompas.models import Edition, Priority
from tests.core.test_worker import BASE_DIR, database_url_of_this_test_run
from tests.factories import GremiumFactory


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


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_beat_drafts_and_the_adopted_edition_sets_a_deal_theme_priority(
    forwarded, theme, contentbeheerder, ambtenaar, bestuurder
):
    forwarded(title="De inkoop past niet bij kleine initiatieven")
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_this_test_run(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "REISGIDS_KOMPAS_DRAFT_SECONDS": "2",
    }
    worker = _start(["worker", "--pool=solo", "--loglevel=WARNING"], env)
    beat = _start(["beat", "--loglevel=WARNING", "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"], env)
    try:
        deadline = time.monotonic() + 90
        edition = None
        while time.monotonic() < deadline:
            edition = Edition.objects.filter(status=Edition.Status.CONCEPT, drafted_at__isnull=False).first()
            if edition is not None and Priority.objects.filter(edition=edition).exists():
                break
            time.sleep(0.5)
    finally:
        _stop(beat)
        _stop(worker)
    assert edition is not None, "beat and worker did not draft the kompas"

    proposal = edition.proposals.get()
    assert proposal.evidence.get().title == "De inkoop past niet bij kleine initiatieven"
    services.edition_consultation_open(actor=contentbeheerder, edition=edition)
    item = services.agenda_item_create(
        actor=ambtenaar, proposal=proposal, gremium=GremiumFactory(), date=datetime.date.today()
    )
    services.edition_agenda_set(actor=ambtenaar, edition=edition)
    services.decision_record(
        actor=bestuurder,
        agenda_item=item,
        outcome="aangenomen",
        reasons="Kleine percelen in de volgende aanbesteding.",
        monitor_indicator="Aantal kleine percelen",
        monitor_who="Inkoop",
        monitor_due=datetime.date.today() + datetime.timedelta(days=90),
    )
    services.edition_adopt(actor=bestuurder, edition=edition)

    deal_theme = deals_selectors.deal_theme_list().get(theme=theme)
    assert deal_theme.source == DealTheme.Source.KOMPAS
    assert deal_theme.priority == Priority.objects.get(edition=edition).level
