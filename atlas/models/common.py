"""Parts shared by the network content of the atlas: publication status and a link to a source."""

from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# An IMMUTABLE wrapper around unaccent (migration atlas 0006), so expressions using it can be
# indexed and stored.
UNACCENT_FUNCTION = "reisgids_unaccent"


def unaccent(expression):
    return Func(expression, function=UNACCENT_FUNCTION, output_field=TextField())


def search_vector(fields: dict[str, str]):
    """The weighted full-text document (Dutch, without accents) of the given fields and weights."""
    return reduce(
        add,
        [
            SearchVector(unaccent(Coalesce(F(field), Value(""))), weight=weight, config="dutch")
            for field, weight in fields.items()
        ],
    )


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
    source_type = models.CharField(
        _("soort bron"), max_length=20, choices=SourceType.choices, default=SourceType.VRIJ
    )
    source_id = models.CharField(_("bron-id"), max_length=64, blank=True)
    source_url = models.CharField(_("link naar de bron"), max_length=500, blank=True)

    class Meta:
        abstract = True
