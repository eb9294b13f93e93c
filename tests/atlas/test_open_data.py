import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from atlas.models import Organisation
from reisgids.core.models import AuditEvent
from tests.atlas.factories import (
    AgreementFactory,
    AreaFactory,
    ContactPointFactory,
    NetworkFactory,
    NetworkGroupFactory,
    OrganisationFactory,
    ServiceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_geojson_places_points_areas_and_keeps_citywide(api_client):
    gebied = AreaFactory(slug="noord", name="Noord", latitude=51.933, longitude=4.475)
    OrganisationFactory(slug="eigen-punt", latitude="51.92000", longitude="4.48000")
    OrganisationFactory(slug="in-wijk", areas=[gebied])
    OrganisationFactory(slug="stadsbreed", citywide=True)
    response = api_client.get(reverse("api:atlas-geojson"))
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    features = {f["id"]: f for f in body["features"]}
    assert features["organisation-eigen-punt"]["geometry"]["coordinates"] == [4.48, 51.92]
    assert features["organisation-in-wijk"]["properties"]["approximate"] is True
    assert features["organisation-stadsbreed"]["geometry"] is None
    assert features["area-noord"]["properties"]["kind"] == "area"
    filtered = api_client.get(reverse("api:atlas-geojson"), {"q": "zzzz"}).json()
    assert [f["properties"]["kind"] for f in filtered["features"]] == ["area"]
    assert api_client.get(reverse("api:atlas-geojson"), {"type": "ruimteschip"}).status_code == 400


def test_contact_details_only_for_logged_in_users(api_client, client, outsider):
    cp = ContactPointFactory(email="fatima@example.org", phone="06 12345678")
    anonymous = api_client.get(reverse("api:contact-point-list")).json()["results"][0]
    assert "email" not in anonymous
    assert "phone" not in anonymous
    page = client.get(reverse("atlas:contactpoint-list")).content.decode()
    assert "fatima@example.org" not in page
    assert "om de persoonlijke contactgegevens te zien" in page
    assert (
        "fatima@example.org" not in client.get(reverse("atlas:contactpoint-csv")).content.decode()
    )
    api_client.force_authenticate(outsider)
    assert (
        api_client.get(reverse("api:contact-point-list")).json()["results"][0]["email"] == cp.email
    )
    client.force_login(outsider)
    assert "fatima@example.org" in client.get(reverse("atlas:contactpoint-list")).content.decode()
    assert "fatima@example.org" in client.get(reverse("atlas:contactpoint-csv")).content.decode()


def test_read_api_endpoints(api_client):
    theme = ThemeFactory(slug="gezondheid", name="Gezondheid")
    org = OrganisationFactory(slug="humanitas")
    ServiceFactory(organisation=org, name="Maatjesproject")
    network = NetworkFactory(slug="gezond010", themes=[theme], organisations=[org])
    AgreementFactory(network=network, title="Gezond010-akkoord", signatories=[org])
    NetworkGroupFactory(
        network=network, name="Satelliet Bewegen", kind="satelliet", organisations=[org]
    )
    AreaFactory(slug="charlois", name="Charlois")
    detail = api_client.get(reverse("api:organisation-detail", args=["humanitas"])).json()
    assert detail["services"][0]["name"] == "Maatjesproject"
    net = api_client.get(reverse("api:network-detail", args=["gezond010"])).json()
    assert net["agreements"][0]["signatories"] == ["humanitas"]
    assert net["groups"][0]["kind"] == "satelliet"
    assert api_client.get(reverse("api:network-detail", args=["bestaat-niet"])).status_code == 404
    assert api_client.get(reverse("api:network-list"), {"theme": "gezondheid"}).json()["count"] == 1
    assert (
        api_client.get(reverse("api:area-list"), {"search": "charl"}).json()["results"][0]["slug"]
        == "charlois"
    )
    assert api_client.get(reverse("api:theme-list"), {"search": "gezond"}).json()["count"] == 1
    assert api_client.get(reverse("api:instrument-list")).json()["count"] == 0


def test_csv_export_follows_the_filters(client):
    OrganisationFactory(name="Buurtbus", type="aanbieder")
    OrganisationFactory(name="Aanschuiftafel")
    response = client.get(reverse("atlas:organisation-csv"), {"type": "aanbieder"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Buurtbus" in text
    assert "Aanschuiftafel" not in text
    assert client.get(reverse("atlas:organisation-csv"), {"type": "x"}).status_code == 400
    assert "naam;waarvoor" in client.get(reverse("atlas:instrument-csv")).content.decode(
        "utf-8-sig"
    )


def test_export_hsds(tmp_path):
    org = OrganisationFactory(
        name="Humanitas", latitude="51.92", longitude="4.48", address="Coolsingel 1"
    )
    ServiceFactory(organisation=org, name="Thuisadministratie", areas=[AreaFactory(name="Noord")])
    out = tmp_path / "hsds.json"
    call_command("export_hsds", "--output", str(out))
    data = json.loads(out.read_text())
    assert data["organizations"][0]["name"] == "Humanitas"
    assert data["services"][0]["organization_id"] == data["organizations"][0]["id"]
    assert data["locations"][0]["latitude"] == 51.92
    assert data["service_areas"][0]["name"] == "Noord"


CSV_GOOD = (
    "external_id;name;type;description;website;themes;areas;latitude;longitude\n"
    "sk-1;Repair Café Noord;initiatief;Samen repareren;https://example.org;mantelzorg;noord;51.93;4.47\n"
    "sk-2;Taalhuis Charlois;intermediair;Taal leren;;;;;\n"
)
CSV_BAD = (
    "external_id;name;type;website;latitude;longitude\n"
    "sk-3;Goed Initiatief;initiatief;;;\n"
    ";Zonder sleutel;initiatief;;;\n"
    "sk-4;Verkeerde soort;ruimteschip;;;\n"
    "sk-5;Slechte website;initiatief;geen-url;;\n"
    "sk-6;Buiten Rotterdam;initiatief;;52.37;4.89\n"
)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_good_file_is_idempotent_and_dry_run_saves_nothing(tmp_path):
    ThemeFactory(slug="mantelzorg")
    AreaFactory(slug="noord")
    path = _write(tmp_path, "goed.csv", CSV_GOOD)
    out = io.StringIO()
    call_command("import_organisations", path, "--dry-run", stdout=out)
    assert "Proefdraaien" in out.getvalue()
    assert not Organisation.objects.exists()
    call_command("import_organisations", path, stdout=io.StringIO())
    repair = Organisation.objects.get(external_id="sk-1")
    assert repair.areas.get().slug == "noord"
    assert str(repair.latitude) == "51.93000"
    out = io.StringIO()
    call_command("import_organisations", path, stdout=out)
    assert "0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in out.getvalue()
    assert Organisation.objects.count() == 2
    assert AuditEvent.objects.filter(action="organisation_import_created").count() == 2


def test_import_reports_bad_rows_and_loads_the_good_ones(tmp_path):
    path = _write(tmp_path, "slecht.csv", CSV_BAD)
    err = io.StringIO()
    call_command("import_organisations", path, stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    assert "regel 3: De kolom external_id is leeg." in report
    assert "regel 4: Onbekende soort organisatie: ruimteschip." in report
    assert "regel 5: website" in report
    assert "regel 6: latitude: Dit punt ligt buiten Rotterdam" in report
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Goed Initiatief"]
    with pytest.raises(CommandError, match="Deze kolommen ontbreken: external_id"):
        call_command("import_organisations", _write(tmp_path, "leeg.csv", "naam\nX\n"))
    with pytest.raises(CommandError, match="Kan"):
        call_command("import_organisations", str(tmp_path / "bestaat-niet.csv"))


def test_import_never_overwrites_a_verified_profile_without_force(tmp_path):
    OrganisationFactory(external_id="sk-1", name="Repair Café (geverifieerd)", is_verified=True)
    path = _write(tmp_path, "goed.csv", "external_id,name\nsk-1,Repair Café Noord\n")
    out = io.StringIO()
    call_command("import_organisations", path, stdout=out)
    assert "overgeslagen (geverifieerd, gebruik --force)" in out.getvalue()
    assert Organisation.objects.get(external_id="sk-1").name == "Repair Café (geverifieerd)"
    call_command("import_organisations", path, "--force", stdout=io.StringIO())
    assert Organisation.objects.get(external_id="sk-1").name == "Repair Café Noord"


def test_seed_demo_fills_the_atlas():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert Organisation.objects.count() >= 60
    assert Organisation.objects.values("type").distinct().count() == 9
    from atlas.models import ContactPoint, Instrument, Network

    assert set(Instrument.objects.values_list("name", flat=True)) >= {
        "Citylab010",
        "Bewonersinitiatief",
        "Couleur Locale",
        "Right to Challenge",
        "Heel de Stad-budget",
    }
    assert Network.objects.get(slug="zorgzaam010").agreements.exists()
    assert ContactPoint.objects.count() == 6
