"""Organisation A's private things never reach organisation B, channel by channel.

Everything private of A carries the marker ``Zeldzaamwoord`` (see ``authz_scenario``). A member of
B (a beheerder of another initiative) asks every channel for it: pages, the API, search, exports,
feeds, the notifications page, e-mail and PDFs. Each channel also has a positive check, so the
test would notice when the marker simply never renders.
"""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from atlas import tasks as atlas_tasks
from deals import tasks as deal_tasks
from deals.residence import tasks as residence_tasks
from schouw import tasks as schouw_tasks
from tests.atlas.factories import DigestPreferenceFactory, NotificationFactory, SavedSearchFactory
from tests.deals.factories import DealFactory
from tests.residence.factories import HandbrakeFactory
from tests.schouw.factories import SchouwRoundFactory

from .authz_scenario import MARKER, Scenario, marked


@pytest.fixture(autouse=True)
def _fast_logins(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def world(db):
    s = Scenario()
    # B's own deal with a finished schouw round, so B legitimately receives a report PDF.
    s.deal_b = DealFactory(
        title="Deal van Beta", status="lopend", aanjager=s.org_b, created_by=s.member_b
    )
    s.round_b = SchouwRoundFactory(
        deal=s.deal_b, status="afgerond", title="Schouw Beta", report_summary="Verslag van Beta."
    )
    return s


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_hidden(client, urls):
    """Every URL answers without the marker; returns the answers for further checks."""
    leaks = []
    for path in urls:
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if MARKER in text_of(response):
            leaks.append(f"{path} ({response.status_code})")
    assert not leaks, f"A's private content reached B through: {leaks}"


def test_pages(world):
    s = world
    private_pages = [
        reverse("deals:deal-detail", kwargs={"pk": s.deal_private.pk}),
        reverse("residence:residency-detail", kwargs={"pk": s.residency.pk}),
        reverse("schouw:round-detail", kwargs={"pk": s.round.pk}),
        reverse("schouw:round-report", kwargs={"pk": s.round_done.pk}),
        reverse("deals:intake-detail", kwargs={"pk": s.intake.pk}),
        reverse("atlas:lesson-detail", kwargs={"slug": s.lesson_draft.slug}),
        reverse("atlas:news-detail", kwargs={"slug": s.news_concept.slug}),
        reverse("atlas:listing-detail", kwargs={"pk": s.listing_withdrawn.pk}),
    ]
    shared_pages = [
        reverse("dashboard"),
        reverse("deals:deal-list"),
        reverse("deals:deal-detail", kwargs={"pk": s.deal_running.pk}),
        reverse("deals:checkin", kwargs={"pk": s.deal_running.pk}),
        reverse("deals:knelpunt-list"),
        reverse("deals:intake-list"),
        reverse("residence:residency-list"),
        reverse("schouw:round-list"),
        reverse("atlas:organisation-detail", kwargs={"slug": s.org_a.slug}),
        reverse("atlas:organisation-list"),
        reverse("atlas:lesson-list"),
        reverse("atlas:listing-list"),
        reverse("atlas:news-list"),
        reverse("atlas:membership-list"),
        reverse("atlas:radar"),
        reverse("kompas:edition-list"),
    ]
    member_b = login(s.member_b)
    for path in private_pages:
        assert member_b.get(path).status_code == 404, path
    assert_hidden(member_b, private_pages + shared_pages)
    # The marker does render for A itself.
    member_a = login(s.member_a)
    for path in [*private_pages[:3], reverse("deals:knelpunt-list")]:
        assert MARKER in text_of(member_a.get(path)), path


def test_api(world):
    s = world
    api = "/api/v1"
    urls = [
        f"{api}/me/",
        f"{api}/deals/",
        f"{api}/deals/register/",
        f"{api}/deals/{s.deal_private.pk}/",
        f"{api}/deals/{s.deal_running.pk}/",
        f"{api}/deals/{s.deal_running.pk}/checkins/",
        f"{api}/knelpunten/",
        f"{api}/knelpunten/{s.knelpunt.pk}/",
        f"{api}/intakes/",
        f"{api}/intakes/{s.intake.pk}/",
        f"{api}/residencies/",
        f"{api}/residencies/{s.residency.pk}/",
        f"{api}/residencies/{s.residency.pk}/logbook/",
        f"{api}/residencies/{s.residency.pk}/signals/",
        f"{api}/schouw/rounds/",
        f"{api}/schouw/rounds/{s.round.pk}/",
        f"{api}/schouw/rounds/{s.round.pk}/observations/",
        f"{api}/schouw/rounds/{s.round.pk}/appraisals/",
        f"{api}/schouw/rounds/{s.round_done.pk}/report/",
        f"{api}/lessons/",
        f"{api}/lessons/{s.lesson_draft.slug}/",
        f"{api}/listings/",
        f"{api}/listings/{s.listing_withdrawn.pk}/",
        f"{api}/news/",
        f"{api}/news/{s.news_concept.slug}/",
        f"{api}/memberships/",
        f"{api}/organisations/{s.org_a.slug}/",
        f"{api}/kompas/editions/",
    ]
    assert_hidden(login(s.member_b), urls)
    member_a = login(s.member_a)
    for path in (
        f"{api}/deals/",
        f"{api}/residencies/{s.residency.pk}/logbook/",
        f"{api}/deals/{s.deal_running.pk}/checkins/",
    ):
        assert MARKER in text_of(member_a.get(path)), path


def test_search(world):
    """The search pages echo the query, so here the full titles of A's private things are looked for."""
    s = world
    hidden = [
        s.deal_private.title,
        s.lesson_draft.title,
        s.listing_withdrawn.title,
        s.news_concept.title,
    ]
    member_b = login(s.member_b)
    searches = [
        reverse("atlas:search") + f"?q={MARKER}",
        reverse("atlas:lesson-list") + f"?q={MARKER}",
        reverse("atlas:listing-list") + f"?q={MARKER}",
        reverse("atlas:news-list") + f"?q={MARKER}",
        reverse("deals:deal-list") + f"?q={MARKER}",
        f"/api/v1/lessons/?q={MARKER}",
        f"/api/v1/deals/?q={MARKER}",
        f"/api/v1/listings/?q={MARKER}",
        f"/api/v1/news/?q={MARKER}",
    ]
    leaks = [
        (path, title)
        for path in searches
        for title in hidden
        if title in text_of(member_b.get(path))
    ]
    assert not leaks, f"A's private content found by B's search: {leaks}"
    assert json.loads(member_b.get(f"/api/v1/lessons/?q={MARKER}").content)["count"] == 0
    # The same searches find A's things for those who may see them, and public things for B.
    assert s.deal_private.title in text_of(
        login(s.member_a).get(reverse("deals:deal-list") + f"?q={MARKER}")
    )
    assert s.org_a.name in text_of(member_b.get(reverse("atlas:search") + "?q=Huiskamer"))
    assert s.lesson_published.title in text_of(
        member_b.get(reverse("atlas:lesson-list") + "?q=Gepubliceerde")
    )


def test_exports(world):
    s = world
    member_b = login(s.member_b)
    exports = [
        reverse("atlas:organisation-csv"),
        reverse("atlas:contactpoint-csv"),
        reverse("atlas:instrument-csv"),
        "/api/v1/atlas.geojson",
    ]
    assert_hidden(member_b, exports)
    csv = text_of(member_b.get(reverse("atlas:organisation-csv")))
    assert s.org_a.name in csv and s.org_b.name in csv
    out = io.StringIO()
    call_command("export_hsds", stdout=out)
    assert s.org_a.name in out.getvalue()
    assert MARKER not in out.getvalue()


def test_feeds(world):
    s = world
    feeds = [
        reverse("atlas:news-rss"),
        reverse("atlas:news-atom"),
        reverse("atlas:agenda-ics"),
        reverse("atlas:event-ics", kwargs={"slug": s.event.slug}),
    ]
    assert_hidden(login(s.member_b), feeds)
    assert_hidden(Client(), feeds)
    assert s.news_published.title in text_of(Client().get(reverse("atlas:news-rss")))


def test_notifications_page(world):
    s = world
    NotificationFactory(user=s.member_b, text="Nieuw bij Beta")
    page = text_of(login(s.member_b).get(reverse("atlas:notification-list")))
    assert "Nieuw bij Beta" in page
    assert MARKER not in page
    assert MARKER in text_of(login(s.member_a).get(reverse("atlas:notification-list")))


def test_mail(world):
    s = world
    for user in (s.member_a, s.member_b):
        DigestPreferenceFactory(user=user, frequency="dagelijks")
    NotificationFactory(user=s.member_b, text="Nieuw bij Beta")
    SavedSearchFactory(user=s.member_b, query="Huiskamer", frequency="dagelijks")
    pulled = HandbrakeFactory(residency=s.residency, reason=marked("handrem"), pulled_by=s.resident)
    mail.outbox.clear()
    atlas_tasks.notification_digest_send("dagelijks")
    atlas_tasks.radar_digest_send("dagelijks")
    deal_tasks.checkin_reminders_send()
    residence_tasks.handbrake_notify(pulled.pk)
    residence_tasks.action_reminders_send()
    residence_tasks.meeting_reminders_send()
    schouw_tasks.schouw_reminders_send()

    def recipients(message):
        return set(message.to) | set(message.cc) | set(message.bcc)

    def content(message):
        return (
            message.subject
            + message.body
            + "".join(str(body) for body, _type in message.alternatives)
        )

    to_b = [m for m in mail.outbox if s.member_b.email in recipients(m)]
    assert to_b, "B receives its own digest"
    assert not [m.subject for m in to_b if MARKER in content(m)]
    to_a = [m for m in mail.outbox if s.member_a.email in recipients(m)]
    assert any(MARKER in content(m) for m in to_a), "A's own mail carries the marker"


def test_pdfs(world):
    s = world
    member_b = login(s.member_b)
    a_report = reverse("schouw:round-report-pdf", kwargs={"pk": s.round_done.pk})
    assert member_b.get(a_report).status_code == 404
    assert member_b.get(reverse("kompas:report-pdf")).status_code == 403
    own = member_b.get(reverse("schouw:round-report-pdf", kwargs={"pk": s.round_b.pk}))
    assert own.status_code == 200
    text = pdf_text(own)
    assert "Beta" in text
    assert MARKER not in text
    assert MARKER in pdf_text(login(s.member_a).get(a_report))


def pdf_text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return " ".join(page.extract_text() for page in reader.pages)
