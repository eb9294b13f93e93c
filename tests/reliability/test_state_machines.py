"""Random walks through every state machine, against a pure model of it.

Each machine below is a small model of one record's lifecycle: which transition, by whom, is
allowed from which state and where it leads (the tables of docs/architecture.md). Hypothesis
draws sequences of (actor, transition) steps, mostly ones the model allows and some it refuses,
and each step calls the real service on real PostgreSQL. After every step the stored state must
equal the model's. A refused step must raise the domain error the model names and change nothing
(nor write to the audit trail); an accepted one is audited. Each example runs in a savepoint that
is rolled back, so every walk starts from the same record.

Each model's transitions are written out below as a table of (source, target) edges that the model
itself decides by, and a plain test holds that table equal to the app's ``Workflow`` table: an edge
added to or dropped from either side fails it.
"""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from atlas import services as atlas_services
from atlas import workflow as atlas_workflow
from atlas.models import Lesson, Listing, Membership, NewsItem
from deals import services as deal_services
from deals import workflow as deal_workflow
from deals.models import Deal, DealEvent
from deals.residence import services as residence_services
from deals.residence import workflow as residence_workflow
from deals.residence.models import Handbrake, Residency
from kompas import services as kompas_services
from kompas import workflow as kompas_workflow
from kompas.models import AgendaItem, Edition
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from schouw import services as schouw_services
from schouw import workflow as schouw_workflow
from schouw.guests import Guest
from schouw.models import Participant, SchouwRound
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    LessonFactory,
    ListingFactory,
    MembershipFactory,
    NewsItemFactory,
    OrganisationFactory,
)
from tests.core.factories import UserFactory
from tests.deals.conftest import World as DealWorld
from tests.deals.factories import KnelpuntFactory
from tests.kompas.factories import GremiumFactory
from tests.residence.conftest import World as ResidenceWorld
from tests.schouw.conftest import World as SchouwWorld

WALKS = settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No shrinking: a failing walk is printed step by step as drawn, and shrinking one costs minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
STEPS = 14
SKIP = object()  # a step that makes no sense now (no such record yet); not taken
STAYS = object()  # a step that runs without error and rightly changes nothing


def walk(data, machine):
    """One example: a fresh start, then up to ``STEPS`` steps, rolled back at the end. Half of the
    steps move ahead on the machine's main path (so walks reach its last steps), a quarter take
    any allowed step (pauses, ends, refusals by the rules) and a quarter any step at all."""
    with transaction.atomic():
        model = machine.start()
        assert machine.stored() == machine.project(model)
        for _ in range(
            data.draw(st.integers(1, getattr(machine, "longest", STEPS)), label="steps")
        ):
            outcomes = {name: machine.expect(model, name) for name in machine.steps}
            outcomes = {name: o for name, o in outcomes.items() if o is not SKIP}
            allowed = [name for name, o in outcomes.items() if not _refusal(o)]
            ahead = [name for name in allowed if name in machine.path]
            kind = data.draw(
                st.integers(0, 3), label="0 any, 1 allowed, 2-3 ahead on the main path"
            )
            pool = (kind >= 2 and ahead) or (kind >= 1 and allowed) or list(outcomes)
            name = data.draw(st.sampled_from(sorted(pool)), label="step")
            model = _step(machine, model, name, outcomes[name])
        transaction.set_rollback(True)


def _refusal(outcome) -> bool:
    return isinstance(outcome, type) and issubclass(outcome, ApplicationError)


def _step(machine, model, name, expected):
    before, audited = machine.stored(), AuditEvent.objects.count()
    event(f"{name} {'refused' if _refusal(expected) else 'taken'}")
    if expected is STAYS:
        getattr(machine, name)()
        assert machine.stored() == before, f"{name} should have changed nothing"
        return model
    if _refusal(expected):
        with pytest.raises(ApplicationError) as refused, transaction.atomic():
            getattr(machine, name)()
        assert isinstance(refused.value, expected), (name, model, refused.value)
        assert refused.value.message.strip()
        assert machine.stored() == before, f"{name} was refused but changed {before}"
        assert AuditEvent.objects.count() == audited, f"{name} was refused but audited"
        return model
    getattr(machine, name)()
    assert machine.stored() == machine.project(expected), (name, model)
    assert AuditEvent.objects.count() > audited, f"{name} left no audit trail"
    machine.invariants(expected)
    return expected


# --- Deal ------------------------------------------------------------------------------------------

DEAL_ACTIVE = ("partners_zoeken", "idee", "toetsing", "planning", "gesloten", "lopend")
#: The steps along the way of a deal, each from one step to the next: step name → (source, target).
DEAL_MOVES = {
    "idea": ("partners_zoeken", "idee"),
    "toetsing": ("idee", "toetsing"),
    "skip": ("idee", "planning"),
    "plan": ("toetsing", "planning"),
    "close": ("planning", "gesloten"),
    "run": ("gesloten", "lopend"),
    "finish": ("lopend", "afgerond"),
}
#: Every edge of the deal: the moves ahead; any active step ↔ gepauzeerd; active or paused → gestopt.
DEAL_EDGES = frozenset(
    {
        *DEAL_MOVES.values(),
        *((status, "gepauzeerd") for status in DEAL_ACTIVE),
        *(("gepauzeerd", status) for status in DEAL_ACTIVE),
        *((status, "gestopt") for status in (*DEAL_ACTIVE, "gepauzeerd")),
    }
)


