from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidenceConfig(AppConfig):
    name = "deals.residence"
    label = "residence"
    verbose_name = _("Partner in residence")

    def ready(self):
        # Register this app's django-rules permissions.
        from deals.residence import permissions  # noqa: F401
