from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "reisgids.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self):
        # Register this app's django-rules permissions.
        from reisgids.core import permissions  # noqa: F401

        # Every app's privacy.py registers its part of "Mijn gegevens" (see reisgids/core/privacy.py).
        autodiscover_modules("privacy")
