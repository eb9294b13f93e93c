"""Every Celery task retries a bounded number of times and may run twice: the second run is a no-op.

Each task is called directly twice on data where its first run has work to do. The first run must
change the database or send mail; the second must leave every table as the first left it (apart
from timestamps of the run itself) and send nothing more.
"""

import datetime
import json

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone

from atlas import tasks as atlas_tasks
from deals import tasks as deal_tasks
from deals.residence import tasks as residence_tasks
from kompas import services as kompas_services
from kompas import tasks as kompas_tasks
from kompas.models import Edition
from reisgids.celery import app
from reisgids.core.roles import Role
from schouw import tasks as schouw_tasks
from tests.atlas.factories import (
    DigestPreferenceFactory,
    ListingFactory,
    ListingResponseFactory,
    NotificationFactory,
    OrganisationFactory,
    SavedSearchFactory,
    ThemeFactory,
)
from tests.core.factories import UserFactory
from tests.deals.factories import KnelpuntFactory, ProcessAgreementFactory
from tests.kompas.factories import GremiumFactory
from tests.residence.factories import ActionFactory, HandbrakeFactory, MeetingFactory
from tests.schouw.conftest import World as SchouwWorld
from tests.schouw.factories import SchouwLessonFactory, SchouwRoundFactory

OUR_APPS = ("atlas.", "deals.", "residence.", "schouw.", "kompas.", "reisgids.")
# A scheduled draft records every run (its DraftRun and an audit line), also when nothing changed.
RUN_RECORDS = {"kompas_draftrun", "core_auditevent"}
VOLATILE = {"updated_at", "drafted_at", "finished_at"}


def test_every_task_retries_a_bounded_number_of_times_and_survives_a_lost_worker():
    ours = {name: task for name, task in app.tasks.items() if name.startswith(OUR_APPS)}
    assert len(ours) >= 14, sorted(ours)
    for name, task in ours.items():
        assert 1 <= task.max_retries <= 3, name
        assert OperationalError in task.autoretry_for, name
        assert task.retry_backoff and task.retry_jitter, name
        assert task.acks_late and task.reject_on_worker_lost, name


