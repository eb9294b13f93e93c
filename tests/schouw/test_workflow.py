"""Every state machine of the schouw walked both ways: each edge of a table is taken through
``transition()``; every other pair of states is refused and leaves the database as it was."""

import itertools

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from reisgids.core.errors import Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.workflow import transition
from schouw import services
from schouw.models import SchouwRound
from schouw.workflow import LESSON, ROUND, ROUND_STEPS, STEPS_BY_SLUG
from tests.core.factories import UserFactory
from tests.schouw.factories import SchouwLessonFactory, SchouwRoundFactory

pytestmark = pytest.mark.django_db


def _round(state):
    # A finish date is always set, so that every state (afgerond too) passes the constraints.
    return SchouwRoundFactory(status=state, finished_at=timezone.now(), organiser=UserFactory())


def _lesson(state):
    # Written for a wide audience and with a proposal date, so every state passes the constraints.
    return SchouwLessonFactory(
        kennisbank=state,
        for_wide_audience=True,
        proposed_at=timezone.now(),
        round__organiser=UserFactory(),
    )


WORKFLOWS = {"round": (ROUND, _round), "lesson": (LESSON, _lesson)}
PAIRS = [
    pytest.param(name, source, target, id=f"{name}:{source}->{target}")
    for name, (workflow, _make) in WORKFLOWS.items()
    for source, target in itertools.product(sorted(workflow.states), repeat=2)
]


def _row(obj):
    return model_to_dict(type(obj).objects.get(pk=obj.pk))


@pytest.mark.parametrize(("name", "source", "target"), PAIRS)
def test_every_pair_of_states(name, source, target):
    workflow, make = WORKFLOWS[name]
    obj = make(source)
    if workflow.allows(source, target):
        transition(obj, workflow=workflow, to=target, actor=None, action="workflow_test")
        obj.refresh_from_db()
        assert getattr(obj, workflow.state_field) == target
        assert AuditEvent.objects.filter(action="workflow_test", target_id=str(obj.pk)).exists()
    else:
        before, events = _row(obj), AuditEvent.objects.count()
        with pytest.raises(Conflict):
            transition(obj, workflow=workflow, to=target, actor=None, action="workflow_test")
        assert _row(obj) == before
        assert AuditEvent.objects.count() == events
        assert getattr(obj, workflow.state_field) == source


def test_the_round_table_is_the_chain_of_steps():
    order = SchouwRound.ORDER
    assert ROUND.edges == set(itertools.pairwise(order))


def test_round_steps_cover_every_round_status():
    assert set(ROUND_STEPS) == set(SchouwRound.Status.values)
    taken = set()
    for status, step in ROUND_STEPS.items():
        if step is None:
            assert not ROUND.transitions.get(status), f"{status} has a next step but no button"
            continue
        assert ROUND.allows(status, step.target)
        assert callable(getattr(services, step.service))
        taken.add((status, step.target))
    assert taken == ROUND.edges
    assert len(STEPS_BY_SLUG) == len(taken)
