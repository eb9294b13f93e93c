"""Every kompas Workflow table, walked both ways: each edge it holds is taken through
``transition()`` and leaves the new state; each pair of states it does not hold is refused with a
Conflict and leaves the database as it was."""

import itertools

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from kompas import workflow
from kompas.models import DraftRun, Edition
from reisgids.core.errors import Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.workflow import transition
from tests.core.factories import UserFactory
from tests.kompas.factories import KompasEditionFactory


def _edition(status, actor):
    # Who adopted it and when are set in every state, so each state is a valid one.
    return KompasEditionFactory(status=status, adopted_by=actor, adopted_at=timezone.now())


def _draft_run(status, actor):
    return DraftRun.objects.create(status=status, started_by=actor)


WORKFLOWS = {"EDITION": (workflow.EDITION, _edition), "DRAFT_RUN": (workflow.DRAFT_RUN, _draft_run)}
PAIRS = [
    pytest.param(name, source, target, id=f"{name}:{source}->{target}")
    for name, (flow, _make) in WORKFLOWS.items()
    for source, target in itertools.product(sorted(flow.states), repeat=2)
]


def test_every_stateful_model_of_the_kompas_has_its_table():
    assert {flow.model for flow, _make in WORKFLOWS.values()} == {Edition, DraftRun}
    assert workflow.EDITION.edges == {
        (Edition.Status.CONCEPT, Edition.Status.CONSULTATIE),
        (Edition.Status.CONSULTATIE, Edition.Status.GEAGENDEERD),
        (Edition.Status.GEAGENDEERD, Edition.Status.VASTGESTELD),
        (Edition.Status.VASTGESTELD, Edition.Status.TERUGGEKOPPELD),
        (Edition.Status.TERUGGEKOPPELD, Edition.Status.MONITORING),
        (Edition.Status.MONITORING, Edition.Status.GESLOTEN),
    }


@pytest.mark.parametrize(("name", "source", "target"), PAIRS)
def test_a_pair_of_states_is_an_edge_or_refused(db, name, source, target):
    flow, make = WORKFLOWS[name]
    actor = UserFactory()
    record = make(source, actor)
    model = type(record)
    before = model_to_dict(model.objects.get(pk=record.pk))
    audited = AuditEvent.objects.count()

    if flow.allows(source, target):
        transition(record, workflow=flow, to=target, actor=actor, action="kompas_test_step")
        assert getattr(model.objects.get(pk=record.pk), flow.state_field) == target
        assert AuditEvent.objects.count() == audited + 1
    else:
        with pytest.raises(Conflict) as refused:
            transition(record, workflow=flow, to=target, actor=actor, action="kompas_test_step")
        assert refused.value.message == flow.refused(record)
        assert getattr(record, flow.state_field) == source
        assert model_to_dict(model.objects.get(pk=record.pk)) == before
        assert AuditEvent.objects.count() == audited


def test_an_edition_s_refusal_names_its_status(db):
    edition = _edition(Edition.Status.GESLOTEN, UserFactory())
    assert workflow.EDITION.refused(edition) == "Dit kan niet meer: de editie is gesloten."
