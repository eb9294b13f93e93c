from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from reisgids.core.navigation import NavLink


class KompasConfig(AppConfig):
    name = "kompas"
    verbose_name = _("Kompas")
    subnavigation_label = _("Kompas")
    subnavigation = (
        NavLink("kompas:edition-list", _("Edities van het kompas")),
        NavLink("kompas:dashboard", _("Bestuurlijk overzicht"), shown_to="kompas.view_dashboard"),
        NavLink("kompas:gremium-list", _("Gremia"), shown_to="kompas.manage_gremia"),
    )

    def ready(self):
        # Register this app's django-rules permissions.
        from kompas import permissions  # noqa: F401
