"""Every residence state machine, walked both ways through ``transition()``.

For every pair of states of every table in ``deals.residence.workflow``: an edge of the table
succeeds and leaves the record in the new state (audited); a pair the table does not hold raises
``Conflict`` and leaves the record, and the audit trail, as they were.
"""

import itertools

import pytest
from django.utils import timezone

from deals.residence import workflow
from deals.residence.models import Handbrake, Residency, Signal
from reisgids.core.errors import Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.workflow import transition
from tests.core.factories import UserFactory
from tests.residence.factories import (
    HandbrakeFactory,
    MeetingFactory,
    OpeningFactory,
    ResidencyFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db


def _residency(state):
    # Confirmed by both sides in every state, so that becoming active is valid.
    now = timezone.now()
    return ResidencyFactory(status=state, sending_confirmed_at=now, host_confirmed_at=now)


def _signal(state):
    return SignalFactory(status=state, closed_at=timezone.now() if state in Signal.CLOSED else None)


def _handbrake(state):
    released = state == Handbrake.Status.LOSGELATEN
    handbrake = HandbrakeFactory(status=state, released_at=timezone.now() if released else None)
    handbrake.pulled_by = handbrake.residency.person
    handbrake.save()
    return handbrake


def _prepare_signal(signal, target):
    signal.closed_at = timezone.now() if target in Signal.CLOSED else None


def _prepare_handbrake(handbrake, target):
    handbrake.released_at = timezone.now() if target == Handbrake.Status.LOSGELATEN else None


# Per table: how to make a record in a state, and what else the service sets on the way to a state.
TABLES = {
    "RESIDENCY": (_residency, None),
    "OPENING": (lambda state: OpeningFactory(status=state), None),
    "MEETING": (lambda state: MeetingFactory(status=state, notes="Besproken en besloten."), None),
    "SIGNAL": (_signal, _prepare_signal),
    "HANDBRAKE": (_handbrake, _prepare_handbrake),
}

PAIRS = [
    pytest.param(name, source, target, id=f"{name}:{source}->{target}")
    for name in TABLES
    for source, target in itertools.product(
        sorted(getattr(workflow, name).states), sorted(getattr(workflow, name).states)
    )
]


def test_every_stateful_residence_model_has_a_table():
    assert {w.model for w in (getattr(workflow, name) for name in TABLES)} == {
        Residency,
        workflow.OPENING.model,
        workflow.MEETING.model,
        Signal,
        Handbrake,
    }


def _row(obj):
    return type(obj).objects.filter(pk=obj.pk).values().get()


@pytest.mark.parametrize(("name", "source", "target"), PAIRS)
def test_transition_follows_the_table(name, source, target):
    table = getattr(workflow, name)
    make, prepare = TABLES[name]
    obj = make(source)
    actor = UserFactory()
    if prepare is not None:
        prepare(obj, target)
    if table.allows(source, target):
        transition(obj, workflow=table, to=target, actor=actor, action="workflow_step")
        obj.refresh_from_db()
        assert obj.status == target
        assert AuditEvent.objects.filter(
            action="workflow_step", target_id=str(obj.pk), actor=actor
        ).exists()
    else:
        before, events = _row(obj), AuditEvent.objects.count()
        with pytest.raises(Conflict):
            transition(obj, workflow=table, to=target, actor=actor, action="workflow_step")
        assert _row(obj) == before
        assert AuditEvent.objects.count() == events
