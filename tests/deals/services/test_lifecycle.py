"""Every transition of a deal, with its refusals per role and state."""

import pytest

from deals import services
from deals.models import Deal, DealEvent, DealPartner
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from tests.atlas.factories import OrganisationFactory, ThemeFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealPartnerFactory

from ..conftest import PROPOSAL

pytestmark = pytest.mark.django_db

S = Deal.Status


def test_member_starts_a_deal_as_aanjager(world):
    theme = ThemeFactory()
    deal = services.deal_create(
        actor=world.aanjager_member,
        title="Samen aan tafel",
        summary="Samen eten tegen eenzaamheid",
        aanjager_organisation=world.aanjager_org,
        themes=[theme],
        proposal={"doelstelling": "Niemand eet alleen", "onbekend": "weg"},
    )
    assert deal.status == S.PARTNERS_ZOEKEN
    assert deal.proposal == {"doelstelling": "Niemand eet alleen"}
    aanjager = deal.partners.get()
    assert (aanjager.organisation, aanjager.role, aanjager.status) == (
        world.aanjager_org,
        "aanjager",
        "geaccepteerd",
    )
    assert list(deal.themes.all()) == [theme]
    assert deal.events.get().kind == DealEvent.Kind.STAP
    assert AuditEvent.objects.filter(action="deal_create", target_id=str(deal.pk)).exists()


def test_deal_start_refused_for_foreign_organisation(world):
    with pytest.raises(NotAllowed, match="namens een organisatie waarvan u lid bent"):
        services.deal_create(
            actor=world.outsider, title="X", summary="Y", aanjager_organisation=world.aanjager_org
        )
    assert not Deal.objects.exists()


def test_civil_servant_starts_a_deal_for_a_municipal_cluster(world):
    cluster = OrganisationFactory(type="gemeentelijk_cluster")
    deal = services.deal_create(
        actor=world.ambtenaar, title="Wijkdeal", summary="Doel", aanjager_organisation=cluster
    )
    assert deal.partners.get().organisation == cluster
    with pytest.raises(NotAllowed):
        services.deal_create(
            actor=world.ambtenaar,
            title="Wijkdeal",
            summary="Doel",
            aanjager_organisation=OrganisationFactory(),
        )


def test_anonymous_cannot_start_a_deal(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed, match="Log in"):
        services.deal_create(
            actor=AnonymousUser(), title="X", summary="Y", aanjager_organisation=world.aanjager_org
        )


