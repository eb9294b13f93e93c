"""WCAG 2.1 AA with axe-core on the main pages, logged out and logged in, in Dutch and English.

One test builds the demo world once and opens one browser context per person: a visitor, an
initiatiefnemer (aanjager of a deal, partner in residence, beheerder of an organisation), a
partner in a schouw with a round in every step, a bestuurder, and a guest of a schouw on a
phone. Each person scans their pages in Dutch, switches to English with the site's own
language switch and scans them again. Forms are also scanned after being sent empty, in their
error state. All findings are collected into one assertion message: page, rule, impact and
element, so a failing run names everything at once.

axe is loaded with ``add_init_script`` (the DevTools protocol), which the Content-Security-Policy
does not apply to, so the pages are scanned under their real policy.

The English pass also checks the languages: every page says ``<html lang="en">``, and wherever
the Dutch page's title or main heading is a string of the English catalog, the English page
shows its translation (dynamic titles, such as an organisation's name, are left out). Every
page of the site links the accessibility statement in its footer.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from .world import build_world, open_page, wait_until_drawn

AXE_SOURCE = (Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js").read_text()
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""
LANGUAGE_BUTTON = {"nl": "Nederlands", "en": "English"}

CATALOG = Path(settings.BASE_DIR) / "reisgids" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english_catalog():
    """Dutch msgid → English msgstr, for the entries that have a translation of their own."""
    return {
        e.msgid: e.msgstr
        for e in polib.pofile(str(CATALOG))
        if not e.obsolete and not e.msgctxt and e.translated() and e.msgstr != e.msgid
    }


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Logos go to a temporary media folder."""
    settings.MEDIA_ROOT = tmp_path


def switch_language(page, language):
    """The NL/EN switch in the header, as a visitor uses it."""
    page.get_by_role("button", name=LANGUAGE_BUTTON[language]).click()
    page.wait_for_function(f"document.documentElement.lang === '{language}'")


def scan(page, label):
    """axe's WCAG 2.1 A/AA violations on the page, as readable lines."""
    return [
        f"{label}: {v['id']} ({v['impact']}) {v['help']} -> {'; '.join(v['targets'][:5])}"
        for v in page.evaluate(AXE_RUN)
    ]


def visit(page, path, language, label):
    response = page.goto(path)
    assert response is not None and response.ok, (
        f"{label}: HTTP {response.status if response else '-'}"
    )
    wait_until_drawn(page)
    problems = []
    lang = page.evaluate("document.documentElement.lang")
    if lang != language:
        problems.append(f"{label}: <html lang={lang!r}>, expected {language!r}")
    # Every page of the site (not the Open API page, which is Swagger UI) links the statement.
    if (
        page.locator("main#main").count()
        and not page.locator("footer a[href='/toegankelijkheid/']").count()
    ):
        problems.append(f"{label}: no link to the accessibility statement in the footer")
    return problems


def title_and_heading(page):
    title = page.title().rsplit(" – ", 1)[0].strip()
    heading = (
        page.locator("main h1").first.inner_text().strip()
        if page.locator("main h1").count()
        else ""
    )
    return title, heading


def english_problems(page, dutch, catalog, label):
    """The English page shows the catalog's translation of the Dutch page's title and main
    heading, wherever those are catalog strings. Returns (problems, number of checks)."""
    problems, checks = [], 0
    for kind, nl, en in zip(("title", "heading"), dutch, title_and_heading(page), strict=True):
        if nl in catalog:
            checks += 1
            if en != catalog[nl]:
                problems.append(f"{label}: {kind} {en!r}, expected {catalog[nl]!r} (Dutch {nl!r})")
    return problems, checks


def send_empty(page, path):
    """Open a form and send it without filling anything in: the page shows its errors."""
    page.goto(path)
    page.locator("main form").last.locator("[type=submit]").last.click()
    page.wait_for_load_state()


ERROR_STATES = {
    "anonymous": ["login", "register", "password_reset"],
    "initiatiefnemer": ["listing_new", "deal_new"],
}


def test_main_pages_have_no_wcag_21_aa_violations_in_dutch_and_english(
    browser, live_server, transactional_db
):
    world = build_world()
    catalog = english_catalog()
    found, page_problems, scanned, translated = [], [], 0, 0
    dutch = {}
    for key, person in world.people.items():
        page = open_page(browser, live_server, email=person.email or None, axe=AXE_SOURCE)
        for language in ("nl", "en"):
            if language != "nl":
                switch_language(page, language)
            for name, path in person.pages:
                label = f"{person.label} {name} {path} [{language}]"
                page_problems += visit(page, path, language, label)
                if language == "nl":
                    dutch[name] = title_and_heading(page)
                else:
                    problems, checks = english_problems(page, dutch[name], catalog, label)
                    page_problems += problems
                    translated += checks
                found += scan(page, label)
                scanned += 1
            for name in ERROR_STATES.get(key, []):
                send_empty(page, world.urls[name])
                assert page.locator(".utrecht-form-field-error-message, [role=alert]").count(), name
                found += scan(page, f"{person.label} {name} sent empty [{language}]")
                scanned += 1
        page.context.close()

    # A guest of a schouw enters by personal link, on a phone: consent, then the round.
    page = open_page(browser, live_server, phone=True, axe=AXE_SOURCE)
    page.goto(world.guest_link)
    found += scan(page, "gast (telefoon) toestemming [nl]")
    switch_language(page, "en")
    found += scan(page, "gast (telefoon) toestemming [en]")
    page.get_by_role("checkbox").first.check()
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    found += scan(page, "gast (telefoon) schouw [en]")
    switch_language(page, "nl")
    found += scan(page, "gast (telefoon) schouw [nl]")
    scanned += 4
    page.context.close()

    assert scanned > 120
    assert translated > 30, "too few pages with a catalog title or heading to compare"
    assert page_problems == [], "\n".join(page_problems)
    assert found == [], f"{len(found)} violations on {scanned} pages:\n" + "\n".join(found)
