"""Following and notifications: in the platform, and by opt-in e-mail digest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .directory import Area, Organisation, Theme


class Follow(TimeStampedModel):
    """A person follows exactly one organisation, theme or area. Only ever created by that person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("volgen")
        verbose_name_plural = _("volgen")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                name="follow_exactly_one_target",
                condition=Q(organisation__isnull=False, theme__isnull=True, area__isnull=True)
                | Q(organisation__isnull=True, theme__isnull=False, area__isnull=True)
                | Q(organisation__isnull=True, theme__isnull=True, area__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"], name="follow_once_organisation"
            ),
            models.UniqueConstraint(fields=["user", "theme"], name="follow_once_theme"),
            models.UniqueConstraint(fields=["user", "area"], name="follow_once_area"),
        ]

    def __str__(self):
        return f"{self.user} volgt {self.target}"

    @property
    def target(self):
        return self.organisation or self.theme or self.area


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("melding"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    key = models.CharField(
        _("sleutel"), max_length=120, help_text=_("Voorkomt dezelfde melding twee keer.")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]

    def __str__(self):
        return self.text


class DigestPreference(TimeStampedModel):
    class Frequency(models.TextChoices):
        NOOIT = "nooit", _("Geen e-mail")
        DAGELIJKS = "dagelijks", _("Dagelijks")
        WEKELIJKS = "wekelijks", _("Wekelijks")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="digest_preference",
    )
    frequency = models.CharField(
        _("e-mail met meldingen"), max_length=20, choices=Frequency.choices, default=Frequency.NOOIT
    )
    last_sent_at = models.DateTimeField(_("laatst verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("voorkeur voor e-mail")
        verbose_name_plural = _("voorkeuren voor e-mail")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"
