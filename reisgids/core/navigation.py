"""The subnavigation of each part of the product, declared as data in the app's ``AppConfig``.

An app lists its links as ``subnavigation = (NavLink(...), ...)`` on its AppConfig (``apps.py``);
``{% subnav "atlas" %}`` (``reisgids.core.templatetags.navigation``) renders them with the one
component ``components/subnav.html``, showing each link only to those it is for and marking the
current page. Core reads the declarations through Django's app registry, so it imports no app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

#: Who sees a link: everybody, or only people who are logged in.
EVERYONE = "everyone"
LOGGED_IN = "logged_in"


@dataclass(frozen=True)
class NavLink:
    url_name: str
    label: str
    #: EVERYONE, LOGGED_IN, or a permission name (``"kompas.view_dashboard"``).
    shown_to: str = EVERYONE

    def visible_to(self, user) -> bool:
        if self.shown_to == EVERYONE:
            return True
        if not user.is_authenticated:
            return False
        return self.shown_to == LOGGED_IN or user.has_perm(self.shown_to)


def subnav_links(app_label: str, request) -> list[dict]:
    """The links of an app's subnavigation that this request's person may see."""
    config = apps.get_app_config(app_label)
    current = getattr(request.resolver_match, "view_name", None)
    return [
        {"url": reverse(link.url_name), "label": link.label, "current": link.url_name == current}
        for link in getattr(config, "subnavigation", ())
        if link.visible_to(request.user)
    ]


def subnav_label(app_label: str) -> str:
    config = apps.get_app_config(app_label)
    return str(getattr(config, "subnavigation_label", config.verbose_name))
