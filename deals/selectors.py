"""Reads of the deals app, scoped to the acting user.

The visibility rule lives here once: a deal is public from the moment it was closed
(``closed_at`` set); before that only its (invited) partners, its starter and the
netwerkmanagers see it. Pages, API and search all read through these functions.
"""

from decimal import Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse

from atlas import selectors as atlas_selectors
from atlas.models import SourceType
from reisgids.core.permissions import is_ambtenaar, is_beheerder, is_bestuurder, is_netwerkmanager

from .constants import TEMPLATE_ELEMENTS
from .models import (
    CheckIn,
    Deal,
    DealEvent,
    DealPartner,
    DealTemplateElement,
    DealTheme,
    Intake,
    KickOffMoment,
    Knelpunt,
    PlanVersion,
    Signature,
    Task,
)


def _is_staff(actor) -> bool:
    return actor.is_authenticated and (is_netwerkmanager(actor) or is_beheerder(actor))


def _own_org_ids(actor):
    return atlas_selectors.organisations_of(actor=actor).values("pk")


def _visible(actor, qs):
    if _is_staff(actor):
        return qs
    if not actor.is_authenticated:
        return qs.filter(closed_at__isnull=False)
    return qs.filter(
        Q(closed_at__isnull=False) | Q(created_by=actor) | Q(pk__in=_involved_deal_ids(actor))
    )


def _involved_deal_ids(actor):
    """The deals the actor's organisations are invited to or take part in.

    An uncorrelated ``IN`` rather than a correlated ``EXISTS``: PostgreSQL runs both as one hashed
    subplan, but estimates the EXISTS inside an OR at the cost of a lookup per deal, which pushed the
    list and its count over the JIT threshold (about 40 ms of compiling per query at factor 20).
    """
    return DealPartner.objects.filter(
        organisation__in=_own_org_ids(actor),
        status__in=[DealPartner.Status.UITGENODIGD, DealPartner.Status.GEACCEPTEERD],
    ).values("deal_id")


def _list_qs():
    return Deal.objects.select_related("follow_up_of").prefetch_related(
        "themes",
        "areas",
        Prefetch("partners", queryset=DealPartner.objects.select_related("organisation")),
    )


def deal_list(*, actor):
    """Every deal the actor may see."""
    return _visible(actor, _list_qs())


def deal_register(*, actor):
    """The public register: deals from gesloten onward (also when later paused or stopped)."""
    return deal_list(actor=actor).filter(closed_at__isnull=False).order_by("-closed_at")


def deals_of(*, actor):
    """Deals the actor takes part in, is invited to, or started (drafts included)."""
    if not actor.is_authenticated:
        return Deal.objects.none()
    return _list_qs().filter(Q(created_by=actor) | Q(pk__in=_involved_deal_ids(actor)))


def deal_get(*, actor, pk) -> Deal:
    """Raises Deal.DoesNotExist when the deal does not exist or the actor may not see it."""
    return deal_list(actor=actor).get(pk=pk)


def deal_detail(*, actor, pk) -> Deal:
    """One deal with everything its page shows, in a fixed number of queries."""
    return (
        _visible(actor, Deal.objects.all())
        .select_related("kickoff_moment", "created_by", "follow_up_of")
        .prefetch_related(
            "themes",
            "areas",
            Prefetch(
                "partners",
                queryset=DealPartner.objects.select_related("organisation").prefetch_related(
                    "contributions"
                ),
            ),
            Prefetch("tasks", queryset=Task.objects.select_related("partner__organisation")),
            "results",
            "agreements",
            "milestones",
            "follow_ups",
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.prefetch_related(
                    Prefetch(
                        "signatures",
                        queryset=Signature.objects.select_related(
                            "partner__organisation", "signed_by"
                        ),
                    )
                ),
            ),
        )
        .get(pk=pk)
    )


