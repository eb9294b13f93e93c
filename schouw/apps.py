from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchouwConfig(AppConfig):
    name = "schouw"
    verbose_name = _("De schouw")
