"""Links from pages of lower apps (the deal page) to the schouw and to the lessons of a deal.

The deals app does not import schouw; its templates load this library instead."""

from django import template
from django.apps import apps
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from atlas import selectors as atlas_selectors
from deals.models import DealPartner

from .. import selectors
from ..models import SchouwRound

register = template.Library()


@register.simple_tag(takes_context=True)
def schouw_rounds_for(context, deal):
    """The deal's schouw rounds for its insiders; an empty list for everyone else."""
    request = context.get("request")
    if request is None or deal is None:
        return []
    # Title and step only: no partners or participants to prefetch.
    return list(selectors.rounds_of_deal(actor=request.user, deal=deal).prefetch_related(None))


@register.simple_tag(takes_context=True)
def may_organise_schouw(context, deal) -> bool:
    request = context.get("request")
    return bool(
        request is not None
        and deal is not None
        and request.user.has_perm("schouw.organise_round", deal)
    )


def _ids_of(queryset):
    return queryset.annotate(source_key=Cast("pk", CharField())).values("source_key")


@register.simple_tag(takes_context=True)
def lessons_for_deal(context, deal, limit: int = 20):
    """Published lessons of the kennisbank that came from this deal: from its schouw rounds, its
    partners in residence, or the deal itself. One query, whatever the number of sources."""
    if deal is None:
        return []
    request = context.get("request")
    residencies = apps.get_model("residence", "Residency").objects.filter(deal=deal)
    sources = (
        Q(source_type="schouw", source_id__in=_ids_of(SchouwRound.objects.filter(deal=deal)))
        | Q(source_type="residentie", source_id__in=_ids_of(residencies))
        | Q(source_type="deal", source_id=str(deal.pk))
    )
    lessons = atlas_selectors.lesson_list(actor=request.user if request else None).prefetch_related(
        None
    )
    return list(lessons.filter(sources)[:limit])


@register.simple_tag(takes_context=True)
def lessons_for_organisation(context, organisation, limit: int = 20):
    """Published lessons from the public deals the organisation takes part in: from their schouw
    rounds, their partners in residence or the deals themselves. One query."""
    if organisation is None:
        return []
    from deals import selectors as deal_selectors

    request = context.get("request")
    actor = request.user if request is not None else None
    if actor is None:
        return []
    deals = (
        deal_selectors.deal_register(actor=actor)
        .filter(
            partners__organisation=organisation, partners__status=DealPartner.Status.GEACCEPTEERD
        )
        .values("pk")
    )
    residencies = apps.get_model("residence", "Residency").objects.filter(deal__in=deals)
    sources = (
        Q(source_type="schouw", source_id__in=_ids_of(SchouwRound.objects.filter(deal__in=deals)))
        | Q(source_type="residentie", source_id__in=_ids_of(residencies))
        | Q(
            source_type="deal",
            source_id__in=_ids_of(apps.get_model("deals", "Deal").objects.filter(pk__in=deals)),
        )
    )
    return list(
        atlas_selectors.lesson_list(actor=actor).prefetch_related(None).filter(sources)[:limit]
    )
