"""Two people act on the same record at the same moment, each on a database connection of their own.

Each actor first reads the record (the page they looked at), waits at a barrier until the other has
read it too, and only then calls the service with what they read. The service must re-read the
record under a row lock and check its state there: exactly one conflicting transition wins, the
other is refused with a Dutch ``Conflict``, and the stored state and the audit trail tell one story.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from atlas import services as atlas_services
from atlas.models import Event, EventRegistration, Lesson, Listing, Membership, NewsItem
from deals import services as deal_services
from deals.models import Deal, DealEvent, DealTheme
from deals.residence import services as residence_services
from deals.residence.models import Handbrake, Residency
from kompas import services as kompas_services
from kompas.models import AgendaItem, DraftRun, Edition
from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from schouw import services as schouw_services
from schouw.models import SchouwRound
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    EventFactory,
    EventRegistrationFactory,
    LessonFactory,
    ListingFactory,
    MembershipFactory,
    NewsItemFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.core.factories import UserFactory
from tests.deals.conftest import World as DealWorld
from tests.deals.factories import KnelpuntFactory
from tests.kompas.factories import (
    KompasAgendaItemFactory,
    KompasEditionFactory,
    KompasPriorityFactory,
    KompasProposalFactory,
)
from tests.residence.conftest import World as ResidenceWorld
from tests.residence.factories import ResidencyFactory
from tests.schouw.conftest import World as SchouwWorld

from .committed import _django_db_marker, committed_db  # noqa: F401 (fixtures)

# Every race needs data the other connections can see: committed, and emptied after the test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("committed_db")]


def race(read, *actions):
    """Run ``actions`` at once, each in a thread with its own connection. Every thread reads the
    record with ``read()`` first; all wait until everyone has read, then each acts on its own copy.
    Returns what each action returned, or the error it raised."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(i, action):
        try:
            seen = read()
            barrier.wait(timeout=30)
            outcomes[i] = action(seen)
        except Exception as exc:  # every outcome is asserted by the test
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a thread hangs: a lock is never released"
    return outcomes


def one_wins(outcomes):
    """Exactly one action succeeded and the other was refused with a Dutch Conflict."""
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], Conflict), repr(errors[0])
    assert errors[0].message.strip(), "a refusal says why"
    return next(i for i, o in enumerate(outcomes) if not isinstance(o, Exception))


def audited(action, target) -> int:
    return AuditEvent.objects.filter(action=action, target_id=str(target.pk)).count()


# --- Deal ------------------------------------------------------------------------------------------


def test_deal_finish_and_stop_at_once_leave_one_end():
    world = DealWorld()
    deal = world.deal(Deal.Status.LOPEND)
    outcomes = race(
        lambda: Deal.objects.get(pk=deal.pk),
        lambda d: deal_services.deal_finish(
            actor=world.aanjager_member, deal=d, note="Doel bereikt"
        ),
        lambda d: deal_services.deal_stop(actor=world.netwerkmanager, deal=d, reason="Geld op"),
    )
    winner = one_wins(outcomes)
    deal.refresh_from_db()
    assert deal.status == [Deal.Status.AFGEROND, Deal.Status.GESTOPT][winner]
    assert deal.ended_at is not None
    assert deal.events.filter(kind=DealEvent.Kind.STAP).count() == 1
    assert audited("deal_finish", deal) + audited("deal_stop", deal) == 1


def test_deal_sign_and_stop_at_once_never_close_a_stopped_deal():
    world = DealWorld()
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    deal_services.plan_version_create(actor=world.aanjager_member, deal=deal)
    deal_services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    partner = world.partner(deal)
    outcomes = race(
        lambda: Deal.objects.get(pk=deal.pk),
        lambda d: deal_services.deal_sign(actor=world.partner_admin, deal=d, partner=partner),
        lambda d: deal_services.deal_stop(
            actor=world.aanjager_member, deal=d, reason="Geen draagvlak"
        ),
    )
    deal.refresh_from_db()
    signed, stopped = (not isinstance(o, Exception) for o in outcomes)
    assert stopped, outcomes  # stopping is allowed before and after closing
    assert deal.status == Deal.Status.GESTOPT
    closed = deal.events.filter(text__contains="De deal is gesloten").count()
    if signed:  # the signature came first: the deal closed, then stopped
        assert closed == 1 and deal.closed_at is not None
    else:  # the stop came first: the late signature is refused and the deal never closed
        assert isinstance(outcomes[0], Conflict) and closed == 0 and deal.closed_at is None
    assert audited("deal_stop", deal) == 1


