"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Each person gets their own browser context (own cookies), as in real life. Playwright's sync
API runs an event loop in this thread, so Django's async-safety check is switched off here
(the test database is only touched from this thread and the live server's thread).
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from reisgids.core.roles import Role
from tests.core.factories import PASSWORD, UserFactory
from tests.waiting import BROWSER_DEADLINE_MS

CHROMIUM = os.environ.get("REISGIDS_CHROMIUM", "/usr/bin/chromium")


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package `chromium`.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files through the staticfiles finders.

    pytest-django only does that when ``django.contrib.staticfiles`` is in INSTALLED_APPS by
    that exact name; we install it under our own AppConfig, so without this the pages would
    load without any CSS or JavaScript (STATIC_ROOT is empty outside production).
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = StaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def new_person(browser, live_server, request, output_path):
    """Open a fresh browser context for a person and log them in (or not, for anonymous).

    Usage: ``page = new_person(user)`` or ``page = new_person(None)``; pass ``phone=True`` for
    a phone-sized viewport. Every page gets the live server as base URL. When the test fails,
    a screenshot and the HTML of every person's page are kept in ``test-results/<test>/``.
    """
    contexts = []

    def open_context(user=None, *, phone=False):
        args = {"base_url": live_server.url}
        if phone:
            args.update(
                {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
            )
        context = browser.new_context(**args)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(BROWSER_DEADLINE_MS)
        if user is not None:
            log_in(page, user)
        return page

    yield open_context
    report = getattr(request.node, "rep_call", None)  # set by pytest-playwright
    if report is not None and report.failed:
        keep_evidence(contexts, Path(output_path))
    for context in contexts:
        context.close()


def keep_evidence(contexts, folder: Path) -> None:
    """What each person saw when the test failed: a full-page screenshot and the page's HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, context in enumerate(contexts, start=1):
        for index, page in enumerate(context.pages, start=1):
            name = f"person-{number}-page-{index}"
            try:
                page.screenshot(path=folder / f"{name}.png", full_page=True)
                (folder / f"{name}.html").write_text(
                    f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8"
                )
            except PlaywrightError:  # a page that crashed or closed still leaves the others
                continue


def log_in(page, user):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


@pytest.fixture
def make_user(transactional_db):
    def make(*roles, **kwargs):
        return UserFactory(roles=list(roles) or [Role.INITIATIEFNEMER], **kwargs)

    return make