def database_state(skip=()) -> dict:
    """Every row of every table, without the timestamps a run itself sets."""
    tables = [t for t in connection.introspection.table_names(include_views=False) if t not in skip]
    query = " UNION ALL ".join(
        f"SELECT %s, to_jsonb(t) FROM {connection.ops.quote_name(t)} t" for t in tables
    )
    state: dict[str, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(query, tables)
        for table, row in cursor.fetchall():
            row = json.loads(row) if isinstance(row, str) else row
            state.setdefault(table, []).append(
                json.dumps({k: row[k] for k in sorted(row) if k not in VOLATILE})
            )
    return {table: sorted(rows) for table, rows in state.items()}


@pytest.fixture
def work_for_every_task(db, django_capture_on_commit_callbacks):
    """A running deal with a partner in residence and a due schouw, and work for each task."""
    world = SchouwWorld()
    today = timezone.localdate()
    # atlas
    theme = ThemeFactory(slug="jeugd")
    SavedSearchFactory(
        query="theme=jeugd", last_sent_at=timezone.now() - datetime.timedelta(days=2)
    )
    OrganisationFactory(themes=[theme])
    ListingFactory(expires_on=today - datetime.timedelta(days=1))
    response = ListingResponseFactory()
    preference = DigestPreferenceFactory()
    NotificationFactory.create_batch(2, user=preference.user)
    # deals and residence
    handbrake = HandbrakeFactory(residency=world.residency)
    meeting = MeetingFactory(residency=world.residency)
    ActionFactory(meeting=meeting, due_date=today + datetime.timedelta(days=1))
    # schouw
    ProcessAgreementFactory(deal=world.deal, schouw_frequency="halfjaarlijks")
    world.deal.started_at = timezone.now() - datetime.timedelta(days=200)
    world.deal.save()
    SchouwLessonFactory(
        round=SchouwRoundFactory(deal=world.other_deal, status="afgerond"),
        kennisbank="wachtrij",
        written_by=world.initiative_admin,
        for_wide_audience=True,
    )
    # kompas: a concept to draft, and an earlier edition that is fed back and monitored
    preparer = UserFactory(roles=[Role.CONTENTBEHEERDER])
    bestuurder = UserFactory(roles=[Role.BESTUURDER])
    KnelpuntFactory(deal=world.deal, status="doorgezet_naar_kompas", forwarded_at=timezone.now())
    kompas_services.edition_draft(actor=preparer)
    edition = Edition.objects.get(status=Edition.Status.CONCEPT)
    kompas_services.edition_consultation_open(actor=preparer, edition=edition)
    for proposal in edition.proposals.all():
        item = kompas_services.agenda_item_create(
            actor=bestuurder, proposal=proposal, gremium=GremiumFactory(), date=today
        )
    kompas_services.edition_agenda_set(actor=bestuurder, edition=edition)
    kompas_services.decision_record(
        actor=bestuurder,
        agenda_item=item,
        outcome="aangenomen",
        reasons="Kleinere percelen.",
        monitor_indicator="Percelen",
        monitor_who="Cluster MO",
        monitor_owner=bestuurder,
        monitor_due=today - datetime.timedelta(days=1),
    )
    kompas_services.edition_adopt(actor=bestuurder, edition=edition)
    with (
        django_capture_on_commit_callbacks()
    ):  # the worker is not asked; this test calls the task itself
        kompas_services.edition_feedback_publish(
            actor=preparer, edition=edition, feedback="Aangenomen."
        )
        run = kompas_services.draft_run_start(actor=preparer)
    return {
        "response": response.pk,
        "handbrake": handbrake.pk,
        "edition": edition.pk,
        "run": run.pk,
    }


def test_every_task_run_twice_does_its_work_once(
    work_for_every_task, django_capture_on_commit_callbacks
):
    ids = work_for_every_task

    def forward_a_knelpunt():
        KnelpuntFactory(status="doorgezet_naar_kompas", forwarded_at=timezone.now())

    runs = [
        ("radar digest", lambda: atlas_tasks.radar_digest_send("dagelijks"), (), None),
        ("listings expire", atlas_tasks.listings_expire, (), None),
        (
            "listing response mail",
            lambda: atlas_tasks.listing_response_mail_send(ids["response"]),
            (),
            None,
        ),
        (
            "notification digest",
            lambda: atlas_tasks.notification_digest_send("dagelijks"),
            (),
            None,
        ),
        ("check-in reminders", deal_tasks.checkin_reminders_send, (), None),
        ("handbrake mail", lambda: residence_tasks.handbrake_notify(ids["handbrake"]), (), None),
        ("action reminders", residence_tasks.action_reminders_send, (), None),
        ("meeting reminders", residence_tasks.meeting_reminders_send, (), None),
        ("schouw reminders", schouw_tasks.schouw_reminders_send, (), None),
        ("lessons to the kennisbank", schouw_tasks.lessons_kennisbank_deliver, (), None),
        ("kompas feedback mail", lambda: kompas_tasks.feedback_notify(ids["edition"]), (), None),
        ("kompas monitoring reminders", kompas_tasks.monitoring_reminders_send, (), None),
        ("kompas draft by hand", lambda: kompas_tasks.edition_draft(ids["run"]), (), None),
        (
            "kompas draft by beat",
            kompas_tasks.edition_draft_scheduled,
            RUN_RECORDS,
            forward_a_knelpunt,
        ),
    ]
    for what, task, skip, prepare in runs:
        if prepare:
            prepare()
        before, mails = database_state(skip), len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            task()
        once, mails_once = database_state(skip), len(mail.outbox)
        assert (once, mails_once) != (before, mails), f"{what}: the first run found no work"
        with django_capture_on_commit_callbacks(execute=True):
            task()
        assert len(mail.outbox) == mails_once, f"{what}: the second run sent mail again"
        twice = database_state(skip)
        changed = sorted(t for t in set(once) | set(twice) if once.get(t) != twice.get(t))
        assert not changed, f"{what}: the second run changed {changed}"
