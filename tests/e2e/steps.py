"""Steps of the cycle as people take them in the browser. Each step clicks and types through the
pages, checks what the person sees, and at the key points what the database holds."""

import dataclasses
import datetime
import os
import re
import signal
import subprocess
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from atlas.models import Lesson
from deals.models import Deal, DealTheme, Signature
from deals.residence.models import Handbrake, Residency
from kompas.models import Edition
from reisgids.core.roles import Role
from schouw.models import SchouwRound
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    AreaFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.core.test_worker import BASE_DIR, database_url_of_this_test_run
from tests.kompas.factories import GremiumFactory

WORKER_SECONDS = 60_000  # ms: the worker process starts and drafts the kompas within this time


# --- Helpers ------------------------------------------------------------------------------------


def said(page: Page, text: str) -> None:
    """The page confirms what happened (the message area), and shows no error beside it."""
    expect(page.locator(".rg-messages")).to_contain_text(text)
    expect(page.locator(".rg-messages .utrecht-alert--error")).to_have_count(0)


def opened(page_or_scope, summary: str):
    """Open the disclosure (details) with this summary and return it."""
    box = (
        page_or_scope.locator("details")
        .filter(has=page_or_scope.locator("summary", has_text=summary))
        .first
    )
    if box.get_attribute("open") is None:
        box.locator("summary").first.click()
    return box


def form_with_button(page_or_scope, name: str):
    return page_or_scope.locator("form").filter(
        has=page_or_scope.get_by_role("button", name=name, exact=True)
    )


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def pk_from(url: str, pattern: str) -> int:
    return int(re.search(pattern, url).group(1))


