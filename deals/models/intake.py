"""The Right to Cooperate intake (provisional).

The report names three needs (faster, streamlined procedures; the municipality's commitment
recorded early; every relevant civil servant and department involved) but its process diagram
is missing. This intake meets those three needs and is labelled provisional in the interface.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class Intake(TimeStampedModel):
    class Kind(models.TextChoices):
        IDEE = "idee", _("Idee")
        VERZOEK = "verzoek", _("Verzoek")

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("Ingediend")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        OMGEZET = "omgezet_in_deal", _("Omgezet in een deal")
        VERWEZEN = "verwezen", _("Verwezen naar een instrument")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.IDEE)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000)
    organisation = models.ForeignKey(
        "atlas.Organisation",
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        USER, verbose_name=_("ingediend door"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND
    )
    handled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    triage_note = models.TextField(_("beoordeling"), blank=True)
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instrument = models.CharField(_("instrument"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("intake recht om uit te dagen")
        verbose_name_plural = _("intakes recht om uit te dagen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="intake_converted_has_deal",
                condition=~Q(status="omgezet_in_deal") | Q(deal__isnull=False),
            ),
            models.CheckConstraint(
                name="intake_referred_has_instrument",
                condition=~Q(status="verwezen") | ~Q(instrument=""),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deals:intake-detail", kwargs={"pk": self.pk})


class IntakeInvolvement(TimeStampedModel):
    """A cluster, department or gebied invited to think along."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster")
        AFDELING = "afdeling", _("Afdeling")
        GEBIED = "gebied", _("Gebied")

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    contact = models.CharField(_("contactpersoon"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("betrokken onderdeel")
        verbose_name_plural = _("betrokken onderdelen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "kind", "name"], name="intakeinvolvement_unique"
            )
        ]

    def __str__(self):
        return self.name


class IntakeCommitment(TimeStampedModel):
    """Early commitment of the municipality: who commits to what."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="commitments")
    who = models.CharField(_("wie"), max_length=200)
    what = models.TextField(_("met wat"), max_length=2000)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.who}: {self.what[:40]}"


class IntakeStep(models.Model):
    """A dated step the initiative sees."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text
