"""Property-based test of the whole JSON API against its own OpenAPI schema (schemathesis).

Every operation in ``/api/schema/`` is called in-process through the WSGI application, inside the
test database, with a bounded number of generated examples: valid ones aimed at records that
exist, and invalid ones (wrong types, unknown ids, odd strings). Each response must not be a
server error and must match the schema: a documented status code, its content type and its
body. It runs as a beheerder with a token and as an anonymous caller.
"""

import datetime
import logging
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from deals.models import Deal
from reisgids.core.roles import Role
from reisgids.wsgi import application
from schouw.models import SchouwRound
from tests.atlas.factories import (
    AgreementFactory,
    ApprovedMembershipFactory,
    AreaFactory,
    ContactPointFactory,
    EventFactory,
    InstrumentFactory,
    LessonFactory,
    ListingFactory,
    MembershipFactory,
    NetworkFactory,
    NewsItemFactory,
    OrganisationFactory,
    ServiceFactory,
    StoryFactory,
    ThemeFactory,
    WijkFactory,
)
from tests.core.factories import UserFactory
from tests.deals.factories import (
    DealPartnerFactory,
    DealThemeFactory,
    IntakeFactory,
    KnelpuntFactory,
)
from tests.kompas.factories import KompasEditionFactory, KompasProposalFactory
from tests.residence.factories import (
    LogEntryFactory,
    MeetingFactory,
    ResidencyFactory,
    SignalFactory,
)
from tests.schouw.factories import (
    SchouwObservationFactory,
    SchouwPartnerParticipantFactory,
    SchouwRoundFactory,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_in_test_transaction():
    """Django closes the database connection at the end of every request; inside the test
    transaction that would throw the test data away, so keep it open (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def quiet_request_log():
    """Thousands of refused requests are expected here; keep Django's warning per request out of the output."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def no_throttling(monkeypatch):
    """The API throttles at 120 (anonymous) and 600 (user) requests a minute; this test sends more
    than that on purpose, so throttling is switched off for it (and only for it)."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


def _world():
    """A small Rotterdam: organisations, atlas content, a running deal with a partner in residence,
    a schouw round and a kompas edition in consultatie. Returns path parameters per resource."""
    theme = ThemeFactory(name="Eenzaamheid")
    gebied = AreaFactory(name="Feijenoord", slug="feijenoord")
    wijk = WijkFactory(name="Afrikaanderwijk", slug="afrikaanderwijk", parent=gebied)
    buurtkamer = OrganisationFactory(
        name="Buurtkamer Afrikaanderwijk", themes=[theme], areas=[wijk]
    )
    zorgpartner = OrganisationFactory(name="Zorgcoöperatie Zuid", themes=[theme], areas=[gebied])
    ServiceFactory(organisation=buurtkamer)
    contact_point = ContactPointFactory(organisation=buurtkamer)
    instrument = InstrumentFactory()
    network = NetworkFactory()
    AgreementFactory(network=network)

    beheerder = UserFactory(
        name="Bea Beheer", roles=[Role.BEHEERDER, Role.NETWERKMANAGER, Role.CONTENTBEHEERDER]
    )
    ApprovedMembershipFactory(user=beheerder, organisation=buurtkamer, role="beheerder")
    membership = MembershipFactory(organisation=buurtkamer)

    deal = DealPartnerFactory(
        deal__status=Deal.Status.LOPEND, deal__aanjager=buurtkamer, organisation=zorgpartner
    ).deal
    deal_theme = DealThemeFactory(theme=theme)
    knelpunt = KnelpuntFactory(deal=deal)
    intake = IntakeFactory(submitted_by=beheerder)
    residency = ResidencyFactory(deal=deal, person=beheerder)
    LogEntryFactory(residency=residency)
    MeetingFactory(residency=residency)
    signal = SignalFactory(residency=residency)
    schouw_round = SchouwRoundFactory(deal=deal, status=SchouwRound.Status.OPEN_SCHOUW)
    SchouwPartnerParticipantFactory(round=schouw_round, user=beheerder)
    SchouwObservationFactory(round=schouw_round)
    edition = KompasEditionFactory()
    KompasProposalFactory(edition=edition)

    news = NewsItemFactory(themes=[theme])
    event = EventFactory(themes=[theme], areas=[wijk], registration="platform", capacity=20)
    listing = ListingFactory(organisation=zorgpartner, themes=[theme])
    story = StoryFactory(organisation=buurtkamer, themes=[theme])
    lesson = LessonFactory(themes=[theme], published_at=timezone.now() - datetime.timedelta(days=1))

    token = Token.objects.create(user=beheerder)
    return token.key, {
        "areas": {"slug": wijk.slug},
        "contact-points": {"id": contact_point.pk},
        "deal-themes": {"id": deal_theme.pk},
        "deals": {"id": deal.pk},
        "events": {"slug": event.slug},
        "instruments": {"slug": instrument.slug},
        "intakes": {"id": intake.pk},
        "knelpunten": {"id": knelpunt.pk},
        "kompas": {"id": edition.pk},
        "lessons": {"slug": lesson.slug},
        "listings": {"id": listing.pk},
        "memberships": {"id": membership.pk},
        "networks": {"slug": network.slug},
        "news": {"slug": news.slug},
        "organisations": {"slug": buurtkamer.slug},
        "residencies": {"id": residency.pk, "signal_pk": signal.pk},
        "schouw": {"id": schouw_round.pk},
        "stories": {"slug": story.slug},
        "themes": {"slug": theme.slug},
    }


# Per operation: (caller, kind of examples, how many). "known" examples are valid requests aimed at
# the records of the world (or generated ids where the path has none); "negative" ones break the
# schema on purpose: wrong types, missing fields, odd strings in paths, queries and bodies.
PLAN = [("beheerder", "known", 2), ("beheerder", "negative", 1), ("anoniem", "known", 1)]


def _strategy(operation, known, kind):
    if kind == "negative":
        if not (len(operation.path_parameters) or len(operation.query) or operation.body):
            return None  # nothing to break
        return operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
    names = {p.name for p in operation.path_parameters}
    resource = operation.path.removeprefix("/api/v1/").split("/")[0]
    values = {name: value for name, value in known.get(resource, {}).items() if name in names}
    if names and values.keys() == names:
        return operation.as_strategy(path_parameters=values)
    return operation.as_strategy()


def _examples(strategy, *, examples, headers, counts):
    """Runs `examples` generated requests; raises what the checks found."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        # Each example in a savepoint that is rolled back: every example meets the same world.
        with transaction.atomic():
            response = case.call(headers=headers)
            counts[response.status_code // 100 * 100] += 1
            counts["examples"] += 1
            case.validate_response(response, checks=CHECKS)
            transaction.set_rollback(True)

    run()


def _fuzz(schema, known, headers):
    """Runs every operation by PLAN; returns (operations, statuses per caller, failures)."""
    operations = 0
    statuses = {caller: Counter() for caller in headers}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for caller, kind, examples in PLAN:
            strategy = _strategy(operation, known, kind)
            if strategy is None:
                continue
            try:
                _examples(
                    strategy,
                    examples=examples,
                    headers=headers[caller],
                    counts=statuses[caller],
                )
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(
                    f"{operation.method.upper()} {operation.path} ({caller}, {kind}): {_describe(exc)}"
                )
    return operations, statuses, failures


def _describe(exc):
    parts = exc.exceptions if isinstance(exc, BaseExceptionGroup) else [exc]
    return " | ".join(" ".join(str(part).split())[:400] for part in parts)


def test_api_conforms_to_its_schema(wsgi_in_test_transaction, no_throttling, quiet_request_log):
    token, known = _world()
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_in_test_transaction)
    headers = {"beheerder": {"Authorization": f"Token {token}"}, "anoniem": {}}
    operations, statuses, failures = _fuzz(schema, known, headers)

    print(f"\nschemathesis: {operations} operations of /api/schema/")
    for caller, counts in statuses.items():
        print(
            f"  {caller}: {counts['examples']} examples, 2xx={counts[200]} 3xx={counts[300]} 4xx={counts[400]} "
            f"5xx={counts[500]}"
        )
    print(f"  operations with a failing check: {len(failures)}")
    for failure in failures:
        print("  -", failure)

    assert operations >= 100
    assert statuses["beheerder"][200] >= operations / 2, (
        "too few calls succeeded for the test to mean something"
    )
    assert statuses["beheerder"][500] == statuses["anoniem"][500] == 0
    assert failures == []


def test_an_unknown_api_path_is_a_json_404_and_a_page_stays_html(client):
    for url in [
        "/api/v1/deals/geen-nummer/",
        "/api/v1/areas/met%20spatie/",
        "/api/v1/bestaat-niet/",
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Niet gevonden."}
    page = client.get("/atlas/bestaat-niet/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def _string_properties(schema, request_schema):
    """The string (and list of strings) fields of a request body schema, each holding a NUL."""
    if "$ref" in request_schema:
        request_schema = schema["components"]["schemas"][request_schema["$ref"].rsplit("/", 1)[-1]]
    fields = {}
    for name, prop in request_schema.get("properties", {}).items():
        if prop.get("readOnly"):
            continue
        if prop.get("type") == "string" or "$ref" in prop:
            fields[name] = "a\x00b"
        elif prop.get("type") == "array" and prop.get("items", {}).get("type") == "string":
            fields[name] = ["a\x00b"]
    return fields


def test_a_nul_character_anywhere_is_refused_with_a_dutch_4xx(
    api_client, no_throttling, quiet_request_log
):
    """PostgreSQL cannot hold or compare text with NUL (\\x00): every query parameter, id or slug in
    the path and string field in a body gets it, as beheerder, and the answer is a refusal."""
    token, known = _world()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    nul = "a\x00b"
    tried = refused = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            resource = path.removeprefix("/api/v1/").split("/")[0]
            real = {name: str(value) for name, value in known.get(resource, {}).items()}
            url = path.format_map({**real, "id": real.get("id", "1")}) if "{" in path else path
            calls = []
            if method == "get":
                calls += [
                    {name["name"]: nul}
                    for name in operation.get("parameters", [])
                    if name["in"] == "query"
                ]
            elif "application/json" in operation.get("requestBody", {}).get("content", {}):
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                fields = _string_properties(schema, body)
                if fields:
                    calls.append(fields)
            for data in calls:
                response = getattr(api_client, method)(
                    url, data, format="json" if method != "get" else None
                )
                tried += 1
                # A filter that ignores an unusable value (a yes/no filter) may answer 200.
                assert response.status_code < 500, (method, url, data, response.status_code)
                if response.status_code >= 400:
                    refused += 1
                    assert response.json()["detail"], (method, url)
            if "{" in path:
                response = getattr(api_client, method)(
                    path.replace("{", "").replace("}", "") + "%00/"
                )
                tried += 1
                refused += 1
                assert response.status_code == 404 and response.json() == {
                    "detail": "Niet gevonden."
                }, path
    print(f"\nNUL tried in {tried} requests, {refused} refused with a 4xx and a detail, none a 5xx")
    assert tried > 150 and refused > 100


def test_the_served_schema_documents_the_refusals(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    responses = schema["paths"]["/api/v1/deals/{id}/pause/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(responses)
    assert responses["409"] == {"$ref": "#/components/responses/Conflict"}
    assert "409" not in schema["paths"]["/api/v1/organisations/"]["get"]["responses"]
    geojson = schema["paths"]["/api/v1/atlas.geojson"]["get"]["responses"]["200"]["content"]
    assert list(geojson) == ["application/geo+json"]
