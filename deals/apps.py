from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = _("Zorg- en welzijnsdeals")

    def ready(self):
        # Register this app's django-rules permissions.
        from deals import permissions  # noqa: F401
