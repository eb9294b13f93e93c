"""/api/v1/residencies/ with logbook, meetings, actions and signals, under the page permissions."""

import pytest

from tests.residence.factories import ActionFactory, MeetingFactory, ResidencyFactory, SignalFactory

pytestmark = pytest.mark.django_db


def _active(world, **kwargs):
    kwargs.setdefault("person", world.person)
    return ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, **kwargs
    )


def test_list_is_scoped_and_query_count_pinned(world, api_client, django_assert_max_num_queries):
    for _ in range(5):
        _active(world)
    ResidencyFactory()  # another deal
    api_client.force_authenticate(world.municipality_member)
    with django_assert_max_num_queries(6):
        response = api_client.get("/api/v1/residencies/")
    data = response.json()
    assert data["count"] == 5
    first = data["results"][0]
    assert (first["on_behalf_of"], first["at_location_of"]) == (
        "Aanschuiftafel",
        world.municipality.name,
    )
    assert "Twintig jaar buurtwerk" in first["person_background"]
    api_client.force_authenticate(world.netwerkmanager)
    assert api_client.get("/api/v1/residencies/").json()["count"] == 6
    api_client.force_authenticate(world.outsider)
    assert api_client.get("/api/v1/residencies/").json()["count"] == 0


def test_logbook_meetings_signals_through_the_api(world, api_client):
    residency = _active(world)
    base = f"/api/v1/residencies/{residency.pk}"
    api_client.force_authenticate(world.person)
    response = api_client.post(f"{base}/logbook/", {"text": "Meegelopen", "kind": "activiteit"})
    assert response.status_code == 201 and response.json()["kind"] == "activiteit"
    assert api_client.post(f"{base}/logbook/", {"text": ""}).status_code == 400
    response = api_client.post(
        f"{base}/meetings/", {"starts_at": "2030-01-10T10:00:00+01:00", "agenda": "Evaluatie"}
    )
    assert response.status_code == 201
    assert api_client.post(f"{base}/meetings/", {"starts_at": "morgen"}).status_code == 400
    response = api_client.post(
        f"{base}/signals/", {"title": "Trage inkoop", "description": "Wachten"}
    )
    assert response.status_code == 201
    signal_pk = response.json()["id"]

    api_client.force_authenticate(world.municipality_admin)
    response = api_client.post(f"{base}/logbook/", {"text": "Ik schrijf mee"})
    assert response.status_code == 403
    assert "logboek" in response.json()["detail"]
    response = api_client.post(
        f"{base}/signals/{signal_pk}/respond/",
        {"partner": world.host.pk, "text": "Wij pakken het op"},
    )
    assert response.status_code == 201
    response = api_client.post(
        f"{base}/signals/{signal_pk}/respond/", {"partner": world.sending.pk, "text": "x"}
    )
    assert response.status_code == 400
    signals = api_client.get(f"{base}/signals/").json()["results"]
    assert signals[0]["status"] == "in_behandeling"
    assert signals[0]["responses"][0]["partner"] == world.municipality.name


def test_actions_and_meetings_lists_have_fixed_query_counts(
    world, api_client, django_assert_max_num_queries
):
    residency = _active(world)
    for _ in range(3):
        ActionFactory(meeting=MeetingFactory(residency=residency))
        SignalFactory(residency=residency)
    api_client.force_authenticate(world.municipality_member)
    base = f"/api/v1/residencies/{residency.pk}"
    for part, limit in [("actions", 12), ("meetings", 13), ("signals", 13)]:
        with django_assert_max_num_queries(limit):
            response = api_client.get(f"{base}/{part}/")
        assert response.json()["count"] == 3, part


def test_confirm_through_the_api(world, api_client):
    residency = _active(world, status="voorgesteld")
    api_client.force_authenticate(world.initiative_admin)
    assert (
        api_client.post(f"/api/v1/residencies/{residency.pk}/confirm/").json()["status"]
        == "voorgesteld"
    )
    api_client.force_authenticate(world.municipality_member)
    response = api_client.post(f"/api/v1/residencies/{residency.pk}/confirm/")
    assert response.status_code == 403
    api_client.force_authenticate(world.municipality_admin)
    assert (
        api_client.post(f"/api/v1/residencies/{residency.pk}/confirm/").json()["status"] == "actief"
    )
    assert api_client.post(f"/api/v1/residencies/{residency.pk}/confirm/").status_code == 409
