import importlib

import pytest
from django.db import connection
from django.db.models.signals import pre_migrate
from rest_framework.test import APIClient

from reisgids.core.roles import Role
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory


def _search_function(sender, using, **kwargs):
    """Tests create tables without migrations; a stored search document needs the immutable unaccent first."""
    from django.db import connections

    if sender.label != "atlas":
        return
    search_migration = importlib.import_module("atlas.migrations.0006_search_indexes")
    with connections[using].cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute(search_migration.FUNCTION)


pre_migrate.connect(_search_function, dispatch_uid="tests-search-function")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests run without migrations, so create the PostgreSQL extensions the atlas search needs."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        # The search's immutable unaccent and trigram threshold, as migration atlas 0006 sets them.
        search_migration = importlib.import_module("atlas.migrations.0006_search_indexes")
        cursor.execute(search_migration.FUNCTION)
        cursor.execute(search_migration.THRESHOLD)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every factory user gets a password; the production hasher's many iterations only cost time here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch(settings):
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """Private uploads (schouw photos) go to a temporary folder in tests."""
    location = tmp_path_factory.mktemp("private-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Throttling and rate limits count in the cache: every test starts with an empty cache of its
    own (in memory), so tests running in parallel processes never clear each other's counts."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Logeerhuis Test", slug="logeerhuis-test")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Buurtkeuken Zuid", slug="buurtkeuken-zuid")


@pytest.fixture
def member(organisation):
    """An approved member (no admin rights) of `organisation`."""
    return ApprovedMembershipFactory(
        organisation=organisation, user__roles=[Role.INITIATIEFNEMER]
    ).user


@pytest.fixture
def org_admin(organisation):
    return ApprovedMembershipFactory(
        organisation=organisation, role="beheerder", user__roles=[Role.INITIATIEFNEMER]
    ).user


@pytest.fixture
def other_org_admin(other_organisation):
    return ApprovedMembershipFactory(
        organisation=other_organisation, role="beheerder", user__roles=[Role.INITIATIEFNEMER]
    ).user


@pytest.fixture
def outsider(db):
    return UserFactory(roles=[Role.INITIATIEFNEMER])


@pytest.fixture
def netwerkmanager(db):
    return UserFactory(roles=[Role.NETWERKMANAGER])


@pytest.fixture
def beheerder(db):
    return UserFactory(roles=[Role.BEHEERDER])


@pytest.fixture
def ambtenaar(db):
    return UserFactory(roles=[Role.AMBTENAAR])


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`), every test that runs a real Celery worker or beat
    goes to the same process, one after the other: they share the broker's default queue."""
    for item in items:
        path = str(item.fspath).replace("\\", "/")
        if item.get_closest_marker("worker") or path.endswith("tests/e2e/test_cycle.py"):
            item.add_marker(pytest.mark.xdist_group("celery"))
