"""Every atlas state machine, walked both ways through core ``transition()``.

For every pair of states of every table in ``atlas.workflow``: an edge the table holds succeeds
and leaves the record in the new state (audited); a pair the table does not hold (a state to
itself included) is refused with a ``Conflict`` and leaves the record and the audit trail as they
were.
"""

import itertools

import pytest
from django.utils import timezone

from atlas.models import Membership
from atlas.workflow import WORKFLOWS
from reisgids.core.errors import Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.workflow import transition
from tests.atlas.factories import (
    AbuseReportFactory,
    ChangeProposalFactory,
    LessonFactory,
    ListingFactory,
    MembershipFactory,
    NewsItemFactory,
    StoryCommentFactory,
    StoryFactory,
)
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def _membership(status):
    decided = status != Membership.Status.AANGEVRAAGD
    return MembershipFactory(status=status, decided_at=timezone.now() if decided else None)


MAKERS = {
    "membership": _membership,
    "change_proposal": lambda status: ChangeProposalFactory(status=status),
    "lesson": lambda status: LessonFactory(status=status),
    "news_item": lambda status: NewsItemFactory(status=status),
    "listing": lambda status: ListingFactory(status=status),
    "abuse_report": lambda status: AbuseReportFactory(status=status),
    "story": lambda status: StoryFactory(status=status),
    "story_comment": lambda status: StoryCommentFactory(status=status),
}


def _ready_for_any_state(obj):
    """What the model's own rules ask of a record in any state (a decision date, a publication
    date), set in memory only: a refused step must not save it."""
    if hasattr(obj, "decided_at") and obj.decided_at is None:
        obj.decided_at = timezone.now()
    if hasattr(obj, "published_at") and obj.published_at is None:
        obj.published_at = timezone.now()


PAIRS = [
    pytest.param(name, source, target, id=f"{name}:{source}->{target}")
    for name, workflow in WORKFLOWS.items()
    for source, target in itertools.product(sorted(workflow.states), repeat=2)
]


def test_every_stateful_model_has_a_maker():
    assert set(MAKERS) == set(WORKFLOWS)


def test_every_table_has_edges_and_no_step_to_itself():
    for name, workflow in WORKFLOWS.items():
        assert workflow.edges, name
        assert all(source != target for source, target in workflow.edges), name


@pytest.mark.parametrize(("name", "source", "target"), PAIRS)
def test_transition_follows_the_table(name, source, target):
    workflow = WORKFLOWS[name]
    actor = UserFactory()
    obj = MAKERS[name](source)
    model = type(obj)
    before = model.objects.filter(pk=obj.pk).values().get()
    audited = AuditEvent.objects.count()
    _ready_for_any_state(obj)

    if workflow.allows(source, target):
        transition(obj, workflow=workflow, to=target, actor=actor, action=f"{name}_step")
        assert getattr(model.objects.get(pk=obj.pk), workflow.state_field) == target
        assert AuditEvent.objects.count() == audited + 1
    else:
        with pytest.raises(Conflict) as refused:
            transition(obj, workflow=workflow, to=target, actor=actor, action=f"{name}_step")
        assert refused.value.message.strip()
        assert getattr(obj, workflow.state_field) == source
        assert model.objects.filter(pk=obj.pk).values().get() == before
        assert AuditEvent.objects.count() == audited