class DealMachine:
    """partners_zoeken → idee → (toetsing →) planning → gesloten → lopend → afgerond; any active step
    ↔ gepauzeerd, which remembers its step; any active or paused step → gestopt."""

    steps = [
        "idea",
        "toetsing",
        "record",
        "skip",
        "plan",
        "close",
        "run",
        "finish",
        "pause",
        "resume",
        "stop",
    ]
    steps += ["outsider_pause"]
    path = ["idea", "toetsing", "record", "plan", "skip", "close", "run", "finish"]

    def __init__(self):
        self.w = DealWorld()
        self.pk = self.w.deal(Deal.Status.PARTNERS_ZOEKEN, plan=True).pk

    @property
    def deal(self):
        return Deal.objects.get(pk=self.pk)

    def start(self):
        return {"status": "partners_zoeken", "paused_from": "", "findings": False, "closed": False}

    def project(self, m):
        return {k: m[k] for k in ("status", "paused_from", "findings", "closed")}

    def stored(self):
        deal = self.deal
        return {
            "status": deal.status,
            "paused_from": deal.paused_from,
            "findings": bool(deal.toetsing_findings),
            "closed": deal.closed_at is not None,
        }

    def expect(self, m, name):
        status = m["status"]
        if name == "outsider_pause":
            return NotAllowed
        if name == "pause":
            return (
                {**m, "status": "gepauzeerd", "paused_from": status}
                if (status, "gepauzeerd") in DEAL_EDGES
                else Conflict
            )
        if name == "resume":  # back to the step it paused from
            return (
                {**m, "status": m["paused_from"], "paused_from": ""}
                if status == "gepauzeerd" and (status, m["paused_from"]) in DEAL_EDGES
                else Conflict
            )
        if name == "stop":
            return (
                {**m, "status": "gestopt", "paused_from": ""}
                if (status, "gestopt") in DEAL_EDGES
                else Conflict
            )
        if name == "close" and status in ("gesloten", "lopend"):
            return ApplicationError  # nothing changed in the plan since the signed version
        # Recording the findings of the toetsing is no step of the deal: it stays in toetsing.
        source, target = ("toetsing", "toetsing") if name == "record" else DEAL_MOVES[name]
        if status != source:
            return Conflict
        if name == "plan" and not m["findings"]:
            return ApplicationError
        return {
            **m,
            "status": target,
            "findings": m["findings"] or name == "record",
            "closed": m["closed"] or name == "close",
        }

    def invariants(self, m):
        deal = self.deal
        assert deal.status in Deal.Status.values
        assert (deal.ended_at is not None) == (deal.status in ("afgerond", "gestopt"))
        assert (deal.status == "gepauzeerd") == bool(deal.paused_from)
        assert deal.events.filter(kind=DealEvent.Kind.STAP).exists()

    def idea(self):
        deal_services.deal_idea_start(actor=self.w.aanjager_member, deal=self.deal)

    def toetsing(self):
        deal_services.deal_toetsing_start(
            actor=self.w.aanjager_member, deal=self.deal, method="expertsessie"
        )

    def record(self):
        deal_services.deal_toetsing_record(
            actor=self.w.partner_member, deal=self.deal, findings="Haalbaar."
        )

    def skip(self):
        deal_services.deal_toetsing_skip(
            actor=self.w.aanjager_member, deal=self.deal, reason="Bewezen aanpak."
        )

    def plan(self):
        deal_services.deal_planning_start(actor=self.w.netwerkmanager, deal=self.deal)

    def close(self):
        deal = self.deal
        deal_services.plan_version_create(
            actor=self.w.aanjager_member, deal=deal, change_note="Nieuwe versie"
        )
        deal_services.deal_sign(
            actor=self.w.aanjager_admin, deal=deal, partner=self.w.aanjager(deal)
        )
        deal_services.deal_sign(actor=self.w.partner_admin, deal=deal, partner=self.w.partner(deal))

    def run(self):
        deal_services.deal_start(actor=self.w.netwerkmanager, deal=self.deal)

    def finish(self):
        deal_services.deal_finish(actor=self.w.aanjager_member, deal=self.deal, note="Doel bereikt")

    def pause(self):
        deal_services.deal_pause(
            actor=self.w.partner_member, deal=self.deal, reason="Even pas op de plaats"
        )

    def resume(self):
        deal_services.deal_resume(actor=self.w.aanjager_member, deal=self.deal)

    def stop(self):
        deal_services.deal_stop(
            actor=self.w.netwerkmanager, deal=self.deal, reason="Geen draagvlak"
        )

    def outsider_pause(self):
        deal_services.deal_pause(actor=self.w.outsider, deal=self.deal, reason="Ik wil het anders")


