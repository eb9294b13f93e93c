"""The newcomer's database: an embedded PostgreSQL in a folder of its own."""

import sys

import psycopg
import pytest

from reisgids import devrun
from reisgids.settings import _broker_url_from_database


@pytest.mark.worker
def test_embedded_postgres_starts_serves_and_stops_in_a_temporary_folder(tmp_path, monkeypatch):
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
        psycopg.connect(host=socket_dir, user="postgres", dbname=devrun.EMBEDDED_DB_NAME, connect_timeout=2)
    # Data persists between runs.
    socket_dir = pg.start()
    try:
        with psycopg.connect(host=socket_dir, user="postgres", dbname=devrun.EMBEDDED_DB_NAME) as conn:
            assert conn.execute("SELECT count(*) FROM probe").fetchone()[0] == 1
    finally:
        pg.stop()


def test_socket_url_round_trips_through_settings():
    url = devrun.database_url_for_socket("/srv/data/pg", "reisgids")
    assert url == "postgres://postgres@%2Fsrv%2Fdata%2Fpg/reisgids"


def test_broker_url_follows_the_database():
    tcp = {"USER": "postgres", "PASSWORD": "geheim", "HOST": "db", "PORT": 5432, "NAME": "reisgids"}
    assert _broker_url_from_database(tcp) == "sqla+postgresql+psycopg://postgres:geheim@db:5432/reisgids"
    socket = {"USER": "postgres", "PASSWORD": "", "HOST": "/srv/pg", "PORT": "", "NAME": "reisgids"}
    assert _broker_url_from_database(socket) == "sqla+postgresql+psycopg://postgres@/reisgids?host=/srv/pg"


def test_exec_runs_a_command_with_the_configured_database(monkeypatch, capfd):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/elders")
    code = devrun.main(["exec", "--", sys.executable, "-c", "import os; print(os.environ['DATABASE_URL'])"])
    assert code == 0
    assert "postgres://postgres@127.0.0.1:5432/elders" in capfd.readouterr().out


def test_exec_without_a_command_is_an_error(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/elders")
    with pytest.raises(SystemExit):
        devrun.main(["exec"])
