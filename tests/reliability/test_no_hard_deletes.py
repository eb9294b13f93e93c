"""Domain records are archived or withdrawn, never deleted, except by the privacy erasure.

A static check lists every delete call site in the app packages and compares it with an
allow-list that gives the reason for each; behavioural tests show that an archived record leaves
the lists but stays in the database and in the audit trail, that the API offers no DELETE, and
that the admin cannot delete domain records.
"""

import ast
import pathlib

from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from deals import services as deal_services
from deals.models import Deal, DealPartner, Task
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from schouw import selectors as schouw_selectors
from schouw import services as schouw_services
from schouw.models import Criterion
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory, ResultFactory

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP_PACKAGES = ("atlas", "deals", "schouw", "kompas", "reisgids")
DELETE_CALLS = {"delete", "_raw_delete", "bulk_delete"}
DELETE_BASES = {
    "DestroyModelMixin",
    "ModelViewSet",
    "DeleteView",
    "BaseDeleteView",
    "DeletionMixin",
}

# Every delete in the app code, by module and by what is deleted (the first name of the call chain),
# with the reason it is not a domain record being lost.
ALLOWED_DELETES = {
    (
        "atlas/services/directory.py",
        "saved_search",
    ): "a person's own saved search (mijn radar); audited",
    (
        "atlas/services/notifications.py",
        "follow",
    ): "a person's own follow of an organisation, theme or area",
    (
        "atlas/services/events.py",
        "registration",
    ): "a person's own sign-up for an event; the sign-off is audited",
    (
        "kompas/services/drafting.py",
        "Evidence",
    ): "the drafting task's evidence of a concept edition, found again on each "
    "run; what is no longer found is dropped. An edition past concept is never touched",
    (
        "kompas/services/drafting.py",
        "Proposal",
    ): "candidate proposals the drafting task wrote in a concept edition and "
    "that nobody edited (edited_by_people=False), replaced on the next run",
    (
        "kompas/services/drafting.py",
        "Priority",
    ): "priorities the drafting task set in a concept edition (drafted=True) "
    "for a theme without evidence any more; priorities people set are kept",
}
# The privacy erasure deletes what a person asks to be forgotten; it lives in modules of this name.
PRIVACY_ERASURE_MODULE = "privacy.py"


