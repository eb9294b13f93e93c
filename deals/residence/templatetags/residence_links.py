"""Links from pages of lower apps (the deal page) to the partner in residence.

The deals app does not import residence; its templates load this library instead."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def residencies_for(context, deal):
    """The deal's residencies the visitor may see (partners and network staff; nobody else)."""
    request = context.get("request")
    if request is None or deal is None:
        return []
    return list(
        selectors.residency_list(actor=request.user)
        .filter(deal=deal)
        .order_by("-start_date", "-pk")
    )
