"""User text never becomes live HTML, and redirects only go to this site.

A script payload is stored through the services in every field people write in (the story
body is the only HTML field; the rest is plain text) and the pages, feeds and API that show
it are parsed: no script of the payload, no on* attribute, no javascript: address. Every
`next` parameter (login, logout, language switch, follow, deal and knelpunt forms) is tried
with addresses of other sites."""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from atlas import services as atlas_services
from atlas.models import Story
from deals.models import Deal
from reisgids.core.roles import Role
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    OrganisationFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.core.factories import PASSWORD, UserFactory
from tests.deals.factories import DealFactory, KnelpuntFactory

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">klik</a>'
)


class _Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text inside script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.script_text = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def assert_no_live_payload(html: str):
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "script":
            # The site's own scripts are files; no inline script, and certainly not the payload's.
            assert dict(attrs).get("src", "").startswith(("/static/", "/jsi18n/")), (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, attrs)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
        if tag == "img":
            assert dict(attrs).get("src") != "x", (tag, attrs)
    assert not any("alert(1)" in text for text in parser.script_text)


@pytest.fixture
def editor(db):
    """A contentbeheerder who is also a member of an organisation, so every service lets her write."""
    user = UserFactory(name="Carla Content", roles=[Role.CONTENTBEHEERDER, Role.INITIATIEFNEMER])
    ApprovedMembershipFactory(
        user=user, organisation=OrganisationFactory(name="Buurtkamer Zuid"), role="beheerder"
    )
    return user


def test_the_story_body_is_cleaned_when_stored_and_shown(client, api_client, editor):
    story = atlas_services.story_create(
        actor=editor,
        title="Ons eerste jaar",
        body=f"<p>Een mooi jaar.</p>{PAYLOAD}",
        themes=[ThemeFactory()],
    )
    assert (
        "<script" not in story.body
        and "onerror" not in story.body
        and "javascript:" not in story.body
    )
    comment = atlas_services.story_comment(actor=editor, story=story, body=PAYLOAD)
    for url in [story.get_absolute_url(), reverse("atlas:story-list")]:
        html = client.get(url).content.decode()
        assert "Een mooi jaar." in html
        assert_no_live_payload(html)
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(story.get_absolute_url()).content.decode()
    )
    assert comment.body == PAYLOAD  # plain text, kept as written and escaped when shown
    assert_no_live_payload(api_client.get(f"/api/v1/stories/{story.slug}/").json()["body"])


def test_a_story_body_that_bypassed_the_service_is_cleaned_on_the_page(client, editor):
    """The admin or an import can write the field directly; the page cleans it again."""
    story = StoryFactory(author=editor, body=f"<p>Ingevoerd via het beheer.</p>{PAYLOAD}")
    assert Story.objects.get(pk=story.pk).body.endswith(PAYLOAD)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Ingevoerd via het beheer." in html
    assert 'href="javascript:' not in html
    assert_no_live_payload(html)


def _feed_html(content: bytes) -> list[str]:
    """The item texts of an RSS or Atom feed as a feed reader sees them: HTML to render."""
    root = ET.fromstring(content)  # noqa: S314 - our own feed
    texts = [
        e.text or "" for e in root.iter() if e.tag.split("}")[-1] in ("description", "summary")
    ]
    assert texts
    return texts


def test_news_is_escaped_on_its_pages_and_in_the_feeds(client, editor):
    item = atlas_services.news_create(
        actor=editor,
        title=f"Nieuws {PAYLOAD}",
        summary=f"Samenvatting {PAYLOAD}",
        body=f"Tekst {PAYLOAD}",
        category="initiatief",
        publish=True,
    )
    for url in [item.get_absolute_url(), reverse("atlas:news-list")]:
        assert_no_live_payload(client.get(url).content.decode())
    for feed in ["atlas:news-rss", "atlas:news-atom"]:
        response = client.get(reverse(feed))
        assert response.status_code == 200
        for text in _feed_html(response.content):
            assert_no_live_payload(text)
        assert any("&lt;script&gt;" in text for text in _feed_html(response.content))


