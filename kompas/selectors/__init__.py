"""Reads of the kompas, scoped to the acting user.

Adopted editions are public. From consultatie on, every logged-in member reads an edition (the
consultation is not an internal municipal process); a concept is read by those who prepare it
and by bestuurders.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from deals import selectors as deals_selectors
from deals.models import Deal
from reisgids.core.permissions import (
    is_ambtenaar,
    is_beheerder,
    is_bestuurder,
    is_contentbeheerder,
)
from schouw import selectors as schouw_selectors

from ..models import (
    AgendaItem,
    ChangeType,
    Comment,
    DraftRun,
    Edition,
    Evidence,
    Gremium,
    MonitoringEntry,
    Proposal,
)


def _sees_concept(actor) -> bool:
    return actor.is_authenticated and (
        is_contentbeheerder(actor)
        or is_ambtenaar(actor)
        or is_bestuurder(actor)
        or is_beheerder(actor)
    )


def _visible(actor, qs):
    if not actor.is_authenticated:
        return qs.filter(status__in=Edition.ADOPTED)
    if _sees_concept(actor):
        return qs
    return qs.exclude(status=Edition.Status.CONCEPT)


def edition_list(*, actor):
    qs = (
        Edition.objects.select_related("adopted_by")
        .annotate(proposal_count=Count("proposals", distinct=True))
        .order_by("-period_start", "-id")  # Meta.ordering does not apply to a grouped query
    )
    return _visible(actor, qs)


def edition_detail(*, actor, pk) -> Edition:
    """One edition with everything its page shows, in a fixed number of queries."""
    proposals = Proposal.objects.select_related("theme", "created_by").prefetch_related(
        "co_authors",
        "evidence",
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
        "endorsements",
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("gremium", "recorded_by").prefetch_related(
                "monitoring"
            ),
        ),
    )
    qs = Edition.objects.select_related("adopted_by").prefetch_related(
        Prefetch("proposals", queryset=proposals),
        Prefetch("evidence", queryset=Evidence.objects.select_related("theme")),
        "priorities__theme",
    )
    return _visible(actor, qs).get(pk=pk)


def edition_public(*, pk) -> Edition:
    """An adopted edition for its public terugkoppeling page (content from the frozen snapshot)."""
    return Edition.objects.filter(status__in=Edition.ADOPTED).get(pk=pk)


def current_edition(*, actor) -> Edition | None:
    return (
        edition_list(actor=actor)
        .exclude(status=Edition.Status.GESLOTEN)
        .order_by("-period_start", "-id")
        .first()
    )


def inventory(*, edition: Edition) -> list[dict]:
    """The evidence grouped by change type and theme with counts; uses the prefetched evidence."""
    groups: dict[tuple, dict] = {}
    for evidence in edition.evidence.all():
        key = (evidence.change_type, evidence.theme.name if evidence.theme else "")
        group = groups.setdefault(
            key,
            {
                "change_type": evidence.change_type,
                "change_type_label": evidence.get_change_type_display(),
                "theme": evidence.theme.name if evidence.theme else "",
                "items": [],
                "by_kind": Counter(),
            },
        )
        group["items"].append(evidence)
        group["by_kind"][evidence.get_kind_display()] += 1
    order = list(ChangeType.values)
    return [
        {**g, "count": len(g["items"]), "by_kind": dict(g["by_kind"])}
        for _k, g in sorted(groups.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))
    ]


def draft_run_get(*, actor, pk) -> DraftRun:
    """The run, with ``stale`` set when its worker died (see ``draft_run_is_stale``)."""
    if not _sees_concept(actor):
        return DraftRun.objects.none().get(pk=pk)
    run = DraftRun.objects.select_related("edition", "started_by").get(pk=pk)
    run.stale = draft_run_is_stale(run=run)
    return run


# The drafting task holds a PostgreSQL advisory lock on (DRAFT_LOCK_CLASS, run id) while it runs.
# The lock belongs to the task's database session, so it is gone the moment its worker dies.
DRAFT_LOCK_CLASS = 4207


def draft_run_is_stale(*, run: DraftRun) -> bool:
    """A run marked as busy whose worker is gone: no database session holds its lock."""
    if run.status != DraftRun.Status.BEZIG:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND classid = %s AND objid = %s AND objsubid = 2)",
            [DRAFT_LOCK_CLASS, run.pk],
        )
        return cursor.fetchone()[0]


def draft_run_latest(*, actor) -> DraftRun | None:
    if not _sees_concept(actor):
        return None
    run = DraftRun.objects.select_related("edition", "started_by").first()
    if run is not None:
        run.stale = draft_run_is_stale(run=run)
    return run


def gremium_list(*, include_inactive: bool = False):
    qs = Gremium.objects.all()
    return qs if include_inactive else qs.filter(is_active=True)


def agenda_item_get(*, actor, pk) -> AgendaItem:
    editions = edition_list(actor=actor).values("pk")
    return AgendaItem.objects.select_related("proposal__edition", "gremium").get(
        pk=pk, proposal__edition__in=editions
    )


def proposal_get(*, actor, pk) -> Proposal:
    editions = edition_list(actor=actor).values("pk")
    return Proposal.objects.select_related("edition", "theme").get(pk=pk, edition__in=editions)


def monitoring_overdue(*, today: datetime.date | None = None) -> list[AgendaItem]:
    """Accepted decisions whose measurement is past due: no entry on or after the due date."""
    today = today or timezone.localdate()
    items = (
        AgendaItem.objects.filter(
            outcome__in=AgendaItem.ACCEPTED,
            monitor_due__lt=today,
            proposal__edition__status__in=Edition.MONITORABLE,
        )
        .annotate(last_entry=Max("monitoring__date"))
        .select_related("proposal__edition", "monitor_owner", "recorded_by", "gremium")
    )
    return [a for a in items if a.last_entry is None or a.last_entry < a.monitor_due]


# --- The board dashboard -----------------------------------------------------------------------


def dashboard(*, actor) -> dict:
    """Figures for the board view and the PDF: each chart as a list of (label, value) rows."""
    # Counted in the database: the register grows with the city, the figures do not.
    register = deals_selectors.deal_register(actor=actor).order_by()
    per_theme, per_area = Counter(), Counter()
    for name, n in register.values_list("themes__name").annotate(n=Count("pk", distinct=True)):
        if name is not None:
            per_theme[name] += n
    for name, n in register.values_list("areas__name").annotate(n=Count("pk", distinct=True)):
        per_area["Stadsbreed" if name is None else name] += n
    coverage = schouw_selectors.coverage_counts(deals=register.filter(status=Deal.Status.LOPEND))
    running = coverage["afgerond"] + coverage["bezig"] + coverage["geen"]
    schouw_coverage = [
        (_("Met een afgeronde schouw"), coverage["afgerond"]),
        (_("Schouw bezig"), coverage["bezig"]),
        (_("Nog geen schouw"), coverage["geen"]),
    ]
    lessons = atlas_selectors.lesson_list(actor=actor)
    lessons_per_kind = sorted(
        (
            (str(lessons.model.Kind(kind).label), n)
            for kind, n in lessons.values_list("kind").annotate(n=Count("id")).order_by()
        ),
        key=lambda kv: (-kv[1], kv[0]),
    )
    knelpunten = deals_selectors.knelpunt_list(actor=actor)
    knelpunt_rows = Counter()
    for category, status, n in (
        knelpunten.order_by().values_list("category", "status").annotate(n=Count("id"))
    ):
        knelpunt_rows[(category, status)] += n
    # The visible editions, read once: the current one, the open ones and the scope of the rest.
    visible_editions = list(edition_list(actor=actor))
    editions = [edition.pk for edition in visible_editions]
    current = next((e for e in visible_editions if e.status != Edition.Status.GESLOTEN), None)
    decisions = Counter()
    for decided_at, outcome in AgendaItem.objects.filter(
        proposal__edition__in=editions, decided_at__isnull=False
    ).values_list("decided_at", "outcome"):
        decisions[(timezone.localtime(decided_at).strftime("%Y-%m"), outcome)] += 1
    pending = (
        AgendaItem.objects.filter(outcome="", proposal__edition__in=editions)
        .select_related("proposal__edition", "gremium")
        .order_by("date")
    )
    made = (
        AgendaItem.objects.filter(proposal__edition__in=editions)
        .exclude(outcome="")
        .select_related("proposal__edition", "gremium")
        .order_by("-decided_at")[:20]
    )
    monitoring = Counter(
        dict(
            MonitoringEntry.objects.filter(agenda_item__proposal__edition__in=editions)
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
    )
    return {
        "current": current,
        "pending": list(pending),
        "made": list(made),
        "overdue": [
            a for a in monitoring_overdue() if a.proposal.edition.status in Edition.ADOPTED
        ],
        "monitoring": {MonitoringEntry.Status(k).label: v for k, v in monitoring.items()},
        "deals_per_theme": sorted(per_theme.items(), key=lambda kv: (-kv[1], kv[0])),
        "deals_per_area": sorted(per_area.items(), key=lambda kv: (-kv[1], kv[0])),
        "schouw_coverage": schouw_coverage if running else [],
        "lessons_per_kind": lessons_per_kind,
        "knelpunten": sorted(knelpunt_rows.items()),
        "decisions_over_time": sorted(decisions.items()),
        "evidence_per_kind": dict(
            Evidence.objects.filter(edition__in=editions)
            .values_list("kind")
            .annotate(n=Count("id"))
        ),
        "open_editions": sum(1 for e in visible_editions if e.status in Edition.OPEN),
    }


def user_by_email(*, email: str):
    """An active account by e-mail address, to invite as co-author; None when there is none."""
    email = (email or "").strip()
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()