def kickoff_event_url(*, actor, deal: Deal) -> str:
    """The page of the deal's kick-off in the atlas agenda: its own, or the collective one it joined."""
    if deal.kickoff_at is None:
        return ""
    source_id = f"moment-{deal.kickoff_moment_id}" if deal.kickoff_moment_id else str(deal.pk)
    slug = (
        atlas_selectors.event_list(actor=actor)
        .filter(source_type=SourceType.KICK_OFF, source_id=source_id, is_cancelled=False)
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("atlas:event-detail", kwargs={"slug": slug}) if slug else ""


def deal_partner_get(*, actor, pk) -> DealPartner | None:
    """A partner of a deal the actor may see, or None."""
    return (
        DealPartner.objects.select_related("organisation", "deal")
        .filter(pk=pk, deal__in=deal_list(actor=actor).values("pk"))
        .first()
    )


def deal_timeline(*, actor, deal: Deal):
    qs = DealEvent.objects.filter(deal=deal).select_related("actor")
    if not actor.has_perm("deals.view_deal_internals", deal):
        qs = qs.filter(is_public=True)
    return qs


def partner_actions(*, actor, deal: Deal) -> list[DealPartner]:
    """The deal's partners the actor may act for (member of the organisation), with admin rights noted."""
    if not actor.is_authenticated:
        return []
    own = atlas_selectors.organisation_ids_of(actor=actor)
    result = []
    for partner in deal.partners.all():
        if partner.organisation_id in own:
            partner.may_sign = actor.has_perm("deals.sign_for_partner", partner)
            result.append(partner)
    return result


def result_progress(*, deal: Deal, checkins=None) -> list[dict]:
    """Per result the latest reported value and how far it is from baseline to target (0-100).
    ``checkins``: all check-ins of the deal when the caller already read them."""
    if checkins is None:
        checkins = list(CheckIn.objects.filter(partner__deal=deal).order_by("period", "updated_at"))
    else:
        checkins = sorted(checkins, key=lambda c: (c.period, c.updated_at))
    progress = []
    for result in deal.results.all():
        latest = None
        for checkin in checkins:
            if str(result.pk) in checkin.values:
                latest = Decimal(checkin.values[str(result.pk)])
        percent = None
        if latest is not None and result.target is not None:
            base = result.baseline or Decimal(0)
            span = result.target - base
            percent = 100 if span == 0 else max(0, min(100, int((latest - base) / span * 100)))
        progress.append({"result": result, "latest": latest, "percent": percent})
    return progress


def deal_progress(*, deal: Deal) -> int | None:
    known = [p["percent"] for p in result_progress(deal=deal) if p["percent"] is not None]
    return round(sum(known) / len(known)) if known else None


def checkins_of(*, actor, deal: Deal):
    if not actor.has_perm("deals.view_deal_internals", deal):
        return CheckIn.objects.none()
    return CheckIn.objects.filter(partner__deal=deal).select_related(
        "partner__organisation", "submitted_by"
    )


def deal_versions(*, actor, deal: Deal):
    return deal.versions.prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("partner__organisation"))
    )


# --- Knelpunten -----------------------------------------------------------------------------


def knelpunt_list(*, actor):
    """Knelpunten the actor may read: netwerkmanagers, ambtenaren and bestuurders read those of
    every deal they can see; partners those of their own deals. The public reads none."""
    if not actor.is_authenticated:
        return Knelpunt.objects.none()
    qs = Knelpunt.objects.select_related("deal", "partner__organisation", "reported_by")
    if _is_staff(actor):
        return qs
    visible = deal_list(actor=actor)
    if is_ambtenaar(actor) or is_bestuurder(actor):
        return qs.filter(deal__in=visible.values("pk"))
    mine = DealPartner.objects.filter(
        organisation__in=_own_org_ids(actor), status=DealPartner.Status.GEACCEPTEERD
    ).values("deal_id")
    return qs.filter(deal__in=mine)


