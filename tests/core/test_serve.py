"""`make run`: migrate, seed, then web + worker + beat; Ctrl-C stops them all."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from .test_worker import database_url_of_this_test_run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fresh_database():
    db = connection.settings_dict
    params = {"host": db["HOST"] or "127.0.0.1", "user": db["USER"], "dbname": "postgres", "autocommit": True}
    if db.get("PORT"):
        params["port"] = db["PORT"]
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    name = f"serve_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url_of_this_test_run().rsplit("/", 1)[0] + f"/{name}"
    yield url
    with psycopg.connect(**params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.worker
@pytest.mark.django_db
def test_serve_migrates_seeds_and_runs_web_worker_and_beat(fresh_database):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": fresh_database}
    env.pop("CELERY_BROKER_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reisgids.devrun", "serve", "--address", f"127.0.0.1:{port}"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    health = json.load(response)
                    break
            except OSError:
                time.sleep(1)
        assert health is not None, "the web server did not answer"
        assert health["database"]["ok"] and health["broker"]["ok"]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/atlas/organisaties/?q=logeerhuis", timeout=10
        ) as response:
            assert "Logeerhuis De Buren" in response.read().decode()
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert "netwerkmanager@demo.reisgids.example" in output
    assert "celery@" in output  # the worker started
    assert "beat: Starting" in output