def test_bad_input_is_a_validation_error_not_a_crash(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.deal_create(
            actor=world.aanjager_member,
            title="",
            summary="",
            aanjager_organisation=world.aanjager_org,
        )


def test_full_lifecycle_with_toetsing(world):
    deal = world.deal(plan=True)
    deal = services.deal_idea_start(actor=world.aanjager_member, deal=deal)
    assert deal.status == S.IDEE
    deal = services.deal_toetsing_start(actor=world.aanjager_member, deal=deal, method="rollenspel")
    assert (deal.status, deal.toetsing_method) == (S.TOETSING, "rollenspel")
    with pytest.raises(ApplicationError, match="bevindingen"):
        services.deal_planning_start(actor=world.aanjager_member, deal=deal)
    services.deal_toetsing_record(
        actor=world.partner_member,
        deal=deal,
        findings="Rolverdeling helder",
        risks="Vrijwilligers haken af",
    )
    deal = services.deal_planning_start(actor=world.netwerkmanager, deal=deal)
    assert deal.status == S.PLANNING
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    deal.refresh_from_db()
    assert deal.status == S.PLANNING
    services.deal_sign(actor=world.partner_admin, deal=deal, partner=world.partner(deal))
    deal.refresh_from_db()
    assert deal.status == S.GESLOTEN and deal.closed_at is not None
    deal = services.deal_start(actor=world.aanjager_member, deal=deal)
    assert deal.status == S.LOPEND
    deal = services.deal_finish(
        actor=world.aanjager_member,
        deal=deal,
        note="Doelen gehaald",
        follow_up_title="Samen aan tafel, deel 2",
    )
    assert deal.status == S.AFGEROND and deal.ended_at
    follow_up = deal.follow_ups.get()
    assert follow_up.status == S.PARTNERS_ZOEKEN
    assert follow_up.partners.get().organisation == world.aanjager_org
    steps = list(deal.events.filter(kind="stap").values_list("text", flat=True))
    assert any("gesloten" in s for s in steps) and any("afgerond" in s for s in steps)


def test_skipping_toetsing_is_recorded(world):
    deal = world.deal(S.IDEE)
    with pytest.raises(ApplicationError, match="waarom"):
        services.deal_toetsing_skip(actor=world.aanjager_member, deal=deal, reason=" ")
    deal = services.deal_toetsing_skip(
        actor=world.aanjager_member, deal=deal, reason="Bewezen aanpak uit Spangen"
    )
    assert deal.status == S.PLANNING
    assert deal.toetsing_skipped and deal.toetsing_skip_reason == "Bewezen aanpak uit Spangen"
    assert deal.events.filter(text__contains="Toetsing overgeslagen").exists()


def test_leaving_idea_needs_the_required_template_elements(world):
    deal = world.deal(S.IDEE, proposal={})
    with pytest.raises(ApplicationError, match="Doelstelling"):
        services.deal_toetsing_start(actor=world.aanjager_member, deal=deal, method="expertsessie")
    with pytest.raises(ApplicationError, match="verplichte onderdelen"):
        services.deal_toetsing_skip(actor=world.aanjager_member, deal=deal, reason="Geen tijd")
    deal.refresh_from_db()
    assert deal.status == S.IDEE


def test_unknown_toetsing_method_is_refused(world):
    deal = world.deal(S.IDEE)
    with pytest.raises(ApplicationError, match="vorm"):
        services.deal_toetsing_start(actor=world.aanjager_member, deal=deal, method="tarotkaarten")


def test_idea_needs_a_second_partner(world):
    deal = world.deal(with_partner=False)
    with pytest.raises(ApplicationError, match="minstens één partner"):
        services.deal_idea_start(actor=world.aanjager_member, deal=deal)
    DealPartnerFactory(deal=deal, role=DealPartner.Role.KLANKBORDGROEP)
    with pytest.raises(ApplicationError):
        services.deal_idea_start(actor=world.aanjager_member, deal=deal)


# Each transition: the states it may start from; every other state is refused with a Conflict.
TRANSITIONS = {
    "idea": (
        [S.PARTNERS_ZOEKEN],
        lambda w, d: services.deal_idea_start(actor=w.aanjager_member, deal=d),
    ),
    "toetsing": (
        [S.IDEE],
        lambda w, d: services.deal_toetsing_start(
            actor=w.aanjager_member, deal=d, method="rollenspel"
        ),
    ),
    "skip": (
        [S.IDEE],
        lambda w, d: services.deal_toetsing_skip(actor=w.aanjager_member, deal=d, reason="Bekend"),
    ),
    "planning": (
        [S.TOETSING],
        lambda w, d: services.deal_planning_start(actor=w.aanjager_member, deal=d),
    ),
    "start": ([S.GESLOTEN], lambda w, d: services.deal_start(actor=w.aanjager_member, deal=d)),
    "finish": ([S.LOPEND], lambda w, d: services.deal_finish(actor=w.aanjager_member, deal=d)),
    "stop": (
        [S.PARTNERS_ZOEKEN, S.IDEE, S.TOETSING, S.PLANNING, S.GESLOTEN, S.LOPEND, S.GEPAUZEERD],
        lambda w, d: services.deal_stop(actor=w.aanjager_member, deal=d, reason="Geen capaciteit"),
    ),
    "pause": (
        [S.PARTNERS_ZOEKEN, S.IDEE, S.TOETSING, S.PLANNING, S.GESLOTEN, S.LOPEND],
        lambda w, d: services.deal_pause(
            actor=w.partner_member, deal=d, reason="Even op adem komen"
        ),
    ),
    "resume": ([S.GEPAUZEERD], lambda w, d: services.deal_resume(actor=w.aanjager_member, deal=d)),
}


@pytest.mark.parametrize("name", list(TRANSITIONS))
@pytest.mark.parametrize("state", list(S))
def test_transition_from_every_state(world, name, state):
    allowed, run = TRANSITIONS[name]
    deal = world.deal(state, toetsing_findings="Helder" if state == S.TOETSING else "")
    if state in allowed:
        result = run(world, deal)
        assert result.status != state
    else:
        with pytest.raises(Conflict) as exc:
            run(world, deal)
        assert exc.value.message  # a Dutch reason
        deal.refresh_from_db()
        assert deal.status == state


ROLES = [
    "aanjager_member",
    "aanjager_admin",
    "partner_member",
    "partner_admin",
    "netwerkmanager",
    "ambtenaar",
    "outsider",
]
MANAGERS = {"aanjager_member", "aanjager_admin", "netwerkmanager"}
PARTNERS = {
    "aanjager_member",
    "aanjager_admin",
    "partner_member",
    "partner_admin",
    "netwerkmanager",
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_move_a_deal_forward(world, role):
    deal = world.deal(S.PARTNERS_ZOEKEN)
    actor = getattr(world, role)
    if role in MANAGERS:
        assert services.deal_idea_start(actor=actor, deal=deal).status == S.IDEE
    else:
        with pytest.raises(NotAllowed, match="aanjager"):
            services.deal_idea_start(actor=actor, deal=deal)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_pull_the_handbrake(world, role):
    deal = world.deal(S.LOPEND)
    actor = getattr(world, role)
    if role in PARTNERS:
        deal = services.deal_pause(actor=actor, deal=deal, reason="Zorgen over de planning")
        assert (deal.status, deal.paused_from) == (S.GEPAUZEERD, S.LOPEND)
    else:
        with pytest.raises(NotAllowed):
            services.deal_pause(actor=actor, deal=deal, reason="Zomaar")


def test_pause_and_resume_return_to_the_same_step(world):
    deal = world.deal(S.TOETSING)
    services.deal_pause(actor=world.partner_member, deal=deal, reason="Wachten op de gemeente")
    with pytest.raises(NotAllowed):
        services.deal_resume(actor=world.partner_member, deal=deal)
    with pytest.raises(Conflict, match="al gepauzeerd"):
        services.deal_pause(actor=world.partner_member, deal=deal, reason="Nog eens")
    deal = services.deal_resume(actor=world.aanjager_member, deal=deal)
    assert (deal.status, deal.paused_from) == (S.TOETSING, "")


def test_resuming_jointly_needs_every_partner_with_a_voice(world):
    deal = world.deal(S.LOPEND)
    advisors = OrganisationFactory(name="Klankbord Zuid")
    DealPartnerFactory(deal=deal, organisation=advisors, role=DealPartner.Role.KLANKBORDGROEP)
    aanjager, partner = world.partner(deal, world.aanjager_org), world.partner(deal)
    with pytest.raises(Conflict, match="niet gepauzeerd"):
        services.deal_resume_jointly(
            actor=world.partner_member, deal=deal, agreed_partner_ids=[aanjager.pk, partner.pk]
        )
    services.deal_pause(actor=world.partner_member, deal=deal, reason="Handrem")
    with pytest.raises(NotAllowed):
        services.deal_resume_jointly(
            actor=world.outsider, deal=deal, agreed_partner_ids=[aanjager.pk, partner.pk]
        )
    with pytest.raises(ApplicationError, match="Zorgaanbieder West"):
        services.deal_resume_jointly(
            actor=world.partner_member, deal=deal, agreed_partner_ids=[aanjager.pk]
        )
    deal.refresh_from_db()
    assert deal.status == S.GEPAUZEERD
    # The klankbordgroep advises; a plain partner member agreeing last resumes the deal.
    deal = services.deal_resume_jointly(
        actor=world.partner_member, deal=deal, agreed_partner_ids=[aanjager.pk, partner.pk]
    )
    assert (deal.status, deal.paused_from) == (S.LOPEND, "")


def test_pause_and_stop_need_a_reason(world):
    deal = world.deal(S.LOPEND)
    with pytest.raises(ApplicationError, match="waarom"):
        services.deal_pause(actor=world.partner_member, deal=deal, reason="")
    with pytest.raises(ApplicationError, match="waarom"):
        services.deal_stop(actor=world.aanjager_member, deal=deal, reason="")


def test_stopped_deal_is_final(world):
    deal = world.deal(S.GESTOPT)
    with pytest.raises(Conflict, match="al gestopt"):
        services.deal_stop(actor=world.netwerkmanager, deal=deal, reason="Nogmaals")


def test_edit_deal_and_refusals(world):
    deal = world.deal(S.IDEE)
    deal = services.deal_update(
        actor=world.partner_member,
        deal=deal,
        title="Nieuwe titel",
        proposal={**PROPOSAL, "haalbaarheid": "Zeker"},
    )
    assert deal.title == "Nieuwe titel" and deal.proposal["haalbaarheid"] == "Zeker"
    with pytest.raises(NotAllowed):
        services.deal_update(actor=world.outsider, deal=deal, title="Kaping")
    finished = world.deal(S.AFGEROND)
    with pytest.raises(Conflict, match="kan nu niet"):
        services.deal_update(actor=world.aanjager_member, deal=finished, title="Later")


# --- Partners ---------------------------------------------------------------------------------


def test_invite_accept_and_decline(world):
    deal = world.deal(with_partner=False)
    third = OrganisationFactory(name="Buurthuis Oost")
    third_admin = world._member(third, "beheerder")
    third_member = world._member(third, "lid")
    invited = services.deal_partner_invite(
        actor=world.aanjager_member,
        deal=deal,
        organisation=world.partner_org,
        role="gemeente_actief",
    )
    assert invited.status == "uitgenodigd"
    with pytest.raises(ApplicationError, match="al uitgenodigd"):
        services.deal_partner_invite(
            actor=world.aanjager_member, deal=deal, organisation=world.partner_org
        )
    with pytest.raises(NotAllowed, match="beheerder van Zorgaanbieder West"):
        services.deal_partner_accept(actor=world.partner_member, partner=invited)
    with pytest.raises(NotAllowed):
        services.deal_partner_accept(actor=world.aanjager_admin, partner=invited)
    accepted = services.deal_partner_accept(actor=world.partner_admin, partner=invited)
    assert accepted.status == "geaccepteerd" and accepted.decided_by == world.partner_admin
    with pytest.raises(Conflict, match="al gereageerd"):
        services.deal_partner_decline(actor=world.partner_admin, partner=invited)

    other = services.deal_partner_invite(
        actor=world.netwerkmanager, deal=deal, organisation=third, role="klankbordgroep"
    )
    with pytest.raises(NotAllowed):
        services.deal_partner_decline(actor=third_member, partner=other)
    declined = services.deal_partner_decline(actor=third_admin, partner=other)
    assert declined.status == "afgewezen"
    # Declined: may be invited again later.
    again = services.deal_partner_invite(actor=world.aanjager_member, deal=deal, organisation=third)
    assert again.status == "uitgenodigd"


def test_invite_refusals(world):
    deal = world.deal()
    with pytest.raises(NotAllowed):
        services.deal_partner_invite(
            actor=world.partner_member, deal=deal, organisation=OrganisationFactory()
        )
    with pytest.raises(ApplicationError, match="rol"):
        services.deal_partner_invite(
            actor=world.aanjager_member,
            deal=deal,
            organisation=OrganisationFactory(),
            role="aanjager",
        )
    with pytest.raises(ApplicationError, match="gearchiveerd"):
        services.deal_partner_invite(
            actor=world.aanjager_member,
            deal=deal,
            organisation=OrganisationFactory(is_archived=True),
        )
    done = world.deal(S.AFGEROND)
    with pytest.raises(Conflict):
        services.deal_partner_invite(
            actor=world.aanjager_member, deal=done, organisation=OrganisationFactory()
        )


def test_parties_may_join_a_running_deal(world):
    deal = world.deal(S.LOPEND)
    late = OrganisationFactory()
    admin = world._member(late, "beheerder")
    partner = services.deal_partner_invite(
        actor=world.aanjager_member, deal=deal, organisation=late
    )
    assert services.deal_partner_accept(actor=admin, partner=partner).status == "geaccepteerd"


def test_netwerkmanager_without_membership_is_not_an_org_admin(world):
    deal = world.deal(with_partner=False)
    invited = services.deal_partner_invite(
        actor=world.netwerkmanager, deal=deal, organisation=world.partner_org
    )
    with pytest.raises(NotAllowed):
        services.deal_partner_accept(
            actor=UserFactory(roles=[Role.NETWERKMANAGER]), partner=invited
        )
