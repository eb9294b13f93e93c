"""One task through a real Celery worker process, on whichever broker the settings choose."""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from reisgids.core.models import WorkerHeartbeat
from reisgids.core.tasks import heartbeat_record
from tests.waiting import wait_until

BASE_DIR = Path(settings.BASE_DIR)


def database_url_of_this_test_run() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture
def worker_queue():
    """A worker process on a queue of its own, pointed at the test database."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_this_test_run(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reisgids",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_heartbeat_task_runs_in_a_real_worker(worker_queue):
    name = f"probe-{worker_queue}"
    heartbeat_record.apply_async(kwargs={"name": name}, queue=worker_queue)
    beat = wait_until(
        lambda: WorkerHeartbeat.objects.filter(name=name).first(), "the worker's heartbeat"
    )
    assert beat is not None, (
        f"the worker did not run the task on {settings.CELERY_BROKER_URL.split(':')[0]}"
    )
    assert beat.runs == 1


def test_task_called_directly_counts_runs(db):
    assert heartbeat_record(name="direct") == 1
    assert heartbeat_record(name="direct") == 2


def test_beat_schedule_includes_the_heartbeat():
    entry = settings.CELERY_BEAT_SCHEDULE["core-heartbeat"]
    assert entry["task"] == heartbeat_record.name
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
