"""Every deals workflow table, walked both ways.

For every pair of states of a table: a record is put in the first state, and ``transition()``
moves it to the second. An edge of the table succeeds and stores the new state; a pair that is not
an edge is refused with a ``Conflict`` and leaves the row as it was (and writes no audit event).
"""

import itertools

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from deals import workflow
from deals.models import Deal
from reisgids.core.errors import Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.workflow import lock, transition
from tests.deals.factories import (
    CheckInFactory,
    DealFactory,
    DealPartnerFactory,
    IntakeFactory,
    KnelpuntFactory,
)

pytestmark = pytest.mark.django_db


def _deal(source, target):
    deal = DealFactory(status=source)
    deal = lock(deal)
    # What the services set with the step, so that the new state is a valid one.
    deal.paused_from = source if target == Deal.Status.GEPAUZEERD else ""
    deal.closed_at = deal.closed_at or timezone.now()
    return deal


def _partner(source, target):
    return lock(DealPartnerFactory(status=source, decided_at=timezone.now()))


def _checkin(source, target):
    return lock(CheckInFactory(status=source))


def _knelpunt(source, target):
    return lock(KnelpuntFactory(status=source, forwarded_at=timezone.now()))


def _intake(source, target):
    return lock(IntakeFactory(status=source, deal=DealFactory(), instrument="Wijkbudget"))


WORKFLOWS = {
    "deal": (workflow.DEAL, _deal),
    "partner": (workflow.PARTNER, _partner),
    "checkin": (workflow.CHECKIN, _checkin),
    "knelpunt": (workflow.KNELPUNT, _knelpunt),
    "intake": (workflow.INTAKE, _intake),
}

PAIRS = [
    pytest.param(name, source, target, id=f"{name}:{source}->{target}")
    for name, (flow, _make) in WORKFLOWS.items()
    for source, target in itertools.product(sorted(flow.states), repeat=2)
]


def _row(obj) -> dict:
    return model_to_dict(type(obj).objects.get(pk=obj.pk))


@pytest.mark.parametrize(("name", "source", "target"), PAIRS)
def test_every_pair_of_states(name, source, target):
    flow, make = WORKFLOWS[name]
    obj = make(source, target)
    audited = AuditEvent.objects.count()
    if flow.allows(source, target):
        transition(obj, workflow=flow, to=target, actor=None, action="workflow_walk")
        assert getattr(type(obj).objects.get(pk=obj.pk), flow.state_field) == target
        assert AuditEvent.objects.filter(action="workflow_walk").count() == 1
    else:
        before = _row(obj)
        with pytest.raises(Conflict):
            transition(obj, workflow=flow, to=target, actor=None, action="workflow_walk")
        assert _row(obj) == before
        assert getattr(obj, flow.state_field) == source
        assert AuditEvent.objects.count() == audited


def test_the_tables_hold_the_steps_of_the_services():
    D = Deal.Status
    assert workflow.DEAL.sources(D.GEPAUZEERD) == set(Deal.ACTIVE)
    assert workflow.DEAL.sources(D.GESTOPT) == {*Deal.ACTIVE, D.GEPAUZEERD}
    assert workflow.DEAL.transitions[D.GEPAUZEERD] == {*Deal.ACTIVE, D.GESTOPT}
    assert not workflow.DEAL.transitions.get(D.AFGEROND)
    assert not workflow.DEAL.transitions.get(D.GESTOPT)
    # the main path (with the skipped toetsing), pause, stop, and resume to every active step
    assert len(workflow.DEAL.edges) == 7 + 6 + 7 + 6
    assert len(workflow.PARTNER.edges) == 2
    assert len(workflow.CHECKIN.edges) == len(workflow.CHECKIN.states) ** 2
    assert len(workflow.KNELPUNT.edges) == 5
    assert len(workflow.INTAKE.edges) == 5
