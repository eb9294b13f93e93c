"""What a visitor sees when something is missing, refused or broken: the house style, never Django's debug page."""

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from reisgids.core.roles import Role
from tests.core.factories import UserFactory

from .test_production_settings import BASE_DIR

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_the_house_style_404_in_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'class="utrecht-page-header rg-header"' in html
    assert "URLconf" not in html


def test_a_missing_page_speaks_the_visitors_language(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/bestaat-niet/").content.decode()
    assert '<html lang="en"' in html
    assert "This page does not exist (any more)" in html


def test_a_refused_page_is_the_house_style_403(client):
    client.force_login(UserFactory(roles=[Role.NETWERKMANAGER]))
    response = client.get(reverse("core:audit-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "U heeft geen toegang tot deze pagina" in html
    assert 'class="utrecht-page-header rg-header"' in html


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_a_broken_page_is_the_house_style_500_in_both_languages(client):
    client.raise_request_exception = False
    response = client.get("/test-kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "Something went wrong" in html
    assert "css/reisgids.css" in html and "rg-header" in html
    assert "kapot" not in html and "Traceback" not in html


def test_favicon_and_web_manifest_with_icons_that_exist(client):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert favicon["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    favicon.close()
    home = client.get(reverse("core:home")).content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in home
    assert 'href="/favicon.ico"' in home
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Reisgids zorg en welzijn Rotterdam"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        assert image["Content-Type"] == "image/png"
        image.close()


def _debug_setting(**extra) -> str:
    env = {
        key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG", "DJANGO_ENV")
    }
    env.update(extra)
    script = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_a_developer_asks_for_it():
    assert _debug_setting() == "False"
    assert _debug_setting(DJANGO_DEBUG="1") == "True"
