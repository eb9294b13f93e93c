"""``{% subnav "deals" %}``: an app's subnavigation through the one component."""

from django import template

from reisgids.core.navigation import subnav_label, subnav_links

register = template.Library()


@register.inclusion_tag("components/subnav.html", takes_context=True)
def subnav(context, app_label: str) -> dict:
    request = context["request"]
    return {"label": subnav_label(app_label), "links": subnav_links(app_label, request)}
