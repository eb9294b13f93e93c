"""Security headers, the CSP without inline scripts, login lockout and rate limits with Dutch messages."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from reisgids.core.models import User
from tests.atlas.factories import OrganisationFactory
from tests.core.factories import PASSWORD, UserFactory
from tests.schouw.factories import SchouwGuestFactory

BASE_DIR = Path(__file__).resolve().parents[2]


class _ScriptAudit(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, on* handlers and style attributes."""

    def __init__(self):
        super().__init__()
        self.inline_scripts, self.handlers, self.styles, self.external = [], [], [], []
        self._in_inline = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        if "style" in attrs:
            self.styles.append(f"{tag} style={attrs['style']}")
        if tag == "script":
            if attrs.get("src"):
                self.external.append(attrs["src"])
            elif (attrs.get("type") or "").lower() not in (
                "application/json",
                "application/ld+json",
            ):
                self._in_inline = ""
        for name in ("src", "href"):
            if (attrs.get(name) or "").lower().startswith("javascript:"):
                self.handlers.append(f"{tag} {name}=javascript:")

    def handle_data(self, data):
        if self._in_inline is not None:
            self._in_inline += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_inline is not None:
            self.inline_scripts.append(self._in_inline.strip()[:80])
            self._in_inline = None


def _audit(html: str) -> _ScriptAudit:
    parser = _ScriptAudit()
    parser.feed(html)
    return parser


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_the_other_headers(client):
    response = client.get(reverse("core:home"))
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_map_tile_host_is_the_only_other_image_source():
    from reisgids.settings import _tile_source

    assert _tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == [
        "https://*.tile.example.org"
    ]
    assert _tile_source("https://kaart.rotterdam.example/{z}/{x}/{y}.png") == [
        "https://kaart.rotterdam.example"
    ]
    assert _tile_source("") == []


TEMPLATE_DIRS = [BASE_DIR / "templates"]


