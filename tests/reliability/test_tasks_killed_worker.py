"""A real worker is killed while it drafts the kompas and sends a digest; a fresh one finishes.

The test holds row locks that both tasks need halfway through their work, so both are caught in
the middle at a known point, without waiting on the clock: the draft has gathered its evidence and
is rewriting the proposals inside its transaction; the digest has mailed and recorded the first
people and waits for the next one. Then the whole worker (parent and children) gets SIGKILL.
"""

import email
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from atlas.models import DigestPreference, Notification
from atlas.tasks import notification_digest_send
from kompas import selectors as kompas_selectors
from kompas import services as kompas_services
from kompas.models import DraftRun, Edition
from reisgids.celery import app
from reisgids.core.errors import Conflict
from reisgids.core.roles import Role
from tests.atlas.factories import DigestPreferenceFactory, NotificationFactory, ThemeFactory
from tests.core.factories import UserFactory
from tests.core.test_worker import BASE_DIR, database_url_of_this_test_run
from tests.deals.factories import DealFactory, KnelpuntFactory
from tests.waiting import wait_until

from .committed import _django_db_marker, committed_db  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.worker, pytest.mark.django_db, pytest.mark.usefixtures("committed_db")]

WORKER = [
    sys.executable,
    "-m",
    "celery",
    "-A",
    "reisgids",
    "worker",
    "--pool=prefork",
    "--concurrency=2",
    "--loglevel=WARNING",
]
PEOPLE = 8
MAILED_BEFORE_THE_KILL = 5
CATEGORIES = ["inkoop", "regelgeving", "financiering", "data_privacy"]


@pytest.fixture
def send_to():
    """Tasks enqueued from here on (also on commit by services) go to the named queue."""
    previous = app.conf.task_default_queue

    def route(queue: str) -> None:
        app.conf.task_default_queue = queue

    yield route
    app.conf.task_default_queue = previous


