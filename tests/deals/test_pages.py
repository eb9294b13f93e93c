"""The deal pages end to end: forms call the services, refusals come back as messages."""

import pytest
from django.urls import reverse

from deals.models import Deal, Intake, Knelpunt
from deals.views import DealActionView, KnelpuntMoveView
from tests.atlas.factories import OrganisationFactory
from tests.deals.factories import DealThemeFactory, KnelpuntFactory

pytestmark = pytest.mark.django_db


def test_start_a_deal_through_the_form(client, world):
    client.force_login(world.aanjager_member)
    form = client.get(reverse("deals:deal-create")).content.decode()
    assert "Doelstelling" in form and "Aanschuiftafel" in form
    response = client.post(
        reverse("deals:deal-create"),
        {
            "organisation": world.aanjager_org.pk,
            "title": "Samen",
            "summary": "Doel",
            "proposal_doelstelling": "Ja",
        },
    )
    deal = Deal.objects.get(title="Samen")
    assert response.status_code == 302 and response["Location"] == deal.get_absolute_url()
    assert deal.proposal == {"doelstelling": "Ja"}
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "in voorbereiding" in page and "Een organisatie uitnodigen" in page


def test_actions_through_the_page_and_refusals_as_messages(client, world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    client.force_login(world.aanjager_admin)
    client.post(reverse("deals:deal-action", args=[deal.pk, "version"]))
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Versie 1 ondertekenen namens Aanschuiftafel" in page
    response = client.post(
        reverse("deals:deal-action", args=[deal.pk, "sign"]),
        {"partner": world.aanjager(deal).pk, "version": 1},
        follow=True,
    )
    assert "Ondertekend." in response.content.decode()
    refused = client.post(
        reverse("deals:deal-action", args=[deal.pk, "start"]), follow=True
    ).content.decode()
    assert "Alleen een gesloten deal kan van start gaan." in refused
    assert client.post(reverse("deals:deal-action", args=[deal.pk, "vliegen"])).status_code == 404
    bad = client.post(
        reverse("deals:deal-action", args=[deal.pk, "sign"]), {"partner": "x"}, follow=True
    )
    assert "Kies een partij." in bad.content.decode()
    client.force_login(world.partner_admin)
    client.post(
        reverse("deals:deal-action", args=[deal.pk, "sign"]), {"partner": world.partner(deal).pk}
    )
    deal.refresh_from_db()
    assert deal.status == Deal.Status.GESLOTEN


def test_plan_forms_on_the_page(client, world):
    deal = world.deal(Deal.Status.PLANNING)
    client.force_login(world.partner_member)
    url = lambda a: reverse("deals:deal-action", args=[deal.pk, a])  # noqa: E731
    client.post(url("task"), {"partner": world.partner(deal).pk, "title": "Boodschappen"})
    client.post(
        url("result"),
        {
            "title": "Ontmoeting",
            "indicator": "Aantal",
            "indicator_kind": "kwantitatief",
            "target": "40",
        },
    )
    client.post(
        url("agreement"),
        {"kind": "schouw", "description": "Open schouw", "schouw_frequency": "jaarlijks"},
    )
    client.post(url("milestone"), {"title": "Start", "due_date": "2026-09-01"})
    client.post(
        url("contribution"),
        {"partner": world.partner(deal).pk, "kind": "kennis", "description": "Advies"},
    )
    invalid = client.post(url("result"), {"title": ""}, follow=True).content.decode()
    assert "Dit veld is verplicht" in invalid or "verplicht" in invalid
    assert (
        deal.tasks.count(),
        deal.results.count(),
        deal.agreements.count(),
        deal.milestones.count(),
    ) == (1, 1, 1, 1)
    assert world.partner(deal).contributions.count() == 1
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Boodschappen" in page and "jaarlijks" in page


def test_edit_page(client, world):
    deal = world.deal(Deal.Status.IDEE)
    client.force_login(world.outsider)
    assert client.get(reverse("deals:deal-edit", args=[deal.pk])).status_code == 404
    client.force_login(world.partner_member)
    client.post(reverse("deals:deal-edit", args=[deal.pk]), {"title": "Nieuw", "summary": "Doel"})
    deal.refresh_from_db()
    assert deal.title == "Nieuw"


def test_version_diff_page(client, world):
    from deals import services

    deal = world.deal(Deal.Status.PLANNING, plan=True)
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    services.task_create(
        actor=world.aanjager_member, deal=deal, partner=world.partner(deal), title="Afwassen"
    )
    services.plan_version_create(actor=world.aanjager_member, deal=deal)
    client.force_login(world.partner_member)
    page = client.get(
        reverse("deals:version-diff", args=[deal.pk]), {"a": 1, "b": 2}
    ).content.decode()
    assert "Afwassen" in page and "<ins>" in page
    assert (
        client.get(reverse("deals:version-diff", args=[deal.pk]), {"a": 1, "b": 9}).status_code
        == 404
    )


def test_checkin_page(client, world):
    deal = world.deal(Deal.Status.LOPEND, plan=True)
    client.force_login(world.partner_member)
    assert "Hoe gaat het" in client.get(reverse("deals:checkin", args=[deal.pk])).content.decode()
    result = deal.results.get()
    client.post(
        reverse("deals:checkin", args=[deal.pk]),
        {"status": "vastgelopen", f"value_{result.pk}": "12"},
    )
    checkin = world.partner(deal).checkins.get()
    assert checkin.status == "vastgelopen" and checkin.values == {str(result.pk): "12"}


def test_knelpunt_pages(client, world):
    deal = world.deal(Deal.Status.LOPEND)
    client.force_login(world.partner_member)
    client.post(
        reverse("deals:deal-action", args=[deal.pk, "knelpunt"]),
        {
            "partner": world.partner(deal).pk,
            "category": "inkoop",
            "title": "Inkoop",
            "description": "D",
            "effect": "E",
        },
    )
    knelpunt = Knelpunt.objects.get()
    refused = client.post(
        reverse("deals:knelpunt-move", args=[knelpunt.pk, "forward"]), follow=True
    ).content.decode()
    assert "niet wijzigen" in refused
    client.force_login(world.netwerkmanager)
    client.post(
        reverse("deals:knelpunt-move", args=[knelpunt.pk, "forward"]), {"note": "Naar het kompas"}
    )
    knelpunt.refresh_from_db()
    assert knelpunt.status == "doorgezet_naar_kompas"
    client.force_login(world.outsider)
    assert (
        client.post(
            reverse("deals:knelpunt-move", args=[KnelpuntFactory().pk, "resolve"])
        ).status_code
        == 404
    )


def test_themes_template_kickoff_workspace_pages(client, world):
    theme = DealThemeFactory()
    assert theme.theme.name in client.get(reverse("deals:theme-list")).content.decode()
    client.force_login(world.partner_member)
    client.post(reverse("deals:theme-list"), {"deal_theme": theme.pk, "body": "Mooi thema"})
    assert theme.comments.get().body == "Mooi thema"
    assert client.get(reverse("deals:workspace")).status_code == 403
    refused = client.post(
        reverse("deals:template"), {"label": "Begroting", "position": 1}, follow=True
    ).content.decode()
    assert "Alleen een netwerkmanager" in refused

    client.force_login(world.netwerkmanager)
    client.post(
        reverse("deals:theme-list"),
        {"theme": theme.theme.pk, "priority": 3, "period_start": "2026-01-01"},
    )
    theme.refresh_from_db()
    assert theme.priority == 3
    client.post(
        reverse("deals:template"),
        {"label": "Begroting", "position": 1, "required": "on", "is_active": "on"},
    )
    assert "Begroting" in client.get(reverse("deals:template")).content.decode()
    closed = world.deal(Deal.Status.GESLOTEN)
    assert closed.title in client.get(reverse("deals:kickoff")).content.decode()
    client.post(reverse("deals:kickoff"), {"title": "Dealdag", "starts_at": "2026-10-01T16:00"})
    closed.refresh_from_db()
    assert closed.kickoff_moment.title == "Dealdag"
    searching = world.deal(themes=[theme.theme])
    match = OrganisationFactory(name="Past Precies", themes=[theme.theme], citywide=True)
    page = client.get(reverse("deals:workspace")).content.decode()
    assert searching.title in page and match.name in page


def test_intake_pages_are_labelled_provisional(client, world):
    client.force_login(world.aanjager_member)
    page = client.get(reverse("deals:intake-list")).content.decode()
    assert "Voorlopig." in page
    client.post(
        reverse("deals:intake-list"),
        {
            "kind": "idee",
            "title": "Moestuin",
            "description": "Samen tuinieren",
            "organisation": world.aanjager_org.pk,
        },
    )
    intake = Intake.objects.get()
    client.force_login(world.ambtenaar)
    for data in [
        {"action": "triage", "note": "Goed"},
        {"action": "involve", "kind": "gebied", "name": "Delfshaven"},
        {"action": "commit", "who": "Gebied Delfshaven", "what": "Een ruimte"},
    ]:
        client.post(intake.get_absolute_url(), data)
    response = client.post(intake.get_absolute_url(), {"action": "convert"})
    intake.refresh_from_db()
    assert intake.deal and response["Location"] == intake.deal.get_absolute_url()
    detail = client.get(intake.get_absolute_url()).content.decode()
    assert "Voorlopig." in detail and "Gebied Delfshaven" in detail
    client.force_login(world.outsider)
    assert client.get(intake.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("view", [DealActionView, KnelpuntMoveView])
def test_every_action_names_a_service(view):
    assert view.actions
    for slug, action in view.actions.items():
        assert callable(action.service), slug
        assert action.form is None or hasattr(action.form, "is_valid"), slug


def test_an_unknown_action_is_404(client, world):
    deal = world.deal(Deal.Status.IDEE)
    knelpunt = KnelpuntFactory(deal=deal)
    client.force_login(world.netwerkmanager)
    for url in (
        reverse("deals:deal-action", args=[deal.pk, "bestaat-niet"]),
        reverse("deals:knelpunt-move", args=[knelpunt.pk, "bestaat-niet"]),
    ):
        assert client.post(url).status_code == 404, url