@pytest.fixture
def deal_machine(db):
    return DealMachine()


@WALKS
@given(data=st.data())
def test_deal_walks(data, deal_machine):
    walk(data, deal_machine)


def test_the_deal_model_takes_exactly_the_edges_of_the_deal_workflow():
    assert deal_workflow.DEAL.edges == DEAL_EDGES


# --- Membership --------------------------------------------------------------------------------------

#: What each decision on a membership leads to: step name → target.
MEMBERSHIP_TARGETS = {
    "approve": "goedgekeurd",
    "reject": "afgewezen",
    "leave": "beeindigd",
    "end": "beeindigd",
}
MEMBERSHIP_EDGES = frozenset(
    {
        ("aangevraagd", "goedgekeurd"),
        ("aangevraagd", "afgewezen"),
        ("aangevraagd", "beeindigd"),
        ("goedgekeurd", "beeindigd"),
    }
)


class MembershipMachine:
    """aangevraagd → goedgekeurd or afgewezen, by the organisation's beheerder or network staff;
    aangevraagd or goedgekeurd → beeindigd; at most one open membership per person and organisation."""

    steps = ["approve", "reject", "leave", "end", "approve_own", "request", "outsider_approve"]
    path = ["approve", "leave", "request"]
    OPEN = ("aangevraagd", "goedgekeurd")

    def __init__(self):
        self.organisation = OrganisationFactory()
        self.admin = ApprovedMembershipFactory(
            organisation=self.organisation, role="beheerder"
        ).user
        self.person = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.first = MembershipFactory(organisation=self.organisation, user=self.person).pk

    def start(self):
        return {"status": "aangevraagd", "count": 1}

    def project(self, m):
        return m

    @property
    def current(self):
        return Membership.objects.filter(user=self.person, organisation=self.organisation).latest(
            "pk"
        )

    def stored(self):
        return {
            "status": self.current.status,
            "count": Membership.objects.filter(
                user=self.person, organisation=self.organisation
            ).count(),
        }

    def expect(self, m, name):
        status = m["status"]
        if name in ("outsider_approve", "approve_own"):
            return NotAllowed
        if name == "request":
            return (
                ApplicationError
                if status in self.OPEN
                else {"status": "aangevraagd", "count": m["count"] + 1}
            )
        target = MEMBERSHIP_TARGETS[name]
        return {**m, "status": target} if (status, target) in MEMBERSHIP_EDGES else Conflict

    def invariants(self, m):
        current = self.current
        assert current.status in Membership.Status.values
        assert (current.decided_by is None) == (current.status == "aangevraagd")
        assert (current.decided_at is None) == (current.status == "aangevraagd")
        open_ones = Membership.objects.filter(
            user=self.person, organisation=self.organisation, status__in=self.OPEN
        )
        assert open_ones.count() <= 1

    def approve(self):
        atlas_services.membership_approve(actor=self.netwerkmanager, membership=self.current)

    def reject(self):
        atlas_services.membership_reject(actor=self.admin, membership=self.current, note="Onbekend")

    def leave(self):
        atlas_services.membership_end(actor=self.person, membership=self.current)

    def end(self):
        atlas_services.membership_end(actor=self.admin, membership=self.current)

    def approve_own(self):
        atlas_services.membership_approve(actor=self.person, membership=self.current)

    def outsider_approve(self):
        atlas_services.membership_approve(actor=self.outsider, membership=self.current)

    def request(self):
        atlas_services.membership_request(
            actor=self.person, organisation=self.organisation, motivation="Opnieuw"
        )


@pytest.fixture
def membership_machine(db):
    return MembershipMachine()


@WALKS
@given(data=st.data())
def test_membership_walks(data, membership_machine):
    walk(data, membership_machine)


def test_the_membership_model_takes_exactly_the_edges_of_the_membership_workflow():
    assert atlas_workflow.MEMBERSHIP.edges == MEMBERSHIP_EDGES


# --- Residency and handbrake -------------------------------------------------------------------------

RESIDENCY_EDGES = frozenset({("voorgesteld", "actief"), ("actief", "afgerond")})
#: A handbrake is pulled (a new one each time) and let go when the last partner agrees.
HANDBRAKE_EDGES = frozenset({("aangetrokken", "losgelaten")})


