import pytest
from django.urls import reverse

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "text"),
    [
        ("core:home", "Samenwerken in zorg en welzijn"),
        ("core:accessibility", "Toegankelijkheidsverklaring"),
        ("core:privacy", "Privacyverklaring"),
        ("login", "Inloggen"),
        ("core:register", "Account maken"),
        ("password_reset", "Wachtwoord vergeten"),
    ],
)
def test_public_pages_render_in_dutch_with_skip_link_and_footer(client, url_name, text):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html
    assert reverse("core:accessibility") in html
    assert reverse("core:privacy") in html


def test_navigation_shows_only_quadrants_that_exist(client):
    html = client.get(reverse("core:home")).content.decode()
    assert 'aria-current="page">Start' in html
    assert reverse("atlas:organisation-list") in html
    assert reverse("deals:deal-list") in html
    assert "/schouw/" not in html


def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"}, follow=True)
    assert "Direct naar de inhoud" in response.content.decode()


def test_unknown_page_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404


def test_logged_in_header_offers_logout(client):
    client.force_login(UserFactory())
    html = client.get(reverse("core:home")).content.decode()
    assert "Uitloggen" in html
    assert "Mijn reisgids" in html


def test_dutch_is_the_default_whatever_the_browser_asks(client):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_logged_in_user_gets_their_preferred_language(client):
    client.force_login(UserFactory(preferred_language="en"))
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
