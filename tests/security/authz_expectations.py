"""The authorization matrix as data: for every named route, how to build its URL from the
scenario (``authz_scenario.Scenario``) and, per role, the expected answer to a GET and to a write.

A policy names who is let in; ``.refused(...)`` says what everybody else gets: the default for
logged-in roles first, then the exceptions per role. The anonymous visitor and the guest get
``LOGIN`` unless stated otherwise. For writes the allowed roles are not sent (the app tests cover
successful writes); every refused role is sent and must leave the database unchanged.

``python -m tests.security.authz_expectations > docs/authorization-matrix.md`` writes the
documentation; a test checks that the committed file is up to date.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .authz_routes import (
    EXCLUDED_NAMES,
    EXCLUDED_NAMESPACES,
    FORBIDDEN,
    GUEST_TOKEN,
    INVALID,
    LOGIN,
    NOT_FOUND,
    OK,
    OUTCOME_DESCRIPTIONS,
    REFUSED,
    ROLE_DESCRIPTIONS,
    ROLES,
)

OUTSIDERS = ("anonymous", "guest")


@dataclass(frozen=True)
class Expectation:
    policy: "Policy"
    refusals: tuple[tuple[str, str], ...]

    def outcome(self, role: str) -> str:
        return OK if role in self.policy.allow else dict(self.refusals)[role]

    def refused_roles(self) -> list[str]:
        return [role for role in ROLES if role not in self.policy.allow]

    def describe(self) -> str:
        if not self.refusals:
            return self.policy.name
        groups: dict[str, list[str]] = {}
        for role, outcome in self.refusals:
            groups.setdefault(outcome, []).append(role)
        rest = "; ".join(f"{outcome}: {', '.join(roles)}" for outcome, roles in groups.items())
        return f"{self.policy.name} (anderen: {rest})"


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    allow: frozenset

    def __init__(self, name, description, allow):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "allow", frozenset(allow))
        unknown = self.allow - set(ROLES)
        assert not unknown, unknown

    def refused(self, default: str = NOT_FOUND, **per_role: str) -> Expectation:
        refusals = []
        for role in ROLES:
            if role in self.allow:
                assert role not in per_role, f"{role} is allowed by {self.name}"
                continue
            standard = LOGIN if role in OUTSIDERS else default
            refusals.append((role, per_role.get(role, standard)))
        return Expectation(self, tuple(refusals))


@dataclass(frozen=True)
class Case:
    state: str
    kwargs: Callable | None
    get: Expectation | None
    write: Expectation | None
    body: Callable | None = None


@dataclass(frozen=True)
class Route:
    cases: tuple[Case, ...] = field(default_factory=tuple)


def route(kwargs=None, get=None, write=None, body=None, state=""):
    """One route in one state. ``get``/``write`` take an Expectation, or a Policy that refuses no one."""
    return Route((case(state, kwargs, get, write, body),))


def case(state, kwargs=None, get=None, write=None, body=None):
    return Case(state, kwargs, _expectation(get), _expectation(write), body)


def states(*cases):
    return Route(tuple(cases))


def _expectation(value):
    if value is None or isinstance(value, Expectation):
        return value
    return value.refused()


# --- Policies: who is let in ---------------------------------------------------------------

AGENDA_KEEPERS = Policy(
    "agenda-keepers",
    "Wie de agenda van de gremia bijhoudt: ambtenaar, bestuurder, beheerder.",
    {"ambtenaar", "bestuurder", "beheerder"},
)
BESTUURDERS = Policy("bestuurders", "Alleen bestuurders.", {"bestuurder"})
CURATORS = Policy(
    "curators",
    "Curatoren: contentbeheerder, netwerkmanager, beheerder.",
    {"contentbeheerder", "netwerkmanager", "beheerder"},
)
DEAL_MANAGERS = Policy(
    "deal-managers",
    "Beheerders van organisatie A (de aanjager) en netwerkstaf.",
    {"member_a", "netwerkmanager", "beheerder"},
)
DEAL_WORK = Policy(
    "deal-work", "Leden van de dealpartners en de partner in residence.", {"member_a", "resident"}
)
EDITORS = Policy(
    "editors", "Contentbeheerder en beheerder (redactie).", {"contentbeheerder", "beheerder"}
)
EVENT_MANAGERS = Policy(
    "event-managers",
    "Maker of organisator, redactie en netwerkmanager.",
    {"member_a", "contentbeheerder", "netwerkmanager", "beheerder"},
)
GREMIUM_MANAGERS = Policy(
    "gremium-managers", "Bestuurder en beheerder.", {"bestuurder", "beheerder"}
)
GUEST_LINK = Policy("guest-link", "Alleen de gast met een geldige persoonlijke link.", {"guest"})
INTAKE_HANDLERS = Policy(
    "intake-handlers", "Ambtenaren en netwerkstaf.", {"ambtenaar", "netwerkmanager", "beheerder"}
)
KNELPUNT_READERS = Policy(
    "knelpunt-readers",
    "Dealpartners, ambtenaren, bestuurders en netwerkstaf.",
    {"member_a", "ambtenaar", "bestuurder", "netwerkmanager", "beheerder"},
)
KOMPAS_PREPARERS = Policy(
    "kompas-preparers",
    "Opstellers van het kompas: ambtenaar, contentbeheerder, beheerder.",
    {"ambtenaar", "contentbeheerder", "beheerder"},
)
KOMPAS_TEAM = Policy(
    "kompas-team",
    "Opstellers van het kompas (ambtenaar, contentbeheerder, beheerder) en bestuurders.",
    {"ambtenaar", "contentbeheerder", "bestuurder", "beheerder"},
)
LISTING_MANAGERS = Policy(
    "listing-managers",
    "Leden van de plaatsende organisatie en de redactie.",
    {"member_a", "contentbeheerder", "beheerder"},
)
LOGGED_IN = Policy(
    "logged-in",
    "Iedereen met een account.",
    {
        "member_a",
        "member_b",
        "ambtenaar",
        "contentbeheerder",
        "bestuurder",
        "netwerkmanager",
        "beheerder",
        "resident",
    },
)
LOGGED_IN_OR_GUEST = Policy(
    "logged-in-or-guest",
    "Iedereen met een account, en de gast (die alleen zijn eigen ronde ziet).",
    {
        "member_a",
        "member_b",
        "ambtenaar",
        "contentbeheerder",
        "bestuurder",
        "netwerkmanager",
        "beheerder",
        "resident",
        "guest",
    },
)
NETWORK_STAFF = Policy(
    "network-staff", "Netwerkmanager en beheerder.", {"netwerkmanager", "beheerder"}
)
NOBODY = Policy(
    "nobody", "Niemand in deze staat (het object is er niet, of nog niet openbaar).", set()
)
OWN_ORGANISATION = Policy(
    "own-organisation", "Alleen de eigen organisatie (A) of de eigen persoon.", {"member_a"}
)
OWN_OR_HANDLERS = Policy(
    "own-or-handlers",
    "De eigen organisatie (aanjager of indiener), ambtenaren en netwerkstaf.",
    {"member_a", "ambtenaar", "netwerkmanager", "beheerder"},
)
PUBLIC = Policy(
    "public",
    "Iedereen, ook zonder account.",
    {
        "anonymous",
        "member_a",
        "member_b",
        "ambtenaar",
        "contentbeheerder",
        "bestuurder",
        "netwerkmanager",
        "beheerder",
        "resident",
        "guest",
    },
)
RESIDENCY_READERS = Policy(
    "residency-readers",
    "Dealpartners, de partner in residence en netwerkstaf (netwerkstaf ziet alleen de samenvatting).",
    {"member_a", "netwerkmanager", "beheerder", "resident"},
)
RESIDENT = Policy("resident", "Alleen de partner in residence zelf.", {"resident"})
NEWS_DRAFT_READERS = Policy(
    "news-draft-readers",
    "De schrijver van het voorstel en de redactie.",
    {"member_a", "contentbeheerder", "beheerder"},
)
LESSON_DRAFT_READERS = Policy(
    "lesson-draft-readers",
    "Wie de les voorstelde en de redactie.",
    {"member_a", "contentbeheerder", "beheerder"},
)
NOT_OWN_ORGANISATION = Policy(
    "not-own-organisation",
    "Iedereen met een account behalve de eigen organisatie (niet reageren op de eigen vraag).",
    {
        "member_b",
        "ambtenaar",
        "contentbeheerder",
        "bestuurder",
        "netwerkmanager",
        "beheerder",
        "resident",
    },
)
PLATFORM_BEHEERDER = Policy("platform-beheerder", "Alleen de platformbeheerder.", {"beheerder"})
ROUND_PARTICIPANTS = Policy(
    "round-participants",
    "Deelnemers van de ronde: het lid van A dat meedoet en de gast.",
    {"member_a", "guest"},
)
SCHOUW_ROUND = Policy(
    "schouw-round",
    "Dealpartners, de partner in residence en de gast van deze ronde.",
    {"member_a", "resident", "guest"},
)


# --- Routes ---------------------------------------------------------------------------------

ROUTES = {
    "core:home": route(get=PUBLIC),
    "core:register": route(get=PUBLIC, write=PUBLIC),
    "core:my-data": route(get=LOGGED_IN, write=LOGGED_IN),
    "core:my-data-export": route(get=LOGGED_IN),
    "core:audit-list": route(get=PLATFORM_BEHEERDER.refused(FORBIDDEN)),
    "core:accessibility": route(get=PUBLIC),
    "core:privacy": route(get=PUBLIC),
    "core:web-manifest": route(get=PUBLIC),
    "dashboard": route(get=LOGGED_IN),
    "atlas:organisation-list": route(get=PUBLIC),
    "atlas:organisation-csv": route(get=PUBLIC),
    "atlas:organisation-detail": route(kwargs=lambda s: {"slug": s.org_a.slug}, get=PUBLIC),
    "atlas:organisation-update": route(
        kwargs=lambda s: {"slug": s.org_a.slug},
        get=DEAL_MANAGERS.refused(NOT_FOUND),
        write=DEAL_MANAGERS.refused(NOT_FOUND),
    ),
    "atlas:organisation-propose": route(
        kwargs=lambda s: {"slug": s.org_a.slug},
        get=OWN_ORGANISATION.refused(FORBIDDEN),
        write=OWN_ORGANISATION.refused(FORBIDDEN),
        body=lambda s: {"description": "Matrix", "offering": "Matrix"},
    ),
    "atlas:organisation-verify": route(
        kwargs=lambda s: {"slug": s.org_a.slug}, write=CURATORS.refused(REFUSED)
    ),
    "atlas:organisation-merge": route(
        kwargs=lambda s: {"slug": s.org_a.slug},
        write=CURATORS.refused(REFUSED),
        body=lambda s: {"keep": s.org_b.pk},
    ),
    "atlas:membership-request": route(kwargs=lambda s: {"slug": s.org_a.slug}, write=LOGGED_IN),
    "atlas:proposal-decide": route(
        kwargs=lambda s: {"pk": s.change_proposal.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "atlas:contactpoint-list": route(get=PUBLIC),
    "atlas:contactpoint-csv": route(get=PUBLIC),
    "atlas:instrument-list": route(get=PUBLIC),
    "atlas:instrument-csv": route(get=PUBLIC),
    "atlas:instrument-detail": route(kwargs=lambda s: {"slug": s.instrument.slug}, get=PUBLIC),
    "atlas:network-list": route(get=PUBLIC),
    "atlas:network-detail": route(kwargs=lambda s: {"slug": s.network.slug}, get=PUBLIC),
    "atlas:search": route(get=PUBLIC),
    "atlas:radar": route(get=LOGGED_IN),
    "atlas:radar-create": route(write=LOGGED_IN),
    "atlas:radar-delete": route(
        kwargs=lambda s: {"pk": s.saved_search.pk}, write=OWN_ORGANISATION.refused(NOT_FOUND)
    ),
    "atlas:membership-list": route(get=LOGGED_IN),
    "atlas:membership-decide": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "atlas:membership-end": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "atlas:news-list": route(get=PUBLIC),
    "atlas:news-rss": route(get=PUBLIC),
    "atlas:news-atom": route(get=PUBLIC),
    "atlas:news-create": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:news-detail": states(
        case("gepubliceerd", lambda s: {"slug": s.news_published.slug}, get=PUBLIC),
        case(
            "voorgesteld",
            lambda s: {"slug": s.news_concept.slug},
            get=NEWS_DRAFT_READERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "atlas:news-decide": route(
        kwargs=lambda s: {"slug": s.news_concept.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=REFUSED),
    ),
    "atlas:event-list": route(get=PUBLIC),
    "atlas:agenda-ics": route(get=PUBLIC),
    "atlas:event-create": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:event-detail": route(kwargs=lambda s: {"slug": s.event.slug}, get=PUBLIC),
    "atlas:event-ics": route(kwargs=lambda s: {"slug": s.event.slug}, get=PUBLIC),
    "atlas:event-sign-up": route(kwargs=lambda s: {"slug": s.event.slug}, write=LOGGED_IN),
    "atlas:event-cancel": route(
        kwargs=lambda s: {"slug": s.event.slug}, write=EVENT_MANAGERS.refused(REFUSED)
    ),
    "atlas:listing-list": route(get=PUBLIC),
    "atlas:listing-create": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:listing-detail": states(
        case("open", lambda s: {"pk": s.listing_open.pk}, get=PUBLIC),
        case(
            "ingetrokken",
            lambda s: {"pk": s.listing_withdrawn.pk},
            get=LISTING_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "atlas:listing-respond": route(kwargs=lambda s: {"pk": s.listing_open.pk}, write=LOGGED_IN),
    "atlas:listing-close": route(
        kwargs=lambda s: {"pk": s.listing_open.pk}, write=LISTING_MANAGERS.refused(REFUSED)
    ),
    "atlas:story-list": route(get=PUBLIC),
    "atlas:story-create": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:moderation": route(get=EDITORS.refused(NOT_FOUND), write=NOBODY.refused(NOT_FOUND)),
    "atlas:story-detail": route(kwargs=lambda s: {"slug": s.story.slug}, get=PUBLIC),
    "atlas:story-comment": route(kwargs=lambda s: {"slug": s.story.slug}, write=LOGGED_IN),
    "atlas:story-report": route(kwargs=lambda s: {"slug": s.story.slug}, write=LOGGED_IN),
    "atlas:lesson-list": route(get=PUBLIC),
    "atlas:lesson-propose": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:lesson-detail": states(
        case("gepubliceerd", lambda s: {"slug": s.lesson_published.slug}, get=PUBLIC),
        case(
            "voorgesteld",
            lambda s: {"slug": s.lesson_draft.slug},
            get=LESSON_DRAFT_READERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "atlas:lesson-edit": route(
        kwargs=lambda s: {"slug": s.lesson_draft.slug},
        get=EDITORS.refused(NOT_FOUND),
        write=EDITORS.refused(NOT_FOUND),
    ),
    "atlas:lesson-decide": route(
        kwargs=lambda s: {"slug": s.lesson_draft.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=REFUSED),
    ),
    "atlas:follow-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "atlas:follow-toggle": route(
        kwargs=lambda s: {"kind": "organisation", "slug": s.org_a.slug}, write=LOGGED_IN
    ),
    "atlas:notification-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "deals:deal-list": route(get=PUBLIC),
    "deals:deal-create": route(get=LOGGED_IN, write=LOGGED_IN),
    "deals:theme-list": route(
        get=PUBLIC,
        write=NETWORK_STAFF.refused(REFUSED),
        body=lambda s: {
            "theme": s.theme.pk,
            "priority": s.deal_theme.priority,
            "period_start": "2030-01-01",
        },
    ),
    "deals:template": route(
        get=LOGGED_IN,
        write=NETWORK_STAFF.refused(REFUSED),
        body=lambda s: {"label": "Matrix", "position": 0},
    ),
    "deals:kickoff": route(get=LOGGED_IN, write=LOGGED_IN),
    "deals:workspace": route(get=NETWORK_STAFF.refused(FORBIDDEN)),
    "deals:knelpunt-list": route(get=LOGGED_IN),
    "deals:knelpunt-move": route(
        kwargs=lambda s: {"pk": s.knelpunt.pk, "action": "take-up"},
        write=OWN_OR_HANDLERS.refused(NOT_FOUND, bestuurder=REFUSED),
    ),
    "deals:intake-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "deals:intake-detail": route(
        kwargs=lambda s: {"pk": s.intake.pk},
        get=OWN_OR_HANDLERS.refused(NOT_FOUND),
        write=NOBODY.refused(NOT_FOUND),
    ),
    "deals:deal-detail": states(
        case(
            "idee (prive)",
            lambda s: {"pk": s.deal_private.pk},
            get=DEAL_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
        case("lopend (openbaar)", lambda s: {"pk": s.deal_running.pk}, get=PUBLIC),
    ),
    "deals:deal-edit": route(
        kwargs=lambda s: {"pk": s.deal_private.pk},
        get=DEAL_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        write=DEAL_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "deals:version-diff": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        get=NOBODY.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "deals:checkin": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        get=OWN_ORGANISATION.refused(FORBIDDEN),
        write=OWN_ORGANISATION.refused(FORBIDDEN),
        body=lambda s: {"status": "op_koers"},
    ),
    "deals:deal-action": route(
        kwargs=lambda s: {"pk": s.deal_private.pk, "action": "stop"},
        write=DEAL_MANAGERS.refused(NOT_FOUND),
    ),
    "residence:residency-list": route(get=LOGGED_IN),
    "residence:opening-create": route(write=LOGGED_IN),
    "residence:opening-close": route(
        kwargs=lambda s: {"pk": s.opening.pk}, write=DEAL_MANAGERS.refused(REFUSED)
    ),
    "residence:residency-create": route(
        kwargs=lambda s: {"deal_pk": s.deal_running.pk},
        get=DEAL_MANAGERS.refused(NOT_FOUND),
        write=DEAL_MANAGERS.refused(NOT_FOUND),
    ),
    "residence:residency-detail": route(
        kwargs=lambda s: {"pk": s.residency.pk}, get=RESIDENCY_READERS.refused(NOT_FOUND)
    ),
    "residence:residency-confirm": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=OWN_ORGANISATION.refused(
            NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED, resident=REFUSED
        ),
    ),
    "residence:residency-end": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=DEAL_WORK.refused(NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED),
    ),
    "residence:log-create": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=RESIDENT.refused(
            NOT_FOUND, member_a=REFUSED, netwerkmanager=REFUSED, beheerder=REFUSED
        ),
        body=lambda s: {"kind": "observatie", "date": "2030-01-01", "text": "Matrix"},
    ),
    "residence:meeting-create": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=DEAL_WORK.refused(NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED),
        body=lambda s: {"starts_at": "2030-01-01T10:00", "agenda": "Matrix"},
    ),
    "residence:meeting-record": route(
        kwargs=lambda s: {"pk": s.residency.pk, "mpk": s.meeting.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"notes": "Matrix"},
    ),
    "residence:action-create": route(
        kwargs=lambda s: {"pk": s.residency.pk, "mpk": s.meeting.pk},
        write=DEAL_WORK.refused(NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED),
    ),
    "residence:action-done": route(
        kwargs=lambda s: {"pk": s.residency.pk, "apk": s.action.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
    ),
    "residence:signal-raise": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=RESIDENT.refused(
            NOT_FOUND, member_a=REFUSED, netwerkmanager=REFUSED, beheerder=REFUSED
        ),
        body=lambda s: {"title": "Matrix", "description": "Matrix"},
    ),
    "residence:signal-respond": route(
        kwargs=lambda s: {"pk": s.residency.pk, "spk": s.signal.pk},
        write=OWN_ORGANISATION.refused(
            NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED, resident=REFUSED
        ),
    ),
    "residence:signal-close": route(
        kwargs=lambda s: {"pk": s.residency.pk, "spk": s.signal.pk},
        write=OWN_ORGANISATION.refused(
            NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED, resident=REFUSED
        ),
    ),
    "residence:signal-register": route(
        kwargs=lambda s: {"pk": s.residency.pk, "spk": s.signal.pk},
        write=DEAL_WORK.refused(NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED),
    ),
    "residence:handbrake-pull": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=RESIDENT.refused(
            NOT_FOUND, member_a=REFUSED, netwerkmanager=REFUSED, beheerder=REFUSED
        ),
        body=lambda s: {"reason": "Matrix"},
    ),
    "residence:handbrake-agree": route(
        kwargs=lambda s: {"pk": s.residency.pk, "hpk": s.handbrake.pk},
        write=OWN_ORGANISATION.refused(
            NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED, resident=REFUSED
        ),
    ),
    "residence:handbrake-meeting": route(
        kwargs=lambda s: {"pk": s.residency.pk, "hpk": s.handbrake.pk},
        write=DEAL_WORK.refused(NOT_FOUND, netwerkmanager=REFUSED, beheerder=REFUSED),
    ),
    "residence:handbrake-release": route(
        kwargs=lambda s: {"pk": s.residency.pk, "hpk": s.handbrake.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
    ),
    "residence:activity-create": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=RESIDENT.refused(
            NOT_FOUND, member_a=REFUSED, netwerkmanager=REFUSED, beheerder=REFUSED
        ),
        body=lambda s: {"kind": "workshop", "title": "Matrix", "starts_at": "2030-01-01T10:00"},
    ),
    "residence:reflection-write": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=RESIDENT.refused(
            NOT_FOUND, member_a=REFUSED, netwerkmanager=REFUSED, beheerder=REFUSED
        ),
        body=lambda s: {"moment": "tussentijds", "text": "Matrix"},
    ),
    "residence:reflection-propose": route(
        kwargs=lambda s: {"pk": s.residency.pk, "rpk": s.reflection.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
    ),
    "schouw:round-list": route(get=LOGGED_IN),
    "schouw:deal-rounds": route(
        kwargs=lambda s: {"deal_pk": s.deal_running.pk}, get=DEAL_WORK.refused(NOT_FOUND)
    ),
    "schouw:round-create": route(
        kwargs=lambda s: {"deal_pk": s.deal_running.pk},
        get=DEAL_WORK.refused(NOT_FOUND),
        write=DEAL_WORK.refused(NOT_FOUND),
    ),
    "schouw:guest-round": route(
        get=GUEST_LINK.refused(NOT_FOUND, anonymous=NOT_FOUND),
        write=GUEST_LINK.refused(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    "schouw:guest-leave": route(write=PUBLIC),
    "schouw:guest-enter": route(kwargs=lambda s: {"token": GUEST_TOKEN}, get=PUBLIC),
    "schouw:round-detail": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "schouw:round-transition": route(
        kwargs=lambda s: {"pk": s.round.pk, "step": "meetlat"},
        write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED),
    ),
    "schouw:round-update": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:member-add": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:guest-invite": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:guest-renew": route(
        kwargs=lambda s: {"pk": s.round.pk, "ppk": s.guest.pk},
        write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED),
    ),
    "schouw:guest-revoke": route(
        kwargs=lambda s: {"pk": s.round.pk, "ppk": s.guest.pk},
        write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED),
    ),
    "schouw:observation-create": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "schouw:observation-photo": route(
        kwargs=lambda s: {"pk": s.round.pk, "opk": s.observation.pk},
        get=NOBODY.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "schouw:criterion-propose": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "schouw:criterion-agree": route(
        kwargs=lambda s: {"pk": s.round.pk, "cpk": s.criterion.pk},
        write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED),
    ),
    "schouw:criterion-withdraw": route(
        kwargs=lambda s: {"pk": s.round.pk, "cpk": s.criterion.pk},
        write=SCHOUW_ROUND.refused(NOT_FOUND),
    ),
    "schouw:commitment-check": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:appraisal-record": route(
        kwargs=lambda s: {"pk": s.round.pk, "cpk": s.criterion.pk},
        write=SCHOUW_ROUND.refused(NOT_FOUND),
    ),
    "schouw:appraisals-submit": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "schouw:appraisals-reveal": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:discussion-record": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:advice-record": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:agreements-apply": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:follow-up-start": route(
        kwargs=lambda s: {"pk": s.round_done.pk}, write=DEAL_WORK.refused(NOT_FOUND)
    ),
    "schouw:lesson-create": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:report-write": route(
        kwargs=lambda s: {"pk": s.round.pk}, write=DEAL_WORK.refused(NOT_FOUND, guest=REFUSED)
    ),
    "schouw:round-report": route(
        kwargs=lambda s: {"pk": s.round_done.pk},
        get=DEAL_WORK.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "schouw:round-report-pdf": route(
        kwargs=lambda s: {"pk": s.round_done.pk},
        get=DEAL_WORK.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "schouw:publication-agree": route(
        kwargs=lambda s: {"pk": s.round_done.pk}, write=DEAL_WORK.refused(NOT_FOUND)
    ),
    "schouw:public-report": route(
        kwargs=lambda s: {"pk": s.round_done.pk},
        get=NOBODY.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
    ),
    "kompas:edition-list": route(get=PUBLIC),
    "kompas:draft-start": route(write=KOMPAS_PREPARERS.refused(REFUSED)),
    "kompas:draft-run": route(
        kwargs=lambda s: {"pk": s.draft_run.pk}, get=KOMPAS_TEAM.refused(NOT_FOUND)
    ),
    "kompas:dashboard": route(get=KOMPAS_TEAM.refused(FORBIDDEN)),
    "kompas:report-pdf": route(get=KOMPAS_TEAM.refused(FORBIDDEN)),
    "kompas:gremium-list": route(
        get=LOGGED_IN,
        write=GREMIUM_MANAGERS.refused(REFUSED),
        body=lambda s: {"name": "Matrix", "kind": "ambtelijk", "position": 0},
    ),
    "kompas:edition-detail": states(
        case(
            "concept",
            lambda s: {"pk": s.edition_concept.pk},
            get=KOMPAS_TEAM.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
        case("vastgesteld", lambda s: {"pk": s.edition_adopted.pk}, get=PUBLIC),
    ),
    "kompas:feedback": route(kwargs=lambda s: {"pk": s.edition_adopted.pk}, get=PUBLIC),
    "kompas:edition-action": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk, "action": "consultation"},
        write=KOMPAS_PREPARERS.refused(NOT_FOUND, bestuurder=REFUSED),
    ),
    "login": route(get=PUBLIC, write=PUBLIC),
    "logout": route(write=PUBLIC),
    "password_change": route(get=LOGGED_IN, write=LOGGED_IN),
    "password_change_done": route(get=LOGGED_IN),
    "password_reset": route(get=PUBLIC, write=PUBLIC),
    "password_reset_done": route(get=PUBLIC),
    "password_reset_complete": route(get=PUBLIC),
    "healthz": route(get=PUBLIC),
    "api:root": route(get=PUBLIC),
    "api:me": route(get=LOGGED_IN),
    "api:atlas-geojson": route(get=PUBLIC),
    "api:organisation-list": route(get=PUBLIC),
    "api:organisation-detail": route(kwargs=lambda s: {"slug": s.org_a.slug}, get=PUBLIC),
    "api:contact-point-list": route(get=PUBLIC),
    "api:contact-point-detail": route(kwargs=lambda s: {"pk": s.contact_point.pk}, get=PUBLIC),
    "api:instrument-list": route(get=PUBLIC),
    "api:instrument-detail": route(kwargs=lambda s: {"slug": s.instrument.slug}, get=PUBLIC),
    "api:network-list": route(get=PUBLIC),
    "api:network-detail": route(kwargs=lambda s: {"slug": s.network.slug}, get=PUBLIC),
    "api:area-list": route(get=PUBLIC),
    "api:area-detail": route(kwargs=lambda s: {"slug": s.area.slug}, get=PUBLIC),
    "api:theme-list": route(get=PUBLIC),
    "api:theme-detail": route(kwargs=lambda s: {"slug": s.theme.slug}, get=PUBLIC),
    "api:membership-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "api:membership-detail": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, get=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:membership-approve": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:membership-end": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:membership-reject": route(
        kwargs=lambda s: {"pk": s.pending_membership.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:news-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:news-detail": states(
        case("gepubliceerd", lambda s: {"slug": s.news_published.slug}, get=PUBLIC),
        case(
            "voorgesteld",
            lambda s: {"slug": s.news_concept.slug},
            get=NEWS_DRAFT_READERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "api:news-publish": route(
        kwargs=lambda s: {"slug": s.news_concept.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=FORBIDDEN),
    ),
    "api:news-reject": route(
        kwargs=lambda s: {"slug": s.news_concept.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=FORBIDDEN),
        body=lambda s: {"reason": "Matrix"},
    ),
    "api:event-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:event-detail": route(kwargs=lambda s: {"slug": s.event.slug}, get=PUBLIC),
    "api:event-sign-up": route(kwargs=lambda s: {"slug": s.event.slug}, write=LOGGED_IN),
    "api:listing-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:listing-detail": states(
        case("open", lambda s: {"pk": s.listing_open.pk}, get=PUBLIC),
        case(
            "ingetrokken",
            lambda s: {"pk": s.listing_withdrawn.pk},
            get=LISTING_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "api:listing-fulfil": route(
        kwargs=lambda s: {"pk": s.listing_open.pk}, write=LISTING_MANAGERS.refused(FORBIDDEN)
    ),
    "api:listing-respond": route(
        kwargs=lambda s: {"pk": s.listing_open.pk},
        write=NOT_OWN_ORGANISATION.refused(FORBIDDEN),
        body=lambda s: {"message": "Matrix"},
    ),
    "api:listing-withdraw": route(
        kwargs=lambda s: {"pk": s.listing_open.pk}, write=LISTING_MANAGERS.refused(FORBIDDEN)
    ),
    "api:story-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:story-detail": route(kwargs=lambda s: {"slug": s.story.slug}, get=PUBLIC),
    "api:story-comment": route(
        kwargs=lambda s: {"slug": s.story.slug}, write=LOGGED_IN, body=lambda s: {"body": "Matrix"}
    ),
    "api:lesson-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:lesson-detail": states(
        case("gepubliceerd", lambda s: {"slug": s.lesson_published.slug}, get=PUBLIC),
        case(
            "voorgesteld",
            lambda s: {"slug": s.lesson_draft.slug},
            get=LESSON_DRAFT_READERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
    ),
    "api:lesson-edit": route(
        kwargs=lambda s: {"slug": s.lesson_draft.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=FORBIDDEN),
    ),
    "api:lesson-publish": route(
        kwargs=lambda s: {"slug": s.lesson_draft.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=FORBIDDEN),
    ),
    "api:lesson-reject": route(
        kwargs=lambda s: {"slug": s.lesson_draft.slug},
        write=EDITORS.refused(NOT_FOUND, member_a=FORBIDDEN),
        body=lambda s: {"reason": "Matrix"},
    ),
    "api:deal-list": route(get=PUBLIC, write=LOGGED_IN),
    "api:deal-register": route(get=PUBLIC),
    "api:deal-detail": states(
        case(
            "idee (prive)",
            lambda s: {"pk": s.deal_private.pk},
            get=DEAL_MANAGERS.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
        case("lopend (openbaar)", lambda s: {"pk": s.deal_running.pk}, get=PUBLIC),
    ),
    "api:deal-accept": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-checkins": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        get=PUBLIC,
        write=OWN_ORGANISATION.refused(FORBIDDEN),
        body=lambda s: {"partner": s.aanjager.pk, "status": "op_koers"},
    ),
    "api:deal-decline": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-diff": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        get=NOBODY.refused(INVALID, anonymous=INVALID, guest=INVALID),
    ),
    "api:deal-finish": route(
        kwargs=lambda s: {"pk": s.deal_running.pk}, write=DEAL_MANAGERS.refused(FORBIDDEN)
    ),
    "api:deal-idea": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-invite": route(
        kwargs=lambda s: {"pk": s.deal_private.pk},
        write=DEAL_MANAGERS.refused(NOT_FOUND),
        body=lambda s: {"organisation": s.org_b.slug, "role": "partner"},
    ),
    "api:deal-pause": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        write=DEAL_MANAGERS.refused(FORBIDDEN),
        body=lambda s: {"reason": "Matrix"},
    ),
    "api:deal-planning": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-resume": route(
        kwargs=lambda s: {"pk": s.deal_running.pk}, write=DEAL_MANAGERS.refused(FORBIDDEN)
    ),
    "api:deal-sign": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        write=OWN_ORGANISATION.refused(FORBIDDEN),
        body=lambda s: {"partner": s.aanjager.pk},
    ),
    "api:deal-skip-toetsing": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-start": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-stop": route(
        kwargs=lambda s: {"pk": s.deal_private.pk}, write=DEAL_MANAGERS.refused(NOT_FOUND)
    ),
    "api:deal-toetsing": route(
        kwargs=lambda s: {"pk": s.deal_private.pk},
        write=DEAL_MANAGERS.refused(NOT_FOUND),
        body=lambda s: {"method": "expertsessie"},
    ),
    "api:deal-versions": route(
        kwargs=lambda s: {"pk": s.deal_running.pk},
        write=DEAL_MANAGERS.refused(FORBIDDEN),
        body=lambda s: {"change_note": "Matrix"},
    ),
    "api:deal-theme-list": route(get=PUBLIC),
    "api:deal-theme-detail": route(kwargs=lambda s: {"pk": s.deal_theme.pk}, get=PUBLIC),
    "api:knelpunt-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "api:knelpunt-detail": route(
        kwargs=lambda s: {"pk": s.knelpunt.pk}, get=KNELPUNT_READERS.refused(NOT_FOUND)
    ),
    "api:knelpunt-forward": route(
        kwargs=lambda s: {"pk": s.knelpunt.pk},
        write=NETWORK_STAFF.refused(
            FORBIDDEN, member_b=NOT_FOUND, contentbeheerder=NOT_FOUND, resident=NOT_FOUND
        ),
    ),
    "api:knelpunt-resolve": route(
        kwargs=lambda s: {"pk": s.knelpunt.pk}, write=KNELPUNT_READERS.refused(NOT_FOUND)
    ),
    "api:knelpunt-take-up": route(
        kwargs=lambda s: {"pk": s.knelpunt.pk},
        write=OWN_OR_HANDLERS.refused(NOT_FOUND, bestuurder=FORBIDDEN),
    ),
    "api:intake-list": route(get=LOGGED_IN, write=LOGGED_IN),
    "api:intake-detail": route(
        kwargs=lambda s: {"pk": s.intake.pk}, get=OWN_OR_HANDLERS.refused(NOT_FOUND)
    ),
    "api:intake-triage": route(
        kwargs=lambda s: {"pk": s.intake.pk},
        write=INTAKE_HANDLERS.refused(NOT_FOUND, member_a=FORBIDDEN),
    ),
    "api:residency-list": route(get=LOGGED_IN),
    "api:residency-detail": route(
        kwargs=lambda s: {"pk": s.residency.pk}, get=RESIDENCY_READERS.refused(NOT_FOUND)
    ),
    "api:residency-actions": route(
        kwargs=lambda s: {"pk": s.residency.pk}, get=DEAL_WORK.refused(NOT_FOUND)
    ),
    "api:residency-confirm": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        write=OWN_ORGANISATION.refused(
            NOT_FOUND, netwerkmanager=FORBIDDEN, beheerder=FORBIDDEN, resident=FORBIDDEN
        ),
    ),
    "api:residency-logbook": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        get=DEAL_WORK.refused(NOT_FOUND),
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"text": "Matrix"},
    ),
    "api:residency-meetings": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        get=DEAL_WORK.refused(NOT_FOUND),
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"starts_at": "2030-01-01T10:00", "agenda": "Matrix"},
    ),
    "api:residency-signal-respond": route(
        kwargs=lambda s: {"pk": s.residency.pk, "signal_pk": s.signal.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"partner": s.aanjager.pk, "text": "Matrix"},
    ),
    "api:residency-signals": route(
        kwargs=lambda s: {"pk": s.residency.pk},
        get=DEAL_WORK.refused(NOT_FOUND),
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"title": "Matrix", "description": "Matrix"},
    ),
    "api:schouw-round-list": route(get=LOGGED_IN_OR_GUEST),
    "api:schouw-round-detail": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "api:schouw-round-appraisals": route(
        kwargs=lambda s: {"pk": s.round.pk},
        get=SCHOUW_ROUND.refused(NOT_FOUND),
        write=SCHOUW_ROUND.refused(NOT_FOUND),
        body=lambda s: {"criterion": s.criterion.pk, "level": 3, "explanation": "Matrix"},
    ),
    "api:schouw-round-appraisals-submit": route(
        kwargs=lambda s: {"pk": s.round.pk},
        write=ROUND_PARTICIPANTS.refused(NOT_FOUND, resident=FORBIDDEN),
    ),
    "api:schouw-round-commitment-checks": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "api:schouw-round-criteria": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "api:schouw-round-discussion": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=DEAL_WORK.refused(NOT_FOUND, guest=NOT_FOUND)
    ),
    "api:schouw-round-observations": route(
        kwargs=lambda s: {"pk": s.round.pk},
        get=SCHOUW_ROUND.refused(NOT_FOUND),
        write=SCHOUW_ROUND.refused(NOT_FOUND),
        body=lambda s: {"text": "Matrix", "tone": "positief"},
    ),
    "api:schouw-round-participants": route(
        kwargs=lambda s: {"pk": s.round.pk}, get=SCHOUW_ROUND.refused(NOT_FOUND)
    ),
    "api:schouw-round-report": route(
        kwargs=lambda s: {"pk": s.round_done.pk}, get=DEAL_WORK.refused(NOT_FOUND, guest=NOT_FOUND)
    ),
    "api:schouw-round-transition": route(
        kwargs=lambda s: {"pk": s.round.pk},
        write=DEAL_WORK.refused(NOT_FOUND),
        body=lambda s: {"step": "meetlat"},
    ),
    "api:kompas-edition-list": route(get=PUBLIC),
    "api:kompas-edition-detail": states(
        case(
            "concept",
            lambda s: {"pk": s.edition_concept.pk},
            get=KOMPAS_TEAM.refused(NOT_FOUND, anonymous=NOT_FOUND, guest=NOT_FOUND),
        ),
        case("vastgesteld", lambda s: {"pk": s.edition_adopted.pk}, get=PUBLIC),
    ),
    "api:kompas-edition-adopt": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=BESTUURDERS.refused(
            NOT_FOUND, ambtenaar=FORBIDDEN, contentbeheerder=FORBIDDEN, beheerder=FORBIDDEN
        ),
    ),
    "api:kompas-edition-agenda": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=AGENDA_KEEPERS.refused(NOT_FOUND, contentbeheerder=FORBIDDEN),
    ),
    "api:kompas-edition-agenda-items": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=AGENDA_KEEPERS.refused(NOT_FOUND, contentbeheerder=FORBIDDEN),
        body=lambda s: {"proposal": s.proposal.pk, "gremium": s.gremium.pk, "date": "2030-01-01"},
    ),
    "api:kompas-edition-close": route(
        kwargs=lambda s: {"pk": s.edition_adopted.pk}, write=KOMPAS_TEAM.refused(FORBIDDEN)
    ),
    "api:kompas-edition-comments": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=KOMPAS_TEAM.refused(NOT_FOUND),
        body=lambda s: {"proposal": s.proposal.pk, "body": "Matrix"},
    ),
    "api:kompas-edition-consultation": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=KOMPAS_PREPARERS.refused(NOT_FOUND, bestuurder=FORBIDDEN),
    ),
    "api:kompas-edition-decisions": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=AGENDA_KEEPERS.refused(NOT_FOUND, contentbeheerder=FORBIDDEN),
        body=lambda s: {
            "agenda_item": s.agenda_item.pk,
            "outcome": "aangenomen",
            "reasons": "Matrix",
        },
    ),
    "api:kompas-edition-endorsements": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=KOMPAS_TEAM.refused(NOT_FOUND),
        body=lambda s: {"proposal": s.proposal.pk},
    ),
    "api:kompas-edition-feedback": route(
        kwargs=lambda s: {"pk": s.edition_adopted.pk},
        write=KOMPAS_TEAM.refused(FORBIDDEN),
        body=lambda s: {"feedback": "Matrix"},
    ),
    "api:kompas-edition-monitoring": route(
        kwargs=lambda s: {"pk": s.edition_adopted.pk}, write=LOGGED_IN
    ),
    "api:kompas-edition-monitoring-start": route(
        kwargs=lambda s: {"pk": s.edition_adopted.pk}, write=KOMPAS_TEAM.refused(FORBIDDEN)
    ),
    "api:kompas-edition-proposals": route(
        kwargs=lambda s: {"pk": s.edition_concept.pk},
        write=KOMPAS_PREPARERS.refused(NOT_FOUND, bestuurder=FORBIDDEN),
        body=lambda s: {"title": "Matrix", "change_type": "inkoopregels", "problem": "Matrix"},
    ),
    "api-schema": route(get=PUBLIC),
    "api-docs": route(get=PUBLIC),
}


def render() -> str:
    """The authorization matrix as Markdown (docs/authorization-matrix.md)."""
    from .authz_routes import patterns

    pattern_of = patterns()
    lines = [
        "# Autorisatiematrix",
        "",
        "Wie mag welke pagina en welk API-endpoint zien of gebruiken. Dit bestand wordt gemaakt uit",
        "`tests/security/authz_expectations.py` met",
        "`python -m tests.security.authz_expectations > docs/authorization-matrix.md`;",
        "`tests/security/test_authz_matrix.py` toetst elke rol tegen elke route en faalt zodra een route",
        "geen verwachting heeft of dit bestand niet meer klopt.",
        "",
        "## Rollen",
        "",
        "| Rol | Wie |",
        "|---|---|",
        *(f"| `{role}` | {ROLE_DESCRIPTIONS[role]} |" for role in ROLES),
        "",
        "De scenario-wereld: organisatie A is aanjager van een prive deal (idee) en van een lopende",
        "deal met de gemeente, met een partner in residence, een open schouwronde met een gast en een",
        "afgeronde ronde. Verder kompasedities in concept en vastgesteld, lessen in concept en",
        "gepubliceerd, vraag en aanbod open en ingetrokken, nieuws, agenda en verhalen.",
        "",
        "## Antwoorden",
        "",
        "| Antwoord | Betekenis |",
        "|---|---|",
        *(f"| `{outcome}` | {text} |" for outcome, text in OUTCOME_DESCRIPTIONS.items()),
        "",
        "Bij schrijfacties (POST, en PUT/PATCH/DELETE waar de route ze kent) worden alleen de",
        "geweigerde rollen verstuurd; de database moet daarna ongewijzigd zijn. Waar de tabel een body",
        "noemt, is dat een body die voor een toegelaten rol geldig zou zijn.",
        "",
        "## Beleid",
        "",
        "| Beleid | Toegelaten rollen | Omschrijving |",
        "|---|---|---|",
    ]
    for policy in sorted(_policies(), key=lambda p: p.name):
        allowed = ", ".join(role for role in ROLES if role in policy.allow) or "niemand"
        lines.append(f"| `{policy.name}` | {allowed} | {policy.description} |")
    lines += [
        "",
        "## Inhoud",
        "",
        "Elke prive tekst in de scenario-wereld draagt een merkwoord. Bij elke GET van de matrix wordt",
        "het antwoord doorzocht op de teksten die de rol niet mag lezen (PDF's leest",
        "`tests/security/test_isolation.py`).",
        "",
        "| Prive tekst | Mag lezen |",
        "|---|---|",
        *(
            f"| {text} | {', '.join(r for r in ROLES if r in readers)} |"
            for text, readers in SECRETS
        ),
    ]
    lines += [
        "",
        "## Uitgezonderd",
        "",
        *(f"- `{ns}:*`: {reason}" for ns, reason in EXCLUDED_NAMESPACES.items()),
        *(f"- `{name}`: {reason}" for name, reason in EXCLUDED_NAMES.items()),
        "- Patronen zonder naam (de vangnetten van de admin, de mediabestanden in ontwikkeling) zijn"
        " niet om te keren en vallen buiten de matrix.",
        "",
        "## Routes",
        "",
        "| Route | Pad | Staat | GET | Schrijven | Body |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(ROUTES):
        for item in ROUTES[name].cases:
            get = item.get.describe() if item.get else "-"
            write = item.write.describe() if item.write else "-"
            body = "ja" if item.body else "-"
            path = pattern_of.get(name, "").replace("|", "\\|")
            lines.append(
                f"| `{name}` | `{path}` | {item.state or '-'} | {get} | {write} | {body} |"
            )
    lines.append("")
    return "\n".join(lines)


def _policies():
    found = set()
    for item in ROUTES.values():
        for one in item.cases:
            for expectation in (one.get, one.write):
                if expectation is not None:
                    found.add(expectation.policy)
    return found


# --- Content: who may read which private text ----------------------------------------------
# Every private text of the scenario carries the marker; a role that may not see the object must
# never find its text in any answer it gets (checked on every GET of the matrix).
SECRETS = (
    ("prive deal", {"member_a", "netwerkmanager", "beheerder"}),
    ("samenvatting prive deal", {"member_a", "netwerkmanager", "beheerder"}),
    ("voorstel", {"member_a", "netwerkmanager", "beheerder"}),
    ("zoekopdracht", {"member_a"}),
    ("melding", {"member_a"}),
    ("nieuwsvoorstel", {"member_a", "contentbeheerder", "beheerder"}),
    ("ingetrokken vraag", {"member_a", "contentbeheerder", "beheerder"}),
    ("conceptles", {"member_a", "contentbeheerder", "beheerder"}),
    ("knelpunt", {"member_a", "ambtenaar", "bestuurder", "netwerkmanager", "beheerder"}),
    ("intake", {"member_a", "ambtenaar", "netwerkmanager", "beheerder"}),
    ("check-in", {"member_a", "netwerkmanager", "beheerder"}),
    ("taken", {"member_a", "netwerkmanager", "beheerder", "resident"}),
    ("leervragen", {"member_a", "netwerkmanager", "beheerder", "resident"}),
    ("logboek", {"member_a", "resident"}),
    ("agenda", {"member_a", "resident"}),
    ("actie", {"member_a", "resident"}),
    ("signaal", {"member_a", "resident"}),
    ("reflectie", {"member_a", "resident"}),
    ("open ronde", {"member_a", "resident", "guest"}),
    ("waarneming", {"member_a", "resident", "guest"}),
    ("waardering", {"member_a", "resident", "guest"}),
    ("schouw vorig jaar", {"member_a", "resident"}),
    ("rapport", {"member_a", "resident"}),
    ("kompas concept", {"ambtenaar", "contentbeheerder", "bestuurder", "beheerder"}),
)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reisgids.settings")
    django.setup()
    print(render(), end="")
