from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reisgids.core.navigation import LOGGED_IN, NavLink


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = _("Zorg- en welzijnsdeals")
    subnavigation_label = _("Deals")
    subnavigation = (
        NavLink("deals:deal-list", _("Register van deals")),
        NavLink("deals:theme-list", _("Thema's waarop deals welkom zijn")),
        NavLink("deals:deal-create", _("Deal starten"), shown_to=LOGGED_IN),
        NavLink("deals:knelpunt-list", _("Knelpunten"), shown_to=LOGGED_IN),
        NavLink("deals:intake-list", _("Recht om uit te dagen (voorlopig)"), shown_to=LOGGED_IN),
        NavLink("deals:workspace", _("Werkplaats"), shown_to="deals.use_workspace"),
        NavLink("deals:kickoff", _("Kick-offs"), shown_to="deals.use_workspace"),
        NavLink("deals:template", _("Opzet deals"), shown_to="deals.use_workspace"),
    )

    def ready(self):
        # Register this app's django-rules permissions.
        from deals import permissions  # noqa: F401