def test_lessons_events_and_listings_are_escaped_on_their_pages(client, editor):
    lesson = atlas_services.lesson_propose(
        actor=editor,
        title=f"Les {PAYLOAD}"[:200],
        summary=PAYLOAD,
        context=PAYLOAD,
        what_worked=PAYLOAD,
        what_did_not_work=PAYLOAD,
    )
    lesson = atlas_services.lesson_take_into_editing(actor=editor, lesson=lesson)
    lesson = atlas_services.lesson_publish(actor=editor, lesson=lesson)
    starts = timezone.now() + datetime.timedelta(days=3)
    event = atlas_services.event_create(
        actor=editor,
        title=f"Bijeenkomst {PAYLOAD}"[:200],
        description=PAYLOAD,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location=PAYLOAD[:300],
    )
    organisation = editor.memberships.get().organisation
    listing = atlas_services.listing_create(
        actor=editor,
        organisation=organisation,
        kind="vraag",
        category="businessplan",
        title=f"Gezocht {PAYLOAD}"[:200],
        description=PAYLOAD,
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    urls = [
        lesson.get_absolute_url(),
        reverse("atlas:lesson-list"),
        event.get_absolute_url(),
        reverse("atlas:event-list"),
        listing.get_absolute_url(),
        reverse("atlas:listing-list"),
    ]
    client.force_login(editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
        assert_no_live_payload(html)


def test_a_javascript_address_is_refused_in_link_fields(editor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"geldige URL"):
        atlas_services.news_create(
            actor=editor,
            title="Nieuws",
            summary="Samenvatting",
            body="Tekst",
            category="initiatief",
            link="javascript:alert(1)",
            publish=True,
        )


def test_a_deal_is_escaped_on_its_page(client, editor):
    deal = DealFactory(
        status=Deal.Status.LOPEND,
        title=f"Deal {PAYLOAD}"[:200],
        summary=PAYLOAD,
        aanjager=editor.memberships.get().organisation,
    )
    KnelpuntFactory(deal=deal, title=f"Knelpunt {PAYLOAD}"[:200], description=PAYLOAD)
    client.force_login(editor)
    html = client.get(deal.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_no_live_payload(html)


def test_the_map_scripts_never_hand_user_text_to_leaflet_as_html():
    """Leaflet puts a string given to bindPopup or bindTooltip into innerHTML, so an organisation
    called <img src=x onerror=...> would run on the map. The scripts pass DOM nodes instead."""
    scripts = list((Path(settings.BASE_DIR) / "static" / "js").glob("*.js"))
    assert scripts
    calls = 0
    for script in scripts:
        source = script.read_text()
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source, script.name
        for call in re.finditer(r"\.bind(?:Popup|Tooltip)\(((?:[^()]|\([^()]*\))*)\)", source):
            calls += 1
            argument = call.group(1).strip()
            made_as_node = re.search(
                rf"var {re.escape(argument)} = document\.create(Element|TextNode)\(", source
            )
            assert argument.startswith("document.createTextNode(") or made_as_node, (
                script.name,
                argument,
            )
    assert calls >= 5


# --- Redirects -----------------------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "\\\\evil.example",
]


def _assert_local(response):
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil.example" not in location and "javascript:" not in location


@pytest.mark.parametrize("target", EVIL)
def test_login_only_follows_a_local_next(client, target):
    user = UserFactory(email="anna@example.org")
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD, "next": target}
    )
    _assert_local(response)
    client.logout()
    page = client.get(reverse("login"), {"next": target})
    assert page.status_code == 200
    parser = _Elements()
    parser.feed(page.content.decode())
    nexts = [
        dict(attrs).get("value") or ""
        for tag, attrs in parser.tags
        if dict(attrs).get("name") == "next"
    ]
    assert nexts  # the login form's own, and the language switch's (this page's local path)
    for value in nexts:
        assert value == "" or (value.startswith("/") and not value.startswith(("//", "/\\"))), value


@pytest.mark.parametrize("target", EVIL)
def test_logout_and_language_switch_only_follow_a_local_next(client, target):
    client.force_login(UserFactory())
    _assert_local(client.post(reverse("set_language"), {"language": "en", "next": target}))
    _assert_local(client.post(reverse("logout"), {"next": target}))


@pytest.mark.parametrize("target", EVIL)
def test_the_follow_form_only_follows_a_local_next(client, editor, target):
    theme = ThemeFactory(slug="eenzaamheid")
    client.force_login(editor)
    _assert_local(
        client.post(reverse("atlas:follow-toggle", args=["theme", theme.slug]), {"next": target})
    )


@pytest.mark.parametrize("target", EVIL)
def test_deal_and_knelpunt_forms_only_follow_a_local_next(client, editor, target):
    deal = DealFactory(
        status=Deal.Status.PARTNERS_ZOEKEN, aanjager=editor.memberships.get().organisation
    )
    client.force_login(editor)
    _assert_local(
        client.post(reverse("deals:deal-action", args=[deal.pk, "idea"]), {"next": target})
    )

    knelpunt = KnelpuntFactory(deal=DealFactory(status=Deal.Status.LOPEND))
    client.force_login(UserFactory(roles=[Role.NETWERKMANAGER]))
    _assert_local(
        client.post(reverse("deals:knelpunt-move", args=[knelpunt.pk, "take-up"]), {"next": target})
    )


def test_a_local_next_is_still_followed(client, editor):
    deal = DealFactory(
        status=Deal.Status.PARTNERS_ZOEKEN, aanjager=editor.memberships.get().organisation
    )
    client.force_login(editor)
    response = client.post(
        reverse("deals:deal-action", args=[deal.pk, "idea"]), {"next": "/deals/?pagina=2"}
    )
    assert response["Location"] == "/deals/?pagina=2"
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/atlas/"})
    assert response["Location"] == "/atlas/"
