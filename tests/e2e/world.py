"""A realistic world for the accessibility and screenshot tests: the demo data plus a
few things the demo leaves out (logos, a schouw round in every step, a notification), and the
main pages of the platform grouped by who looks at them.

`build_world()` takes about four seconds; every test that needs it builds it once.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from atlas.models import Event, Instrument, Lesson, Listing, Network, NewsItem, Organisation, Story
from deals.models import Deal
from deals.residence.models import Residency
from kompas.models import Edition
from reisgids.demo import data as demo
from reisgids.demo.kompas_data import ADOPTED_TITLE, CONSULTATION_TITLE
from reisgids.demo.residence_data import DEAL_TITLE as RESIDENCE_DEAL
from reisgids.demo.schouw_data import DEAL_TITLE as SCHOUW_DEAL
from reisgids.demo.schouw_data import DEMO_GUEST_TOKEN
from schouw.models import SchouwRound
from tests.atlas.factories import NotificationFactory
from tests.deals.factories import DealFactory
from tests.schouw.factories import (
    SchouwCriterionFactory,
    SchouwPartnerParticipantFactory,
    SchouwRoundFactory,
)
from tests.waiting import BROWSER_DEADLINE_MS

PASSWORD = demo.DEMO_PASSWORD

LOGOS = {
    "logeerhuis-de-buren": ("#00811f", "LB"),
    "de-roffabriek": ("#0c4f8a", "RF"),
    "zorgzaam010": ("#b5122b", "Z10"),
    "cluster-maatschappelijke-ontwikkeling": ("#1a1a1a", "MO"),
}


@dataclass
class Person:
    email: str
    label: str
    pages: list[tuple[str, str]] = field(default_factory=list)  # (name, path)


@dataclass
class World:
    urls: dict[str, str]
    people: dict[str, Person]
    guest_link: str

    def user(self, key):
        return get_user_model().objects.get(email=self.people[key].email)


def _logo(colour, letters):
    image = Image.new("RGB", (240, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 30, 210, 210), outline="white", width=12)
    draw.text((120, 120), letters, fill="white", anchor="mm", font_size=64)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"{letters.lower()}.png")


def build_world() -> World:
    call_command("seed_demo", stdout=io.StringIO())
    for slug, (colour, letters) in LOGOS.items():
        organisation = Organisation.objects.get(slug=slug)
        organisation.logo.save(f"{slug}.png", _logo(colour, letters))

    User = get_user_model()
    maker = User.objects.get(email="roffabriek@demo.reisgids.example")
    iris = User.objects.get(email="initiatiefnemer@demo.reisgids.example")
    schouw_deal = Deal.objects.get(title=SCHOUW_DEAL)
    running = SchouwRound.objects.get(deal=schouw_deal, status=SchouwRound.Status.OPEN_SCHOUW)
    finished = SchouwRound.objects.get(deal=schouw_deal, status=SchouwRound.Status.AFGEROND)
    # One round in every other step, so each step's page is seen once.
    steps = {"open_schouw": running, "afgerond": finished}
    today = timezone.localdate()
    roffabriek = Organisation.objects.get(slug="de-roffabriek")
    titles = {
        "voorbereiding": "Buurtwerkplaats Spangen",
        "meetlat": "Reparatiewerkplaats Delfshaven",
        "waarderend": "Leerwerkplek Oud-Mathenesse",
        "bespreking": "Meubelmakerij Bospolder",
        "rapportage": "Fietsenwerkplaats Middelland",
    }
    for status, title in titles.items():
        # At most one open round per deal, so every step gets a deal of its own.
        step_deal = DealFactory(title=title, status="lopend", created_by=maker, aanjager=roffabriek)
        partner = step_deal.partners.get(role="aanjager")
        schouw_round = SchouwRoundFactory(
            deal=step_deal,
            status=status,
            title=f"Schouw {title}",
            starts_on=today - datetime.timedelta(days=3),
            organiser=maker,
            location=title,
        )
        SchouwPartnerParticipantFactory(
            round=schouw_round, user=maker, partner=partner, name=maker.name
        )
        if status != "voorbereiding":
            SchouwCriterionFactory(
                round=schouw_round, partner=partner, name="Een veilige leerplek", proposed_by=maker
            )
        steps[status] = schouw_round
    NotificationFactory(
        user=iris,
        text='Nora Netwerk heeft je deal "Respijt in de wijk" bekeken.',
        url=reverse("deals:deal-list"),
    )

    deal = Deal.objects.get(title="Delfshaven zorgt samen")
    own_deal = Deal.objects.filter(
        created_by=iris, partners__organisation__slug="logeerhuis-de-buren"
    ).first()
    residency = Residency.objects.filter(deal__title=RESIDENCE_DEAL, person=iris).first()
    adopted = Edition.objects.get(title=ADOPTED_TITLE)
    consultation = Edition.objects.get(title=CONSULTATION_TITLE)
    organisation = Organisation.objects.get(slug="logeerhuis-de-buren")
    network = Network.objects.order_by("name").first()
    instrument = Instrument.objects.order_by("name").first()
    news = NewsItem.objects.filter(status="gepubliceerd").order_by("-published_at").first()
    event = Event.objects.order_by("starts_at").first()
    listing = Listing.objects.order_by("pk").first()
    story = Story.objects.filter(status="gepubliceerd").order_by("pk").first()
    lesson = Lesson.objects.filter(status="gepubliceerd").order_by("pk").first()

    urls = {
        "home": reverse("core:home"),
        "login": reverse("login"),
        "register": reverse("core:register"),
        "password_reset": reverse("password_reset"),
        "privacy": reverse("core:privacy"),
        "accessibility": reverse("core:accessibility"),
        "api_docs": reverse("api-docs"),
        "atlas": reverse("atlas:organisation-list"),
        "organisation": reverse("atlas:organisation-detail", kwargs={"slug": organisation.slug}),
        "contact_points": reverse("atlas:contactpoint-list"),
        "instruments": reverse("atlas:instrument-list"),
        "instrument": reverse("atlas:instrument-detail", kwargs={"slug": instrument.slug}),
        "networks": reverse("atlas:network-list"),
        "network": reverse("atlas:network-detail", kwargs={"slug": network.slug}),
        "search": reverse("atlas:search") + "?q=mantelzorg",
        "news": reverse("atlas:news-list"),
        "news_item": reverse("atlas:news-detail", kwargs={"slug": news.slug}),
        "agenda": reverse("atlas:event-list"),
        "event": reverse("atlas:event-detail", kwargs={"slug": event.slug}),
        "listings": reverse("atlas:listing-list"),
        "listing": reverse("atlas:listing-detail", kwargs={"pk": listing.pk}),
        "listing_new": reverse("atlas:listing-create"),
        "stories": reverse("atlas:story-list"),
        "story": reverse("atlas:story-detail", kwargs={"slug": story.slug}),
        "lessons": reverse("atlas:lesson-list"),
        "lesson": reverse("atlas:lesson-detail", kwargs={"slug": lesson.slug}),
        "deals": reverse("deals:deal-list"),
        "deal": reverse("deals:deal-detail", kwargs={"pk": deal.pk}),
        "deal_themes": reverse("deals:theme-list"),
        "deal_new": reverse("deals:deal-create"),
        "deal_edit": reverse("deals:deal-edit", kwargs={"pk": own_deal.pk}),
        "own_deal": reverse("deals:deal-detail", kwargs={"pk": own_deal.pk}),
        "residencies": reverse("residence:residency-list"),
        "residency": reverse("residence:residency-detail", kwargs={"pk": residency.pk}),
        "schouw": reverse("schouw:round-list"),
        "deal_rounds": reverse("schouw:deal-rounds", kwargs={"deal_pk": schouw_deal.pk}),
        "report": reverse("schouw:round-report", kwargs={"pk": finished.pk}),
        "public_report": reverse("schouw:public-report", kwargs={"pk": finished.pk}),
        "kompas": reverse("kompas:edition-list"),
        "edition": reverse("kompas:edition-detail", kwargs={"pk": adopted.pk}),
        "consultation": reverse("kompas:edition-detail", kwargs={"pk": consultation.pk}),
        "board": reverse("kompas:dashboard"),
        "dashboard": reverse("dashboard"),
        "notifications": reverse("atlas:notification-list"),
        "follows": reverse("atlas:follow-list"),
        "radar": reverse("atlas:radar"),
        "memberships": reverse("atlas:membership-list"),
        "password_change": reverse("password_change"),
    }
    for status, schouw_round in steps.items():
        urls[f"round_{status}"] = reverse("schouw:round-detail", kwargs={"pk": schouw_round.pk})

    public = [
        "home",
        "atlas",
        "organisation",
        "contact_points",
        "instruments",
        "instrument",
        "networks",
        "network",
        "search",
        "news",
        "news_item",
        "agenda",
        "event",
        "listings",
        "listing",
        "stories",
        "story",
        "lessons",
        "lesson",
        "deals",
        "deal",
        "deal_themes",
        "public_report",
        "kompas",
        "edition",
        "login",
        "register",
        "password_reset",
        "privacy",
        "accessibility",
        "api_docs",
    ]
    initiator = [
        "dashboard",
        "own_deal",
        "deal_new",
        "deal_edit",
        "listing_new",
        "residencies",
        "residency",
        "consultation",
        "notifications",
        "follows",
        "radar",
        "memberships",
        "password_change",
    ]
    schouw_member = ["schouw", "deal_rounds", "report", *(f"round_{s}" for s in steps)]
    board = ["board", "dashboard"]
    people = {
        "anonymous": Person(
            email="", label="bezoeker", pages=[(name, urls[name]) for name in public]
        ),
        "initiatiefnemer": Person(
            email=iris.email,
            label="initiatiefnemer",
            pages=[(name, urls[name]) for name in initiator],
        ),
        "schouw": Person(
            email=maker.email,
            label="lid in een schouw",
            pages=[(n, urls[n]) for n in schouw_member],
        ),
        "bestuurder": Person(
            email="bestuurder@demo.reisgids.example",
            label="bestuurder",
            pages=[(n, urls[n]) for n in board],
        ),
    }
    guest_link = reverse("schouw:guest-enter", kwargs={"token": DEMO_GUEST_TOKEN})
    return World(urls=urls, people=people, guest_link=guest_link)


def open_page(browser, live_server, *, email=None, phone=False, axe=None):
    """A fresh browser context for one person, logged in through the form when an e-mail
    address is given; ``axe`` is a script loaded into every page (see test_accessibility)."""
    args = {"base_url": live_server.url}
    if phone:
        args.update(
            {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
        )
    context = browser.new_context(**args)
    if axe:
        context.add_init_script(script=axe)
    page = context.new_page()
    page.set_default_timeout(BROWSER_DEADLINE_MS)
    if email:
        page.goto("/account/inloggen/")
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/mijn/")
    return page


def wait_until_drawn(page):
    """Parts drawn by JavaScript after loading: the atlas map's markers (fetched), the Open
    API page (Swagger UI). Scan and picture the page as a visitor sees it."""
    if page.locator("#atlas-map[data-geojson]").count():
        page.locator("#atlas-map .leaflet-interactive, #atlas-map .marker-cluster").first.wait_for()
    if page.locator("#swagger-ui").count():
        page.locator("#swagger-ui .info .title").wait_for()
