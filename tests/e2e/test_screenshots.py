"""Screenshots of the main pages, in Dutch, on a desktop (1280×800) and a phone (375×667).

``make screenshots`` sets REISGIDS_SCREENSHOTS=docs/screenshots and the PNGs land there, for
the README and the user guide; otherwise they go to a temporary folder and the test only checks
that every page can be pictured. The world is the demo data (see world.py).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from .world import build_world, open_page, wait_until_drawn

DESKTOP = (1280, 800)
PHONE = (375, 667)

# file name: (person, page)
SHOTS = {
    "home": ("anonymous", "home"),
    "atlas": ("anonymous", "atlas"),
    "organisatie": ("anonymous", "organisation"),
    "netwerk": ("anonymous", "network"),
    "nieuws": ("anonymous", "news"),
    "agenda": ("anonymous", "agenda"),
    "vraag-en-aanbod": ("anonymous", "listings"),
    "kennisbank": ("anonymous", "lessons"),
    "deals": ("anonymous", "deals"),
    "deal": ("anonymous", "deal"),
    "kompas": ("anonymous", "edition"),
    "inloggen": ("anonymous", "login"),
    "mijn-reisgids": ("initiatiefnemer", "dashboard"),
    "deal-starten": ("initiatiefnemer", "deal_new"),
    "partner-in-residence": ("initiatiefnemer", "residency"),
    "schouw": ("schouw", "round_open_schouw"),
    "schouw-rapport": ("schouw", "report"),
    "kompas-bestuur": ("bestuurder", "board"),
}
PHONE_SHOTS = {
    "telefoon-atlas": ("anonymous", "search"),
    "telefoon-deal": ("anonymous", "deal"),
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def output_folder(tmp_path):
    folder = os.environ.get("REISGIDS_SCREENSHOTS")
    if not folder:
        return tmp_path / "screenshots"
    path = Path(folder)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def shoot(page, path, target):
    page.goto(path)
    wait_until_drawn(page)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(target), animations="disabled", caret="hide")


def test_screenshots_of_the_main_pages(browser, live_server, transactional_db, tmp_path):
    world = build_world()
    folder = output_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for phone, shots in ((False, SHOTS), (True, PHONE_SHOTS)):
        for key in dict.fromkeys(person for person, _page in shots.values()):
            page = open_page(
                browser, live_server, email=world.people[key].email or None, phone=phone
            )
            page.set_viewport_size(
                dict(zip(("width", "height"), PHONE if phone else DESKTOP, strict=True))
            )
            for name, (person, url_name) in shots.items():
                if person == key:
                    shoot(page, world.urls[url_name], folder / f"{name}.png")
                    expected[name] = PHONE if phone else DESKTOP
            page.context.close()

    # The schouw's guest, on a phone: the personal link, consent, then the round.
    page = open_page(browser, live_server, phone=True)
    page.goto(world.guest_link)
    page.get_by_role("checkbox").first.check()
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()
    page.screenshot(
        path=str(folder / "telefoon-schouw-gast.png"), animations="disabled", caret="hide"
    )
    expected["telefoon-schouw-gast"] = PHONE
    page.context.close()

    for name, size in expected.items():
        with Image.open(folder / f"{name}.png") as image:
            assert image.format == "PNG", name
            assert image.size == size, name
            image.verify()
    assert len(expected) == len(SHOTS) + len(PHONE_SHOTS) + 1
