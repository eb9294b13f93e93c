"""The atlas: who is active in zorg en welzijn in Rotterdam, where, and on which themes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel


class Theme(TimeStampedModel):
    """A managed list of themes (the report's themes of zorg en welzijn)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(TimeStampedModel):
    """A Rotterdam gebied, or a wijk within a gebied."""

    class Kind(models.TextChoices):
        GEBIED = "gebied", _("Gebied")
        WIJK = "wijk", _("Wijk")

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("gebied"), null=True, blank=True, on_delete=models.PROTECT, related_name="wijken"
    )
    latitude = models.DecimalField(_("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        verbose_name = _("gebied of wijk")
        verbose_name_plural = _("gebieden en wijken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="area_wijk_has_gebied",
                condition=Q(kind="gebied", parent__isnull=True) | Q(kind="wijk", parent__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name


class Organisation(TimeStampedModel):
    """A party in the network: an initiative, a municipal cluster, a provider, a network ..."""

    class Type(models.TextChoices):
        INITIATIEF = "initiatief", _("Initiatief")
        GEMEENTELIJK_CLUSTER = "gemeentelijk_cluster", _("Gemeentelijk cluster")
        GEBIEDSORGANISATIE = "gebiedsorganisatie", _("Gebiedsorganisatie")
        AANBIEDER = "aanbieder", _("Zorg- of welzijnsaanbieder")
        COMMERCIEEL = "commercieel", _("Commerciële partij")
        ONDERWIJS = "onderwijs", _("Onderwijsinstelling")
        NETWERK = "netwerk", _("Netwerk")
        INTERMEDIAIR = "intermediair", _("Intermediair")
        OVERIG = "overig", _("Overig")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=200, unique=True)
    type = models.CharField(_("soort organisatie"), max_length=30, choices=Type.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True, related_name="organisations")
    areas = models.ManyToManyField(Area, verbose_name=_("werkgebied"), blank=True, related_name="organisations")
    citywide = models.BooleanField(_("stadsbreed"), default=False)
    is_verified = models.BooleanField(_("geverifieerd"), default=False)
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:organisation-detail", kwargs={"slug": self.slug})


class Membership(TimeStampedModel):
    """A person's tie to an organisation. Asked for by the person, decided by the
    organisation's beheerder or a netwerkmanager."""

    class Role(models.TextChoices):
        LID = "lid", _("Lid")
        BEHEERDER = "beheerder", _("Beheerder van de organisatie")

    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        BEEINDIGD = "beeindigd", _("Beëindigd")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.LID)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AANGEVRAAGD)
    motivation = models.TextField(_("toelichting"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij besluit"), blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["aangevraagd", "goedgekeurd"]),
                name="membership_one_open_per_user_org",
            ),
            models.CheckConstraint(
                name="membership_decision_recorded",
                condition=Q(status__in=["aangevraagd"]) | Q(decided_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_status_display()})"
