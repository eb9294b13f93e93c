"""The main flows with the keyboard alone: Tab, Shift+Tab, Enter and Space, nothing else.

One walk through the site as a person who does not use a mouse: the skip link, logging in
(first with a wrong password), searching the atlas and opening a result, getting past the map,
and sending a form with a mistake in it. At every stop the focused element must be visibly
marked (an outline or a box shadow), and errors must take focus and be tied to their fields.
"""

from decimal import Decimal

from reisgids.core.roles import Role
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import PASSWORD

MAX_TABS = 80

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || '').trim().slice(0, 60),
    href: el.getAttribute('href'), name: el.getAttribute('name'), visible: outline || shadow,
    inMap: !!el.closest('#atlas-map'), role: el.getAttribute('role'),
    style: [el.matches(':focus'), style.outlineStyle, style.outlineWidth, style.boxShadow].join(' '),
  };
}"""


class Keyboard:
    """Moves focus with Tab only, and remembers every stop where focus was not visible."""

    def __init__(self, page):
        self.page = page
        self.invisible = []
        self.stops = 0

    def focused(self):
        return self.page.evaluate(FOCUS_STATE)

    def tab(self, *, back=False):
        self.page.keyboard.press("Shift+Tab" if back else "Tab")
        state = self.focused()
        self.stops += 1
        if state and not state["visible"]:
            self.invisible.append(f"{self.page.url}: {state}")
        return state

    def follow(self, key="Enter"):
        """Press Enter (or Space) on a link or button and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def tab_to(self, matches, *, back=False):
        for _ in range(MAX_TABS):
            state = self.tab(back=back)
            if state and matches(state):
                return state
        raise AssertionError(f"{self.page.url}: no focusable element found after {MAX_TABS} tabs")


def test_the_main_flows_work_with_the_keyboard_alone(new_person, make_user):
    organisation = OrganisationFactory(
        name="Logeerhuis De Buren",
        slug="logeerhuis-de-buren",
        description="Een logeerhuis waar mantelzorgers hun naaste een paar nachten kunnen laten logeren.",
        latitude=Decimal("51.93300"),
        longitude=Decimal("4.48200"),
    )
    for name, lat in (
        ("Buurtkeuken Afrikaanderwijk", "51.89600"),
        ("Repair Café Oude Noorden", "51.93400"),
    ):
        OrganisationFactory(name=name, latitude=Decimal(lat), longitude=Decimal("4.49000"))
    user = make_user(Role.INITIATIEFNEMER, name="Iris Initiatief")
    ApprovedMembershipFactory(user=user, organisation=organisation, role="beheerder")

    page = new_person(None)
    keys = Keyboard(page)
    page.goto("/")

    # The first Tab reaches the skip link; Enter moves focus to the main content.
    skip = keys.tab()
    assert skip["text"] == "Direct naar de inhoud" and skip["href"] == "#main"
    page.keyboard.press("Enter")
    assert keys.focused()["id"] == "main"

    # Log in from the header: a wrong password first.
    keys.tab_to(lambda s: s["text"] == "Inloggen", back=True)
    keys.follow()
    page.wait_for_url("**/account/login/")
    keys.tab_to(lambda s: s["id"] == "id_username")
    page.keyboard.type(user.email)
    keys.tab()
    page.keyboard.type("niet-het-wachtwoord")
    keys.follow()
    error = keys.focused()
    assert error["role"] == "alert", f"focus after a failed login: {error}"
    assert "klopt niet" in error["text"]
    for field in ("#id_username", "#id_password"):
        assert page.locator(field).get_attribute("aria-invalid") == "true"
        assert page.locator(field).get_attribute("aria-describedby") == "login-error"
    keys.tab_to(lambda s: s["id"] == "id_password")
    page.keyboard.type(PASSWORD)
    keys.follow()
    page.wait_for_url("**/mijn/")

    # Search the atlas and open a result.
    keys.tab_to(lambda s: s["text"] == "Atlas")
    keys.follow()
    page.wait_for_url("**/atlas/organisaties/")
    search = keys.tab_to(lambda s: s["tag"] == "input" and s["name"] == "q")
    assert search
    page.keyboard.type("logeerhuis")
    keys.follow()
    page.wait_for_url("**q=logeerhuis**")
    keys.tab_to(lambda s: s["text"] == "Logeerhuis De Buren")
    keys.follow()
    page.wait_for_url("**/atlas/organisaties/logeerhuis-de-buren/")
    assert page.locator("main h1").inner_text() == "Logeerhuis De Buren"

    # The map: it has a name, the list beside it holds the same organisations, and Tab
    # moves through it and out again (no focus trap).
    page.go_back()
    page.wait_for_url("**q=logeerhuis**")
    keys.tab_to(lambda s: s["name"] == "q")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    keys.tab_to(lambda s: s["text"] == "Zoeken")
    keys.follow("Space")
    page.wait_for_url("**/atlas/organisaties/?q=&**")
    page.locator("#atlas-map .leaflet-interactive").first.wait_for()
    the_map = page.locator("#atlas-map")
    assert the_map.get_attribute("aria-label") == "Kaart van de organisaties"
    assert "De lijst is het toegankelijke alternatief" in page.locator("#map-help").inner_text()
    listed = page.locator(".rg-atlas__list h3 a").all_inner_texts()
    assert set(listed) == {
        "Logeerhuis De Buren",
        "Buurtkeuken Afrikaanderwijk",
        "Repair Café Oude Noorden",
    }
    keys.tab_to(lambda s: s["text"] == listed[0])
    keys.tab_to(lambda s: s["inMap"])
    after_map = keys.tab_to(lambda s: not s["inMap"])
    assert after_map["tag"] in {"a", "button", "input", "select", "textarea"}
    keys.tab_to(lambda s: s["inMap"], back=True)
    assert not keys.tab_to(lambda s: not s["inMap"], back=True)["inMap"]

    # A form with a mistake: sent empty, the error summary takes focus and names the field,
    # which is marked invalid and points at its message.
    keys.tab_to(lambda s: s["text"] == "Atlas", back=True)
    keys.follow()
    keys.tab_to(lambda s: s["text"] == "Vraag en aanbod")
    keys.follow()
    page.wait_for_url("**/vraag-en-aanbod/")
    keys.tab_to(lambda s: (s["href"] or "").endswith("/vraag-en-aanbod/nieuw/"))
    keys.follow()
    page.wait_for_url("**/vraag-en-aanbod/nieuw/")
    keys.tab_to(lambda s: s["tag"] == "button" and s["text"] == "Plaatsen")
    keys.follow()
    summary = keys.focused()
    assert summary["role"] == "alert", f"focus after sending the form with errors: {summary}"
    first_error = page.locator(".rg-error-summary li a").first
    field_id = first_error.get_attribute("href").lstrip("#")
    field = page.locator(f"[id='{field_id}']")
    assert field.get_attribute("aria-invalid") == "true"
    message_id = field.get_attribute("aria-describedby").split()[0]
    message = page.locator(f"[id='{message_id}']").inner_text()
    assert message and message in first_error.inner_text()
    # Enter on the summary's link brings focus to the field.
    keys.tab_to(lambda s: s["href"] == f"#{field_id}")
    page.keyboard.press("Enter")
    assert keys.focused()["id"] == field_id

    assert keys.stops > 30
    assert keys.invisible == [], "focus not visible at:\n" + "\n".join(keys.invisible)
