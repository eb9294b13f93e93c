from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchouwConfig(AppConfig):
    name = "schouw"
    verbose_name = _("De schouw")

    def ready(self):
        # Register this app's django-rules permissions.
        from schouw import permissions  # noqa: F401