def test_two_partners_pause_at_once_the_step_is_remembered_once():
    world = DealWorld()
    deal = world.deal(Deal.Status.LOPEND)
    outcomes = race(
        lambda: Deal.objects.get(pk=deal.pk),
        lambda d: deal_services.deal_pause(
            actor=world.aanjager_member, deal=d, reason="Even op adem komen"
        ),
        lambda d: deal_services.deal_pause(
            actor=world.partner_member, deal=d, reason="Eerst de begroting"
        ),
    )
    one_wins(outcomes)
    deal.refresh_from_db()
    assert (deal.status, deal.paused_from) == (Deal.Status.GEPAUZEERD, Deal.Status.LOPEND)
    assert audited("deal_pause", deal) == 1
    deal_services.deal_resume(actor=world.netwerkmanager, deal=deal)
    deal.refresh_from_db()
    assert (deal.status, deal.paused_from) == (Deal.Status.LOPEND, "")


# --- Membership ------------------------------------------------------------------------------------


def test_two_netwerkmanagers_approve_and_reject_the_same_request():
    organisation = OrganisationFactory()
    membership = MembershipFactory(
        organisation=organisation, user=UserFactory(roles=[Role.INITIATIEFNEMER])
    )
    first, second = (
        UserFactory(roles=[Role.NETWERKMANAGER]),
        UserFactory(roles=[Role.NETWERKMANAGER]),
    )
    outcomes = race(
        lambda: Membership.objects.get(pk=membership.pk),
        lambda m: atlas_services.membership_approve(actor=first, membership=m),
        lambda m: atlas_services.membership_reject(
            actor=second, membership=m, note="Onbekend bij ons"
        ),
    )
    winner = one_wins(outcomes)
    membership.refresh_from_db()
    assert membership.status == [Membership.Status.GOEDGEKEURD, Membership.Status.AFGEWEZEN][winner]
    assert membership.decided_by == [first, second][winner]
    assert audited("membership_approve", membership) + audited("membership_reject", membership) == 1


