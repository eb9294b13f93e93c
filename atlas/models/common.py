"""Parts shared by the network content of the atlas: publication status and a link to a source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceType(models.TextChoices):
    """Where something came from. Apps above the atlas link back by type, id and url, without
    the atlas importing them."""

    VRIJ = "vrij", _("Vrij (geen bron)")
    DEAL = "deal", _("Zorg- of welzijnsdeal")
    SCHOUW = "schouw", _("Schouw")
    RESIDENTIE = "residentie", _("Partner in residence")
    ZIJACTIVITEIT = "zijactiviteit", _("Activiteit bij een partner in residence")
    KICK_OFF = "kick_off", _("Kick-off van een deal")


class SourceLinkMixin(models.Model):
    source_type = models.CharField(_("soort bron"), max_length=20, choices=SourceType.choices, default=SourceType.VRIJ)
    source_id = models.CharField(_("bron-id"), max_length=64, blank=True)
    source_url = models.CharField(_("link naar de bron"), max_length=500, blank=True)

    class Meta:
        abstract = True