class ResidencyMachine:
    """A residency is voorgesteld until the sending and the host partner both confirmed (actief),
    then afgerond. While it is active its person may pull the handbrake: the deal pauses, and it
    resumes at once when the last of the two partners agrees."""

    steps = [
        "confirm_sender",
        "confirm_host",
        "end",
        "pull",
        "agree_sender",
        "agree_host",
        "release",
    ]
    steps += ["outsider_confirm"]
    path = ["confirm_sender", "confirm_host", "pull", "agree_sender", "agree_host", "end"]

    def __init__(self):
        self.w = ResidenceWorld()
        self.pk = residence_services.residency_propose(
            actor=self.w.initiative_admin, **self.w.proposal()
        ).pk

    @property
    def residency(self):
        return Residency.objects.get(pk=self.pk)

    @property
    def handbrake(self):
        return Handbrake.objects.filter(residency_id=self.pk).order_by("pk").last()

    def start(self):
        return {
            "status": "voorgesteld",
            "sender": False,
            "host": False,
            "deal": "lopend",
            "brake": None,
            "agreed": 0,
        }

    def project(self, m):
        return {k: m[k] for k in ("status", "sender", "host", "deal", "brake", "agreed")}

    def stored(self):
        residency, handbrake = self.residency, self.handbrake
        return {
            "status": residency.status,
            "sender": residency.sending_confirmed_at is not None,
            "host": residency.host_confirmed_at is not None,
            "deal": Deal.objects.get(pk=self.w.deal.pk).status,
            "brake": handbrake.status if handbrake else None,
            "agreed": handbrake.agreements.count() if handbrake else 0,
        }

    def expect(self, m, name):
        if name == "outsider_confirm":
            return NotAllowed
        if name.startswith("confirm_"):
            return self._confirm(m, name.removeprefix("confirm_"))
        if name == "end":
            return (
                {**m, "status": "afgerond"}
                if (m["status"], "afgerond") in RESIDENCY_EDGES
                else Conflict
            )
        if name == "pull":
            return self._pull(m)
        return self._let_go(m, name)

    def _confirm(self, m, side):
        """The sending or the host partner confirms; the second confirmation makes it active."""
        if (m["status"], "actief") not in RESIDENCY_EDGES or m[side]:
            return Conflict
        confirmed = {**m, side: True}
        return (
            {**confirmed, "status": "actief"}
            if confirmed["sender"] and confirmed["host"]
            else confirmed
        )

    def _pull(self, m):
        if m["status"] != "actief":
            return NotAllowed  # only an active partner in residence pulls it
        if m["brake"] == "aangetrokken":
            return Conflict
        return {**m, "deal": "gepauzeerd", "brake": "aangetrokken", "agreed": 0}

    def _let_go(self, m, name):
        """A partner agrees to go on (``agree_<side>``), or staff release the handbrake."""
        if m["brake"] is None:
            return SKIP
        if (m["brake"], "losgelaten") not in HANDBRAKE_EDGES:
            return Conflict  # already released
        if name == "release":
            return (
                ApplicationError  # not every partner agreed yet: agreeing last releases it at once
            )
        side = name.removeprefix("agree_")
        if side in m.get("agreed_by", ()):
            return Conflict
        agreed = {**m, "agreed": m["agreed"] + 1, "agreed_by": (*m.get("agreed_by", ()), side)}
        if agreed["agreed"] == 2:
            return {**agreed, "brake": "losgelaten", "deal": "lopend", "agreed_by": ()}
        return agreed

    def invariants(self, m):
        residency = self.residency
        assert residency.status in Residency.Status.values
        assert (residency.status == "voorgesteld") == (
            residency.sending_confirmed_at is None or residency.host_confirmed_at is None
        )
        pulled = Handbrake.objects.filter(deal_id=self.w.deal.pk, status="aangetrokken")
        assert pulled.count() <= 1
        deal = Deal.objects.get(pk=self.w.deal.pk)
        assert (deal.status == "gepauzeerd") == pulled.exists()
        assert deal.paused_from == ("lopend" if pulled.exists() else "")

    def confirm_sender(self):
        residence_services.residency_confirm(
            actor=self.w.initiative_admin, residency=self.residency
        )

    def confirm_host(self):
        residence_services.residency_confirm(
            actor=self.w.municipality_admin, residency=self.residency
        )

    def outsider_confirm(self):
        residence_services.residency_confirm(actor=self.w.outsider, residency=self.residency)

    def end(self):
        residence_services.residency_end(actor=self.w.person, residency=self.residency)

    def pull(self):
        residence_services.handbrake_pull(
            actor=self.w.person, residency=self.residency, reason="Geen overleg"
        )

    def agree_sender(self):
        residence_services.handbrake_agree(
            actor=self.w.initiative_admin, handbrake=self.handbrake, partner=self.w.sending
        )

    def agree_host(self):
        residence_services.handbrake_agree(
            actor=self.w.municipality_admin, handbrake=self.handbrake, partner=self.w.host
        )

    def release(self):
        residence_services.handbrake_release(actor=self.w.netwerkmanager, handbrake=self.handbrake)


@pytest.fixture
def residency_machine(db):
    return ResidencyMachine()


@WALKS
@given(data=st.data())
def test_residency_and_handbrake_walks(data, residency_machine):
    walk(data, residency_machine)


def test_the_residency_model_takes_exactly_the_edges_of_the_residency_and_handbrake_workflows():
    assert residence_workflow.RESIDENCY.edges == RESIDENCY_EDGES
    assert residence_workflow.HANDBRAKE.edges == HANDBRAKE_EDGES


