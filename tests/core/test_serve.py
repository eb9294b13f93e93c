"""`make run`: migrate, seed, then web + worker + beat; Ctrl-C stops them all."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.waiting import wait_until

from .test_worker import database_url_of_this_test_run

WORKER_READY = re.compile(r"celery@\S+ ready\.")


class Output:
    """Everything the process prints, read in a thread so that the pipe never fills up."""

    def __init__(self, proc):
        self._lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for line in stream:
            self._lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self._lines)

    def close(self):
        self._thread.join(timeout=30)


def _health(port: int):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return json.load(response)
    except OSError:
        return None


def _assert_the_demo_looks_like_the_product(base: str, output) -> None:
    """DEBUG is off: the house-style 404, static files from WhiteNoise, the API root, a real login."""
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{base}/bestaat-niet/", timeout=10)
    assert missing.value.code == 404
    page = missing.value.read().decode()
    assert "Deze pagina bestaat niet (meer)" in page and "URLconf" not in page
    for path in ("/static/css/reisgids.css", "/favicon.ico", "/api/v1/"):
        with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
            assert response.status == 200, path
    password = re.search(r"wachtwoord voor allemaal: (\S+)\)", output.text).group(1)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with browser.open(f"{base}/account/inloggen/", timeout=10) as response:
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()
        ).group(1)
    form = {
        "username": "netwerkmanager@demo.reisgids.example",
        "password": password,
        "csrfmiddlewaretoken": token,
    }
    request = urllib.request.Request(
        f"{base}/account/inloggen/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": base},
    )
    with browser.open(request, timeout=30) as response:
        assert "Uitloggen" in response.read().decode()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fresh_database():
    db = connection.settings_dict
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "user": db["USER"],
        "dbname": "postgres",
        "autocommit": True,
    }
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
    output = Output(proc)
    try:
        health = wait_until(
            lambda: _health(port) if proc.poll() is None else None,
            "the web server's /healthz (after migrate and seed_demo)",
            seconds=600,
        )
        assert health["database"]["ok"] and health["broker"]["ok"]
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(
            f"{base}/atlas/organisaties/?q=logeerhuis", timeout=10
        ) as response:
            assert "Logeerhuis De Buren" in response.read().decode()
        _assert_the_demo_looks_like_the_product(base, output)
        # Ctrl-C only once every process has said it is up, however slow the machine is.
        wait_until(lambda: WORKER_READY.search(output.text), "the worker's ready line")
        wait_until(lambda: "beat: Starting" in output.text, "beat's start line")
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.wait(timeout=180)
        output.close()
    assert proc.returncode == 0
    assert "netwerkmanager@demo.reisgids.example" in output.text
    # Web server, worker (with its pool) and beat have all exited: nothing is left in the group.
    assert wait_until(
        lambda: not _group_alive(proc.pid), "every child process to exit", seconds=120
    )
