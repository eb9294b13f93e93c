"""The newcomer's database: an embedded PostgreSQL in a folder of its own."""

import shutil
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from reisgids import devrun
from reisgids.settings import _broker_url_from_database


@pytest.fixture
def data_folder():
    """A folder of its own directly under the system's temporary folder.

    Not pytest's ``tmp_path``: the embedded server runs as its own system user and needs to enter
    every parent folder, and another pytest run on the same machine resets pytest's own temporary
    root to owner-only while this one is using it.
    """
    folder = Path(tempfile.mkdtemp(prefix="reisgids-embedded-pg-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.worker
def test_embedded_postgres_starts_serves_and_stops_in_a_temporary_folder(data_folder, monkeypatch):
    tmp_path = data_folder
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir()
    # The data folder may lie anywhere (REISGIDS_DATA_DIR), also outside the project.
    monkeypatch.setattr(devrun, "DATA_DIR", tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with (
        devrun.database_environment() as env,
        psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://")) as conn,
    ):
        version = conn.execute("SHOW server_version").fetchone()[0]
        assert int(version.split(".")[0]) >= 16
        conn.execute("CREATE TABLE probe (id int)")
        conn.execute("INSERT INTO probe VALUES (1)")
        conn.commit()
    assert (tmp_path / "pg" / "PG_VERSION").exists()
    pg = devrun.EmbeddedPostgres(tmp_path / "pg")
    socket_dir = pg.start()
    pg.ensure_database(socket_dir, devrun.EMBEDDED_DB_NAME)  # idempotent
    pg.stop()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(
            host=socket_dir, user="postgres", dbname=devrun.EMBEDDED_DB_NAME, connect_timeout=2
        )
    # Data persists between runs.
    socket_dir = pg.start()
    try:
        with psycopg.connect(
            host=socket_dir, user="postgres", dbname=devrun.EMBEDDED_DB_NAME
        ) as conn:
            assert conn.execute("SELECT count(*) FROM probe").fetchone()[0] == 1
    finally:
        pg.stop()


def test_socket_url_round_trips_through_settings():
    url = devrun.database_url_for_socket("/srv/data/pg", "reisgids")
    assert url == "postgres://postgres@%2Fsrv%2Fdata%2Fpg/reisgids"


def test_broker_url_follows_the_database():
    tcp = {"USER": "postgres", "PASSWORD": "geheim", "HOST": "db", "PORT": 5432, "NAME": "reisgids"}
    assert (
        _broker_url_from_database(tcp)
        == "sqla+postgresql+psycopg://postgres:geheim@db:5432/reisgids"
    )
    socket = {"USER": "postgres", "PASSWORD": "", "HOST": "/srv/pg", "PORT": "", "NAME": "reisgids"}
    assert (
        _broker_url_from_database(socket)
        == "sqla+postgresql+psycopg://postgres@/reisgids?host=/srv/pg"
    )


def test_exec_runs_a_command_with_the_configured_database(monkeypatch, capfd):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/elders")
    code = devrun.main(
        ["exec", "--", sys.executable, "-c", "import os; print(os.environ['DATABASE_URL'])"]
    )
    assert code == 0
    assert "postgres://postgres@127.0.0.1:5432/elders" in capfd.readouterr().out


def test_exec_without_a_command_is_an_error(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/elders")
    with pytest.raises(SystemExit):
        devrun.main(["exec"])


def test_chromium_is_taken_from_reisgids_chromium_before_debians_path(tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert devrun.chromium_path({"REISGIDS_CHROMIUM": str(browser)}) == str(browser)
    assert devrun.chromium_path({}) == "/usr/bin/chromium"
    assert devrun.ensure_chromium({"REISGIDS_CHROMIUM": str(browser)}) == 0


def test_a_reisgids_chromium_that_is_not_there_stops_with_a_sentence_in_both_languages(
    tmp_path, capsys
):
    missing = tmp_path / "nergens" / "chromium"
    assert (
        devrun.ensure_chromium(
            {"REISGIDS_CHROMIUM": str(missing)}, is_root=True, apt_get="/usr/bin/apt-get"
        )
        == 1
    )
    message = capsys.readouterr().err
    assert f"REISGIDS_CHROMIUM wijst naar {missing}" in message
    assert "there is no Chromium there" in message


def test_without_root_or_apt_get_the_set_up_names_the_command_to_run(monkeypatch, capsys):
    monkeypatch.setattr(devrun, "DEFAULT_CHROMIUM", "/nonexistent/chromium")
    assert devrun.ensure_chromium({}, is_root=False, apt_get="/usr/bin/apt-get") == 1
    message = capsys.readouterr().err
    assert "voer `sudo apt-get install -y chromium` uit" in message
    assert "run `sudo apt-get install -y chromium`" in message
    assert devrun.ensure_chromium({}, is_root=True, apt_get="") == 1
    assert "`apt-get install -y chromium`" in capsys.readouterr().err


def test_browser_command_exits_before_any_test_when_chromium_cannot_be_had(tmp_path):
    import subprocess

    env = {"PATH": "/usr/bin:/bin", "REISGIDS_CHROMIUM": str(tmp_path / "chromium")}
    result = subprocess.run(
        [sys.executable, "-m", "reisgids.devrun", "browser"],
        cwd=devrun.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "REISGIDS_CHROMIUM" in result.stderr
