from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = _("Atlas")

    def ready(self):
        # Register this app's django-rules permissions.
        from atlas import permissions  # noqa: F401
