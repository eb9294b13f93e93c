"""Reads of the atlas, scoped to the acting user."""

from django.db.models import Q

from reisgids.core.permissions import is_beheerder, is_netwerkmanager

from .models import Area, Membership, Organisation, Theme


def organisation_list(*, actor=None):
    return Organisation.objects.filter(is_archived=False).prefetch_related("themes", "areas")


def organisation_get(*, actor=None, slug: str) -> Organisation:
    return Organisation.objects.filter(is_archived=False).get(slug=slug)


def theme_list():
    return Theme.objects.all()


def area_list():
    return Area.objects.select_related("parent")


def memberships_of(*, actor):
    """The actor's own memberships, newest first."""
    if not actor.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=actor).select_related("organisation", "decided_by")


def organisations_of(*, actor):
    """Organisations where the actor is an approved member."""
    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=actor, memberships__status=Membership.Status.GOEDGEKEURD, is_archived=False
    ).distinct()


def memberships_visible_to(*, actor):
    """Memberships the actor may see: their own, and those they may decide on."""
    if not actor.is_authenticated:
        return Membership.objects.none()
    qs = Membership.objects.select_related("organisation", "user", "decided_by")
    if is_netwerkmanager(actor) or is_beheerder(actor):
        return qs
    administered = Membership.objects.filter(
        user=actor, role=Membership.Role.BEHEERDER, status=Membership.Status.GOEDGEKEURD
    ).values("organisation_id")
    return qs.filter(Q(user=actor) | Q(organisation_id__in=administered))


def membership_requests_to_decide(*, actor):
    qs = memberships_visible_to(actor=actor).filter(status=Membership.Status.AANGEVRAAGD)
    return qs.exclude(user=actor) if actor.is_authenticated else qs
