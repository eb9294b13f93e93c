"""Queries per request do not grow with the data: every page and API list the bench measures runs
the same number of queries on a small and on a three times larger database, within its budget."""

import pytest
from django.core.cache import cache
from django.db import connection

from reisgids.bench.management.commands.bench import Command as Bench
from reisgids.bench.management.commands.bench import QueryCounter, _log_in
from reisgids.bench.seed import Seeder

pytestmark = pytest.mark.django_db

BUDGET = 15
# Pages that still exceed the budget of 15 (see docs/benchmarks.md); pinned so they cannot get worse.
OVER_BUDGET = {
    "Deals: deal met tijdlijn": 24,
}


def _query_counts(client_for, pages):
    counts = {}
    for label, url, user, _kind in pages:
        client = client_for(user)
        cache.clear()  # both sizes start cold, then count the warm request
        client.get(url)  # warm: the first request of a session may store it
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        counts[label] = counter.count
    return counts


def test_queries_per_page_do_not_grow_with_the_data():
    from django.test import Client

    Seeder(factor=0.005, seed=11, log=lambda *a: None).run_all()
    bench = Bench()
    fixtures = bench.fixtures()
    pages = [page for page in bench.pages(fixtures) if page[3] != "floor"]
    clients = {}

    def client_for(user):
        key = user.pk if user else None
        if key not in clients:
            clients[key] = Client()
            if user:
                _log_in(clients[key], user)
        return clients[key]

    small = _query_counts(client_for, pages)
    Seeder(factor=0.01, seed=12, log=lambda *a: None).run_all()
    large = _query_counts(client_for, pages)

    assert large == small
    over = {
        label: count for label, count in large.items() if count > OVER_BUDGET.get(label, BUDGET)
    }
    assert over == {}, large
    # The pages brought within the budget stay there.
    for label in (
        "Deals: register",
        "Schouw: rapport",
        "Schouw: rapport (PDF)",
        "Kompas: bestuursdashboard",
    ):
        assert large[label] <= BUDGET, (label, large[label])
