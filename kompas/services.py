"""Writes of the kompas. Every write checks permission, runs atomically and is audited.

The drafting service is the one exception to "one transaction": it reports its progress in
small commits of its own (so the page can show it while it runs) and writes the edition in
one atomic block at the end.
"""

import datetime
import itertools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas import services as atlas_services
from deals import selectors as deals_selectors
from deals import services as deals_services
from deals.residence import selectors as residence_selectors
from reisgids.core.dates import add_months
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.permissions import is_ambtenaar, is_bestuurder
from reisgids.core.services import audit_record

from . import selectors, sources
from .models import (
    AgendaItem,
    ChangeType,
    Comment,
    DraftRun,
    Edition,
    Endorsement,
    Evidence,
    Gremium,
    MonitoringEntry,
    Notification,
    Priority,
    Proposal,
    Voice,
)

logger = logging.getLogger(__name__)

S = Edition.Status


def _require(actor, perm: str, obj, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def _clean(instance, *, constraints: bool = True) -> None:
    """full_clean with the messages of the first invalid field as one Dutch ApplicationError.
    ``constraints=False`` leaves a unique constraint to the database, where a concurrent insert
    fails as an IntegrityError the caller turns into a Conflict, instead of racing it here."""
    try:
        instance.full_clean(validate_constraints=constraints)
    except ValidationError as exc:
        messages = (
            [m for ms in exc.message_dict.values() for m in ms]
            if hasattr(exc, "error_dict")
            else exc.messages
        )
        raise ApplicationError(" ".join(messages)) from exc


def _lock(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _require_status(edition: Edition, allowed, message: str) -> None:
    if edition.status not in allowed:
        raise Conflict(message)


def _refused_step(edition: Edition) -> str:
    return _("Dit kan niet meer: de editie is %(status)s.") % {
        "status": edition.get_status_display().lower()
    }


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
    from . import tasks

    _require(
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
        transaction.on_commit(lambda: tasks.edition_draft.delay(run.pk))
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
        _require(
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


@transaction.atomic
def _write_draft(*, run, found, since, previous, today, now):
    edition = Edition.objects.select_for_update().filter(status=S.CONCEPT).first()
    if edition is None:
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
    # Evidence: upsert what was found, chunk by chunk as the sources yield it; drop what no longer is.
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

    # Groups of (change type, theme), counted in the database; each group's lines are read in order
    # until the problem text is full, so no group is held in memory.
    groups = list(
        Evidence.objects.filter(edition=edition)
        .order_by()
        .values_list("change_type", "theme_id")
        .annotate(n=Count("id"), first=Min("found_at"))
        .order_by("first", "change_type", "theme_id")
    )
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
            theme = atlas_selectors.theme_list().filter(pk=theme_id).first() if theme_id else None
            label = ChangeType(change_type).label
            proposal.theme = theme
            proposal.title = (
                _("%(kind)s: %(theme)s")
                % {"kind": label, "theme": theme.name if theme else _("stadsbreed")}
            )[:200]
            lines = [_("%(count)s signalen sinds de vorige editie:") % {"count": count}]
            length = len(lines[0])
            for evidence in items.only("kind", "title").iterator(chunk_size=EVIDENCE_CHUNK):
                if length > PROBLEM_MAX:
                    break
                lines.append(f"- {evidence.get_kind_display()}: {evidence.title}")
                length += len(lines[-1]) + 1
            proposal.problem = "\n".join(lines)[:PROBLEM_MAX]
        _clean(proposal)
        proposal.save()
        proposal.evidence.set(items.values_list("pk", flat=True))
    Proposal.objects.filter(edition=edition, edited_by_people=False).exclude(draft_key="").exclude(
        draft_key__in=used_keys
    ).delete()

    # Priorities: the themes with evidence; people may change them, the draft then leaves them be.
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

    edition.evidence_since = since
    edition.drafted_at = now
    edition.save(update_fields=["evidence_since", "drafted_at", "updated_at"])
    per_kind = dict(
        Evidence.objects.filter(edition=edition)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {
        "signalen": len(keep),
        **dict(sorted(per_kind.items())),
        "voorstellen": Proposal.objects.filter(edition=edition).count(),
        "prioriteiten": Priority.objects.filter(edition=edition).count(),
    }
    audit_record(actor=run.started_by, action="kompas_draft", target=edition, changes=counts)
    return edition, counts


# --- Edition transitions ---------------------------------------------------------------------


@transaction.atomic
def edition_consultation_open(*, actor, edition: Edition) -> Edition:
    _require(
        actor,
        "kompas.open_consultation",
        edition,
        _("Alleen een contentbeheerder of ambtenaar opent de consultatie."),
    )
    edition = _lock(edition)
    _require_status(edition, [S.CONCEPT], _refused_step(edition))
    if not edition.proposals.exists():
        raise ApplicationError(_("Schrijf eerst ten minste één veranderingsvoorstel."))
    edition.status = S.CONSULTATIE
    edition.consultation_opened_at = timezone.now()
    edition.save(update_fields=["status", "consultation_opened_at", "updated_at"])
    audit_record(actor=actor, action="kompas_consultation_open", target=edition)
    return edition


@transaction.atomic
def edition_agenda_set(*, actor, edition: Edition) -> Edition:
    _require(
        actor,
        "kompas.manage_agenda",
        edition,
        _("Alleen een ambtenaar of bestuurder zet voorstellen op de agenda."),
    )
    edition = _lock(edition)
    _require_status(edition, [S.CONSULTATIE], _refused_step(edition))
    if not AgendaItem.objects.filter(proposal__edition=edition).exists():
        raise ApplicationError(_("Zet eerst ten minste één voorstel op de agenda van een gremium."))
    edition.status = S.GEAGENDEERD
    edition.agenda_set_at = timezone.now()
    edition.save(update_fields=["status", "agenda_set_at", "updated_at"])
    audit_record(actor=actor, action="kompas_agenda_set", target=edition)
    return edition


def _snapshot(edition: Edition, *, actor, at) -> dict:
    proposals = (
        Proposal.objects.filter(edition=edition)
        .select_related("theme")
        .prefetch_related(
            "co_authors", "evidence", "agenda_items__gremium", "comments", "endorsements"
        )
        .order_by("change_type", "title")
    )
    items = []
    for p in proposals:
        decisions = [
            {
                "gremium": a.gremium.name,
                "date": a.date.isoformat(),
                "outcome": a.outcome,
                "outcome_label": str(a.get_outcome_display()),
                "reasons": a.reasons,
                "actions": a.actions,
                "monitor_indicator": a.monitor_indicator,
                "monitor_who": a.monitor_who,
                "monitor_due": a.monitor_due.isoformat() if a.monitor_due else None,
                "agenda_item_id": a.pk,
            }
            for a in p.agenda_items.all()
        ]
        voices: dict[str, int] = {}
        for c in p.comments.all():
            voices[c.voice] = voices.get(c.voice, 0) + 1
        items.append(
            {
                "id": p.pk,
                "title": p.title,
                "change_type": p.change_type,
                "change_type_label": str(p.get_change_type_display()),
                "theme": p.theme.name if p.theme else "",
                "problem": p.problem,
                "proposed_change": p.proposed_change,
                "intended_effect": p.intended_effect,
                "owner": p.owner,
                "co_authors": [str(u) for u in p.co_authors.all()],
                "evidence": [
                    {
                        "kind": e.kind,
                        "kind_label": str(e.get_kind_display()),
                        "title": e.title,
                        "url": e.url,
                    }
                    for e in p.evidence.all()
                ],
                "endorsements": len(p.endorsements.all()),
                "comments_by_voice": voices,
                "decisions": decisions,
                "final_outcome": decisions[-1]["outcome"] if decisions else "",
                "final_outcome_label": decisions[-1]["outcome_label"]
                if decisions
                else str(_("Niet behandeld")),
            }
        )
    priorities = [
        {
            "theme": pr.theme.name,
            "theme_id": pr.theme_id,
            "level": pr.level,
            "level_label": str(pr.get_level_display()),
            "rationale": pr.rationale,
        }
        for pr in Priority.objects.filter(edition=edition).select_related("theme")
    ]
    return {
        "title": edition.title,
        "period_start": edition.period_start.isoformat(),
        "period_end": edition.period_end.isoformat(),
        "summary": edition.summary,
        "adopted_by": str(actor),
        "adopted_at": at.isoformat(),
        "proposals": items,
        "priorities": priorities,
    }


@transaction.atomic
def edition_adopt(*, actor, edition: Edition) -> Edition:
    """Vaststelling by a bestuurder: freezes the content and sets the deal theme priorities."""
    _require(
        actor, "kompas.adopt_edition", edition, _("Alleen een bestuurder stelt het kompas vast.")
    )
    edition = _lock(edition)
    _require_status(edition, [S.GEAGENDEERD], _refused_step(edition))
    items = AgendaItem.objects.filter(proposal__edition=edition).select_related("proposal")
    if not items.exists():
        raise ApplicationError(_("Er is nog geen enkel voorstel behandeld."))
    open_items = [a.proposal.title for a in items if not a.outcome]
    if open_items:
        raise ApplicationError(
            _("Leg eerst het besluit vast bij: %(titles)s.")
            % {"titles": ", ".join(sorted(set(open_items)))}
        )
    now = timezone.now()
    edition.status = S.VASTGESTELD
    edition.adopted_at = now
    edition.adopted_by = actor
    edition.snapshot = _snapshot(edition, actor=actor, at=now)
    _clean(edition)
    edition.save()
    start = max(timezone.localdate(now), edition.period_start)
    priorities = [
        {
            "theme": pr.theme,
            "priority": pr.level,
            "period_start": start,
            "period_end": max(edition.period_end, start),
            "description": (
                _("Prioriteit uit %(edition)s.") % {"edition": edition.title}
                + (f" {pr.rationale}" if pr.rationale else "")
            ),
            "akkoord": edition.title,
        }
        for pr in Priority.objects.filter(edition=edition).select_related("theme")
    ]
    if priorities:
        deals_services.deal_theme_priorities_set(
            actor=actor, priorities=priorities, source="kompas"
        )
    audit_record(
        actor=actor, action="kompas_adopt", target=edition, changes={"priorities": len(priorities)}
    )
    return edition


@transaction.atomic
def edition_feedback_publish(
    *, actor, edition: Edition, feedback: str, new_rules: str = ""
) -> Edition:
    """The public terugkoppeling; those whose knelpunt or deal was cited get an e-mail."""
    from . import tasks

    _require(
        actor, "kompas.publish_feedback", edition, _("U kunt de terugkoppeling niet publiceren.")
    )
    edition = _lock(edition)
    _require_status(edition, [S.VASTGESTELD], _refused_step(edition))
    feedback = (feedback or "").strip()
    if not feedback:
        raise ApplicationError(
            _("Schrijf eerst de terugkoppeling: wat is er besloten, en wat gebeurt er nu?")
        )
    edition.feedback = feedback
    edition.new_rules = (new_rules or "").strip()
    edition.status = S.TERUGGEKOPPELD
    edition.feedback_published_at = timezone.now()
    _clean(edition)
    edition.save()
    audit_record(actor=actor, action="kompas_feedback_publish", target=edition)
    edition_announce_in_news(actor=actor, edition=edition)
    transaction.on_commit(lambda: tasks.feedback_notify.delay(edition.pk))
    return edition


def edition_announce_in_news(*, actor, edition: Edition):
    """The new rules and possibilities as a news item in the atlas ("wat de gemeente doet"): the
    accepted changes from the frozen snapshot, with a link to the whole terugkoppeling. A
    contentbeheerder publishes it at once; anyone else's announcement waits for a contentbeheerder
    to review it. Nothing is announced when nothing was accepted and no new rules were written."""
    accepted = [
        p
        for p in edition.snapshot.get("proposals", [])
        if p["final_outcome"] in AgendaItem.ACCEPTED
    ]
    if not accepted and not edition.new_rules:
        return None
    url = settings.SITE_URL.rstrip("/") + reverse("kompas:feedback", kwargs={"pk": edition.pk})
    lines = [edition.new_rules, ""] if edition.new_rules else []
    for p in accepted:
        line = f"- {p['title']} ({p['final_outcome_label'].lower()})"
        lines.append(line + (f": {p['proposed_change']}" if p["proposed_change"] else ""))
    lines += ["", _("Alle voorstellen en besluiten, ook de afgewezen: %(url)s") % {"url": url}]
    themes = {
        p.theme
        for p in Proposal.objects.filter(pk__in=[p["id"] for p in accepted]).select_related("theme")
    }
    news = {
        "actor": actor,
        "title": _("Nieuwe regels en mogelijkheden uit %(edition)s") % {"edition": edition.title},
        "summary": _(
            "Het bestuur heeft %(edition)s vastgesteld. %(count)s veranderingen zijn aangenomen; "
            "dit verandert er voor initiatieven en partners."
        )
        % {"edition": edition.title, "count": len(accepted)},
        "body": "\n".join(lines),
        "category": "gemeente",
        "link": url,
        "themes": [t for t in themes if t is not None],
    }
    if actor.has_perm("atlas.publish_news"):
        return atlas_services.news_create(**news, publish=True)
    return atlas_services.news_suggest(**news)


@transaction.atomic
def edition_monitoring_start(*, actor, edition: Edition) -> Edition:
    _require(actor, "kompas.run_monitoring", edition, _("U kunt de monitoring niet starten."))
    edition = _lock(edition)
    _require_status(edition, [S.TERUGGEKOPPELD], _refused_step(edition))
    edition.status = S.MONITORING
    edition.monitoring_started_at = timezone.now()
    edition.save(update_fields=["status", "monitoring_started_at", "updated_at"])
    audit_record(actor=actor, action="kompas_monitoring_start", target=edition)
    return edition


@transaction.atomic
def edition_close(*, actor, edition: Edition) -> Edition:
    _require(actor, "kompas.run_monitoring", edition, _("U kunt deze editie niet sluiten."))
    edition = _lock(edition)
    _require_status(edition, [S.MONITORING], _refused_step(edition))
    edition.status = S.GESLOTEN
    edition.closed_at = timezone.now()
    edition.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=actor, action="kompas_close", target=edition)
    return edition


@transaction.atomic
def edition_summary_set(*, actor, edition: Edition, summary: str) -> Edition:
    _require(actor, "kompas.edit_proposals", edition, _("U kunt deze editie niet wijzigen."))
    edition = _lock(edition)
    _require_status(edition, Edition.OPEN, _refused_step(edition))
    edition.summary = (summary or "").strip()
    _clean(edition)
    edition.save(update_fields=["summary", "updated_at"])
    audit_record(actor=actor, action="kompas_summary_set", target=edition)
    return edition


# --- Proposals and consultation --------------------------------------------------------------

PROPOSAL_FIELDS = (
    "title",
    "change_type",
    "problem",
    "proposed_change",
    "intended_effect",
    "owner",
    "theme",
)


def _is_author(actor, proposal: Proposal) -> bool:
    return proposal.created_by_id == actor.pk or proposal.co_authors.filter(pk=actor.pk).exists()


@transaction.atomic
def proposal_create(
    *,
    actor,
    edition: Edition,
    title: str,
    change_type: str,
    problem: str,
    proposed_change: str = "",
    intended_effect: str = "",
    owner: str = "",
    theme=None,
    evidence_ids=(),
) -> Proposal:
    edition = _lock(edition)
    _require(actor, "kompas.propose", edition, _("Voorstellen doen kan tijdens de consultatie."))
    _require_status(edition, [S.CONCEPT, S.CONSULTATIE], _refused_step(edition))
    proposal = Proposal(
        edition=edition,
        title=(title or "").strip(),
        change_type=change_type,
        problem=(problem or "").strip(),
        proposed_change=(proposed_change or "").strip(),
        intended_effect=(intended_effect or "").strip(),
        owner=(owner or "").strip(),
        theme=theme,
        created_by=actor,
        edited_by_people=True,
    )
    _clean(proposal)
    proposal.save()
    if evidence_ids:
        proposal.evidence.set(Evidence.objects.filter(edition=edition, pk__in=list(evidence_ids)))
    audit_record(actor=actor, action="kompas_proposal_create", target=proposal)
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, **fields) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    if not (
        actor.has_perm("kompas.edit_proposals", proposal.edition) or _is_author(actor, proposal)
    ):
        raise NotAllowed(
            _("Alleen de auteurs en de opstellers van het kompas wijzigen dit voorstel.")
        )
    _require_status(proposal.edition, [S.CONCEPT, S.CONSULTATIE], _refused_step(proposal.edition))
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ApplicationError(_("Onbekende velden: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    before = {k: str(getattr(proposal, k)) for k in fields}
    for name, value in fields.items():
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    proposal.edited_by_people = True
    _clean(proposal)
    proposal.save()
    audit_record(
        actor=actor, action="kompas_proposal_update", target=proposal, changes={"before": before}
    )
    return proposal


@transaction.atomic
def proposal_co_author_add(*, actor, proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    if not (
        actor.has_perm("kompas.edit_proposals", proposal.edition) or _is_author(actor, proposal)
    ):
        raise NotAllowed(_("Alleen de auteurs nodigen mede-auteurs uit."))
    _require_status(proposal.edition, [S.CONCEPT, S.CONSULTATIE], _refused_step(proposal.edition))
    if user is None or not user.is_active:
        raise ApplicationError(_("Deze persoon is niet gevonden."))
    proposal.co_authors.add(user)
    proposal.edited_by_people = True
    proposal.save(update_fields=["edited_by_people", "updated_at"])
    audit_record(
        actor=actor, action="kompas_co_author_add", target=proposal, changes={"user": user.pk}
    )
    return proposal


def voice_of(user) -> str:
    """Partners in residence first, then initiatives, then the municipality: the voice is marked."""
    if residence_selectors.residency_list(actor=user).filter(person=user, status="actief").exists():
        return Voice.PARTNER_IN_RESIDENCE
    types = set(atlas_selectors.organisations_of(actor=user).values_list("type", flat=True))
    if "initiatief" in types:
        return Voice.INITIATIEF
    if "gemeentelijk_cluster" in types or is_ambtenaar(user) or is_bestuurder(user):
        return Voice.GEMEENTE
    return Voice.ANDERS


@transaction.atomic
def comment_create(*, actor, proposal: Proposal, body: str) -> Comment:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    _require(
        actor,
        "kompas.take_part",
        proposal.edition,
        _("Reageren kan tijdens de consultatie, na inloggen."),
    )
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Schrijf eerst een reactie."))
    comment = Comment(proposal=proposal, author=actor, body=body, voice=voice_of(actor))
    _clean(comment)
    comment.save()
    audit_record(
        actor=actor, action="kompas_comment", target=comment, changes={"voice": comment.voice}
    )
    return comment


@transaction.atomic
def proposal_endorse(*, actor, proposal: Proposal) -> Endorsement:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    _require(
        actor,
        "kompas.take_part",
        proposal.edition,
        _("Steunen kan tijdens de consultatie, na inloggen."),
    )
    if Endorsement.objects.filter(proposal=proposal, user=actor).exists():
        raise Conflict(_("U steunt dit voorstel al."))
    endorsement = Endorsement(proposal=proposal, user=actor, voice=voice_of(actor))
    _clean(endorsement, constraints=False)
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError as exc:
        raise Conflict(_("U steunt dit voorstel al.")) from exc
    audit_record(
        actor=actor,
        action="kompas_endorse",
        target=proposal,
        changes={"steunbetuiging": endorsement.pk, "voice": endorsement.voice},
    )
    return endorsement


@transaction.atomic
def priority_set(*, actor, edition: Edition, theme, level: int, rationale: str = "") -> Priority:
    _require(actor, "kompas.edit_proposals", edition, _("U kunt de prioriteiten niet wijzigen."))
    edition = _lock(edition)
    _require_status(edition, Edition.OPEN, _refused_step(edition))
    priority = Priority.objects.filter(edition=edition, theme=theme).first() or Priority(
        edition=edition, theme=theme
    )
    priority.level = level
    priority.rationale = (rationale or "").strip()
    priority.drafted = False
    _clean(priority)
    priority.save()
    audit_record(
        actor=actor, action="kompas_priority_set", target=priority, changes={"level": level}
    )
    return priority


# --- Gremia, agenda, decisions ---------------------------------------------------------------


@transaction.atomic
def gremium_save(
    *, actor, name: str, kind: str, position: int = 0, is_active: bool = True, gremium=None
) -> Gremium:
    _require(
        actor,
        "kompas.manage_gremia",
        None,
        _("Alleen een bestuurder of beheerder beheert de gremia."),
    )
    gremium = Gremium.objects.select_for_update().get(pk=gremium.pk) if gremium else Gremium()
    gremium.name = (name or "").strip()
    gremium.kind = kind
    gremium.position = position
    gremium.is_active = is_active
    _clean(gremium)
    gremium.save()
    audit_record(actor=actor, action="kompas_gremium_save", target=gremium)
    return gremium


@transaction.atomic
def agenda_item_create(
    *, actor, proposal: Proposal, gremium: Gremium, date: datetime.date
) -> AgendaItem:
    proposal = Proposal.objects.select_related("edition").get(pk=proposal.pk)
    edition = _lock(proposal.edition)
    _require(
        actor,
        "kompas.manage_agenda",
        edition,
        _("Alleen een ambtenaar of bestuurder zet voorstellen op de agenda."),
    )
    _require_status(edition, [S.CONSULTATIE, S.GEAGENDEERD], _refused_step(edition))
    if gremium is None or not gremium.is_active:
        raise ApplicationError(_("Kies een gremium."))
    item = AgendaItem(proposal=proposal, gremium=gremium, date=date)
    _clean(item)
    item.save()
    audit_record(actor=actor, action="kompas_agenda_item_create", target=item)
    return item


def _lock_item(agenda_item: AgendaItem) -> tuple[AgendaItem, Edition]:
    """The agenda item and its edition, both locked, the edition first as its transitions do: a
    decision cannot change while the edition is adopted and frozen, nor slip in after it."""
    edition_id = (
        AgendaItem.objects.filter(pk=agenda_item.pk)
        .values_list("proposal__edition_id", flat=True)
        .get()
    )
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    return AgendaItem.objects.select_for_update().get(pk=agenda_item.pk), edition


@transaction.atomic
def decision_record(
    *,
    actor,
    agenda_item: AgendaItem,
    outcome: str,
    reasons: str,
    actions: str = "",
    monitor_indicator: str = "",
    monitor_who: str = "",
    monitor_owner=None,
    monitor_due: datetime.date | None = None,
) -> AgendaItem:
    """The outcome of a proposal in a gremium, with reasons; an accepted one needs a monitoring plan."""
    item, edition = _lock_item(agenda_item)
    _require(
        actor,
        "kompas.record_decision",
        edition,
        _("Alleen een ambtenaar of bestuurder legt besluiten vast."),
    )
    _require_status(edition, [S.GEAGENDEERD], _refused_step(edition))
    if outcome not in AgendaItem.Outcome.values:
        raise ApplicationError(
            _("Kies een besluit: aangenomen, aangepast, afgewezen of aangehouden.")
        )
    if not (reasons or "").strip():
        raise ApplicationError(
            _("Geef de motivering van het besluit; ook een afwijzing wordt teruggekoppeld.")
        )
    if outcome in AgendaItem.ACCEPTED and not (
        (monitor_indicator or "").strip() and (monitor_who or "").strip() and monitor_due
    ):
        raise ApplicationError(
            _("Een aangenomen voorstel krijgt een monitoringplan: indicator, wie en wanneer.")
        )
    item.outcome = outcome
    item.reasons = reasons.strip()
    item.actions = (actions or "").strip()
    item.monitor_indicator = (monitor_indicator or "").strip()
    item.monitor_who = (monitor_who or "").strip()
    item.monitor_owner = monitor_owner
    item.monitor_due = monitor_due if outcome in AgendaItem.ACCEPTED else None
    item.decided_at = timezone.now()
    item.recorded_by = actor
    _clean(item)
    item.save()
    audit_record(
        actor=actor, action="kompas_decision_record", target=item, changes={"outcome": outcome}
    )
    return item


# --- Monitoring ------------------------------------------------------------------------------


@transaction.atomic
def monitoring_entry_add(
    *,
    actor,
    agenda_item: AgendaItem,
    date: datetime.date,
    status: str,
    observation: str,
    next_due: datetime.date | None = None,
) -> MonitoringEntry:
    item, edition = _lock_item(agenda_item)
    _require(actor, "kompas.add_monitoring", edition, _("Log in om een waarneming toe te voegen."))
    _require_status(
        edition,
        [S.VASTGESTELD, S.TERUGGEKOPPELD, S.MONITORING],
        _("Monitoring kan vanaf de vaststelling tot de editie gesloten is."),
    )
    if item.outcome not in AgendaItem.ACCEPTED:
        raise ApplicationError(_("Alleen aangenomen voorstellen worden gemonitord."))
    if next_due and next_due <= date:
        raise ApplicationError(_("De volgende meting ligt na de datum van deze meting."))
    entry = MonitoringEntry(
        agenda_item=item,
        date=date,
        status=status,
        observation=(observation or "").strip(),
        author=actor,
    )
    _clean(entry)
    entry.save()
    if next_due:
        item.monitor_due = next_due
        item.reminded_on = None
        item.save(update_fields=["monitor_due", "reminded_on", "updated_at"])
    audit_record(
        actor=actor, action="kompas_monitoring_add", target=entry, changes={"status": status}
    )
    return entry


def monitoring_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the owner of each overdue measurement once per due date. Idempotent."""
    today = today or timezone.localdate()
    sent = 0
    for item in selectors.monitoring_overdue(today=today):
        with transaction.atomic():
            locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
            if locked.reminded_on is not None and locked.reminded_on >= locked.monitor_due:
                continue
            person = item.monitor_owner or item.recorded_by
            if person is None or not person.email:
                continue
            send_mail(
                _("Monitoring achter: %(title)s") % {"title": item.proposal.title},
                _(
                    "De meting van '%(title)s' (%(indicator)s) was op %(due)s verwacht. "
                    "Voeg de waarneming toe op %(url)s."
                )
                % {
                    "title": item.proposal.title,
                    "indicator": item.monitor_indicator,
                    "due": item.monitor_due.strftime("%d-%m-%Y"),
                    "url": settings.SITE_URL + item.proposal.edition.get_absolute_url(),
                },
                None,
                [person.email],
            )
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on", "updated_at"])
            audit_record(actor=None, action="kompas_monitoring_reminder", target=locked)
            sent += 1
    return sent


# --- Notifications ---------------------------------------------------------------------------


def cited_addresses(*, edition: Edition) -> list[str]:
    """Everyone whose lesson, knelpunt or deal the edition cited: the proposers of the lessons (read
    through the atlas), the reporters of the knelpunten and the members of the deals' partners."""
    knelpunt_ids = list(
        edition.evidence.filter(kind=Evidence.Kind.KNELPUNT).values_list("source_id", flat=True)
    )
    lesson_ids = list(
        edition.evidence.filter(kind=Evidence.Kind.LES).values_list("source_id", flat=True)
    )
    addresses: set[str] = (
        set(atlas_selectors.lesson_proposer_emails(lesson_ids=lesson_ids)) if lesson_ids else set()
    )
    knelpunten = (
        deals_selectors.knelpunten_for_kompas()
        .filter(pk__in=knelpunt_ids)
        .select_related("reported_by")
        .prefetch_related("deal__partners")
    )
    for knelpunt in knelpunten:
        if knelpunt.reported_by is not None and knelpunt.reported_by.email:
            addresses.add(knelpunt.reported_by.email)
        addresses.update(residence_selectors.deal_partner_member_emails(deal=knelpunt.deal))
    return sorted(addresses)


def feedback_notify(*, edition_id: int) -> int:
    """E-mail the terugkoppeling to everyone cited, once per address (idempotent)."""
    edition = Edition.objects.get(pk=edition_id)
    if edition.status not in (S.TERUGGEKOPPELD, S.MONITORING, S.GESLOTEN):
        return 0
    url = settings.SITE_URL + edition.get_absolute_url() + "terugkoppeling/"
    sent = 0
    for email in cited_addresses(edition=edition):
        with transaction.atomic():
            _sent, created = Notification.objects.get_or_create(
                edition=edition, kind=Notification.Kind.TERUGKOPPELING, email=email
            )
            if not created:
                continue
            send_mail(
                _("Terugkoppeling %(edition)s") % {"edition": edition.title},
                _(
                    "Uw signaal is gebruikt in %(edition)s. Lees wat er besloten is, positief en negatief, "
                    "en wat er nu gebeurt: %(url)s"
                )
                % {"edition": edition.title, "url": url},
                None,
                [email],
            )
            sent += 1
    return sent
