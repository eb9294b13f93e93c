"""Two partners act on the same deal at the same time, each on its own database connection."""

import threading

import pytest
from django.db import connection

from deals import services
from deals.models import Deal
from reisgids.core.errors import ApplicationError
from tests.atlas.factories import OrganisationFactory


def _run_together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except ApplicationError as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_partners_sign_at_once_and_the_deal_closes_exactly_once(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    a, p = world.aanjager(deal), world.partner(deal)
    outcomes = _run_together(
        lambda: services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=a),
        lambda: services.deal_sign(actor=world.partner_admin, deal=deal, partner=p),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    deal.refresh_from_db()
    assert deal.status == Deal.Status.GESLOTEN
    assert deal.events.filter(text__contains="De deal is gesloten").count() == 1


@pytest.mark.django_db(transaction=True)
def test_stop_and_pause_at_once_one_wins_the_other_is_refused(world):
    deal = world.deal(Deal.Status.LOPEND)
    OrganisationFactory()
    outcomes = _run_together(
        lambda: services.deal_stop(actor=world.aanjager_member, deal=deal, reason="Geld op"),
        lambda: services.deal_pause(actor=world.partner_member, deal=deal, reason="Even wachten"),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    deal.refresh_from_db()
    if deal.status == Deal.Status.GESTOPT:
        # Pause came first and stop followed (allowed from gepauzeerd), or stop came first and pause was refused.
        assert len(errors) <= 1
    else:
        pytest.fail(f"Onverwachte stap {deal.status}: {outcomes}")
    assert deal.events.filter(kind="stap").count() == 1 + (0 if errors else 1)