class Worker:
    """A real Celery worker process on this test run's database and broker, in its own process
    group so it can be stopped with everything it started."""

    def __init__(self):
        self.proc = None

    def start(self) -> None:
        from reisgids.celery import app

        assert not app.conf.task_always_eager, (
            "the kompas must be drafted by a worker, not in the web process"
        )
        # Nothing queued before the worker starts reaches it: not earlier runs' messages, nor this
        # run's handbrake e-mail, which this test does not follow.
        app.control.purge()
        env = {
            **os.environ,
            "DATABASE_URL": database_url_of_this_test_run(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "reisgids",
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# --- The scene ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Scene:
    """What the story starts from: two organisations in the atlas with their beheerders, a member
    of the initiative who will be partner in residence, and the people with a platform role."""

    theme: object
    area: object
    initiative: object
    partner: object
    initiative_admin: object
    partner_admin: object
    resident: object
    netwerkmanager: object
    contentbeheerder: object
    ambtenaar: object
    bestuurder: object
    gremium: object

    @classmethod
    def build(cls, make_user):
        theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
        area = AreaFactory(name="Feijenoord", slug="feijenoord")
        initiative = OrganisationFactory(
            name="Buurthuis De Esch", slug="buurthuis-de-esch", themes=[theme], areas=[area]
        )
        partner = OrganisationFactory(
            name="Buurtkeuken Zuid",
            slug="buurtkeuken-zuid",
            themes=[theme],
            areas=[area],
            offering="Een warme maaltijd en een plek aan tafel.",
        )

        def member(org, role, **kwargs):
            return ApprovedMembershipFactory(
                organisation=org, role=role, user__roles=[Role.INITIATIEFNEMER], **kwargs
            ).user

        return cls(
            theme=theme,
            area=area,
            initiative=initiative,
            partner=partner,
            initiative_admin=member(initiative, "beheerder", user__name="Ilse Aanjager"),
            partner_admin=member(partner, "beheerder", user__name="Pieter Keuken"),
            resident=member(initiative, "lid", user__name="Rachid Resident"),
            netwerkmanager=make_user(Role.NETWERKMANAGER, name="Nora Netwerk"),
            contentbeheerder=make_user(Role.CONTENTBEHEERDER, name="Carla Content"),
            ambtenaar=make_user(Role.AMBTENAAR, name="Anton Ambtenaar"),
            bestuurder=make_user(Role.BESTUURDER, name="Bea Bestuurder"),
            gremium=GremiumFactory(name="Bestuurlijk overleg zorg", kind="bestuurlijk"),
        )


# --- Deal -----------------------------------------------------------------------------------------


def initiative_finds_a_partner_and_starts_a_deal(page: Page, scene: Scene) -> Deal:
    page.goto("/atlas/zoeken/")
    page.get_by_label("Zoek organisaties, aanspreekpunten, instrumenten en netwerken").fill(
        "buurtkeuken"
    )
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Buurtkeuken Zuid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkeuken Zuid")
    expect(page.get_by_text("Een warme maaltijd en een plek aan tafel.")).to_be_visible()

    page.goto("/deals/starten/")
    page.get_by_label("Namens welke organisatie bent u aanjager?").select_option(
        label="Buurthuis De Esch"
    )
    page.get_by_label("Titel van de deal").fill("Samen aan tafel in Feijenoord")
    page.get_by_label("Gezamenlijk doel in een paar zinnen").fill(
        "Geen buurtbewoner eet nog alleen."
    )
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Wijken en gebieden").select_option(label="Feijenoord")
    page.get_by_label("Doelstelling").fill("Twee keer per week samen eten.")
    page.get_by_label("Samenstelling van de partners").fill("Een buurthuis en een buurtkeuken.")
    page.get_by_label("Inbedding in de wijk of wijken").fill("In Feijenoord, via de huiskamers.")
    page.get_by_label(re.compile(r"^Haalbaarheid")).fill("De keuken en de ruimte zijn er al.")
    page.get_by_label("Te verwachten resultaten").fill("Vijftig buren die elkaar kennen.")
    page.get_by_role("button", name="Opslaan").click()
    said(page, "De deal is gestart.")
    deal = Deal.objects.get(pk=pk_from(page.url, r"/deals/(\d+)/"))

    opened(page, "Een organisatie uitnodigen")
    page.get_by_label("Organisatie uit de atlas").select_option(label="Buurtkeuken Zuid")
    page.get_by_label("Rol", exact=True).select_option(label="Partner")
    page.get_by_role("button", name="Uitnodigen").click()
    said(page, "Buurtkeuken Zuid is uitgenodigd.")
    return deal


def _add_inbreng(page: Page, org: str, kind: str, text: str, hours: str) -> None:
    box = opened(page, f"Inbreng toevoegen namens {org}")
    box.get_by_label("Soort inbreng").select_option(label=kind)
    box.get_by_label("Omschrijving").fill(text)
    box.get_by_label("Uren").fill(hours)
    box.get_by_role("button", name="Inbreng toevoegen").click()
    said(page, "Uw inbreng is toegevoegd.")
    expect(page.get_by_text(text)).to_be_visible()


def partner_joins_and_states_its_inbreng(page: Page, scene: Scene, deal: Deal) -> None:
    page.goto(f"/deals/{deal.pk}/")
    page.get_by_role("button", name="Meedoen namens Buurtkeuken Zuid").click()
    said(page, "U doet mee aan deze deal.")
    _add_inbreng(
        page,
        "Buurtkeuken Zuid",
        "Faciliteiten",
        "De keuken en twee koks op dinsdag en vrijdag.",
        "8",
    )


def initiative_states_its_inbreng_and_plans(page: Page, scene: Scene, deal: Deal) -> None:
    page.goto(f"/deals/{deal.pk}/")
    _add_inbreng(
        page, "Buurthuis De Esch", "Organisatorische inzet", "Vrijwilligers halen buren op.", "6"
    )
    page.get_by_role("button", name="Partners gevonden: het idee uitwerken").click()
    said(page, "De partners werken nu samen het idee uit.")
    page.get_by_label("Waarom geen toetsing?").fill("Kleine deal zonder geld van de gemeente.")
    page.get_by_role("button", name="Toetsing overslaan").click()
    said(page, "de deal is in de planning")

    box = opened(page, "Taak toevoegen")
    box.get_by_label("Partij").select_option(label="Buurtkeuken Zuid (Partner)")
    box.get_by_label("Taak").fill("Menu voor de eerste maand")
    box.get_by_role("button", name="Toevoegen").click()
    said(page, "De taak is toegevoegd.")

    box = opened(page, "Beoogd resultaat toevoegen")
    box.get_by_label("Beoogd resultaat").fill("Minder eenzaamheid")
    box.get_by_label("Indicator", exact=True).fill("Buren die wekelijks meeeten")
    box.get_by_label("Soort indicator").select_option(label="Kwantitatief")
    box.get_by_label("Nulmeting").fill("0")
    box.get_by_label("Streefwaarde").fill("50")
    box.get_by_role("button", name="Toevoegen").click()
    said(page, "Het beoogde resultaat is toegevoegd.")

    box = opened(page, "Procesafspraak toevoegen (ook de schouw)")
    box.get_by_label("Soort afspraak").select_option(label="Schouw")
    box.get_by_label("Afspraak", exact=True).fill(
        "Elk half jaar een open schouw met een peer van buiten."
    )
    box.get_by_label("Hoe vaak een schouw").fill("halfjaarlijks")
    box.get_by_role("button", name="Toevoegen").click()
    said(page, "De procesafspraak is toegevoegd.")

    page.get_by_role("button", name="Plan vastleggen ter ondertekening").click()
    said(page, "Versie 1 ligt klaar om te ondertekenen.")


def both_sign(initiative: Page, partner: Page, scene: Scene, deal: Deal) -> None:
    initiative.get_by_role("button", name="Versie 1 ondertekenen namens Buurthuis De Esch").click()
    said(initiative, "Ondertekend.")
    partner.goto(f"/deals/{deal.pk}/")
    partner.get_by_role("button", name="Versie 1 ondertekenen namens Buurtkeuken Zuid").click()
    said(partner, "Ondertekend.")
    expect(
        partner.get_by_role("heading", name="Versie 1 – door iedereen ondertekend")
    ).to_be_visible()
    expect(partner.locator("[aria-current=step]")).to_have_text("Gesloten")

    deal.refresh_from_db()
    assert deal.status == Deal.Status.GESLOTEN
    signed = Signature.objects.filter(version__deal=deal, version__number=1)
    assert set(signed.values_list("partner__organisation__name", flat=True)) == {
        "Buurthuis De Esch",
        "Buurtkeuken Zuid",
    }


def netwerkmanager_schedules_the_kickoff(page: Page, scene: Scene, deal: Deal) -> None:
    page.goto("/deals/kick-off/")
    expect(page.get_by_role("link", name=deal.title)).to_be_visible()
    page.get_by_label("Titel").fill("Dealdag Zuid")
    page.get_by_label("Datum en tijd").fill(f"{day(14)}T16:00")
    page.get_by_label("Locatie").fill("Stadhuis Rotterdam")
    page.get_by_role("button", name="Kick-off plannen").click()
    said(page, "De gezamenlijke kick-off is gepland.")
    expect(page.get_by_text("Geen deals die wachten op een kick-off.")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Dealdag Zuid, Stadhuis Rotterdam")
    ).to_contain_text(deal.title)

    deal.refresh_from_db()
    assert deal.kickoff_moment is not None and deal.kickoff_location == "Stadhuis Rotterdam"


def initiative_starts_the_deal(page: Page, deal: Deal) -> None:
    page.goto(f"/deals/{deal.pk}/")
    expect(page.get_by_text("Stadhuis Rotterdam (Dealdag Zuid)")).to_be_visible()
    page.get_by_role("button", name="De deal gaat van start").click()
    said(page, "De deal loopt.")


# --- Partner in residence -------------------------------------------------------------------------


def residency_is_proposed_and_confirmed(
    initiative: Page, partner: Page, scene: Scene, deal: Deal
) -> Residency:
    initiative.goto("/partner-in-residence/")
    initiative.get_by_role("link", name=f"Voor de deal ‘{deal.title}’").click()
    initiative.get_by_label("E-mailadres van de partner in residence").fill(scene.resident.email)
    initiative.get_by_label("In naam van").select_option(label="Buurthuis De Esch")
    initiative.get_by_label("Op locatie van").select_option(label="Buurtkeuken Zuid")
    initiative.get_by_label("Startdatum").fill(day(0))
    initiative.get_by_label("Einddatum").fill(day(180))
    initiative.get_by_label("Uren per week").fill("8")
    initiative.get_by_label("Leervragen").fill("Hoe houden we vrijwilligers vast?")
    initiative.get_by_role("button", name="Voorstellen").click()
    said(initiative, "Voorgesteld.")
    residency = Residency.objects.get(pk=pk_from(initiative.url, r"/partner-in-residence/(\d+)/"))

    initiative.get_by_role("button", name="Bevestigen namens mijn organisatie").click()
    said(initiative, "Uw bevestiging is vastgelegd.")
    partner.goto(residency.get_absolute_url())
    partner.get_by_role("button", name="Bevestigen namens mijn organisatie").click()
    said(partner, "Uw bevestiging is vastgelegd.")
    expect(partner.locator(".rg-status").first).to_have_text("Actief")

    residency.refresh_from_db()
    assert residency.status == Residency.Status.ACTIEF
    return residency


def resident_writes_signals_and_pulls_the_handbrake(page: Page, residency: Residency) -> None:
    page.goto(residency.get_absolute_url())
    box = opened(page, "Iets in het logboek zetten")
    box.get_by_label("Soort").select_option(label="Observatie")
    box.get_by_label("Datum").fill(day(0))
    box.get_by_label("Wat zag of deed u?").fill("Drie buren kwamen voor het eerst mee-eten.")
    box.get_by_role("button", name="Opslaan").click()
    said(page, "In het logboek gezet.")
    expect(page.get_by_text("Drie buren kwamen voor het eerst mee-eten.")).to_be_visible()

    box = opened(page, "Een knelpunt aankaarten")
    box.get_by_label("Knelpunt").fill("De keuken mag geen maaltijden meegeven")
    box.get_by_label("Omschrijving").fill("De vergunning staat alleen eten ter plaatse toe.")
    box.get_by_role("button", name="Signaal inbrengen").click()
    said(page, "Het signaal staat bij alle partners.")
    expect(
        page.get_by_role("heading", name="De keuken mag geen maaltijden meegeven")
    ).to_be_visible()

    box = opened(page, "Aan de handrem trekken")
    box.get_by_label("Reden").fill("De vrijwilligers haken af; we moeten eerst samen praten.")
    box.get_by_role("button", name="Deal pauzeren").click()
    said(page, "De deal is gepauzeerd.")
    expect(page.get_by_text("De deal is gepauzeerd", exact=True)).to_be_visible()
    assert Deal.objects.get(pk=residency.deal_id).status == Deal.Status.GEPAUZEERD


def _agree(page: Page, residency: Residency, org: str) -> None:
    page.goto(residency.get_absolute_url())
    form = form_with_button(page, "Akkoord om verder te gaan")
    form.get_by_label("Namens").select_option(label=org)
    form.get_by_label("Toelichting").fill("We hebben het uitgepraat.")
    form.get_by_role("button", name="Akkoord om verder te gaan").click()
    said(page, "Uw akkoord is vastgelegd.")


def partners_agree_and_release_the_handbrake(
    initiative: Page, partner: Page, scene: Scene, residency
) -> None:
    _agree(initiative, residency, "Buurthuis De Esch")
    expect(initiative.get_by_text("Wacht op: Buurtkeuken Zuid")).to_be_visible()
    # The last agreement releases the handbrake at once, whoever gives it.
    _agree(partner, residency, "Buurtkeuken Zuid")
    expect(partner.locator("#handbrake-heading + article")).to_contain_text("Losgelaten")
    expect(partner.get_by_text("De deal is gepauzeerd", exact=True)).to_have_count(0)

    assert Handbrake.objects.get(residency=residency).status == Handbrake.Status.LOSGELATEN
    assert Deal.objects.get(pk=residency.deal_id).status == Deal.Status.LOPEND


# --- Schouw ---------------------------------------------------------------------------------------


def _next_step(page: Page, button: str, message: str) -> None:
    page.get_by_role("button", name=button).click()
    said(page, message)


def _agree_own_criterion(page: Page, round_url: str, name: str) -> None:
    page.goto(round_url)
    item = page.get_by_role("listitem").filter(has_text=name)
    item.get_by_role("button", name="Vaststellen namens mijn organisatie").click()
    said(page, "Het criterium is vastgesteld.")


def schouw_round_runs_its_five_steps(
    resident: Page, initiative: Page, partner: Page, guest: Page, scene: Scene, deal: Deal
) -> SchouwRound:
    # Voorbereiding: the partner in residence organises the round and invites an outside peer.
    resident.goto(f"/deals/{deal.pk}/")
    resident.get_by_role("link", name="Alle schouwrondes van deze deal").click()
    resident.get_by_role("link", name="Nieuwe schouwronde voorbereiden").click()
    resident.get_by_label("Eerste dag").fill(day(0))
    resident.get_by_label("Laatste dag").fill(day(10))
    resident.get_by_label("Locatie").fill("Buurtkeuken Zuid")
    resident.get_by_role("button", name="Voorbereiding starten").click()
    said(resident, "De schouwronde wordt voorbereid.")
    round_url = urlsplit(resident.url).path
    schouw_round = SchouwRound.objects.get(pk=pk_from(round_url, r"/schouw/(\d+)/"))

    box = opened(resident, "Deelnemer namens een partner toevoegen")
    box.get_by_label("Deelnemer namens een partner").select_option(
        label=f"{scene.partner_admin} (Buurtkeuken Zuid)"
    )
    box.get_by_role("button", name="Toevoegen").click()
    said(resident, "De deelnemer doet mee.")

    mail.outbox.clear()
    box = opened(resident, "Peer van buiten of ervaringsdeskundige uitnodigen")
    box.get_by_label("Peer van buiten").check()
    box.get_by_label("Naam").fill("Petra Peer")
    box.get_by_label("E-mailadres").fill("petra.peer@example.org")
    box.get_by_role("button", name="Uitnodigen").click()
    said(resident, "De uitnodiging met de persoonlijke link is verstuurd.")
    shown_link = resident.locator("code").inner_text()
    (invitation,) = [m for m in mail.outbox if m.to == ["petra.peer@example.org"]]
    assert shown_link in invitation.body

    # The peer opens the link on a phone, without an account, and gives consent.
    guest.goto(urlsplit(shown_link).path)
    expect(guest.get_by_role("heading", level=1)).to_have_text("Welkom, Petra Peer")
    guest.get_by_label("Ik heb dit gelezen en doe mee.").check()
    guest.get_by_role("button", name="Meedoen").click()
    said(guest, "Dank u wel. U doet mee aan de schouw.")
    expect(guest.get_by_text("De schouw is nog in voorbereiding.")).to_be_visible()
    assert guest.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the guest page scrolls sideways"
    )

    # 1. Open schouw: the peer records what she saw.
    _next_step(resident, "Open schouw starten", "De open schouw is begonnen.")
    guest.reload()
    guest.get_by_label("Wat zag u?").fill(
        "Buren helpen elkaar met opscheppen; de ruimte is te klein."
    )
    guest.get_by_label("Onverwacht").check()
    guest.get_by_role("button", name="Waarneming vastleggen").click()
    said(guest, "Uw waarneming is vastgelegd.")

    # 2. Meetlat: the peer proposes a criterion per party; each party agrees its own.
    _next_step(resident, "Naar de meetlat", "Nu de meetlat")
    guest.reload()
    for org, name in (
        ("Buurthuis De Esch", "Buren komen terug"),
        ("Buurtkeuken Zuid", "Iedereen eet mee"),
    ):
        box = opened(guest, "Criterium voorstellen")
        box.get_by_label("Voor welke partij?").select_option(label=org)
        box.get_by_label("Criterium").fill(name)
        box.get_by_role("button", name="Voorstellen").click()
        said(guest, "Het criterium is voorgesteld.")
    _agree_own_criterion(initiative, round_url, "Buren komen terug")
    _agree_own_criterion(partner, round_url, "Iedereen eet mee")
    resident.reload()
    for org in ("Buurthuis De Esch", "Buurtkeuken Zuid"):
        box = opened(resident, "Toets op de toezeggingen vastleggen")
        box.get_by_label("Partij").select_option(label=org)
        box.get_by_label("Deels").check()
        box.get_by_label("Toelichting").fill(
            "De uren zijn geleverd, de rol als verbinder nog niet helemaal."
        )
        box.get_by_role("button", name="Vastleggen").click()
        said(resident, "De toets op de toezeggingen is vastgelegd.")

    # 3. Waarderende schouw: the peer appraises every criterion, then sees the others.
    _next_step(resident, "Waarderende schouw starten", "De waarderende schouw is begonnen.")
    guest.reload()
    for criterion in ("Buren komen terug", "Iedereen eet mee"):
        form = guest.locator("form").filter(has=guest.get_by_role("heading", name=criterion))
        form.get_by_label("Zichtbaar", exact=True).check()
        form.get_by_label("Toelichting").fill("Zichtbaar in de wijk, elke week meer.")
        form.get_by_role("button", name="Waardering bewaren").click()
        said(guest, "Uw waardering is bewaard.")
    guest.get_by_role("button", name="Mijn waarderingen indienen").click()
    said(guest, "Uw waarderingen zijn ingediend.")

    # 4. Bespreking: the four questions, and a lesson for a wide audience.
    _next_step(resident, "Naar de bespreking", "De bespreking is begonnen")
    resident.get_by_label("Wat gaat er goed en wat kan nog beter?").fill(
        "Het eten verbindt; de ruimte is krap."
    )
    resident.get_by_label("Wat valt er nog te leren?").fill("Hoe we vrijwilligers vasthouden.")
    resident.get_by_label("Wat is er interessant voor een breder publiek?").fill(
        "Samen koken werkt tegen eenzaamheid."
    )
    resident.get_by_label("Wat zijn de vervolgstappen?").fill("Een derde avond erbij.")
    resident.get_by_role("button", name="Bespreking vastleggen").click()
    said(resident, "De bespreking is vastgelegd.")
    box = opened(resident, "Les opschrijven")
    box.get_by_label("Les over samenwerking").check()
    box.get_by_label("Titel").fill("Een vaste verbinder houdt vrijwilligers vast")
    box.get_by_label("De les").fill(
        "Met een vaste verbinder tussen buurthuis en keuken haakt niemand af."
    )
    box.get_by_label("(Beleids)ambtenaren").check()
    box.get_by_label("Geschreven voor een breed publiek").check()
    box.get_by_role("button", name="Les bewaren").click()
    said(resident, "De les is opgeschreven.")

    # 5. Rapportage: the summary, and the round is finished.
    _next_step(resident, "Naar de rapportage", "Nu de rapportage.")
    resident.get_by_label("Samenvatting").fill(
        "Beide partijen leveren wat ze beloofden; de verbinder is de sleutel."
    )
    resident.get_by_role("button", name="Samenvatting bewaren").click()
    said(resident, "De samenvatting van het rapport is bewaard.")
    _next_step(resident, "Schouw afronden en rapport delen", "De schouw is afgerond")
    expect(resident.locator("[aria-current=step]")).to_have_text("Afgerond")

    schouw_round.refresh_from_db()
    assert schouw_round.status == SchouwRound.Status.AFGEROND
    assert schouw_round.participants.get(name="Petra Peer").observations.count() == 1
    return schouw_round


def partners_publish_the_report(
    initiative: Page, partner: Page, scene: Scene, schouw_round: SchouwRound
) -> None:
    for page, org in ((initiative, "Buurthuis De Esch"), (partner, "Buurtkeuken Zuid")):
        page.goto(schouw_round.get_absolute_url())
        page.get_by_label("Akkoord namens").select_option(label=org)
        page.get_by_role("button", name="Akkoord met publicatie").click()
        said(page, "Uw akkoord met publicatie is vastgelegd.")
    partner.get_by_role("link", name="Openbaar deel").click()
    expect(partner.get_by_text("Een vaste verbinder houdt vrijwilligers vast")).to_be_visible()

    schouw_round.refresh_from_db()
    assert schouw_round.published_at is not None


# --- Kennisbank -----------------------------------------------------------------------------------


def contentbeheerder_curates_the_lesson(
    page: Page, scene: Scene, schouw_round: SchouwRound
) -> Lesson:
    page.goto("/atlas/lessen/")
    page.get_by_role("link", name="Een vaste verbinder houdt vrijwilligers vast").click()
    page.get_by_role("button", name="In redactie nemen").click()
    said(page, "De les is in redactie.")
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Wat werkte").fill("Een vaste verbinder tussen buurthuis en keuken.")
    page.get_by_role("button", name="Opslaan").click()
    said(page, "De les is opgeslagen.")
    page.get_by_role("button", name="Publiceren").click()
    said(page, "De les is gepubliceerd.")
    source = page.get_by_role("main").get_by_role("link", name="Schouw")
    expect(source).to_have_attribute("href", re.compile(rf"/schouw/{schouw_round.pk}/rapport/$"))

    lesson = Lesson.objects.get(source_type="schouw", source_id=str(schouw_round.pk))
    assert lesson.status == Lesson.Status.GEPUBLICEERD
    assert list(lesson.themes.all()) == [scene.theme]
    return lesson


# --- Kompas ---------------------------------------------------------------------------------------


def contentbeheerder_drafts_the_kompas(page: Page, worker: Worker, lesson: Lesson) -> Edition:
    worker.start()
    page.goto("/kompas/")
    page.get_by_role("button", name="Concept nu opstellen of bijwerken").click()
    said(page, "Het kompas wordt opgesteld.")
    # The progress block polls the run until the worker is done, then links to the concept.
    page.get_by_role("link", name="Naar het concept").click(timeout=WORKER_SECONDS)
    # The curated lesson is evidence in the inventory, filed under its theme, with a candidate proposal.
    expect(
        page.get_by_role("row").filter(has=page.get_by_role("link", name=lesson.title))
    ).to_contain_text("Eenzaamheid")
    expect(page.get_by_role("heading", name=re.compile(r": Eenzaamheid$"))).to_be_visible()
    page.get_by_role("button", name="Consultatie openen").click()
    said(page, "De consultatie is geopend.")
    edition = Edition.objects.get(pk=pk_from(page.url, r"/kompas/(\d+)/"))
    assert edition.status == Edition.Status.CONSULTATIE and edition.drafted_at is not None
    return edition


def resident_comments_on_the_kompas(page: Page, edition: Edition) -> None:
    page.goto(edition.get_absolute_url())
    page.get_by_label("Uw reactie").fill("Zonder verbinder was onze deal gestopt.")
    page.get_by_role("button", name="Reageren").click()
    said(page, "Uw reactie is geplaatst.")
    expect(
        page.get_by_role("listitem").filter(has_text="Zonder verbinder was onze deal gestopt.")
    ).to_contain_text("Partner in residence")


def ambtenaar_puts_it_on_the_agenda(page: Page, scene: Scene, edition: Edition) -> None:
    page.goto(edition.get_absolute_url())
    box = opened(page, "Op de agenda van een gremium zetten")
    box.get_by_label("Gremium").select_option(label=str(scene.gremium))
    box.get_by_label("Datum").fill(day(7))
    box.get_by_role("button", name="Agenderen").click()
    said(page, "Het voorstel staat op de agenda.")
    page.get_by_role("button", name="Consultatie sluiten: geagendeerd").click()
    said(page, "De editie is geagendeerd.")


def bestuurder_decides_and_adopts(page: Page, edition: Edition) -> None:
    page.goto(edition.get_absolute_url())
    page.get_by_label("Besluit", exact=True).select_option(label="Aangenomen")
    page.get_by_label("Motivering").fill("Een vaste verbinder per deal wordt de regel.")
    page.get_by_label("Indicator").fill("Deals met een verbinder")
    page.get_by_label("Wie monitort").fill("Cluster Maatschappelijke Ontwikkeling")
    page.get_by_label("Eerste meting uiterlijk").fill(day(90))
    page.get_by_role("button", name="Besluit vastleggen").click()
    said(page, "Het besluit is vastgelegd.")
    page.get_by_role("button", name="Kompas vaststellen").click()
    said(page, "Het kompas is vastgesteld.")

    edition.refresh_from_db()
    assert edition.status == Edition.Status.VASTGESTELD


def the_new_priority_shows_on_the_deal_themes_page(
    page: Page, scene: Scene, edition: Edition
) -> None:
    page.goto(f"/kompas/{edition.pk}/terugkoppeling/")
    page.get_by_role("link", name="Naar de thema's waarop deals welkom zijn").click()
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Eenzaamheid"))
    expect(card).to_contain_text("vastgesteld via Kompas")
    expect(card).to_contain_text(edition.title)

    deal_theme = DealTheme.objects.get(theme=scene.theme)
    assert deal_theme.source == DealTheme.Source.KOMPAS
    assert deal_theme.priority == edition.priorities.get(theme=scene.theme).level


# --- The anonymous visitor ------------------------------------------------------------------------


def visitor_searches_the_atlas_with_a_typo(page: Page) -> None:
    page.goto("/atlas/zoeken/")
    page.get_by_label("Zoek organisaties, aanspreekpunten, instrumenten en netwerken").fill(
        "buurtkeukn"
    )
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("1 resultaat")
    page.get_by_role("link", name="Buurtkeuken Zuid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkeuken Zuid")


def visitor_uses_the_map_and_its_list(page: Page) -> None:
    page.goto("/atlas/organisaties/")
    expect(page.get_by_role("status")).to_contain_text("3 organisaties gevonden")
    listed = page.locator("section[aria-labelledby=list-heading]")
    for name in ("Buurtkeuken Zuid", "Huiskamer Noord", "Stadsbrede Hulplijn"):
        expect(listed.get_by_role("link", name=name)).to_be_visible()
    # Two organisations have a point, the citywide one is in the list only; the gebied is drawn too.
    kaart = page.get_by_role("region", name="Kaart van de organisaties")
    expect(kaart.locator("path.leaflet-interactive")).to_have_count(3)
    page.get_by_label("Thema").select_option(label="Eenzaamheid")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("1 organisatie gevonden")
    expect(kaart.locator("path.leaflet-interactive")).to_have_count(2)


def visitor_reads_the_deal_register(page: Page) -> None:
    page.goto("/deals/")
    expect(page.get_by_role("status")).to_contain_text("1 deal gevonden")
    page.get_by_role("link", name="Samen eten in Feijenoord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen eten in Feijenoord")
    expect(page.get_by_role("link", name="Buurtkeuken Zuid")).to_be_visible()
    assert page.goto("/deals/").ok
    expect(page.get_by_text("Nog geheime deal")).to_have_count(0)


def visitor_searches_the_lessons(page: Page) -> None:
    page.goto("/atlas/lessen/")
    expect(page.get_by_role("status")).to_contain_text("2 lessen gevonden")
    page.get_by_label("Zoeken").fill("koken")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("1 les gevonden")
    page.get_by_role("link", name="Koken verbindt buren").click()
    expect(page.get_by_text("Wie samen kookt, leert de buurt kennen.")).to_be_visible()


def visitor_reads_the_adopted_kompas(page: Page, edition: Edition) -> None:
    page.goto("/kompas/")
    page.get_by_role("link", name="Terugkoppeling: alle voorstellen en besluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Terugkoppeling {edition.title}")
    row = page.get_by_role("row").filter(has_text="Kleine percelen in de inkoop")
    expect(row).to_contain_text("Aangenomen")
    expect(row).to_contain_text("Kleine initiatieven kunnen zo meedingen.")
    expect(page.get_by_role("listitem").filter(has_text="Eenzaamheid")).to_contain_text("Hoog")