def _chain_head(node) -> str:
    """The first name of a call chain: ``Evidence`` in ``Evidence.objects.filter(...).delete()``."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return ast.unparse(node)[:40]


def delete_sites() -> list[tuple[str, str, int]]:
    sites = []
    for package in APP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(), filename=relative)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    if node.func.attr in DELETE_CALLS:
                        sites.append((relative, _chain_head(node.func.value), node.lineno))
                elif isinstance(node, ast.ClassDef):
                    for base in node.bases:
                        name = (
                            base.attr
                            if isinstance(base, ast.Attribute)
                            else getattr(base, "id", "")
                        )
                        if name in DELETE_BASES:
                            sites.append((relative, f"class {node.name}({name})", node.lineno))
    return sites


def test_every_delete_in_the_code_is_allowed_with_a_reason():
    sites = delete_sites()
    unexplained = [
        f"{path}:{line} deletes {head}"
        for path, head, line in sites
        if (path, head) not in ALLOWED_DELETES and not path.endswith(PRIVACY_ERASURE_MODULE)
    ]
    assert not unexplained, (
        "A domain record is archived or withdrawn, not deleted (see reisgids.core.archive). "
        f"If this delete removes no domain record, add it to ALLOWED_DELETES with the reason: {unexplained}"
    )
    stale = set(ALLOWED_DELETES) - {(path, head) for path, head, _line in sites}
    assert not stale, f"ALLOWED_DELETES lists deletes that are gone: {sorted(stale)}"
    assert all(reason.strip() for reason in ALLOWED_DELETES.values())


def test_the_static_check_finds_deletes(tmp_path):
    """The check itself: a queryset delete, an instance delete and a DRF destroy mixin are found."""
    source = (
        "from rest_framework import mixins\n"
        "class V(mixins.DestroyModelMixin): pass\n"
        "def f(deal):\n"
        "    Task.objects.filter(deal=deal).delete()\n"
        "    deal.delete()\n"
    )
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in DELETE_CALLS
        ):
            found.append(_chain_head(node.func.value))
        elif isinstance(node, ast.ClassDef):
            found += [
                b.attr
                for b in node.bases
                if isinstance(b, ast.Attribute) and b.attr in DELETE_BASES
            ]
    assert sorted(found) == ["DestroyModelMixin", "Task", "deal"]


# --- Behaviour of the replaced deletes ---------------------------------------------------------------


def _member(organisation, role="lid"):
    return ApprovedMembershipFactory(
        organisation=organisation, role=role, user__roles=[Role.INITIATIEFNEMER]
    ).user


def test_an_archived_plan_item_leaves_the_plan_but_stays_in_the_database_and_the_trail(db, client):
    aanjager_org, partner_org = OrganisationFactory(), OrganisationFactory()
    member = _member(aanjager_org)
    deal = DealFactory(status=Deal.Status.PLANNING, aanjager=aanjager_org, created_by=member)
    partner = DealPartnerFactory(deal=deal, organisation=partner_org, role=DealPartner.Role.PARTNER)
    ResultFactory(deal=deal)
    kept = deal_services.task_create(
        actor=member, deal=deal, partner=partner, title="Boodschappen doen"
    )
    task = deal_services.task_create(
        actor=member, deal=deal, partner=partner, title="Tafels huren bij de kerk"
    )

    archived = deal_services.task_archive(actor=member, task=task)

    assert archived.archived_at is not None
    assert list(deal.tasks.all()) == [kept]
    assert [t["title"] for t in deal_services.plan_snapshot(deal)["tasks"]] == ["Boodschappen doen"]
    client.force_login(member)
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Boodschappen doen" in page and "Tafels huren bij de kerk" not in page
    stored = Task.all_objects.get(pk=task.pk)
    assert stored.title == "Tafels huren bij de kerk" and stored.is_archived
    trail = AuditEvent.objects.filter(target_type="deals.task", target_id=str(task.pk)).order_by(
        "pk"
    )
    assert [e.action for e in trail] == ["task_create", "task_archive"]
    assert trail[1].actor == member and trail[1].changes["archived_at"][0] is None
    assert trail[1].changes["archived_at"][1] is not None


def test_a_withdrawn_criterion_leaves_the_meetlat_but_stays_in_the_database_and_the_trail(db):
    from tests.schouw.conftest import World

    world = World()
    schouw_round, _guest = world.advance_to("meetlat")
    admin = world.initiative_admin
    criterion = schouw_services.criterion_propose(
        actor=admin, schouw_round=schouw_round, partner=world.aanjager, name="Snelheid"
    )

    schouw_services.criterion_withdraw(actor=admin, criterion=criterion)

    assert list(schouw_selectors.criteria_of(actor=admin, schouw_round=schouw_round)) == []
    assert Criterion.all_objects.get(pk=criterion.pk).is_archived
    assert AuditEvent.objects.filter(
        action="criterion_withdraw",
        target_type="schouw.criterion",
        target_id=str(criterion.pk),
        actor=admin,
    ).exists()
    # The same criterion may be proposed again; the withdrawn one does not block it.
    again = schouw_services.criterion_propose(
        actor=admin, schouw_round=schouw_round, partner=world.aanjager, name="Snelheid"
    )
    assert again.pk != criterion.pk


# --- No DELETE in the API, no delete in the admin -------------------------------------------------


def _api_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _api_patterns(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/"):
            yield route, pattern.callback


def test_the_api_offers_no_delete():
    offered = []
    for route, callback in _api_patterns():
        actions = getattr(callback, "actions", None)
        view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if actions is not None:
            if "delete" in actions:
                offered.append(route)
        elif view_class is not None and hasattr(view_class, "delete"):
            offered.append(route)
    assert not offered, f"DELETE on the API (archive through a service instead): {offered}"


def test_delete_through_the_api_is_refused_and_keeps_the_record(db, api_client):
    deal = DealFactory(status=Deal.Status.LOPEND)
    api_client.force_authenticate(UserFactory(roles=[Role.BEHEERDER]))
    response = api_client.delete(f"/api/v1/deals/{deal.pk}/")
    assert response.status_code == 405 and "detail" in response.json()
    assert Deal.objects.filter(pk=deal.pk).exists()


# Admin pages that may still delete, with the reason.
TECHNICAL_ADMIN = {
    "atlas.theme": "a theme of the reference list a beheerder keeps, not a record of the cycle",
    "atlas.area": "an area of the reference list a beheerder keeps, not a record of the cycle",
    "core.workerheartbeat": "a technical row the worker overwrites every minute",
}


def test_the_admin_cannot_delete_domain_records(db):
    request = RequestFactory().get("/beheer/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    deletable = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ("atlas", "deals", "residence", "schouw", "kompas", "core")
        and model._meta.label_lower not in TECHNICAL_ADMIN
        and model_admin.has_delete_permission(request)
    ]
    assert deletable == []
    assert AuditEvent._meta.label_lower not in deletable
    # Nothing is lost by a change either: a domain record changes only through its audited service.
    changeable = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ("atlas", "deals", "residence", "schouw", "kompas")
        and model._meta.label_lower not in TECHNICAL_ADMIN
        and model_admin.has_change_permission(request)
    ]
    assert changeable == []