def test_no_template_holds_an_inline_script_an_event_handler_or_a_style_attribute():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            source = path.read_text()
            if path.name.endswith("_pdf.html"):  # rendered to PDF by WeasyPrint, never by a browser
                continue
            for match in re.finditer(r"<script\b([^>]*)>", source):
                attrs = match.group(1)
                if "src=" not in attrs and "application/json" not in attrs:
                    offenders.append(f"{path.relative_to(BASE_DIR)}: inline <script{attrs}>")
            for match in re.finditer(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", source):
                offenders.append(f"{path.relative_to(BASE_DIR)}: handler {match.group(1)}")
            for _style in re.finditer(r"<[a-zA-Z][^>]*\sstyle\s*=", source):
                offenders.append(f"{path.relative_to(BASE_DIR)}: style attribute")
    assert offenders == []


@pytest.mark.django_db
def test_main_pages_render_without_inline_scripts_handlers_or_style_attributes(client):
    OrganisationFactory(name="Buurtkamer West")
    client.force_login(UserFactory())
    for name in [
        "core:home",
        "atlas:organisation-list",
        "deals:deal-list",
        "core:privacy",
        "core:my-data",
        "login",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        audit = _audit(response.content.decode())
        assert (audit.inline_scripts, audit.handlers, audit.styles) == ([], [], []), name


@pytest.mark.django_db
def test_the_open_api_page_loads_its_script_from_a_separate_address(client):
    response = client.get(reverse("api-docs"))
    audit = _audit(response.content.decode())
    assert audit.inline_scripts == []
    script_url = next(src for src in audit.external if "script" in src)
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- Login lockout (django-axes) -------------------------------------------------------------


def _login(client, email, password, ip="203.0.113.5"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_address_and_ip_out_for_a_while_with_a_dutch_page(client):
    user = UserFactory(email="anna@example.org")
    for attempt in range(5):
        response = _login(
            client, "anna@example.org" if attempt % 2 else "Anna@Example.org", "fout-wachtwoord"
        )
        assert response.status_code in (200, 429)
    locked = _login(client, "anna@example.org", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page and "15 minuten" in page
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # The same person from another address, and another person from this one, can still log in.
    assert _login(client, "anna@example.org", PASSWORD, ip="198.51.100.7").status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    other = UserFactory(email="bram@example.org")
    client.logout()
    assert _login(client, "bram@example.org", PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk


@pytest.mark.django_db
def test_a_successful_login_resets_the_count_of_failures(client):
    UserFactory(email="cees@example.org")
    for _ in range(4):
        _login(client, "cees@example.org", "fout-wachtwoord")
    assert _login(client, "cees@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "cees@example.org", "fout-wachtwoord").status_code == 200
    assert _login(client, "cees@example.org", PASSWORD).status_code == 302


# --- Rate limits -----------------------------------------------------------------------------


@pytest.fixture
def low_limits(settings):
    settings.REISGIDS = {**settings.REISGIDS, "FORM_RATE_LIMIT": 3, "GUEST_FORM_RATE_LIMIT": 3}


@pytest.mark.django_db
def test_the_api_says_in_dutch_how_long_to_wait_when_throttled(api_client, monkeypatch):
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "2/min"}
    )
    url = reverse("api:organisation-list")
    assert [api_client.get(url).status_code for _ in range(2)] == [200, 200]
    response = api_client.get(url)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= 60
    assert response.json() == {
        "detail": f"Te veel verzoeken. Probeer het over {wait} seconden opnieuw."
    }


@pytest.mark.django_db
def test_registration_is_limited_per_address_with_a_dutch_page(client, low_limits):
    data = {"name": "", "email": "niet-geldig", "password": "x", "password_again": "y"}
    for _ in range(3):
        assert (
            client.post(reverse("core:register"), data, REMOTE_ADDR="203.0.113.9").status_code
            == 200
        )
    blocked = client.post(reverse("core:register"), data, REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert "Te veel verzoeken. Probeer het over" in blocked.content.decode()
    assert int(blocked["Retry-After"]) > 0
    # Another address is not affected, and reading the form is never limited.
    assert (
        client.post(reverse("core:register"), data, REMOTE_ADDR="198.51.100.1").status_code == 200
    )
    assert client.get(reverse("core:register"), REMOTE_ADDR="203.0.113.9").status_code == 200
    assert not User.objects.exists()


@pytest.mark.django_db
def test_password_reset_is_limited_per_address(client, low_limits, mailoutbox):
    UserFactory(email="dirk@example.org")
    for _ in range(3):
        response = client.post(
            reverse("password_reset"), {"email": "dirk@example.org"}, REMOTE_ADDR="203.0.113.10"
        )
        assert response.status_code == 302
    blocked = client.post(
        reverse("password_reset"), {"email": "dirk@example.org"}, REMOTE_ADDR="203.0.113.10"
    )
    assert blocked.status_code == 429
    assert "Even wachten" in blocked.content.decode()
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_guessing_schouw_links_is_limited_per_address(client, low_limits):
    for attempt in range(3):
        response = client.get(
            reverse("schouw:guest-enter", kwargs={"token": f"geraden-token-{attempt}"})
        )
        assert response.status_code == 404
    SchouwGuestFactory(token="echte-gast-token-0123456789-abcdef")
    blocked = client.get(
        reverse("schouw:guest-enter", kwargs={"token": "echte-gast-token-0123456789-abcdef"})
    )
    assert blocked.status_code == 429
    assert "Te veel verzoeken" in blocked.content.decode()


@pytest.mark.django_db
def test_a_guest_posting_forms_is_limited_too(client, low_limits):
    guest = SchouwGuestFactory(token="gast-formulier-token-0123456789-ab")
    client.get(
        reverse("schouw:guest-enter", kwargs={"token": "gast-formulier-token-0123456789-ab"})
    )
    statuses = [client.post(reverse("schouw:guest-round"), {}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    guest.refresh_from_db()
    assert guest.consent_at is None