def knelpunten_for_kompas(*, since=None):
    """The knelpunten forwarded to the kompas (for its draft agenda), oldest first.

    A system read for the kompas' scheduled draft; the kompas shows them only to those who
    may read the kompas draft.
    """
    qs = Knelpunt.objects.filter(status=Knelpunt.Status.KOMPAS).select_related(
        "deal", "partner__organisation"
    )
    if since is not None:
        qs = qs.filter(forwarded_at__gte=since)
    return qs.order_by("forwarded_at")


# --- Themes, template, kick-offs ------------------------------------------------------------


def deal_theme_list(*, actor=None, include_inactive: bool = False):
    qs = DealTheme.objects.select_related("theme", "set_by").prefetch_related("comments__author")
    return qs if include_inactive else qs.filter(is_active=True)


def deal_template_elements(*, include_inactive: bool = False) -> list[DealTemplateElement]:
    """The configured template; until a netwerkmanager configures it, the report's seven elements."""
    elements = list(DealTemplateElement.objects.all())
    if not elements:
        elements = [
            DealTemplateElement(key=k, label=label, help_text=help_text, required=req, position=i)
            for i, (k, label, help_text, req) in enumerate(TEMPLATE_ELEMENTS)
        ]
    return elements if include_inactive else [e for e in elements if e.is_active]


def kickoff_candidates(*, actor):
    """Closed deals without a kick-off yet: they join the next collective moment."""
    return deal_register(actor=actor).filter(kickoff_at__isnull=True, kickoff_moment__isnull=True)


def kickoff_moment_list(*, actor=None):
    return KickOffMoment.objects.prefetch_related("deals")


# --- Netwerkmanager workspace ---------------------------------------------------------------


def workspace_matches(*, actor, limit: int = 8) -> list[dict]:
    """Deals looking for partners, each with organisations that share a theme and work in one of
    its areas (or citywide), and the deal's klankbordgroep."""
    if not actor.has_perm("deals.use_workspace"):
        return []
    deals = deal_list(actor=actor).filter(
        status__in=[
            Deal.Status.PARTNERS_ZOEKEN,
            Deal.Status.IDEE,
            Deal.Status.TOETSING,
            Deal.Status.PLANNING,
        ]
    )
    organisations = list(atlas_selectors.organisation_list(actor=actor))
    rows = []
    for deal in deals:
        themes = {t.pk for t in deal.themes.all()}
        areas = {a.pk for a in deal.areas.all()} | {
            a.parent_id for a in deal.areas.all() if a.parent_id
        }
        taken = {
            p.organisation_id
            for p in deal.partners.all()
            if p.status != DealPartner.Status.AFGEWEZEN
        }
        matches = []
        for org in organisations:
            if org.pk in taken:
                continue
            shared_themes = [t for t in org.themes.all() if t.pk in themes]
            org_areas = {a.pk for a in org.areas.all()} | {
                a.parent_id for a in org.areas.all() if a.parent_id
            }
            in_area = org.citywide or deal.citywide or bool(org_areas & areas)
            if shared_themes and in_area:
                matches.append({"organisation": org, "themes": shared_themes})
        rows.append(
            {
                "deal": deal,
                "matches": matches[:limit],
                "klankbordgroep": [
                    p for p in deal.partners.all() if p.role == DealPartner.Role.KLANKBORDGROEP
                ],
            }
        )
    return rows


# --- Intake ---------------------------------------------------------------------------------


def intake_list(*, actor):
    if not actor.is_authenticated:
        return Intake.objects.none()
    qs = Intake.objects.select_related("organisation", "submitted_by", "handled_by", "deal")
    if actor.has_perm("deals.handle_intake"):
        return qs
    return qs.filter(Q(submitted_by=actor) | Q(organisation__in=_own_org_ids(actor)))


def intake_detail(*, actor, pk) -> Intake:
    return (
        intake_list(actor=actor).prefetch_related("involvements", "commitments", "steps").get(pk=pk)
    )
