"""The logbook (and the rest of the work) is read by the deal's partners only: in the selectors,
on the page and through the API, for every other role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from deals.residence import selectors
from tests.residence.factories import LogEntryFactory, ResidencyFactory, SignalFactory

pytestmark = pytest.mark.django_db

SECRET = "Het wijkteam vergadert zonder het initiatief uit te nodigen."


@pytest.fixture
def logged(world):
    residency = ResidencyFactory(
        deal=world.deal, sending_partner=world.sending, host_partner=world.host, person=world.person
    )
    LogEntryFactory(residency=residency, text=SECRET)
    SignalFactory(residency=residency, title="Geheim signaal")
    return residency


def test_partners_read_the_logbook(world, logged, client, api_client):
    for user in [world.person, world.initiative_admin, world.municipality_member, world.advisor]:
        assert [e.text for e in selectors.log_entries_of(actor=user, residency=logged)] == [SECRET]
        client.force_login(user)
        assert SECRET in client.get(logged.get_absolute_url()).content.decode()
        api_client.force_authenticate(user)
        response = api_client.get(f"/api/v1/residencies/{logged.pk}/logbook/")
        assert response.status_code == 200
        assert [e["text"] for e in response.json()["results"]] == [SECRET]


def test_no_other_role_reads_the_logbook(world, logged, client, api_client):
    for role, user in world.outsiders().items():
        assert not selectors.log_entries_of(actor=user, residency=logged).exists(), role
        assert not selectors.signals_of(actor=user, residency=logged).exists(), role
        assert not selectors.logbook_list(actor=user).exists(), role
        client.force_login(user)
        page = client.get(logged.get_absolute_url())
        assert SECRET not in page.content.decode(), role
        assert "Geheim signaal" not in page.content.decode(), role
        api_client.force_authenticate(user)
        for part in ["logbook", "meetings", "actions", "signals"]:
            response = api_client.get(f"/api/v1/residencies/{logged.pk}/{part}/")
            assert response.status_code == 404, (role, part)
            assert SECRET not in response.content.decode()
        response = api_client.post(
            f"/api/v1/residencies/{logged.pk}/logbook/", {"text": "Ik kijk mee"}
        )
        assert response.status_code == 404, role


def test_staff_see_that_a_residency_exists_but_not_its_logbook(world, logged, client):
    client.force_login(world.netwerkmanager)
    page = client.get(logged.get_absolute_url())
    assert page.status_code == 200
    assert "alleen zichtbaar voor de partners van de deal" in page.content.decode()
    client.force_login(world.outsider)
    assert client.get(logged.get_absolute_url()).status_code == 404


def test_anonymous_reads_nothing(world, logged, client, api_client):
    anonymous = AnonymousUser()
    assert not selectors.log_entries_of(actor=anonymous, residency=logged).exists()
    assert not selectors.residency_list(actor=anonymous).exists()
    response = client.get(logged.get_absolute_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert api_client.get(f"/api/v1/residencies/{logged.pk}/logbook/").status_code == 401
    assert api_client.get("/api/v1/residencies/").status_code == 401
