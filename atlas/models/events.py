"""De agenda: events and trainings, online or offline, with sign-up in the platform or a link."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .common import SourceLinkMixin
from .directory import Area, Organisation, Theme


class Event(SourceLinkMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        BIJEENKOMST = "bijeenkomst", _("Netwerkbijeenkomst")
        TRAINING = "training", _("Training of cursus")
        WORKSHOP = "workshop", _("Workshop")
        KICK_OFF = "kick_off", _("Kick-off van een deal")
        AWARDS = "awards", _("Prijsuitreiking")
        COLLEGE_TOUR = "college_tour", _("College tour")
        OVERIG = "overig", _("Overig")

    class Topic(models.TextChoices):
        """The 'samen ontwikkelen' topics of the report."""

        GEEN = "", _("Geen bepaald onderwerp")
        BUSINESSPLAN = "businessplan", _("Een businessplan schrijven")
        SUBSIDIE = "subsidie", _("Subsidie aanvragen")
        DIENSTVERLENING = "dienstverlening", _("Dienstverlening en klantcontact")
        SAMENWERKEN = "samenwerken", _("Samenwerken met de gemeente")
        OVERIG = "overig", _("Ander onderwerp")

    class Provider(models.TextChoices):
        GEEN = "", _("Niet opgegeven")
        GEMEENTE = "gemeente", _("De gemeente")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaren initiatiefnemers")
        PROFESSIONEEL = "professioneel", _("Professionele partij")

    class Registration(models.TextChoices):
        GEEN = "geen", _("Aanmelden is niet nodig")
        PLATFORM = "platform", _("Aanmelden in de reisgids")
        LINK = "link", _("Aanmelden via een link")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    description = models.TextField(_("omschrijving"))
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.BIJEENKOMST
    )
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices, blank=True)
    provider = models.CharField(
        _("gegeven door"), max_length=20, choices=Provider.choices, blank=True
    )
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint om"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt om"))
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("link naar de online bijeenkomst"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organisator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    registration = models.CharField(
        _("aanmelden"), max_length=20, choices=Registration.choices, default=Registration.GEEN
    )
    registration_url = models.URLField(_("link om aan te melden"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="events"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("gebieden"), blank=True, related_name="events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_cancelled = models.BooleanField(_("afgelast"), default=False)

    class Meta:
        verbose_name = _("evenement")
        verbose_name_plural = _("agenda")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start", condition=Q(ends_at__gte=models.F("starts_at"))
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Het einde ligt vóór het begin.")
        if not self.online and not self.location.strip():
            errors["location"] = _("Vul de plaats in, of kies online.")
        if self.registration == self.Registration.LINK and not self.registration_url:
            errors["registration_url"] = _("Vul de link in waar mensen zich aanmelden.")
        if self.registration == self.Registration.PLATFORM and not self.capacity:
            errors["capacity"] = _("Vul in hoeveel plaatsen er zijn.")
        if errors:
            raise ValidationError(errors)


class EventRegistration(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("evenement"), on_delete=models.CASCADE, related_name="sign_ups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="event_sign_ups",
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="eventregistration_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.event}"
