"""The authorization matrix: every role against every named route, GET and writes.

One test per role walks all routes and collects every mismatch into one message, so a failure
lists route, state, method, expected and got at once. Writes are sent only for refused roles,
each in a savepoint that is rolled back, and must leave every table unchanged.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from reisgids.core.roles import Role
from tests.core.factories import UserFactory

from .authz_client import SESSION_ROUTES, make_client, request
from .authz_expectations import ROUTES, SECRETS, render
from .authz_routes import ROLES, WRITE_METHODS, methods_of, route_names, url
from .authz_scenario import Scenario, marked

MATRIX_DOC = Path(settings.BASE_DIR) / "docs" / "authorization-matrix.md"


@pytest.fixture(autouse=True)
def _fast_logins(settings):
    """The matrix logs in ten roles; no lock-out bookkeeping keeps it quick.
    Lock-out has its own tests."""
    settings.AXES_ENABLED = False


def test_every_route_has_exactly_one_expectation():
    names = route_names()
    missing = sorted(names - set(ROUTES))
    stale = sorted(set(ROUTES) - names)
    assert not missing, (
        f"Routes zonder verwachting in tests/security/authz_expectations.py: {missing}"
    )
    assert not stale, f"Verwachtingen voor routes die niet (meer) bestaan: {stale}"


def test_expectations_cover_the_methods_each_route_answers():
    problems = []
    for name, item in ROUTES.items():
        methods = methods_of(name)
        writes = bool(methods & set(WRITE_METHODS))
        for one in item.cases:
            if ("get" in methods) != (one.get is not None):
                problems.append(
                    f"{name} [{one.state}]: GET {'ontbreekt' if one.get is None else 'bestaat niet'}"
                )
            if writes != (one.write is not None):
                problems.append(
                    f"{name} [{one.state}]: schrijven {'ontbreekt' if one.write is None else 'bestaat niet'}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_matrix(role):
    scenario = Scenario()
    client = make_client(scenario, role)
    hidden = [marked(text) for text, readers in SECRETS if role not in readers]
    mismatches, writes = [], 0
    for name in sorted(ROUTES):
        methods = methods_of(name)
        for item in ROUTES[name].cases:
            path = url(name, item.kwargs(scenario) if item.kwargs else None)
            label = f"{name} [{item.state}]" if item.state else name
            own = make_client(scenario, role) if name in SESSION_ROUTES else client
            if item.get is not None:
                expected = item.get.outcome(role)
                got, _changed, response = request(own, "get", path, role=role)
                if got != expected:
                    mismatches.append(f"{label} GET {path}: verwacht {expected}, kreeg {got}")
                seen = [text for text in hidden if text in readable(response)]
                if seen:
                    mismatches.append(
                        f"{label} GET {path}: toont wat deze rol niet mag zien: {seen}"
                    )
            if item.write is not None and role not in item.write.policy.allow:
                expected = item.write.outcome(role)
                body = item.body(scenario) if item.body else None
                for method in sorted(methods & set(WRITE_METHODS) - {"put"}) or ["post"]:
                    writes += 1
                    got, changed, _response = request(
                        own, method, path, role=role, body=body, track=True
                    )
                    if got != expected:
                        mismatches.append(
                            f"{label} {method.upper()} {path}: verwacht {expected}, kreeg {got}"
                        )
                    if changed:
                        mismatches.append(
                            f"{label} {method.upper()} {path}: geweigerd maar schreef in {changed}"
                        )
    assert not mismatches, f"{role}: {len(mismatches)} afwijkingen\n" + "\n".join(mismatches)


def readable(response) -> str:
    """The text of an answer; PDFs are read in test_isolation."""
    if response.get("Content-Type", "").startswith("application/pdf"):
        return ""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.django_db
def test_admin_is_staff_only():
    """The Django admin is left out of the matrix: only staff get in, everyone else goes to its login."""
    scenario = Scenario()
    for role in ROLES:
        response = make_client(scenario, role).get("/beheer/")
        assert response.status_code == 302, (role, response.status_code)
        assert response["Location"].startswith("/beheer/login/"), (role, response["Location"])
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True, roles=[Role.BEHEERDER]))
    assert staff.get("/beheer/").status_code == 200


def test_matrix_document_is_current():
    assert MATRIX_DOC.read_text() == render(), (
        "docs/authorization-matrix.md is verouderd: "
        "python -m tests.security.authz_expectations > docs/authorization-matrix.md"
    )
