"""The Content-Security-Policy in a real browser: the main pages, the map, the kompas charts
and the Open API page work without a single violation."""

from django.urls import reverse

from reisgids.core.roles import Role
from tests.atlas.factories import OrganisationFactory

# Records every violation the browser reports, from the first script on.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


def test_main_pages_and_the_api_docs_run_without_csp_violations(new_person, make_user):
    OrganisationFactory(name="Buurtkamer Noord", latitude=51.93, longitude=4.47)
    page = new_person(make_user(Role.BESTUURDER))
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))

    for name, ready in [
        ("core:home", "main h1"),
        (
            "atlas:organisation-list",
            "#atlas-map .leaflet-marker-icon, #atlas-map path.leaflet-interactive",
        ),
        ("deals:deal-list", "main h1"),
        ("kompas:dashboard", "main h1"),
        ("api-docs", ".swagger-ui .info .title"),
    ]:
        path = reverse(name)
        page.goto(path)
        page.wait_for_selector(ready, state="attached")
        assert page.evaluate("window.__cspViolations") == [], path

    assert "Reisgids zorg en welzijn API" in page.locator(".swagger-ui .info .title").inner_text()
    assert not [text for text in console if "Content Security Policy" in text]

    # The policy really blocks inline code, and the recorder sees it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert page.evaluate("window.__cspViolations[0]").startswith("script-src")