# --- Schouw round ----------------------------------------------------------------------------------------

#: The steps of a round: step name → (source, target, what the step before must have recorded).
SCHOUW_ROUND_MOVES = {
    "open": ("voorbereiding", "open_schouw", None),
    "meetlat": ("open_schouw", "meetlat", "observed"),
    "waarderend": ("meetlat", "waarderend", "criteria"),
    "bespreking": ("waarderend", "bespreking", "submitted"),
    "rapportage": ("bespreking", "rapportage", "discussed"),
    "finish": ("rapportage", "afgerond", "reported"),
}
SCHOUW_ROUND_EDGES = frozenset(
    (source, target) for source, target, _needs in SCHOUW_ROUND_MOVES.values()
)


class SchouwMachine:
    """voorbereiding → open_schouw → meetlat → waarderend → bespreking → rapportage → afgerond, each
    step by a deal insider and only once what it needs was recorded in the step before."""

    ORDER = list(SchouwRound.ORDER)
    NEXT = SCHOUW_ROUND_MOVES
    RECORD = {
        "observe": "open_schouw",
        "criteria": "meetlat",
        "submit": "waarderend",
        "discuss": "bespreking",
        "report": "rapportage",
    }
    FLAG = {
        "observe": "observed",
        "criteria": "criteria",
        "submit": "submitted",
        "discuss": "discussed",
    }
    steps = [*NEXT, *RECORD, "outsider_step"]
    path = [*NEXT, *RECORD]
    longest = 22  # eleven steps ahead reach afgerond

    def __init__(self):
        self.w = SchouwWorld()
        schouw_round, self.guest = self.w.advance_to("voorbereiding")
        self.pk = schouw_round.pk

    @property
    def round(self):
        return SchouwRound.objects.get(pk=self.pk)

    def start(self):
        self.guest = Guest(
            Participant.objects.get(pk=self.guest.participant.pk)
        )  # as the database has it
        return {"status": "voorbereiding", "observed": False, "criteria": False, "submitted": False}

    def project(self, m):
        return {
            "status": m["status"],
            "observed": m["observed"],
            "criteria": m["criteria"],
            "submitted": m["submitted"],
            "discussed": m.get("discussed", False),
            "reported": m.get("reported", False),
        }

    def stored(self):
        r = self.round
        return {
            "status": r.status,
            "observed": r.observations.exists(),
            "criteria": r.criteria.filter(agreed_at__isnull=False)
            .values("partner")
            .distinct()
            .count()
            == 2,
            "submitted": r.participants.filter(appraisals_submitted_at__isnull=False).exists(),
            "discussed": bool(r.went_well),
            "reported": bool(r.report_summary),
        }

    def expect(self, m, name):
        m = self.project(m)
        if name == "outsider_step":
            return NotAllowed
        if name in self.NEXT:
            source, target, needs = self.NEXT[name]
            if m["status"] != source:
                return Conflict
            if needs and not m[needs]:
                return ApplicationError
            return {**m, "status": target}
        if m["status"] == "afgerond" and name in ("observe", "criteria", "submit"):
            return NotAllowed  # the guest's link stopped working when the round finished
        if m["status"] != self.RECORD[name]:
            return Conflict
        if name == "submit" and m["submitted"]:
            return Conflict  # the guest already submitted
        if name == "criteria" and m["criteria"]:
            return Conflict  # these criteria are already on the meetlat
        return {**m, self.FLAG.get(name, "reported"): True}

    def invariants(self, m):
        r = self.round
        assert r.status in SchouwRound.Status.values
        assert self.w.deal.schouw_rounds.exclude(status="afgerond").count() <= 1
        assert (r.finished_at is not None) == (r.status == "afgerond")
        assert r.appraisals_revealed == (
            self.ORDER.index(r.status) >= self.ORDER.index("bespreking")
        )

    def _advance(self, service, actor=None):
        service(actor=actor or self.w.initiative_admin, schouw_round=self.round)

    def open(self):
        self._advance(schouw_services.schouw_round_open)

    def meetlat(self):
        self._advance(schouw_services.schouw_round_meetlat_start, self.w.municipality_member)

    def waarderend(self):
        self._advance(schouw_services.schouw_round_appraisal_start, self.w.resident)

    def bespreking(self):
        self._advance(schouw_services.schouw_round_discussion_start)

    def rapportage(self):
        self._advance(schouw_services.schouw_round_report_start)

    def finish(self):
        self._advance(schouw_services.schouw_round_finish)

    def outsider_step(self):
        self._advance(schouw_services.schouw_round_open, self.w.netwerkmanager)

    def observe(self):
        schouw_services.observation_create(
            actor=self.guest, schouw_round=self.round, text="Warm.", tone="onverwacht"
        )

    def criteria(self):
        r = self.round
        for partner, member in (
            (self.w.aanjager, self.w.initiative_member),
            (self.w.gemeente, self.w.municipality_member),
        ):
            criterion = schouw_services.criterion_propose(
                actor=self.guest,
                schouw_round=r,
                partner=partner,
                name=f"Meerwaarde {partner.organisation}",
            )
            schouw_services.criterion_agree(actor=member, criterion=criterion)
            schouw_services.commitment_check_record(
                actor=self.w.initiative_admin,
                schouw_round=r,
                partner=partner,
                verdict="ja",
                explanation="Geleverd.",
            )

    def submit(self):
        r = self.round
        for criterion in r.criteria.filter(agreed_at__isnull=False):
            schouw_services.appraisal_record(
                actor=self.guest, criterion=criterion, level=3, explanation="Zichtbaar."
            )
        schouw_services.appraisals_submit(actor=self.guest, schouw_round=r)

    def discuss(self):
        schouw_services.discussion_record(
            actor=self.w.initiative_admin,
            schouw_round=self.round,
            went_well="De inloop.",
            to_learn="Vasthouden.",
            wider_interest="Eerlijk werk.",
            next_steps="Elk kwartaal.",
        )

    def report(self):
        schouw_services.report_write(
            actor=self.w.initiative_admin, schouw_round=self.round, summary="Een rijk beeld."
        )