@pytest.fixture
def start_worker(tmp_path):
    """Starts a real worker (two child processes) on a queue of its own, in a process group of its
    own; every mail sent by any of them lands in ``tmp_path/mail``. Returns the process and queue."""
    started = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_this_test_run(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_URL": f"filemail:///{mail_dir.resolve()}",  # django-environ drops the first slash of the path
    }

    def start():
        queue = f"test-{uuid.uuid4().hex[:8]}"
        proc = subprocess.Popen(
            [*WORKER, "-Q", queue, f"--hostname={queue}@%h"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(proc)
        return proc, queue

    start.mail_dir = mail_dir
    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def backends_waiting_for_a_lock(count: int) -> list[int]:
    """The database sessions of this test database that wait for a row lock, once there are ``count``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    return pids if len(pids) == count else []


def backends_alive(pids) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [list(pids)])
        return cursor.fetchone()[0] > 0


def concept_state() -> dict:
    """What a draft writes: evidence, proposals with their evidence, and priorities."""
    edition = Edition.objects.get(status=Edition.Status.CONCEPT)
    return {
        "edition": edition.pk,
        "evidence": sorted(
            edition.evidence.values_list("kind", "source_id", "change_type", "theme_id")
        ),
        "proposals": sorted(
            (
                p.draft_key,
                p.title,
                p.problem,
                tuple(sorted(p.evidence.values_list("source_id", flat=True))),
            )
            for p in edition.proposals.all()
        ),
        "priorities": sorted(edition.priorities.values_list("theme_id", "level", "rationale")),
    }


def mails_by_recipient(mail_dir: Path) -> dict[str, list[str]]:
    """Every message the workers' file backend wrote, as body text per recipient."""
    found: dict[str, list[str]] = {}
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip())
                found.setdefault(message["To"], []).append(
                    message.get_payload(decode=True).decode()
                )
    return found


def knelpunten(themes, count, offset=0):
    for i in range(count):
        theme = themes[(i + offset) % len(themes)]
        KnelpuntFactory(
            deal=DealFactory(themes=[theme]),
            category=CATEGORIES[(i + offset) % len(CATEGORIES)],
            status="doorgezet_naar_kompas",
            forwarded_at=timezone.now(),
        )


def test_a_worker_killed_halfway_through_the_kompas_draft_and_a_digest_leaves_consistent_data(
    send_to, start_worker, client
):
    preparer = UserFactory(roles=[Role.CONTENTBEHEERDER])
    themes = [ThemeFactory() for _ in range(3)]
    knelpunten(themes, 12)
    kompas_services.edition_draft(actor=preparer)  # the concept as it stood before today's run
    knelpunten(themes, 12, offset=1)  # new knelpunten forwarded since
    before_the_run = concept_state()
    people = [DigestPreferenceFactory(user=UserFactory()) for _ in range(PEOPLE)]
    for preference in people:
        NotificationFactory.create_batch(2, user=preference.user)

    with psycopg.connect(database_url_of_this_test_run()) as blocker:
        # Rows the tasks need halfway: the draft's proposals, and the digest's sixth person.
        blocker.execute(
            "SELECT id FROM kompas_proposal WHERE edition_id = %s FOR UPDATE",
            [before_the_run["edition"]],
        )
        blocker.execute(
            "SELECT id FROM atlas_digestpreference WHERE id = %s FOR UPDATE",
            [people[MAILED_BEFORE_THE_KILL].pk],
        )
        worker, first = start_worker()
        _fresh, second = (
            start_worker()
        )  # a fresh worker starts up meanwhile and waits for the rerun
        send_to(first)
        killed_run = kompas_services.draft_run_start(actor=preparer)
        notification_digest_send.delay("dagelijks")
        waiting = wait_until(
            lambda: backends_waiting_for_a_lock(count=2), "both tasks to reach the locked rows"
        )
        killed_run.refresh_from_db()
        assert (killed_run.status, killed_run.progress) == (DraftRun.Status.BEZIG, 80)
        assert not kompas_selectors.draft_run_is_stale(run=killed_run)
        with pytest.raises(Conflict, match="wordt al opgesteld"):
            kompas_services.draft_run_start(actor=preparer)

        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        blocker.rollback()  # the dead worker's sessions now find their client gone and roll back
    wait_until(lambda: not backends_alive(waiting), "the killed worker's database sessions to end")

    # Nothing half-written: the concept is exactly as before, the run is recognised as stale.
    assert concept_state() == before_the_run
    killed_run.refresh_from_db()
    assert killed_run.status == DraftRun.Status.BEZIG and kompas_selectors.draft_run_is_stale(
        run=killed_run
    )
    client.force_login(preparer)
    progress = client.get(reverse("kompas:draft-run", args=[killed_run.pk])).content.decode()
    assert (
        "Het werkproces is gestopt" in progress and "hx-get" not in progress
    )  # the page stops polling
    # The digest: the first people were mailed and recorded, the others not at all.
    mailed = [p for p in people if DigestPreference.objects.get(pk=p.pk).last_sent_at is not None]
    assert mailed == people[:MAILED_BEFORE_THE_KILL]
    for preference in people:
        pending = Notification.objects.filter(user=preference.user, emailed_at__isnull=True).count()
        assert pending == (0 if preference in mailed else 2)
    assert sorted(mails_by_recipient(start_worker.mail_dir)) == sorted(p.user.email for p in mailed)

    # A preparer starts again at once; the fresh worker finishes both.
    send_to(second)
    rerun = kompas_services.draft_run_start(actor=preparer)
    killed_run.refresh_from_db()
    assert killed_run.status == DraftRun.Status.MISLUKT and "stopte" in killed_run.step
    notification_digest_send.delay("dagelijks")
    wait_until(
        lambda: DraftRun.objects.get(pk=rerun.pk).status == DraftRun.Status.KLAAR,
        "the rerun of the draft",
    )
    wait_until(
        lambda: (
            not DigestPreference.objects.filter(
                pk__in=[p.pk for p in people], last_sent_at=None
            ).exists()
            and not Notification.objects.filter(emailed_at=None).exists()
        ),
        "the rerun of the digest",
    )

    # The draft equals a clean run on the same data, and it took in what was new.
    after_rerun = concept_state()
    assert after_rerun != before_the_run
    assert len(after_rerun["evidence"]) == 24
    clean = kompas_services.edition_draft(actor=preparer)
    assert concept_state() == after_rerun
    assert DraftRun.objects.get(pk=rerun.pk).counts == clean.counts
    # Everyone got exactly one digest, with exactly their own notifications; running it again sends none.
    mails = mails_by_recipient(start_worker.mail_dir)
    assert sorted(mails) == sorted(p.user.email for p in people)
    for preference in people:
        (body,) = mails[preference.user.email]
        texts = list(
            Notification.objects.filter(user=preference.user).values_list("text", flat=True)
        )
        assert all(text in body for text in texts)
    assert sum(len(bodies) for bodies in mails.values()) == PEOPLE
    assert notification_digest_send("dagelijks") == 0