def test_the_same_person_asks_twice_at_once_to_join():
    organisation = OrganisationFactory()
    person = UserFactory(roles=[Role.INITIATIEFNEMER])
    outcomes = race(
        lambda: None,
        lambda _: atlas_services.membership_request(
            actor=person, organisation=organisation, motivation="Graag"
        ),
        lambda _: atlas_services.membership_request(
            actor=person, organisation=organisation, motivation="Graag!"
        ),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    # Whoever came second hears that the request is waiting, in Dutch, whatever the timing.
    assert isinstance(errors[0], ApplicationError), repr(errors[0])
    assert "wacht al op een besluit" in errors[0].message
    assert Membership.objects.filter(user=person, organisation=organisation).count() == 1


# --- Residency and handbrake -----------------------------------------------------------------------


def test_sender_and_host_confirm_at_once_the_residency_starts_once():
    world = ResidenceWorld()
    residency = residence_services.residency_propose(
        actor=world.initiative_admin, **world.proposal()
    )
    outcomes = race(
        lambda: Residency.objects.get(pk=residency.pk),
        lambda r: residence_services.residency_confirm(actor=world.initiative_admin, residency=r),
        lambda r: residence_services.residency_confirm(actor=world.municipality_admin, residency=r),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes  # no lost confirmation
    residency.refresh_from_db()
    assert residency.status == Residency.Status.ACTIEF
    assert residency.sending_confirmed_by == world.initiative_admin
    assert residency.host_confirmed_by == world.municipality_admin
    assert world.deal.events.filter(text__contains="is gestart").count() == 1
    assert audited("residency_confirm", residency) == 2


def test_the_last_two_partners_agree_at_once_the_deal_resumes_exactly_once():
    world = ResidenceWorld()
    residency = ResidencyFactory(
        deal=world.deal, person=world.person, sending_partner=world.sending, host_partner=world.host
    )
    handbrake = residence_services.handbrake_pull(
        actor=world.person, residency=residency, reason="Geen overleg"
    )
    outcomes = race(
        lambda: Handbrake.objects.get(pk=handbrake.pk),
        lambda h: residence_services.handbrake_agree(
            actor=world.initiative_admin, handbrake=h, partner=world.sending
        ),
        lambda h: residence_services.handbrake_agree(
            actor=world.municipality_admin, handbrake=h, partner=world.host
        ),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    handbrake.refresh_from_db()
    world.deal.refresh_from_db()
    assert handbrake.status == Handbrake.Status.LOSGELATEN and handbrake.agreements.count() == 2
    assert (world.deal.status, world.deal.paused_from) == (Deal.Status.LOPEND, "")
    assert audited("handbrake_release", handbrake) == 1
    assert audited("deal_resume_jointly", world.deal) == 1


def test_the_handbrake_pulled_twice_at_once_pauses_once():
    world = ResidenceWorld()
    residency = ResidencyFactory(
        deal=world.deal, person=world.person, sending_partner=world.sending, host_partner=world.host
    )
    outcomes = race(
        lambda: Residency.objects.get(pk=residency.pk),
        lambda r: residence_services.handbrake_pull(
            actor=world.person, residency=r, reason="Geen overleg"
        ),
        lambda r: residence_services.handbrake_pull(
            actor=world.person, residency=r, reason="Nog steeds niet"
        ),
    )
    one_wins(outcomes)
    assert (
        Handbrake.objects.filter(deal=world.deal, status=Handbrake.Status.AANGETROKKEN).count() == 1
    )
    world.deal.refresh_from_db()
    assert (world.deal.status, world.deal.paused_from) == (
        Deal.Status.GEPAUZEERD,
        Deal.Status.LOPEND,
    )
    assert audited("deal_pause", world.deal) == 1


# --- Schouw ----------------------------------------------------------------------------------------


def test_two_partners_advance_the_schouw_step_at_once():
    world = SchouwWorld()
    schouw_round, guest = world.advance_to("open_schouw")
    schouw_services.observation_create(
        actor=guest, schouw_round=schouw_round, text="Warm onthaal.", tone="onverwacht"
    )
    outcomes = race(
        lambda: SchouwRound.objects.get(pk=schouw_round.pk),
        lambda r: schouw_services.schouw_round_meetlat_start(
            actor=world.initiative_admin, schouw_round=r
        ),
        lambda r: schouw_services.schouw_round_meetlat_start(
            actor=world.municipality_member, schouw_round=r
        ),
    )
    one_wins(outcomes)
    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.MEETLAT
    assert audited("schouw_round_meetlat_start", schouw_round) == 1


def test_two_partners_start_a_schouw_round_for_the_same_deal():
    world = SchouwWorld()
    today = timezone.localdate()

    def create(actor):
        return schouw_services.schouw_round_create(
            actor=actor,
            deal=world.deal,
            title=f"Schouw van {actor}",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=7),
        )

    outcomes = race(
        lambda: None,
        lambda _: create(world.initiative_admin),
        lambda _: create(world.municipality_member),
    )
    one_wins(outcomes)
    assert world.deal.schouw_rounds.exclude(status=SchouwRound.Status.AFGEROND).count() == 1


# --- Kompas ----------------------------------------------------------------------------------------


def test_opening_the_consultation_while_the_draft_refreshes_it():
    preparer = UserFactory(roles=[Role.CONTENTBEHEERDER])
    KnelpuntFactory(status="doorgezet_naar_kompas", forwarded_at=timezone.now())
    kompas_services.edition_draft(actor=preparer)
    edition = Edition.objects.get(status=Edition.Status.CONCEPT)
    before = set(edition.proposals.values_list("pk", flat=True))
    outcomes = race(
        lambda: Edition.objects.get(pk=edition.pk),
        lambda e: kompas_services.edition_consultation_open(actor=preparer, edition=e),
        lambda e: kompas_services.edition_draft(actor=preparer),
    )
    assert not isinstance(outcomes[0], Exception), outcomes
    run = outcomes[1]
    assert isinstance(run, DraftRun), outcomes
    edition.refresh_from_db()
    assert edition.status == Edition.Status.CONSULTATIE
    assert set(edition.proposals.values_list("pk", flat=True)) == before
    # The refresh either ran before the consultation opened, or found no concept and drafted none.
    assert run.status in (DraftRun.Status.KLAAR, DraftRun.Status.OVERGESLAGEN)
    assert run.status == DraftRun.Status.OVERGESLAGEN or run.edition_id == edition.pk
    assert not Edition.objects.filter(status=Edition.Status.CONCEPT).exists()


def test_a_draft_by_hand_and_one_by_beat_at_once_make_one_concept():
    preparer = UserFactory(roles=[Role.CONTENTBEHEERDER])
    KnelpuntFactory(status="doorgezet_naar_kompas", forwarded_at=timezone.now())
    outcomes = race(
        lambda: None,
        lambda _: kompas_services.edition_draft(actor=preparer),
        lambda _: kompas_services.edition_draft(scheduled=True),
    )
    assert all(isinstance(o, DraftRun) for o in outcomes), outcomes
    (concept,) = Edition.objects.filter(status=Edition.Status.CONCEPT)
    assert [(run.status, run.edition_id) for run in outcomes] == [
        (DraftRun.Status.KLAAR, concept.pk)
    ] * 2
    assert concept.proposals.count() == 1 and concept.evidence.count() == 1


def test_two_people_endorse_a_proposal_with_a_double_click():
    edition = KompasEditionFactory(status=Edition.Status.CONSULTATIE)
    proposal = KompasProposalFactory(edition=edition)
    person = UserFactory(roles=[Role.INITIATIEFNEMER])
    outcomes = race(
        lambda: None,
        lambda _: kompas_services.proposal_endorse(actor=person, proposal=proposal),
        lambda _: kompas_services.proposal_endorse(actor=person, proposal=proposal),
    )
    one_wins(outcomes)
    assert "steunt dit voorstel al" in next(o for o in outcomes if isinstance(o, Exception)).message
    assert proposal.endorsements.count() == 1


def test_two_bestuurders_adopt_at_once_the_priorities_are_set_once():
    theme = ThemeFactory()
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    KompasAgendaItemFactory(
        proposal=KompasProposalFactory(edition=edition, theme=theme),
        outcome="afgewezen",
        reasons="Te duur.",
        decided_at=timezone.now(),
    )
    KompasPriorityFactory(edition=edition, theme=theme)
    first, second = UserFactory(roles=[Role.BESTUURDER]), UserFactory(roles=[Role.BESTUURDER])
    outcomes = race(
        lambda: Edition.objects.get(pk=edition.pk),
        lambda e: kompas_services.edition_adopt(actor=first, edition=e),
        lambda e: kompas_services.edition_adopt(actor=second, edition=e),
    )
    winner = one_wins(outcomes)
    edition.refresh_from_db()
    assert (edition.status, edition.adopted_by) == (
        Edition.Status.VASTGESTELD,
        [first, second][winner],
    )
    assert edition.snapshot["adopted_by"] == str([first, second][winner])
    assert audited("kompas_adopt", edition) == 1
    deal_theme = DealTheme.objects.get(theme=theme, is_active=True)
    assert (deal_theme.source, deal_theme.set_by) == (
        DealTheme.Source.KOMPAS,
        [first, second][winner],
    )
    assert audited("deal_theme_set", deal_theme) == 1


# --- Kennisbank, news, vraag en aanbod, agenda -----------------------------------------------------


def test_publish_and_reject_a_lesson_at_once():
    lesson = LessonFactory(status=Lesson.Status.IN_REDACTIE)
    first, second = (
        UserFactory(roles=[Role.CONTENTBEHEERDER]),
        UserFactory(roles=[Role.CONTENTBEHEERDER]),
    )
    outcomes = race(
        lambda: Lesson.objects.get(pk=lesson.pk),
        lambda le: atlas_services.lesson_publish(actor=first, lesson=le),
        lambda le: atlas_services.lesson_reject(actor=second, lesson=le, reason="Te algemeen."),
    )
    winner = one_wins(outcomes)
    lesson.refresh_from_db()
    if winner == 0:
        assert (lesson.status, lesson.version, lesson.rejection_reason) == (
            Lesson.Status.GEPUBLICEERD,
            1,
            "",
        )
        assert lesson.versions.count() == 1
    else:
        assert (lesson.status, lesson.version, lesson.published_at) == (
            Lesson.Status.AFGEWEZEN,
            0,
            None,
        )
        assert lesson.versions.count() == 0
    assert audited("lesson_publish", lesson) + audited("lesson_reject", lesson) == 1


def test_publish_and_reject_a_suggested_news_item_at_once():
    item = NewsItemFactory(status=NewsItem.Status.VOORGESTELD)
    first, second = (
        UserFactory(roles=[Role.CONTENTBEHEERDER]),
        UserFactory(roles=[Role.CONTENTBEHEERDER]),
    )
    outcomes = race(
        lambda: NewsItem.objects.get(pk=item.pk),
        lambda n: atlas_services.news_publish(actor=first, item=n),
        lambda n: atlas_services.news_reject(actor=second, item=n, reason="Reclame."),
    )
    winner = one_wins(outcomes)
    item.refresh_from_db()
    assert item.status == [NewsItem.Status.GEPUBLICEERD, NewsItem.Status.AFGEWEZEN][winner]
    assert (item.published_at is not None) == (winner == 0)
    assert audited("news_publish", item) + audited("news_reject", item) == 1


def test_fulfil_and_withdraw_a_listing_at_once():
    organisation = OrganisationFactory()
    one, two = (ApprovedMembershipFactory(organisation=organisation).user for _ in range(2))
    listing = ListingFactory(organisation=organisation, posted_by=one)
    outcomes = race(
        lambda: Listing.objects.get(pk=listing.pk),
        lambda li: atlas_services.listing_fulfil(actor=one, listing=li),
        lambda li: atlas_services.listing_withdraw(actor=two, listing=li),
    )
    winner = one_wins(outcomes)
    listing.refresh_from_db()
    assert listing.status == [Listing.Status.VERVULD, Listing.Status.INGETROKKEN][winner]
    assert audited("listing_fulfil", listing) + audited("listing_withdraw", listing) == 1


def test_two_sign_ups_for_the_last_seat():
    event = EventFactory(registration=Event.Registration.PLATFORM, capacity=2)
    EventRegistrationFactory(event=event)
    first, second = UserFactory(), UserFactory()
    outcomes = race(
        lambda: Event.objects.get(pk=event.pk),
        lambda e: atlas_services.event_sign_up(actor=first, event=e),
        lambda e: atlas_services.event_sign_up(actor=second, event=e),
    )
    winner = one_wins(outcomes)
    assert "vol" in outcomes[1 - winner].message
    assert EventRegistration.objects.filter(event=event).count() == 2
    assert EventRegistration.objects.filter(event=event, user=[first, second][winner]).exists()
    assert audited("event_sign_up", event) == 1


def test_a_decision_changed_while_the_edition_is_adopted_is_in_the_snapshot_or_refused():
    theme = ThemeFactory()
    edition = KompasEditionFactory(status=Edition.Status.GEAGENDEERD)
    item = KompasAgendaItemFactory(
        proposal=KompasProposalFactory(edition=edition, theme=theme),
        outcome="afgewezen",
        reasons="Te duur.",
        decided_at=timezone.now(),
    )
    first, second = UserFactory(roles=[Role.BESTUURDER]), UserFactory(roles=[Role.BESTUURDER])
    outcomes = race(
        lambda: AgendaItem.objects.get(pk=item.pk),
        lambda i: kompas_services.decision_record(
            actor=first, agenda_item=i, outcome="aangehouden", reasons="Eerst meer onderzoek."
        ),
        lambda i: kompas_services.edition_adopt(actor=second, edition=i.proposal.edition),
    )
    assert not isinstance(outcomes[1], Exception), outcomes
    edition.refresh_from_db()
    item.refresh_from_db()
    (frozen,) = edition.snapshot["proposals"][0]["decisions"]
    assert (frozen["outcome"], frozen["reasons"]) == (item.outcome, item.reasons)
    if isinstance(outcomes[0], Exception):  # adopted first: the late change is refused
        assert isinstance(outcomes[0], Conflict) and item.outcome == "afgewezen"
    else:
        assert item.outcome == "aangehouden"