@pytest.fixture
def schouw_machine(db):
    return SchouwMachine()


@WALKS
@given(data=st.data())
def test_schouw_round_walks(data, schouw_machine):
    walk(data, schouw_machine)


def test_the_schouw_round_model_takes_exactly_the_edges_of_the_round_workflow():
    assert schouw_workflow.ROUND.edges == SCHOUW_ROUND_EDGES


# --- Kompas edition -------------------------------------------------------------------------------------

#: The steps of an edition, each once and never back: step name → (source, target).
KOMPAS_EDITION_MOVES = {
    "consult": ("concept", "consultatie"),
    "agenda": ("consultatie", "geagendeerd"),
    "adopt": ("geagendeerd", "vastgesteld"),
    "feedback": ("vastgesteld", "teruggekoppeld"),
    "monitor": ("teruggekoppeld", "monitoring"),
    "close": ("monitoring", "gesloten"),
}
KOMPAS_EDITION_EDGES = frozenset(KOMPAS_EDITION_MOVES.values())


class KompasMachine:
    """concept → consultatie → geagendeerd → vastgesteld → teruggekoppeld → monitoring → gesloten;
    drafting refreshes the one concept, or starts a new one when no edition is being decided on."""

    FORWARD = KOMPAS_EDITION_MOVES
    ORDER = list(Edition.Status.values)
    steps = [
        "draft",
        "consult",
        "agenda",
        "decide",
        "adopt",
        "feedback",
        "monitor",
        "close",
        "outsider_adopt",
    ]
    path = steps[:-1]

    def __init__(self):
        self.preparer = UserFactory(roles=[Role.CONTENTBEHEERDER])
        self.ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
        self.bestuurder = UserFactory(roles=[Role.BESTUURDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.gremium = GremiumFactory()
        KnelpuntFactory(status="doorgezet_naar_kompas", forwarded_at=timezone.now())

    @property
    def edition(self):
        return Edition.objects.order_by("pk").last()

    def start(self):
        return {"editions": (), "decided": False}

    def project(self, m):
        return {"editions": tuple(m["editions"]), "decided": m["decided"]}

    def stored(self):
        latest = self.edition
        items = (
            AgendaItem.objects.filter(proposal__edition=latest)
            if latest
            else AgendaItem.objects.none()
        )
        return {
            "editions": tuple(Edition.objects.order_by("pk").values_list("status", flat=True)),
            "decided": items.exists() and not items.filter(outcome="").exists(),
        }

    def expect(self, m, name):
        editions = list(m["editions"])
        latest = editions[-1] if editions else None
        if name == "draft":
            return self._draft(m, editions, latest)
        if latest is None:
            return SKIP
        if name == "outsider_adopt":
            return NotAllowed
        if name == "decide":
            return self._decide(m, latest)
        source, target = self.FORWARD[name]
        if latest != source:
            return Conflict
        if name == "consult" and len(editions) > 1:
            return ApplicationError  # nothing new since the previous edition: no proposals
        if name == "adopt" and not m["decided"]:
            return ApplicationError
        editions[-1] = target
        return {**m, "editions": tuple(editions)}

    def _draft(self, m, editions, latest):
        if latest == "concept":
            return m  # refreshed in place
        if latest in ("consultatie", "geagendeerd"):
            return STAYS  # skipped: an edition is being decided on
        return {"editions": (*editions, "concept"), "decided": False}

    def _decide(self, m, latest):
        if latest in ("concept", "consultatie"):
            return SKIP  # nothing on an agenda yet
        return {**m, "decided": True} if latest == "geagendeerd" else Conflict

    def invariants(self, m):
        assert Edition.objects.filter(status="concept").count() <= 1
        assert Edition.objects.filter(status__in=["consultatie", "geagendeerd"]).count() <= 1
        for edition in Edition.objects.all():
            assert edition.status in Edition.Status.values
            past = self.ORDER.index(edition.status)
            assert (edition.consultation_opened_at is not None) == (
                past >= self.ORDER.index("consultatie")
            )
            assert (edition.adopted_at is not None) == (past >= self.ORDER.index("vastgesteld"))
            assert bool(edition.snapshot) == (past >= self.ORDER.index("vastgesteld"))

    def draft(self):
        kompas_services.edition_draft(actor=self.preparer)

    def consult(self):
        kompas_services.edition_consultation_open(actor=self.preparer, edition=self.edition)

    def agenda(self):
        edition = self.edition
        for proposal in edition.proposals.all():
            kompas_services.agenda_item_create(
                actor=self.ambtenaar,
                proposal=proposal,
                gremium=self.gremium,
                date=datetime.date.today(),
            )
        kompas_services.edition_agenda_set(actor=self.ambtenaar, edition=edition)

    def decide(self):
        for item in AgendaItem.objects.filter(proposal__edition=self.edition):
            kompas_services.decision_record(
                actor=self.bestuurder,
                agenda_item=item,
                outcome="afgewezen",
                reasons="Past niet in de begroting.",
            )

    def adopt(self):
        kompas_services.edition_adopt(actor=self.bestuurder, edition=self.edition)

    def outsider_adopt(self):
        kompas_services.edition_adopt(actor=self.outsider, edition=self.edition)

    def feedback(self):
        kompas_services.edition_feedback_publish(
            actor=self.preparer, edition=self.edition, feedback="Afgewezen."
        )

    def monitor(self):
        kompas_services.edition_monitoring_start(actor=self.preparer, edition=self.edition)

    def close(self):
        kompas_services.edition_close(actor=self.preparer, edition=self.edition)


@pytest.fixture
def kompas_machine(db):
    return KompasMachine()


@WALKS
@given(data=st.data())
def test_kompas_edition_walks(data, kompas_machine):
    walk(data, kompas_machine)


def test_the_kompas_model_takes_exactly_the_edges_of_the_edition_workflow():
    assert kompas_workflow.EDITION.edges == KOMPAS_EDITION_EDGES


# --- Kennisbank lesson, news item, listing --------------------------------------------------------------

#: Each step of a kennisbank lesson: step name → (target, the statuses it is taken from). Editing a
#: lesson in redactie keeps it there; that is no edge.
LESSON_MOVES = {
    "take": ("in_redactie", ("voorgesteld",)),
    "edit": ("in_redactie", ("in_redactie", "gepubliceerd")),
    "publish": ("gepubliceerd", ("in_redactie",)),
    "reject": ("afgewezen", ("voorgesteld", "in_redactie")),
}
LESSON_EDGES = frozenset(
    (source, target)
    for target, sources in LESSON_MOVES.values()
    for source in sources
    if source != target
)
#: A news item: step name → (target, the statuses it is taken from). A concept is published as
#: well; the walk starts from a suggestion, the case with a decision to take.
NEWS_MOVES = {
    "publish": ("gepubliceerd", ("concept", "voorgesteld")),
    "reject": ("afgewezen", ("voorgesteld",)),
}
NEWS_EDGES = frozenset(
    (source, target) for target, sources in NEWS_MOVES.values() for source in sources
)
#: An open listing is fulfilled or withdrawn by its organisation, or expires: step name → target.
LISTING_TARGETS = {"fulfil": "vervuld", "withdraw": "ingetrokken", "expire": "verlopen"}
LISTING_EDGES = frozenset(("open", target) for target in LISTING_TARGETS.values())


class LessonMachine:
    """voorgesteld → in_redactie → gepubliceerd (a version is kept); editing a published lesson puts it
    back in_redactie; voorgesteld or in_redactie → afgewezen, unless it was ever published."""

    steps = ["take", "edit", "publish", "reject", "outsider_publish"]
    path = ["take", "publish", "edit"]

    def __init__(self):
        self.editor = UserFactory(roles=[Role.CONTENTBEHEERDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.pk = LessonFactory(status=Lesson.Status.VOORGESTELD).pk

    @property
    def lesson(self):
        return Lesson.objects.get(pk=self.pk)

    def start(self):
        return {"status": "voorgesteld", "version": 0}

    def project(self, m):
        return m

    def stored(self):
        lesson = self.lesson
        return {"status": lesson.status, "version": lesson.version}

    def expect(self, m, name):
        if name == "outsider_publish":
            return NotAllowed
        target, sources = LESSON_MOVES[name]
        if m["status"] not in sources:
            return Conflict
        if name == "publish":
            return {"status": target, "version": m["version"] + 1}
        if name == "reject" and m["version"]:
            return Conflict  # a lesson that was ever published is not rejected
        return {**m, "status": target}

    def invariants(self, m):
        lesson = self.lesson
        assert lesson.status in Lesson.Status.values
        assert lesson.versions.count() == lesson.version
        assert (lesson.published_at is not None) == (lesson.version > 0)
        assert bool(lesson.rejection_reason) == (lesson.status == "afgewezen")

    def take(self):
        atlas_services.lesson_take_into_editing(actor=self.editor, lesson=self.lesson)

    def edit(self):
        atlas_services.lesson_update(
            actor=self.editor, lesson=self.lesson, data={"summary": "Scherper."}
        )

    def publish(self):
        atlas_services.lesson_publish(actor=self.editor, lesson=self.lesson)

    def reject(self):
        atlas_services.lesson_reject(actor=self.editor, lesson=self.lesson, reason="Te algemeen.")

    def outsider_publish(self):
        atlas_services.lesson_publish(actor=self.outsider, lesson=self.lesson)


class NewsMachine:
    """A suggestion (voorgesteld) is published or declined by a contentbeheerder, once."""

    steps = ["publish", "reject", "outsider_publish"]
    path = ()

    def __init__(self):
        self.editor = UserFactory(roles=[Role.CONTENTBEHEERDER])
        self.outsider = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.pk = NewsItemFactory(status=NewsItem.Status.VOORGESTELD).pk

    def start(self):
        return {"status": "voorgesteld"}

    def project(self, m):
        return m

    def stored(self):
        return {"status": NewsItem.objects.get(pk=self.pk).status}

    def expect(self, m, name):
        if name == "outsider_publish":
            return NotAllowed
        target, sources = NEWS_MOVES[name]
        return {"status": target} if m["status"] in sources else Conflict

    def invariants(self, m):
        item = NewsItem.objects.get(pk=self.pk)
        assert (item.published_at is not None) == (item.status == "gepubliceerd")
        assert (item.published_by_id is not None) == (item.status == "gepubliceerd")

    def publish(self):
        atlas_services.news_publish(actor=self.editor, item=NewsItem.objects.get(pk=self.pk))

    def reject(self):
        atlas_services.news_reject(
            actor=self.editor, item=NewsItem.objects.get(pk=self.pk), reason="Reclame."
        )

    def outsider_publish(self):
        atlas_services.news_publish(actor=self.outsider, item=NewsItem.objects.get(pk=self.pk))


class ListingMachine:
    """open → vervuld or ingetrokken by a member of the posting organisation, or verlopen by the daily
    task once past its date; others respond only while it is open."""

    steps = ["fulfil", "withdraw", "expire", "respond", "outsider_withdraw"]
    path = ["respond"]

    def __init__(self):
        organisation = OrganisationFactory()
        self.member = ApprovedMembershipFactory(organisation=organisation).user
        self.responder = UserFactory(roles=[Role.INITIATIEFNEMER])
        self.pk = ListingFactory(organisation=organisation, posted_by=self.member).pk

    @property
    def listing(self):
        return Listing.objects.get(pk=self.pk)

    def start(self):
        return {"status": "open", "responses": 0}

    def project(self, m):
        return m

    def stored(self):
        listing = self.listing
        return {"status": listing.status, "responses": listing.responses.count()}

    def expect(self, m, name):
        if name == "outsider_withdraw":
            return NotAllowed
        if name == "expire":
            return (
                {**m, "status": "verlopen"} if (m["status"], "verlopen") in LISTING_EDGES else SKIP
            )  # the task skips closed ones
        if m["status"] != "open":
            return Conflict
        if name == "respond":
            return {**m, "responses": m["responses"] + 1}
        target = LISTING_TARGETS[name]
        return {**m, "status": target} if (m["status"], target) in LISTING_EDGES else Conflict

    def invariants(self, m):
        listing = self.listing
        assert listing.status in Listing.Status.values
        assert (listing.closed_at is not None) == (listing.status != "open")

    def fulfil(self):
        atlas_services.listing_fulfil(actor=self.member, listing=self.listing)

    def withdraw(self):
        atlas_services.listing_withdraw(actor=self.member, listing=self.listing)

    def outsider_withdraw(self):
        atlas_services.listing_withdraw(actor=self.responder, listing=self.listing)

    def expire(self):
        assert (
            atlas_services.listings_expire(
                today=self.listing.expires_on + datetime.timedelta(days=1)
            )
            == 1
        )

    def respond(self):
        atlas_services.listing_respond(
            actor=self.responder, listing=self.listing, message="Wij helpen graag."
        )


@pytest.fixture(
    params=[LessonMachine, NewsMachine, ListingMachine], ids=["lesson", "news", "listing"]
)
def content_machine(request, db):
    return request.param()


@WALKS
@given(data=st.data())
def test_lesson_news_and_listing_walks(data, content_machine):
    walk(data, content_machine)


def test_the_lesson_model_takes_exactly_the_edges_of_the_lesson_workflow():
    assert atlas_workflow.LESSON.edges == LESSON_EDGES


def test_the_news_model_takes_exactly_the_edges_of_the_news_item_workflow():
    assert atlas_workflow.NEWS_ITEM.edges == NEWS_EDGES


def test_the_listing_model_takes_exactly_the_edges_of_the_listing_workflow():
    assert atlas_workflow.LISTING.edges == LISTING_EDGES
