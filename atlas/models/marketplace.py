"""Vraag en aanbod: listings by organisations, and responses that start a conversation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .directory import Area, Organisation, Theme


class Listing(TimeStampedModel):
    class Kind(models.TextChoices):
        VRAAG = "vraag", _("Vraag")
        AANBOD = "aanbod", _("Aanbod")

    class Category(models.TextChoices):
        BUSINESSPLAN = "businessplan", _("Hulp bij een businessplan")
        SUBSIDIE = "subsidie", _("Hulp bij een subsidieaanvraag")
        EXTRA_HANDEN = "extra_handen", _("Extra handen bij een bijeenkomst")
        DEALPARTNER = "dealpartner", _("Partner voor een deal")
        RUIMTE = "ruimte", _("Ruimte om te vergaderen of te ontmoeten")
        TRAINING = "training", _("Workshop of training")
        ONDERAANNEMING = "onderaanneming", _("Onderaannemerschap")
        VOUCHER = "voucher", _("Voucher: klein en concreet")
        PARTNER_IN_RESIDENCE = "partner_in_residence", _("Partner in residence")
        OVERIG = "overig", _("Overig")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        VERVULD = "vervuld", _("Vervuld")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")
        VERLOPEN = "verlopen", _("Verlopen")

    kind = models.CharField(_("vraag of aanbod"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("categorie"), max_length=30, choices=Category.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geplaatst door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="listings"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("gebieden"), blank=True, related_name="listings"
    )
    citywide = models.BooleanField(_("stadsbreed"), default=False)
    expires_on = models.DateField(_("geldig tot en met"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag of aanbod")
        verbose_name_plural = _("vraag en aanbod")
        ordering = ["-created_at"]
        # The public list and the API page through the open listings, newest first.
        indexes = [
            models.Index(
                fields=["-created_at"], condition=Q(status="open"), name="atlas_listing_open_recent"
            ),
            # Counting the open listings that have not expired (the list's pagination) reads this index
            # alone instead of the whole table.
            models.Index(
                fields=["expires_on"], condition=Q(status="open"), name="atlas_listing_open_expires"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:listing-detail", kwargs={"pk": self.pk})


class ListingResponse(TimeStampedModel):
    """A contact request: someone reacts to a listing with a message for the poster."""

    listing = models.ForeignKey(
        Listing,
        verbose_name=_("vraag of aanbod"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gereageerd door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("bericht"))
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reactie op vraag of aanbod")
        verbose_name_plural = _("reacties op vraag en aanbod")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.responder} → {self.listing}"
