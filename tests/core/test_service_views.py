"""The one base for page actions (ServiceActionView) and for service forms (ServiceFormView)."""

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings

from kompas.models import Edition
from reisgids.core.roles import Role
from tests.core.factories import UserFactory
from tests.kompas.factories import KompasEditionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.service_urls")]

S = Edition.Status


@pytest.fixture
def preparer(client):
    user = UserFactory(roles=[Role.BESTUURDER])
    client.force_login(user)
    return user


@pytest.fixture
def edition():
    return KompasEditionFactory(status=S.CONCEPT, summary="Oud")


def _messages(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_an_action_calls_its_service_and_says_so(client, preparer, edition):
    response = client.post(f"/test/edities/{edition.pk}/summary/", {"summary": "Nieuw"})
    assert response.status_code == 302
    assert response["Location"] == edition.get_absolute_url()
    assert _messages(response) == [("success", "Samenvatting opgeslagen: Nieuw")]
    edition.refresh_from_db()
    assert edition.summary == "Nieuw"


def test_an_unknown_action_is_404(client, preparer, edition):
    assert client.post(f"/test/edities/{edition.pk}/bestaat-niet/").status_code == 404


def test_a_refusal_becomes_an_error_message_and_changes_nothing(client, edition):
    client.force_login(UserFactory())  # no role that may edit the kompas
    response = client.post(f"/test/edities/{edition.pk}/summary/", {"summary": "Nieuw"})
    assert response.status_code == 302
    assert [level for level, _text in _messages(response)] == ["error"]
    edition.refresh_from_db()
    assert edition.summary == "Oud"


def test_an_invalid_form_is_refused_before_the_service(client, preparer, edition):
    response = client.post(f"/test/edities/{edition.pk}/summary/", {"summary": ""})
    assert _messages(response) == [("error", "Dit is niet gelukt: Dit veld is vereist.")]
    edition.refresh_from_db()
    assert edition.summary == "Oud"


def test_a_missing_record_is_said_in_words(client, preparer, edition):
    response = client.post(f"/test/edities/{edition.pk}/missing/")
    assert _messages(response) == [("error", "Dit onderdeel bestaat niet (meer).")]


def test_a_safe_next_is_followed_and_another_site_is_not(client, preparer, edition):
    url = f"/test/edities/{edition.pk}/summary/"
    response = client.post(url, {"summary": "A", "next": "/kompas/"})
    assert response["Location"] == "/kompas/"
    response = client.post(url, {"summary": "B", "next": "https://elders.example/"})
    assert response["Location"] == edition.get_absolute_url()


def test_an_action_that_asks_first_shows_what_will_happen_then_acts(client, preparer, edition):
    url = f"/test/edities/{edition.pk}/summary-confirmed/"
    page = client.post(url, {"summary": "Nieuw"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Samenvatting vervangen?" in html and "De oude samenvatting verdwijnt." in html
    assert "Dit kunt u daarna niet meer ongedaan maken." in html
    assert '<input type="hidden" name="summary" value="Nieuw">' in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    edition.refresh_from_db()
    assert edition.summary == "Oud"  # nothing happened yet
    response = client.post(url, {"summary": "Nieuw", "confirmed": "1"})
    assert _messages(response) == [("success", "Opgeslagen na bevestiging.")]
    edition.refresh_from_db()
    assert edition.summary == "Nieuw"


def test_a_service_form_keeps_what_was_typed_when_the_service_refuses(client, edition):
    client.force_login(UserFactory())  # the service refuses: no role that may edit the kompas
    response = client.post(f"/test/edities/{edition.pk}/samenvatting/", {"summary": "Mijn tekst"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Mijn tekst"' in html
    assert "U kunt deze editie niet wijzigen." in html
    edition.refresh_from_db()
    assert edition.summary == "Oud"


@override_settings(LANGUAGE_CODE="nl")
def test_a_service_form_saves_and_goes_to_the_object(client, preparer, edition):
    response = client.post(f"/test/edities/{edition.pk}/samenvatting/", {"summary": "Nieuw"})
    assert response.status_code == 302
    assert response["Location"] == edition.get_absolute_url()
    assert _messages(response) == [("success", "Opgeslagen.")]
