"""The one helper that walks an edge of a state machine: lock, source check, validate, save, audit."""

import pytest

from kompas.models import Edition
from reisgids.core.errors import Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from reisgids.core.workflow import Workflow, lock, require, require_state, table, transition
from tests.core.factories import UserFactory
from tests.kompas.factories import KompasEditionFactory

pytestmark = pytest.mark.django_db

S = Edition.Status
EDITIONS = Workflow(
    model=Edition,
    transitions=table({S.CONCEPT: [S.CONSULTATIE], S.CONSULTATIE: [S.GEAGENDEERD, S.CONCEPT]}),
)


def test_a_workflow_knows_its_states_edges_and_sources():
    assert EDITIONS.states == set(S.values)
    assert EDITIONS.edges == {
        (S.CONCEPT, S.CONSULTATIE),
        (S.CONSULTATIE, S.GEAGENDEERD),
        (S.CONSULTATIE, S.CONCEPT),
    }
    assert EDITIONS.allows(S.CONCEPT, S.CONSULTATIE)
    assert not EDITIONS.allows(S.CONCEPT, S.GEAGENDEERD)
    assert not EDITIONS.allows(S.GESLOTEN, S.CONCEPT)
    assert EDITIONS.sources(S.CONCEPT) == {S.CONSULTATIE}


def test_a_table_naming_a_state_the_model_lacks_is_refused_at_once():
    with pytest.raises(ValueError, match="has no state"):
        Workflow(model=Edition, transitions=table({S.CONCEPT: ["verdwenen"]}))


def test_transition_saves_the_new_state_with_the_other_changes_and_audits_it():
    actor = UserFactory(roles=[Role.CONTENTBEHEERDER])
    edition = lock(KompasEditionFactory(status=S.CONCEPT))  # as a service loads it
    edition.summary = "Samen opgesteld."
    transition(
        edition,
        workflow=EDITIONS,
        to=S.CONSULTATIE,
        actor=actor,
        action="edition_consultation_open",
    )
    edition.refresh_from_db()
    assert (edition.status, edition.summary) == (S.CONSULTATIE, "Samen opgesteld.")
    event = AuditEvent.objects.get(action="edition_consultation_open")
    assert event.actor == actor
    assert event.changes["status"] == [S.CONCEPT, S.CONSULTATIE]


def test_transition_checks_the_state_in_the_database_not_the_loaded_copy():
    edition = KompasEditionFactory(status=S.CONCEPT)
    Edition.objects.filter(pk=edition.pk).update(status=S.GEAGENDEERD)  # another request moved it
    with pytest.raises(Conflict, match="Geagendeerd"):
        transition(edition, workflow=EDITIONS, to=S.CONSULTATIE, actor=None, action="x")
    assert edition.status == S.GEAGENDEERD  # the copy now shows the real state
    assert Edition.objects.get(pk=edition.pk).status == S.GEAGENDEERD
    assert not AuditEvent.objects.filter(action="x").exists()


def test_a_refused_transition_may_carry_its_own_message():
    edition = KompasEditionFactory(status=S.GEAGENDEERD)
    with pytest.raises(Conflict, match=r"^De editie is al geagendeerd\.$"):
        transition(
            edition,
            workflow=EDITIONS,
            to=S.CONCEPT,
            actor=None,
            action="x",
            message="De editie is al geagendeerd.",
        )


def test_a_custom_audit_records_the_actor_its_own_way():
    calls = []
    edition = KompasEditionFactory(status=S.CONCEPT)

    def audit(**kwargs):
        calls.append(kwargs)

    transition(edition, workflow=EDITIONS, to=S.CONSULTATIE, actor="gast", action="y", audit=audit)
    assert [(c["actor"], c["action"], c["target"].pk) for c in calls] == [("gast", "y", edition.pk)]


def test_require_and_require_state_refuse_with_the_given_message():
    edition = KompasEditionFactory(status=S.CONCEPT)
    with pytest.raises(NotAllowed, match=r"Niet voor u\."):
        require(None, "kompas.edit_proposals", edition, "Niet voor u.")
    with pytest.raises(NotAllowed, match=r"Niet voor u\."):
        require(UserFactory(), "kompas.edit_proposals", edition, "Niet voor u.")
    require_state(edition, [S.CONCEPT, S.CONSULTATIE])
    with pytest.raises(Conflict, match="‘Concept’"):
        require_state(edition, [S.GESLOTEN])


def test_lock_rereads_the_record():
    edition = KompasEditionFactory(status=S.CONCEPT)
    Edition.objects.filter(pk=edition.pk).update(summary="Nieuw")
    assert lock(edition).summary == "Nieuw"
