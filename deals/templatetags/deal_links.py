"""Links from atlas pages (the organisation page) to deals and to the organisation's stories.

The atlas does not import deals; its templates load this library instead."""

from django import template

from atlas import selectors as atlas_selectors

from .. import selectors
from ..models import DealPartner

register = template.Library()


def _actor(context):
    request = context.get("request")
    return request.user if request is not None else None


@register.simple_tag(takes_context=True)
def public_deals_of(context, organisation, limit: int = 20):
    """Deals in the public register in which the organisation takes part."""
    actor = _actor(context)
    if actor is None or organisation is None:
        return []
    deals = selectors.deal_register(actor=actor).filter(
        partners__organisation=organisation, partners__status=DealPartner.Status.GEACCEPTEERD
    )
    return list(deals.prefetch_related(None).distinct()[:limit])


@register.simple_tag(takes_context=True)
def stories_of(context, organisation, limit: int = 10):
    """Published stories told on behalf of the organisation."""
    if organisation is None:
        return []
    return list(
        atlas_selectors.story_list(actor=_actor(context)).filter(organisation=organisation)[:limit]
    )
