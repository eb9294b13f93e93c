import pytest
from django.urls import reverse

from atlas import selectors
from tests.atlas.factories import (
    AreaFactory,
    ContactPointFactory,
    InstrumentFactory,
    NetworkFactory,
    NetworkGroupFactory,
    OrganisationFactory,
    ThemeFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def names(response):
    return [o.name for o in response.context["object_list"]]


def test_search_is_typo_tolerant_accent_insensitive_and_ranked(client):
    OrganisationFactory(name="Logeerhuis De Buren", description="Respijtzorg voor mantelzorgers")
    OrganisationFactory(name="Buurthuis Crooswijk", description="Ontmoeting")
    OrganisationFactory(name="Café Één", description="Koffie")
    url = reverse("atlas:organisation-list")
    assert names(client.get(url, {"q": "logeerhuis buuren"})) == ["Logeerhuis De Buren"]
    assert names(client.get(url, {"q": "cafe een"})) == ["Café Één"]
    # Dutch stemming over the description: "mantelzorger" finds "mantelzorgers".
    assert names(client.get(url, {"q": "mantelzorger"})) == ["Logeerhuis De Buren"]
    assert names(client.get(url, {"q": "ruimteschip"})) == []


def test_one_search_over_all_kinds(client):
    OrganisationFactory(name="Logeerhuis De Buren")
    ContactPointFactory(name="Wijkregisseur Kralingen", topic="Logeerhuis en respijtzorg")
    InstrumentFactory(name="Right to Challenge", purpose="Een taak van de gemeente overnemen")
    NetworkFactory(name="Zorgzaam010", description="Informele zorg")
    results = selectors.atlas_search(actor=None, q="logeerhuis")
    assert {r.kind for r in results} == {"organisatie", "aanspreekpunt"}
    assert results[0].title == "Logeerhuis De Buren"
    page = client.get(reverse("atlas:search"), {"q": "right to chalenge"}).content.decode()
    assert "Right to Challenge" in page
    assert (
        "Zorgzaam010" in client.get(reverse("atlas:search"), {"q": "zorgzaam010"}).content.decode()
    )
    assert selectors.atlas_search(actor=None, q="   ") == []


def test_every_organisation_filter(client):
    theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    gebied = AreaFactory(name="Delfshaven", slug="delfshaven")
    wijk = WijkFactory(name="Spangen", slug="spangen", parent=gebied)
    a = OrganisationFactory(
        name="Aanschuiftafel", themes=[theme], areas=[wijk], is_verified=True, looking_for="Koks"
    )
    b = OrganisationFactory(name="Buurtbus", type="aanbieder", citywide=True)
    OrganisationFactory(name="Cultuurhuis", areas=[AreaFactory(slug="noord")])
    network = NetworkFactory(slug="gezond010", organisations=[a])
    NetworkGroupFactory(network=network, organisations=[b])
    url = reverse("atlas:organisation-list")
    assert names(client.get(url, {"type": "aanbieder"})) == ["Buurtbus"]
    assert names(client.get(url, {"theme": "mantelzorg"})) == ["Aanschuiftafel"]
    assert names(client.get(url, {"area": "delfshaven"})) == ["Aanschuiftafel", "Buurtbus"]
    assert names(client.get(url, {"network": "gezond010"})) == ["Aanschuiftafel", "Buurtbus"]
    assert names(client.get(url, {"verified": "true"})) == ["Aanschuiftafel"]
    assert names(client.get(url, {"verified": "false"})) == ["Buurtbus", "Cultuurhuis"]
    assert names(client.get(url, {"looking_for_partners": "true"})) == ["Aanschuiftafel"]
    assert names(client.get(url, {"looking_for_partners": "false"})) == ["Buurtbus", "Cultuurhuis"]
    api = client.get(
        reverse("api:organisation-list"), {"search": "aanschuif", "verified": "true"}
    ).json()
    assert [o["name"] for o in api["results"]] == ["Aanschuiftafel"]


def test_contact_point_instrument_and_network_filters(client):
    theme = ThemeFactory(slug="eenzaamheid")
    gebied = AreaFactory(slug="noord")
    ContactPointFactory(name="Wijkregisseur Noord", themes=[theme], areas=[gebied])
    ContactPointFactory(name="Loket stad", organisation__type="gemeentelijk_cluster")
    url = reverse("atlas:contactpoint-list")
    assert names(client.get(url, {"theme": "eenzaamheid"})) == ["Wijkregisseur Noord"]
    assert names(client.get(url, {"type": "gemeentelijk_cluster"})) == ["Loket stad"]
    assert names(client.get(url, {"area": "noord"})) == ["Loket stad", "Wijkregisseur Noord"]
    InstrumentFactory(name="Couleur Locale", themes=[theme])
    InstrumentFactory(name="Citylab010")
    assert names(client.get(reverse("atlas:instrument-list"), {"theme": "eenzaamheid"})) == [
        "Couleur Locale"
    ]
    NetworkFactory(name="Gezond010", themes=[theme])
    NetworkFactory(name="Zorgzaam010")
    assert names(client.get(reverse("atlas:network-list"), {"theme": "eenzaamheid"})) == [
        "Gezond010"
    ]


@pytest.mark.parametrize(
    ("name", "params", "max_queries"),
    [
        ("atlas:organisation-list", {}, 9),
        ("atlas:organisation-list", {"q": "initiatief", "area": "gebied-x"}, 11),
        ("atlas:contactpoint-list", {}, 8),
        ("atlas:instrument-list", {}, 7),
        ("atlas:network-list", {}, 7),
    ],
)
def test_list_pages_keep_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, name, params, max_queries
):
    theme = ThemeFactory()
    area = AreaFactory(slug="gebied-x")
    for _ in range(30):
        org = OrganisationFactory(themes=[theme], areas=[WijkFactory(parent=area)], citywide=False)
        ContactPointFactory(organisation=org, themes=[theme], areas=[area])
        InstrumentFactory(owner=org, themes=[theme])
        NetworkFactory(themes=[theme], coordinator=org)
    with django_assert_max_num_queries(max_queries):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 25


def test_api_list_endpoints_keep_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
):
    theme = ThemeFactory()
    for _ in range(30):
        org = OrganisationFactory(themes=[theme], areas=[AreaFactory()])
        ContactPointFactory(organisation=org, themes=[theme])
    for name, limit in [
        ("api:organisation-list", 6),
        ("api:contact-point-list", 6),
        ("api:atlas-geojson", 6),
    ]:
        with django_assert_max_num_queries(limit):
            assert api_client.get(reverse(name)).status_code == 200
