"""Drafting: the period of the next edition, the draft runs and the concept they write.

The drafting service is the one exception to "one transaction": it reports its progress in
small commits of its own (so the page can show it while it runs) and writes the edition in
one atomic block at the end.
"""

import datetime
import itertools
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from reisgids.core.dates import add_months
from reisgids.core.errors import Conflict
from reisgids.core.services import audit_record
from reisgids.core.workflow import require

from .. import selectors
from ..models import (
    ChangeType,
    DraftRun,
    Edition,
    Evidence,
    Priority,
    Proposal,
)
from ..selectors import sources
from ._common import S, _clean, _enqueue

logger = logging.getLogger(__name__)


# --- Periods -----------------------------------------------------------------------------------


def _cadence() -> int:
    return max(1, int(settings.REISGIDS.get("KOMPAS_CADENCE_MONTHS", 12)))


def _title(start: datetime.date, end: datetime.date) -> str:
    if start.year == end.year:
        return _("Kompas %(year)s") % {"year": start.year}
    return _("Kompas %(start)s–%(end)s") % {"start": start.year, "end": end.year}


def _next_period(
    latest: Edition | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    start = latest.period_end + datetime.timedelta(days=1) if latest is not None else today
    return start, add_months(start, _cadence()) - datetime.timedelta(days=1)


def _previous_edition() -> Edition | None:
    return Edition.objects.exclude(status=S.CONCEPT).order_by("-period_end", "-id").first()


def draft_is_due(*, today: datetime.date | None = None) -> bool:
    """A scheduled run drafts when there is a concept to refresh, or when no cycle is running and
    the current period ends within the lead time (or there has never been an edition)."""
    today = today or timezone.localdate()
    if Edition.objects.filter(status=S.CONCEPT).exists():
        return True
    if Edition.objects.filter(status__in=[S.CONSULTATIE, S.GEAGENDEERD]).exists():
        return False
    latest = _previous_edition()
    if latest is None:
        return True
    lead = datetime.timedelta(days=int(settings.REISGIDS.get("KOMPAS_DRAFT_LEAD_DAYS", 90)))
    return today >= latest.period_end - lead


# --- Drafting --------------------------------------------------------------------------------


def draft_run_start(*, actor) -> DraftRun:
    """Start the drafting task by hand; the page polls the returned run."""
    require(
        actor,
        "kompas.draft_edition",
        None,
        _("Alleen een contentbeheerder of ambtenaar stelt het kompas op."),
    )
    with transaction.atomic():
        if Edition.objects.filter(status__in=[S.CONSULTATIE, S.GEAGENDEERD]).exists():
            raise Conflict(
                _(
                    "Er loopt al een editie in consultatie of op de agenda; stel daarna een nieuw concept op."
                )
            )
        running = list(
            DraftRun.objects.select_for_update().filter(
                status__in=[DraftRun.Status.WACHTEND, DraftRun.Status.BEZIG],
                created_at__gte=timezone.now() - datetime.timedelta(minutes=10),
            )
        )
        for stale in [r for r in running if selectors.draft_run_is_stale(run=r)]:
            # Its worker died halfway; the edition is written in one transaction, so it is unchanged.
            step = _(
                "Het werkproces stopte voordat het concept klaar was; het concept is niet gewijzigd."
            )
            _progress(
                stale, stale.progress, step, DraftRun.Status.MISLUKT, finished_at=timezone.now()
            )
            running.remove(stale)
        if running:
            raise Conflict(_("Het kompas wordt al opgesteld. Wacht tot die ronde klaar is."))
        run = DraftRun(started_by=actor, step=_("Wacht op het werkproces"))
        _clean(run)
        run.save()
        audit_record(actor=actor, action="kompas_draft_start", target=run)
        _enqueue("kompas.tasks.edition_draft", run.pk)
    return run


def _draft_lock(run: DraftRun) -> bool:
    """Hold the run's advisory lock for this database session (see ``selectors.draft_run_is_stale``).
    False when another worker is running this same run, for instance a redelivered task."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [selectors.DRAFT_LOCK_CLASS, run.pk])
        return cursor.fetchone()[0]


def _draft_unlock(run: DraftRun) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [selectors.DRAFT_LOCK_CLASS, run.pk]
            )
    except DatabaseError:  # the session is gone, and its lock with it
        logger.warning("kompas draft run %s: lock not released, the connection was lost", run.pk)


def _progress(
    run: DraftRun, progress: int, step: str, status: str = DraftRun.Status.BEZIG, **extra
) -> None:
    """A commit of its own, so the polling page sees it while the draft is still running."""
    DraftRun.objects.filter(pk=run.pk).update(
        progress=progress, step=str(step)[:200], status=status, **extra
    )


def edition_draft(
    *, actor=None, run_id: int | None = None, scheduled: bool = False, now=None
) -> DraftRun:
    """Gather the evidence since the last edition into the concept edition, grouped by change type
    and theme, with candidate proposals and priorities. Idempotent: re-running updates the same
    concept; an edition past concept is never touched. ``actor`` None is the scheduled system run."""
    if actor is not None:
        require(
            actor,
            "kompas.draft_edition",
            None,
            _("Alleen een contentbeheerder of ambtenaar stelt het kompas op."),
        )
    now = now or timezone.now()
    today = timezone.localdate(now)
    if run_id is not None:
        run = DraftRun.objects.get(pk=run_id)
        if run.status in (DraftRun.Status.KLAAR, DraftRun.Status.OVERGESLAGEN):
            return run  # a redelivered task: this run is done
    else:
        run = DraftRun.objects.create(started_by=actor, step=_("Gestart door de planning"))
    if not _draft_lock(run):
        return run  # another worker is running this very run; it reports the result
    try:
        return _draft(run=run, scheduled=scheduled, now=now, today=today)
    finally:
        _draft_unlock(run)


def _draft(*, run: DraftRun, scheduled: bool, now, today) -> DraftRun:
    if scheduled and not draft_is_due(today=today):
        _progress(
            run,
            100,
            _("Nog geen nieuwe editie nodig."),
            DraftRun.Status.OVERGESLAGEN,
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        return run
    try:
        _progress(run, 10, _("Bepalen welke periode het kompas beslaat"))
        previous = _previous_edition()
        since = (previous.drafted_at or previous.created_at) if previous is not None else None
        # The sources are read lazily while the evidence is written, one chunk at a time.
        steps = [
            (
                30,
                _("Knelpunten verzamelen die de deals naar het kompas hebben doorgezet"),
                sources.knelpunten_since,
            ),
            (
                50,
                _("Monitoringresultaten van eerdere besluiten verzamelen"),
                sources.monitoring_results_since,
            ),
            (70, _("Gepubliceerde lessen uit de kennisbank verzamelen"), sources.lessons_since),
            (75, _("Gepubliceerde schouwrapporten verzamelen"), sources.schouw_reports_since),
        ]
        for progress, step, _source in steps:
            _progress(run, progress, step)
        _progress(run, 80, _("Signalen groeperen en voorstellen opstellen"))
        found = itertools.chain.from_iterable(
            source(since) for _progress_at, _step, source in steps
        )
        edition, counts = _write_draft(
            run=run, found=found, since=since, previous=previous, today=today, now=now
        )
    except Conflict as exc:
        _progress(run, 100, exc.message, DraftRun.Status.OVERGESLAGEN, finished_at=timezone.now())
    except Exception as exc:
        logger.exception("kompas draft run %s failed", run.pk)
        _progress(
            run,
            100,
            _("Het opstellen is mislukt."),
            DraftRun.Status.MISLUKT,
            finished_at=timezone.now(),
        )
        raise exc
    else:
        _progress(
            run,
            100,
            _("Klaar: het concept is bijgewerkt."),
            DraftRun.Status.KLAAR,
            finished_at=timezone.now(),
            edition=edition,
            counts=counts,
        )
    run.refresh_from_db()
    return run


EVIDENCE_FIELDS = ("change_type", "theme", "title", "url", "detail", "found_at")
EVIDENCE_CHUNK = 500
PROBLEM_MAX = 8000


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _concept_edition(*, previous, today) -> Edition:
    """The one concept edition, locked; a new one when none is open and none is being decided."""
    edition = Edition.objects.select_for_update().filter(status=S.CONCEPT).first()
    if edition is not None:
        return edition
    if Edition.objects.filter(status__in=[S.CONSULTATIE, S.GEAGENDEERD]).exists():
        raise Conflict(
            _(
                "Er loopt al een editie in consultatie of op de agenda; er is geen nieuw concept nodig."
            )
        )
    start, end = _next_period(previous, today)
    edition = Edition(
        title=_title(start, end),
        period_start=start,
        period_end=end,
        cadence_months=_cadence(),
        status=S.CONCEPT,
    )
    _clean(edition, constraints=False)
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:  # another run created the concept in the meantime
        edition = Edition.objects.select_for_update().get(status=S.CONCEPT)
    return edition


def _write_evidence(edition: Edition, found) -> list[int]:
    """Upsert what was found, chunk by chunk as the sources yield it; drop what no longer is.
    Returns the keys of the evidence found."""
    keep = []
    for chunk in _chunks(found, EVIDENCE_CHUNK):
        rows = [
            Evidence(
                edition=edition,
                kind=item["kind"],
                source_id=item["source_id"],
                **{k: item[k] for k in EVIDENCE_FIELDS},
            )
            for item in chunk
        ]
        Evidence.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["edition", "kind", "source_id"],
            update_fields=[*EVIDENCE_FIELDS, "updated_at"],
        )
        keep.extend(row.pk for row in rows)
    Evidence.objects.filter(edition=edition).exclude(pk__in=keep).delete()
    return keep


def _evidence_groups(edition: Edition) -> list[tuple]:
    """Groups of (change type, theme) with their count and first find, counted in the database."""
    return list(
        Evidence.objects.filter(edition=edition)
        .order_by()
        .values_list("change_type", "theme_id")
        .annotate(n=Count("id"), first=Min("found_at"))
        .order_by("first", "change_type", "theme_id")
    )


def _problem_text(items, count: int) -> str:
    """The group's lines, read in order until the problem text is full."""
    lines = [_("%(count)s signalen sinds de vorige editie:") % {"count": count}]
    length = len(lines[0])
    for evidence in items.only("kind", "title").iterator(chunk_size=EVIDENCE_CHUNK):
        if length > PROBLEM_MAX:
            break
        lines.append(f"- {evidence.get_kind_display()}: {evidence.title}")
        length += len(lines[-1]) + 1
    return "\n".join(lines)[:PROBLEM_MAX]


def _draft_proposal(proposal: Proposal, *, change_type, theme_id, count: int, items) -> None:
    """Write the drafted theme, title and problem of a proposal nobody edited."""
    theme = atlas_selectors.theme_list().filter(pk=theme_id).first() if theme_id else None
    label = ChangeType(change_type).label
    proposal.theme = theme
    proposal.title = (
        _("%(kind)s: %(theme)s")
        % {"kind": label, "theme": theme.name if theme else _("stadsbreed")}
    )[:200]
    proposal.problem = _problem_text(items, count)


def _write_proposals(edition: Edition, groups: list[tuple]) -> None:
    """One candidate proposal per group, so no group is held in memory; candidates of groups that
    are gone, and that nobody edited, are dropped."""
    candidates = {
        p.draft_key: p for p in Proposal.objects.filter(edition=edition).exclude(draft_key="")
    }
    used_keys = set()
    for change_type, theme_id, count, _first in groups:
        key = f"{change_type}:{theme_id or 0}"
        used_keys.add(key)
        items = Evidence.objects.filter(
            edition=edition, change_type=change_type, theme_id=theme_id
        ).order_by("found_at", "id")
        proposal = candidates.get(key) or Proposal(
            edition=edition, draft_key=key, change_type=change_type
        )
        if not proposal.edited_by_people:
            _draft_proposal(
                proposal, change_type=change_type, theme_id=theme_id, count=count, items=items
            )
        _clean(proposal)
        proposal.save()
        proposal.evidence.set(items.values_list("pk", flat=True))
    Proposal.objects.filter(edition=edition, edited_by_people=False).exclude(draft_key="").exclude(
        draft_key__in=used_keys
    ).delete()


def _write_priorities(edition: Edition, groups: list[tuple]) -> None:
    """The themes with evidence; people may change them, the draft then leaves them be."""
    per_theme: dict[int, int] = {}
    for _change_type, theme_id, count, _first in groups:
        if theme_id:
            per_theme[theme_id] = per_theme.get(theme_id, 0) + count
    own = {p.theme_id: p for p in Priority.objects.filter(edition=edition)}
    for theme_id, count in per_theme.items():
        priority = own.get(theme_id) or Priority(edition=edition, theme_id=theme_id, drafted=True)
        if priority.drafted:
            priority.level = Priority.Level.HOOG if count >= 3 else Priority.Level.MIDDEL
            priority.rationale = _("%(count)s signalen over dit thema in deze editie.") % {
                "count": count
            }
            _clean(priority)
            priority.save()
    Priority.objects.filter(edition=edition, drafted=True).exclude(
        theme_id__in=list(per_theme)
    ).delete()


def _draft_counts(edition: Edition, keep: list[int]) -> dict:
    per_kind = dict(
        Evidence.objects.filter(edition=edition)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "signalen": len(keep),
        **dict(sorted(per_kind.items())),
        "voorstellen": Proposal.objects.filter(edition=edition).count(),
        "prioriteiten": Priority.objects.filter(edition=edition).count(),
    }


@transaction.atomic
def _write_draft(*, run, found, since, previous, today, now):
    edition = _concept_edition(previous=previous, today=today)
    keep = _write_evidence(edition, found)
    groups = _evidence_groups(edition)
    _write_proposals(edition, groups)
    _write_priorities(edition, groups)
    edition.evidence_since = since
    edition.drafted_at = now
    edition.save(update_fields=["evidence_since", "drafted_at", "updated_at"])
    counts = _draft_counts(edition, keep)
    audit_record(actor=run.started_by, action="kompas_draft", target=edition, changes=counts)
    return edition, counts
