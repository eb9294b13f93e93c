"""Committed test data, for tests where other connections or processes must see it.

``django_db(transaction=True)`` empties every table after each test with one TRUNCATE of all of
them, which makes new files for every table and index: on a busy two-core machine that costs five
seconds and more per test. A test marked ``django_db`` that uses ``committed_db`` instead commits
like a transactional test, and afterwards only the tables that were empty before and are not any
more are emptied, with a DELETE each in one transaction (Django's foreign keys are deferrable, so
the order does not matter). The marker stays, so pytest-django still creates the test database.

A module that uses it imports both fixtures below.
"""

import pytest
from django.db import connection, transaction


def _filled_tables() -> set[str]:
    tables = connection.introspection.table_names(include_views=False)
    probes = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {connection.ops.quote_name(t)})" for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probes, tables)
        return {row[0] for row in cursor.fetchall()}


def _empty(tables: set[str]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in sorted(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture(autouse=True)
def _django_db_marker(request):
    """pytest-django's own marker fixture, except for tests that use ``committed_db``."""
    if request.node.get_closest_marker("django_db") and "committed_db" not in request.fixturenames:
        request.getfixturevalue("_django_db_helper")


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = _filled_tables()
        try:
            yield
        finally:
            _empty(_filled_tables() - before)
