"""Nieuws: written and published by contentbeheerders; any member may suggest an item."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .directory import Organisation, Theme


class NewsItem(TimeStampedModel):
    class Category(models.TextChoices):
        INITIATIEF = "initiatief", _("Nieuw initiatief")
        SAMENWERKING = "samenwerking", _("Samenwerking")
        DEAL = "deal", _("Deal")
        GEMEENTE = "gemeente", _("Wat de gemeente doet")
        RAPPORT = "rapport", _("Rapport of publicatie")
        EVENEMENT = "evenement", _("Evenement")

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        CONCEPT = "concept", _("Concept")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    summary = models.CharField(_("samenvatting"), max_length=400)
    body = models.TextField(_("tekst"))
    category = models.CharField(_("soort nieuws"), max_length=20, choices=Category.choices)
    link = models.URLField(_("link"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("over organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="news_items"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, db_index=True)
    rejection_reason = models.TextField(_("reden van afwijzen"), blank=True)

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuws")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="newsitem_published_has_date",
                condition=~Q(status="gepubliceerd") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:news-detail", kwargs={"slug": self.slug})
