"""Reads of the partner in residence, scoped to the acting user.

The work of a residency is read by the deal's partners only (``residence.view_work``); every
selector that returns it checks that first, so pages, API and any later search share one rule.
"""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.urls import reverse

from atlas import selectors as atlas_selectors
from atlas.models import Membership
from deals.models import Deal
from reisgids.core.permissions import is_beheerder, is_netwerkmanager

from .models import (
    Action,
    Handbrake,
    LogEntry,
    Meeting,
    Opening,
    Reflection,
    Residency,
    SideActivity,
    Signal,
    SignalResponse,
)
from .permissions import ACCEPTED, own_organisation_ids

# The klankbordgroep advises; every other accepted partner responds to signals and agrees to resume.
ADVISORY_ROLES = ("klankbordgroep",)
# How a side activity appears as a source in the atlas agenda.
SIDE_ACTIVITY_SOURCE = "zijactiviteit"


def _is_staff(actor) -> bool:
    return actor.is_authenticated and (is_netwerkmanager(actor) or is_beheerder(actor))


def _base():
    return Residency.objects.select_related(
        "deal", "person", "sending_partner__organisation", "host_partner__organisation"
    )


def residency_list(*, actor):
    """Residencies the actor may see: their own, those of deals their organisation takes part in,
    and (for netwerkmanagers and beheerders) all."""
    if not actor.is_authenticated:
        return Residency.objects.none()
    qs = _base()
    if _is_staff(actor):
        return qs
    return qs.filter(
        Q(person=actor)
        | Q(
            deal__partners__organisation__in=own_organisation_ids(actor),
            deal__partners__status=ACCEPTED,
        )
    ).distinct()


def residency_detail(*, actor, pk) -> Residency:
    """Raises Residency.DoesNotExist when it does not exist or the actor may not see it."""
    return (
        residency_list(actor=actor)
        .prefetch_related(Prefetch("deal__partners", queryset=_partner_qs()))
        .get(pk=pk)
    )


def _partner_qs():
    from django.apps import apps

    return (
        apps.get_model("deals", "DealPartner").objects.select_related("organisation").order_by("pk")
    )


def responding_partners(*, deal) -> list:
    """The partners whose voice counts: accepted, not advisory. Uses the deal's prefetched partners."""
    return [p for p in deal.partners.all() if p.status == ACCEPTED and p.role not in ADVISORY_ROLES]


def partners_of_actor(*, actor, deal) -> list:
    """The deal's accepted partners the actor is a member of."""
    own = own_organisation_ids(actor)
    return [p for p in deal.partners.all() if p.status == ACCEPTED and p.organisation_id in own]


def deal_partner_member_emails(*, deal) -> list[str]:
    """E-mail addresses of the approved members of every accepted partner of the deal."""
    org_ids = [p.organisation_id for p in deal.partners.all() if p.status == ACCEPTED]
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=org_ids,
            memberships__status=Membership.Status.GOEDGEKEURD,
            is_active=True,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def log_entries_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return LogEntry.objects.none()
    return LogEntry.objects.filter(residency=residency).select_related("author")


def logbook_list(*, actor):
    """Every log entry the actor may read, over all residencies (for the API)."""
    if not actor.is_authenticated:
        return LogEntry.objects.none()
    own = own_organisation_ids(actor)
    return (
        LogEntry.objects.filter(
            Q(residency__person=actor)
            | Q(
                residency__deal__partners__organisation__in=own,
                residency__deal__partners__status=ACCEPTED,
            )
        )
        .select_related("author")
        .distinct()
    )


def meetings_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return Meeting.objects.none()
    return Meeting.objects.filter(residency=residency).prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )


def actions_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return Action.objects.none()
    return Action.objects.filter(meeting__residency=residency).select_related("owner", "meeting")


def signals_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return Signal.objects.none()
    return Signal.objects.filter(residency=residency).prefetch_related(
        Prefetch(
            "responses",
            queryset=SignalResponse.objects.select_related("partner__organisation", "responder"),
        )
    )


def handbrakes_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return Handbrake.objects.none()
    return (
        Handbrake.objects.filter(residency=residency)
        .select_related("pulled_by")
        .prefetch_related("agreements__partner__organisation", "agreements__agreed_by")
    )


def reflections_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_work", residency):
        return Reflection.objects.none()
    return Reflection.objects.filter(residency=residency).select_related("author")


def side_activities_of(*, actor, residency: Residency):
    if not actor.has_perm("residence.view_residency", residency):
        return residency.side_activities.none()
    return residency.side_activities.select_related("organised_by")


def side_activities_with_agenda(*, actor, residency: Residency) -> list[SideActivity]:
    """The side activities, each with ``agenda_url``: its page in the atlas agenda (or "")."""
    activities = list(side_activities_of(actor=actor, residency=residency))
    if not activities:
        return activities
    urls = {
        source_id: reverse("atlas:event-detail", kwargs={"slug": slug})
        for source_id, slug in atlas_selectors.event_list(actor=actor)
        .filter(source_type=SIDE_ACTIVITY_SOURCE, source_id__in=[str(a.pk) for a in activities])
        .values_list("source_id", "slug")
    }
    for activity in activities:
        activity.agenda_url = urls.get(str(activity.pk), "")
    return activities


def opening_list(*, actor):
    """Open 'gezocht' and 'aangeboden' listings, for logged-in users."""
    if not actor.has_perm("residence.view_openings"):
        return Opening.objects.none()
    return Opening.objects.filter(status=Opening.Status.OPEN).select_related(
        "organisation", "deal", "posted_by", "listing"
    )


def residency_deal_choices(*, actor):
    """Deals the actor may propose a residency for, running or in preparation: as a partner, or
    every such deal for network staff (who bring parties together)."""
    from deals import selectors as deal_selectors

    deals = (
        deal_selectors.deal_list(actor=actor)
        if _is_staff(actor)
        else deal_selectors.deals_of(actor=actor)
    )
    return deals.exclude(status__in=[Deal.Status.AFGEROND, Deal.Status.GESTOPT])


def person_by_email(*, email: str):
    """The active user with this e-mail address, or None."""
    return (
        get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    )


def action_owner_choices(*, residency: Residency) -> list:
    """Who may own an agreed action: the partner in residence and members of the deal's partners."""
    org_ids = [p.organisation_id for p in residency.deal.partners.all() if p.status == ACCEPTED]
    users = list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=org_ids,
            memberships__status=Membership.Status.GOEDGEKEURD,
            is_active=True,
        )
        .distinct()
        .order_by("name")
    )
    if residency.person_id not in {u.pk for u in users}:
        users.insert(0, residency.person)
    return users


def organisations_for_openings(*, actor):
    from atlas import selectors as atlas_selectors

    return atlas_selectors.organisations_of(actor=actor)
