"""make backup / make restore: a dump of the test database goes into a fresh database and holds the same data."""

import io

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from reisgids.core import backup
from reisgids.core.errors import ApplicationError
from reisgids.core.models import User
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory


def _server_kwargs():
    db = connection.settings_dict
    return {
        key: value
        for key, value in {
            "host": db.get("HOST") or None,
            "port": db.get("PORT") or None,
            "user": db.get("USER") or None,
            "password": db.get("PASSWORD") or None,
        }.items()
        if value
    }


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with psycopg.connect(dbname="postgres", autocommit=True, **_server_kwargs()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(dbname="postgres", autocommit=True, **_server_kwargs()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# pg_dump runs in its own process, so the data must be committed. Only the tables of these apps
# (and those pointing at them) are emptied afterwards, without recreating every permission.
@pytest.mark.django_db(transaction=True, available_apps=["reisgids.core", "atlas"])
def test_a_backup_restored_into_a_fresh_database_holds_the_same_data(tmp_path, fresh_database):
    organisation = OrganisationFactory(name="Buurtkamer Zuid", slug="buurtkamer-zuid")
    member = ApprovedMembershipFactory(
        organisation=organisation, user__email="anna@example.org"
    ).user
    UserFactory.create_batch(3)
    dump = tmp_path / "reisgids.dump"

    call_command("backup_database", output=str(dump), stdout=io.StringIO())
    assert dump.stat().st_size > 0
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    backup.restore(
        target=backup.Target.from_settings(name=fresh_database),
        source=dump,
        major=backup.server_major_version(),
    )

    with psycopg.connect(dbname=fresh_database, **_server_kwargs()) as restored:
        assert (
            restored.execute("SELECT count(*) FROM core_user").fetchone()[0]
            == User.objects.count()
            == 4
        )
        assert restored.execute("SELECT name FROM atlas_organisation").fetchall() == [
            ("Buurtkamer Zuid",)
        ]
        row = restored.execute(
            "SELECT u.email, m.status FROM atlas_membership m JOIN core_user u ON u.id = m.user_id"
        ).fetchone()
        assert row == (member.email, "goedgekeurd")
        password = restored.execute(
            "SELECT password FROM core_user WHERE id = %s", [member.pk]
        ).fetchone()[0]
        assert password == User.objects.get(pk=member.pk).password


def test_restore_refuses_without_a_file_or_with_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Geef de reservekopie op"):
        call_command("restore_database")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore_database", str(tmp_path / "geen.dump"))


@pytest.mark.django_db
def test_backup_writes_to_backups_with_a_timestamp_by_default_and_never_overwrites(
    settings, tmp_path
):
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("backup_database", stdout=out)
    (written,) = (tmp_path / "backups").glob("reisgids-*.dump")
    assert f"geschreven naar {written}" in out.getvalue()
    assert written.stat().st_size > 0
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup_database", output=str(written))


@pytest.mark.django_db
def test_restore_asks_for_yes_before_overwriting_a_database_with_data(tmp_path):
    UserFactory()
    dump = tmp_path / "reisgids.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match=r"bevat al gegevens.*--yes"):
        call_command("restore_database", str(dump), "--no-input")
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_with_a_clear_message(tmp_path):
    dump = tmp_path / "kapot.dump"
    dump.write_bytes(b"dit is geen reservekopie")
    UserFactory(email="blijft@example.org")
    target = backup.Target.from_settings()
    with pytest.raises(ApplicationError, match="Het terugzetten is mislukt"):
        backup.restore(target=target, source=dump, major=backup.server_major_version())
    assert User.objects.filter(email="blijft@example.org").exists()
