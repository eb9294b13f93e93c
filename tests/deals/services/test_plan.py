"""Plan, versions, signing and re-signing, version diff."""

import pytest

from deals import services
from deals.models import Deal, DealPartner
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import OrganisationFactory
from tests.deals.factories import DealPartnerFactory

pytestmark = pytest.mark.django_db


def _closed(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    services.deal_sign(actor=world.partner_admin, deal=deal, partner=world.partner(deal))
    deal.refresh_from_db()
    return deal


def test_only_the_partner_decides_its_own_inbreng(world):
    deal = world.deal(Deal.Status.IDEE)
    partner = world.partner(deal)
    c = services.contribution_create(
        actor=world.partner_member,
        partner=partner,
        kind="financieel",
        description="Startbudget",
        amount=2500,
    )
    assert c.amount == 2500
    with pytest.raises(NotAllowed, match="Zorgaanbieder West"):
        services.contribution_create(
            actor=world.aanjager_admin, partner=partner, kind="kennis", description="X"
        )
    with pytest.raises(NotAllowed):
        services.contribution_archive(actor=world.netwerkmanager, contribution=c)
    services.contribution_archive(actor=world.partner_member, contribution=c)
    assert not partner.contributions.exists()


def test_invited_partner_has_no_inbreng_yet(world):
    deal = world.deal()
    invited = DealPartnerFactory(deal=deal, status=DealPartner.Status.UITGENODIGD)
    with pytest.raises(ApplicationError, match="niet mee"):
        services.contribution_create(
            actor=world.netwerkmanager, partner=invited, kind="kennis", description="X"
        )


def test_plan_items_and_their_refusals(world):
    deal = world.deal(Deal.Status.PLANNING)
    task = services.task_create(
        actor=world.partner_member, deal=deal, partner=world.partner(deal), title="Koken"
    )
    services.task_mark_done(actor=world.aanjager_member, task=task)
    task.refresh_from_db()
    assert task.done
    with pytest.raises(ApplicationError, match="streefwaarde"):
        services.result_create(
            actor=world.aanjager_member, deal=deal, title="Meer ontmoeting", indicator="Deelnemers"
        )
    result = services.result_create(
        actor=world.aanjager_member,
        deal=deal,
        title="Meer ontmoeting",
        indicator="Verhalen",
        indicator_kind="kwalitatief",
    )
    with pytest.raises(ApplicationError, match="hoe vaak"):
        services.agreement_create(
            actor=world.aanjager_member, deal=deal, kind="schouw", description="Schouw"
        )
    agreement = services.agreement_create(
        actor=world.aanjager_member,
        deal=deal,
        kind="schouw",
        description="Open schouw",
        schouw_frequency="jaarlijks",
        schouw_peers="Buurtkeuken Zuid",
        schouw_reporter="aanjager",
    )
    assert agreement.schouw_peers == "Buurtkeuken Zuid"
    milestone = services.milestone_create(
        actor=world.aanjager_member, deal=deal, title="Start", due_date="2026-09-01"
    )
    with pytest.raises(NotAllowed):
        services.task_create(
            actor=world.outsider, deal=deal, partner=world.partner(deal), title="Kaping"
        )
    other = world.deal()
    with pytest.raises(ApplicationError, match="doet niet mee"):
        services.task_create(
            actor=world.aanjager_member, deal=deal, partner=world.partner(other), title="X"
        )
    for delete, obj in [
        (services.task_archive, {"task": task}),
        (services.result_archive, {"result": result}),
        (services.agreement_archive, {"agreement": agreement}),
        (services.milestone_archive, {"milestone": milestone}),
    ]:
        delete(actor=world.aanjager_member, **obj)
    assert not deal.tasks.exists() and not deal.results.exists() and not deal.milestones.exists()


def test_version_needs_planning_results_and_tasks(world):
    deal = world.deal(Deal.Status.IDEE, plan=True)
    with pytest.raises(Conflict, match="planning"):
        services.plan_version_create(actor=world.aanjager_member, deal=deal)
    empty = world.deal(Deal.Status.PLANNING)
    with pytest.raises(ApplicationError, match="resultaat"):
        services.plan_version_create(actor=world.aanjager_member, deal=empty)


def test_signing_closes_the_deal_when_all_partners_signed(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    DealPartnerFactory(deal=deal, role=DealPartner.Role.KLANKBORDGROEP)  # advises, does not sign
    with pytest.raises(ApplicationError, match="nog geen versie"):
        services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    version = services.plan_version_create(actor=world.aanjager_member, deal=deal)
    assert version.number == 1 and version.snapshot["results"][0]["target"] == "50.00"
    with pytest.raises(NotAllowed, match="beheerder van Aanschuiftafel"):
        services.deal_sign(actor=world.aanjager_member, deal=deal, partner=world.aanjager(deal))
    with pytest.raises(NotAllowed):
        services.deal_sign(actor=world.partner_admin, deal=deal, partner=world.aanjager(deal))
    services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    with pytest.raises(Conflict, match="al ondertekend"):
        services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    deal.refresh_from_db()
    assert deal.status == Deal.Status.PLANNING and deal.closed_at is None
    services.deal_sign(
        actor=world.partner_admin, deal=deal, partner=world.partner(deal), version_number=1
    )
    deal.refresh_from_db()
    version.refresh_from_db()
    assert deal.status == Deal.Status.GESLOTEN and deal.closed_at and version.signed_at


def test_klankbordgroep_does_not_sign(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    org = OrganisationFactory()
    admin = world._member(org, "beheerder")
    kbg = DealPartnerFactory(deal=deal, organisation=org, role=DealPartner.Role.KLANKBORDGROEP)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    with pytest.raises(ApplicationError, match="klankbordgroep"):
        services.deal_sign(actor=admin, deal=deal, partner=kbg)


def test_signing_a_stale_version_is_refused(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    services.task_create(
        actor=world.aanjager_member, deal=deal, partner=world.partner(deal), title="Boodschappen"
    )
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    with pytest.raises(Conflict, match="nieuwere versie"):
        services.deal_sign(
            actor=world.partner_admin, deal=deal, partner=world.partner(deal), version_number=1
        )


def test_unchanged_plan_needs_no_new_version(world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    with pytest.raises(ApplicationError, match="niets veranderd"):
        services.plan_version_create(actor=world.aanjager_member, deal=deal)


def test_change_after_signing_touching_everyone_needs_everyone_to_sign_again(world):
    deal = _closed(world)
    services.result_create(
        actor=world.partner_member, deal=deal, title="Nieuw", indicator="Aantal", target=5
    )
    with pytest.raises(ApplicationError, match="Leg uit"):
        services.plan_version_create(actor=world.partner_member, deal=deal)
    v2 = services.plan_version_create(
        actor=world.partner_member, deal=deal, change_note="Extra resultaat"
    )
    assert v2.number == 2 and not v2.signatures.exists() and v2.signed_at is None
    deal.refresh_from_db()
    assert deal.status == Deal.Status.GESLOTEN  # stays closed and public while partners re-sign
    services.deal_sign(actor=world.aanjager_admin, deal=deal, partner=world.aanjager(deal))
    services.deal_sign(actor=world.partner_admin, deal=deal, partner=world.partner(deal))
    v2.refresh_from_db()
    assert v2.signed_at is not None
    assert deal.versions.count() == 2  # every version is kept


def test_change_of_one_partners_inbreng_only_needs_that_partner(world):
    deal = _closed(world)
    services.contribution_create(
        actor=world.partner_member,
        partner=world.partner(deal),
        kind="faciliteiten",
        description="Een keuken",
    )
    v2 = services.plan_version_create(
        actor=world.partner_member, deal=deal, change_note="Keuken erbij"
    )
    carried = v2.signatures.get()
    assert carried.partner == world.aanjager(deal) and carried.carried_over
    services.deal_sign(actor=world.partner_admin, deal=deal, partner=world.partner(deal))
    v2.refresh_from_db()
    assert v2.signed_at is not None
    assert deal.events.filter(text__contains="geldt nu").exists()


def test_version_diff_shows_what_was_removed_and_added(world):
    deal = _closed(world)
    v1 = deal.versions.get(number=1)
    task = deal.tasks.get()
    services.task_archive(actor=world.aanjager_member, task=task)
    services.task_create(
        actor=world.aanjager_member, deal=deal, partner=world.partner(deal), title="Tafel dekken"
    )
    v2 = services.plan_version_create(
        actor=world.aanjager_member, deal=deal, change_note="Andere taak"
    )
    changes = services.plan_diff(v1.snapshot, v2.snapshot)
    assert [c["section"] for c in changes] == ["tasks"]
    assert changes[0]["removed"][0]["title"] == task.title
    assert changes[0]["added"][0]["title"] == "Tafel dekken"
    assert services.plan_diff(v1.snapshot, v1.snapshot) == []
    assert [
        c["section"] for c in services.plan_diff({**v1.snapshot, "title": "Anders"}, v1.snapshot)
    ] == ["title"]
