from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KompasConfig(AppConfig):
    name = "kompas"
    verbose_name = _("Kompas")

    def ready(self):
        # Register this app's django-rules permissions.
        from kompas import permissions  # noqa: F401
