"""Register visibility (drafts never leak: pages, API, search) and the API end to end."""

import pytest
from django.urls import reverse

from deals.models import Deal
from tests.atlas.factories import AreaFactory, ThemeFactory, WijkFactory
from tests.deals.factories import DealFactory, KnelpuntFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(world):
    return {
        "draft": world.deal(Deal.Status.PLANNING, title="Geheim concept"),
        "closed": world.deal(Deal.Status.GESLOTEN, title="Open tafel"),
        "paused_after_closing": world.deal(Deal.Status.GEPAUZEERD, title="Even stil"),
        "stopped_draft": world.deal(Deal.Status.GESTOPT, title="Gestopt concept"),
    }


def test_register_page_lists_only_closed_deals_and_search_cannot_find_drafts(client, deals):
    response = client.get(reverse("deals:deal-list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Open tafel" in text and "Even stil" in text
    assert "Geheim concept" not in text and "Gestopt concept" not in text
    found = client.get(reverse("deals:deal-list"), {"q": "Geheim"}).content.decode()
    assert "Geheim concept" not in found and "0 deals gevonden" in found


@pytest.mark.parametrize("who", [None, "outsider", "ambtenaar", "bestuurder"])
def test_drafts_are_404_for_everyone_outside(client, api_client, world, deals, who):
    if who:
        client.force_login(getattr(world, who))
        api_client.force_authenticate(getattr(world, who))
    draft = deals["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert api_client.get(reverse("api:deal-detail", args=[draft.pk])).status_code == 404
    listed = api_client.get(reverse("api:deal-list"), {"q": "concept"}).json()
    assert listed["count"] == 0
    assert (
        client.get(reverse("deals:version-diff", args=[draft.pk]), {"a": 1, "b": 2}).status_code
        == 404
    )
    assert api_client.post(
        reverse("api:deal-pause", args=[draft.pk]), {"reason": "x"}
    ).status_code in (401, 403, 404)


@pytest.mark.parametrize("who", ["partner_member", "aanjager_admin", "netwerkmanager"])
def test_partners_and_netwerkmanagers_see_drafts(client, api_client, world, deals, who):
    client.force_login(getattr(world, who))
    api_client.force_authenticate(getattr(world, who))
    draft = deals["draft"]
    assert "Geheim concept" in client.get(draft.get_absolute_url()).content.decode()
    assert (
        api_client.get(reverse("api:deal-detail", args=[draft.pk])).json()["title"]
        == "Geheim concept"
    )
    register = api_client.get(reverse("api:deal-register")).json()
    assert "Geheim concept" not in [d["title"] for d in register["results"]]


def test_invited_partner_sees_the_draft_to_decide(client, world):
    from tests.atlas.factories import OrganisationFactory
    from tests.deals.factories import DealPartnerFactory

    deal = world.deal(with_partner=False)
    org = OrganisationFactory()
    admin = world._member(org, "beheerder")
    partner = DealPartnerFactory(deal=deal, organisation=org, status="uitgenodigd")
    client.force_login(admin)
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Meedoen namens" in page
    client.post(reverse("deals:deal-action", args=[deal.pk, "accept"]), {"partner": partner.pk})
    partner.refresh_from_db()
    assert partner.status == "geaccepteerd"


def test_public_page_hides_internals(client, world):
    deal = world.deal(Deal.Status.LOPEND)
    KnelpuntFactory(deal=deal, title="Privacyregels knellen")
    text = client.get(deal.get_absolute_url()).content.decode()
    assert deal.title in text and "Privacyregels knellen" not in text and "Check-ins" not in text
    client.force_login(world.partner_member)
    assert "Privacyregels knellen" in client.get(deal.get_absolute_url()).content.decode()


def test_register_filters(api_client, world):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    gebied = AreaFactory(name="Delfshaven", slug="delfshaven")
    wijk = WijkFactory(name="Spangen", slug="spangen", parent=gebied)
    match = DealFactory(status="lopend", themes=[theme], areas=[wijk], title="Spangen eet samen")
    DealFactory(status="lopend", title="Elders")
    for params in [
        {"theme": "eenzaamheid"},
        {"area": "delfshaven"},
        {"status": "lopend", "q": "spangen"},
    ]:
        body = api_client.get(reverse("api:deal-list"), params).json()
        assert [d["title"] for d in body["results"]] == [match.title], params
    world.deal(Deal.Status.GESLOTEN).partners.update(role="partner")
    from tests.atlas.factories import OrganisationFactory
    from tests.deals.factories import DealPartnerFactory

    DealPartnerFactory(
        deal=match,
        organisation=OrganisationFactory(type="gemeentelijk_cluster"),
        role="gemeente_facilitator",
    )
    body = api_client.get(
        reverse("api:deal-list"), {"municipal_role": "gemeente_facilitator"}
    ).json()
    assert [d["title"] for d in body["results"]] == [match.title]
    body = api_client.get(reverse("api:deal-list"), {"partner_type": "gemeentelijk_cluster"}).json()
    assert [d["title"] for d in body["results"]] == [match.title]
    assert api_client.get(reverse("api:deal-list"), {"status": "ruimteschip"}).status_code == 400


def test_register_page_query_count_does_not_grow(client, django_assert_max_num_queries, world):
    for _ in range(6):
        world.deal(Deal.Status.LOPEND, areas=[AreaFactory()], themes=[ThemeFactory()])
    client.force_login(world.partner_member)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("deals:deal-list")).status_code == 200


def test_api_list_query_count_does_not_grow(api_client, django_assert_max_num_queries, world):
    for _ in range(6):
        world.deal(Deal.Status.LOPEND, areas=[AreaFactory()], themes=[ThemeFactory()])
    with django_assert_max_num_queries(8):
        assert api_client.get(reverse("api:deal-list")).json()["count"] == 6


def test_knelpunten_page_query_count(client, django_assert_max_num_queries, world):
    for _ in range(5):
        KnelpuntFactory(deal=world.deal(Deal.Status.LOPEND))
    client.force_login(world.netwerkmanager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("deals:knelpunt-list"))
    assert response.content.decode().count("Knelpunt ") >= 5


def test_api_lifecycle_end_to_end(api_client, world):
    api_client.force_authenticate(world.aanjager_member)
    created = api_client.post(
        reverse("api:deal-list"),
        {
            "title": "Samen koken",
            "summary": "Koken tegen eenzaamheid",
            "organisation": "aanschuiftafel",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    refused = api_client.post(reverse("api:deal-idea", args=[pk]))
    assert refused.status_code == 400 and "minstens één partner" in refused.json()["detail"]
    invited = api_client.post(
        reverse("api:deal-invite", args=[pk]),
        {"organisation": "zorgaanbieder-west", "role": "partner"},
    )
    assert invited.status_code == 201
    partner_id = invited.json()["id"]
    api_client.force_authenticate(world.partner_member)
    assert (
        api_client.post(reverse("api:deal-accept", args=[pk]), {"partner": partner_id}).status_code
        == 403
    )
    api_client.force_authenticate(world.partner_admin)
    assert (
        api_client.post(reverse("api:deal-accept", args=[pk]), {"partner": partner_id}).status_code
        == 200
    )
    api_client.force_authenticate(world.partner_member)
    assert api_client.post(reverse("api:deal-idea", args=[pk])).status_code == 403
    api_client.force_authenticate(world.aanjager_member)
    assert api_client.post(reverse("api:deal-idea", args=[pk])).json()["status"] == "idee"
    again = api_client.post(reverse("api:deal-idea", args=[pk]))
    assert again.status_code == 409 and "zoekt geen partners meer" in again.json()["detail"]
    assert (
        api_client.post(reverse("api:deal-toetsing", args=[pk]), {"method": "x"}).status_code == 400
    )
    missing = api_client.post(reverse("api:deal-skip-toetsing", args=[pk]), {"reason": "Bekend"})
    assert missing.status_code == 400 and "verplichte onderdelen" in missing.json()["detail"]
    assert api_client.get(reverse("api:deal-diff", args=[pk]), {"a": 1, "b": 2}).status_code == 400
    assert (
        api_client.post(reverse("api:deal-sign", args=[pk]), {"partner": 999999}).status_code == 400
    )
    assert (
        api_client.post(
            reverse("api:deal-invite", args=[pk]), {"organisation": "bestaat-niet"}
        ).status_code
        == 400
    )


def test_api_signing_versions_diff_and_checkins(api_client, world):
    deal = world.deal(Deal.Status.PLANNING, plan=True)
    api_client.force_authenticate(world.aanjager_member)
    assert api_client.post(reverse("api:deal-versions", args=[deal.pk]), {}).status_code == 201
    api_client.force_authenticate(world.aanjager_admin)
    signed = api_client.post(
        reverse("api:deal-sign", args=[deal.pk]), {"partner": world.aanjager(deal).pk, "version": 1}
    )
    assert signed.status_code == 201
    api_client.force_authenticate(world.partner_admin)
    api_client.post(reverse("api:deal-sign", args=[deal.pk]), {"partner": world.partner(deal).pk})
    body = api_client.get(reverse("api:deal-detail", args=[deal.pk])).json()
    assert body["status"] == "gesloten" and len(body["versions"][0]["signatures"]) == 2
    api_client.force_authenticate(world.aanjager_member)
    assert api_client.post(reverse("api:deal-start", args=[deal.pk])).json()["status"] == "lopend"
    api_client.force_authenticate(world.partner_member)
    result = deal.results.get()
    checkin = api_client.post(
        reverse("api:deal-checkins", args=[deal.pk]),
        {"partner": world.partner(deal).pk, "status": "op_koers", "values": {str(result.pk): "20"}},
        format="json",
    )
    assert checkin.status_code == 200, checkin.json()
    assert len(api_client.get(reverse("api:deal-checkins", args=[deal.pk])).json()) == 1
    api_client.force_authenticate(None)
    assert api_client.get(reverse("api:deal-checkins", args=[deal.pk])).json() == []
    public = api_client.get(reverse("api:deal-detail", args=[deal.pk])).json()
    assert public["title"] == deal.title


def test_api_knelpunten_themes_and_intakes(api_client, world):
    deal = world.deal(Deal.Status.LOPEND)
    assert api_client.get(reverse("api:knelpunt-list")).status_code in (401, 403)
    assert api_client.get(reverse("api:deal-theme-list")).status_code == 200
    api_client.force_authenticate(world.partner_member)
    created = api_client.post(
        reverse("api:knelpunt-list"),
        {
            "partner": world.partner(deal).pk,
            "category": "regelgeving",
            "title": "AVG",
            "description": "D",
            "effect": "E",
        },
    )
    assert created.status_code == 201
    kid = created.json()["id"]
    assert api_client.post(reverse("api:knelpunt-forward", args=[kid])).status_code == 403
    api_client.force_authenticate(world.outsider)
    assert api_client.get(reverse("api:knelpunt-list")).json()["count"] == 0
    assert api_client.post(reverse("api:knelpunt-take-up", args=[kid])).status_code == 404
    hidden = api_client.post(
        reverse("api:knelpunt-list"),
        {
            "partner": world.partner(world.deal()).pk,
            "category": "anders",
            "title": "X",
            "description": "Y",
            "effect": "Z",
        },
    )
    assert hidden.status_code == 400
    api_client.force_authenticate(world.netwerkmanager)
    assert (
        api_client.post(reverse("api:knelpunt-take-up", args=[kid])).json()["status"]
        == "in_behandeling"
    )
    assert (
        api_client.post(reverse("api:knelpunt-resolve", args=[kid]), {"note": "Opgelost"}).json()[
            "status"
        ]
        == "opgelost"
    )
    assert api_client.post(reverse("api:knelpunt-forward", args=[kid])).status_code == 409

    api_client.force_authenticate(world.outsider)
    intake = api_client.post(
        reverse("api:intake-list"), {"title": "Buurtkamer", "description": "Leeg pand"}
    )
    assert intake.status_code == 201
    iid = intake.json()["id"]
    assert api_client.post(reverse("api:intake-triage", args=[iid])).status_code == 403
    api_client.force_authenticate(world.ambtenaar)
    triaged = api_client.post(
        reverse("api:intake-triage", args=[iid]), {"note": "Goed idee"}
    ).json()
    assert triaged["status"] == "in_behandeling" and len(triaged["steps"]) == 2
