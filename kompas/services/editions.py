"""The steps of an edition: consultation, agenda, adoption, feedback, news, monitoring, close."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import services as atlas_services
from deals import services as deals_services
from reisgids.core.errors import ApplicationError
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import (
    AgendaItem,
    Edition,
    Priority,
    Proposal,
)
from ..workflow import EDITION
from ._common import S, _clean, _enqueue


def _step(edition: Edition, to: str, *, actor, action: str, changes: dict | None = None):
    """Move the (locked) edition along an edge of ``EDITION``, saving what the step set on it."""
    return transition(
        edition,
        workflow=EDITION,
        to=to,
        actor=actor,
        action=action,
        changes=changes,
        message=EDITION.refused(edition),
    )


@transaction.atomic
def edition_consultation_open(*, actor, edition: Edition) -> Edition:
    require(
        actor,
        "kompas.open_consultation",
        edition,
        _("Alleen een contentbeheerder of ambtenaar opent de consultatie."),
    )
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.CONSULTATIE), EDITION.refused(edition))
    if not edition.proposals.exists():
        raise ApplicationError(_("Schrijf eerst ten minste één veranderingsvoorstel."))
    edition.consultation_opened_at = timezone.now()
    return _step(edition, S.CONSULTATIE, actor=actor, action="kompas_consultation_open")


@transaction.atomic
def edition_agenda_set(*, actor, edition: Edition) -> Edition:
    require(
        actor,
        "kompas.manage_agenda",
        edition,
        _("Alleen een ambtenaar of bestuurder zet voorstellen op de agenda."),
    )
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.GEAGENDEERD), EDITION.refused(edition))
    if not AgendaItem.objects.filter(proposal__edition=edition).exists():
        raise ApplicationError(_("Zet eerst ten minste één voorstel op de agenda van een gremium."))
    edition.agenda_set_at = timezone.now()
    return _step(edition, S.GEAGENDEERD, actor=actor, action="kompas_agenda_set")


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
    require(
        actor, "kompas.adopt_edition", edition, _("Alleen een bestuurder stelt het kompas vast.")
    )
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.VASTGESTELD), EDITION.refused(edition))
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
    edition.adopted_at = now
    edition.adopted_by = actor
    edition.snapshot = _snapshot(edition, actor=actor, at=now)
    _clean(edition)
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
    return _step(
        edition,
        S.VASTGESTELD,
        actor=actor,
        action="kompas_adopt",
        changes={"priorities": len(priorities)},
    )


@transaction.atomic
def edition_feedback_publish(
    *, actor, edition: Edition, feedback: str, new_rules: str = ""
) -> Edition:
    """The public terugkoppeling; those whose knelpunt or deal was cited get an e-mail."""
    require(
        actor, "kompas.publish_feedback", edition, _("U kunt de terugkoppeling niet publiceren.")
    )
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.TERUGGEKOPPELD), EDITION.refused(edition))
    feedback = (feedback or "").strip()
    if not feedback:
        raise ApplicationError(
            _("Schrijf eerst de terugkoppeling: wat is er besloten, en wat gebeurt er nu?")
        )
    edition.feedback = feedback
    edition.new_rules = (new_rules or "").strip()
    edition.feedback_published_at = timezone.now()
    _clean(edition)
    _step(edition, S.TERUGGEKOPPELD, actor=actor, action="kompas_feedback_publish")
    edition_announce_in_news(actor=actor, edition=edition)
    _enqueue("kompas.tasks.feedback_notify", edition.pk)
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
    require(actor, "kompas.run_monitoring", edition, _("U kunt de monitoring niet starten."))
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.MONITORING), EDITION.refused(edition))
    edition.monitoring_started_at = timezone.now()
    return _step(edition, S.MONITORING, actor=actor, action="kompas_monitoring_start")


@transaction.atomic
def edition_close(*, actor, edition: Edition) -> Edition:
    require(actor, "kompas.run_monitoring", edition, _("U kunt deze editie niet sluiten."))
    edition = lock(edition)
    require_state(edition, EDITION.sources(S.GESLOTEN), EDITION.refused(edition))
    edition.closed_at = timezone.now()
    return _step(edition, S.GESLOTEN, actor=actor, action="kompas_close")


@transaction.atomic
def edition_summary_set(*, actor, edition: Edition, summary: str) -> Edition:
    require(actor, "kompas.edit_proposals", edition, _("U kunt deze editie niet wijzigen."))
    edition = lock(edition)
    require_state(edition, Edition.OPEN, EDITION.refused(edition))
    edition.summary = (summary or "").strip()
    _clean(edition)
    edition.save(update_fields=["summary", "updated_at"])
    audit_record(actor=actor, action="kompas_summary_set", target=edition)
    return edition
