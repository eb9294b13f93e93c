"""Partner in residence: a person who works on behalf of one partner of a deal at the location of
another, keeps the parties in step, signals problems early and may pull the handbrake.

The seed leaves duration, hours, selection and appointment to the partners (report L1889-1896);
everything here is agreed per residency and confirmed by the sending and the host partner.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class Function(models.TextChoices):
    """The functions the report names (L1845-1853)."""

    SIGNALEREND = "signalerend", _("Signalerend")
    FACILITEREND = "faciliterend", _("Faciliterend")
    ADVISEREND = "adviserend", _("Adviserend")
    BEMIDDELEND = "bemiddelend", _("Bemiddelend")
    COORDINEREND = "coordinerend", _("Coördinerend")
    HAND_EN_SPANDIENSTEN = "hand_en_spandiensten", _("Hand- en spandiensten")
    STRATEGISCH = "strategisch_meedenken", _("Strategisch meedenken")


class ResidencyStatus(models.TextChoices):
    """``Residency.Status``; at module level so the constraints of ``Residency.Meta`` name it."""

    VOORGESTELD = "voorgesteld", _("Wacht op bevestiging")
    ACTIEF = "actief", _("Actief")
    AFGEROND = "afgerond", _("Afgerond")


class Residency(TimeStampedModel):
    Status = ResidencyStatus

    deal = models.ForeignKey(
        "deals.Deal", verbose_name=_("deal"), on_delete=models.CASCADE, related_name="residencies"
    )
    person = models.ForeignKey(
        USER,
        verbose_name=_("partner in residence"),
        on_delete=models.PROTECT,
        related_name="residencies",
    )
    sending_partner = models.ForeignKey(
        "deals.DealPartner",
        verbose_name=_("in naam van"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    host_partner = models.ForeignKey(
        "deals.DealPartner",
        verbose_name=_("op locatie van"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"))
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    functions = ArrayField(
        models.CharField(max_length=30, choices=Function.choices),
        verbose_name=_("afgesproken functies"),
        default=list,
        blank=True,
    )
    tasks = models.TextField(_("afgesproken taken"), max_length=4000, blank=True)
    learning_questions = models.TextField(_("leervragen"), max_length=4000, blank=True)
    meeting_rhythm_weeks = models.PositiveSmallIntegerField(
        _("evaluatie elke … weken"),
        default=6,
        help_text=_("Hoe vaak de partijen samen evalueren. De partners kiezen dit zelf."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    proposed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sending_confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sending_confirmed_at = models.DateTimeField(
        _("bevestigd door de zendende partner op"), null=True, blank=True
    )
    host_confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host_confirmed_at = models.DateTimeField(
        _("bevestigd door de ontvangende partner op"), null=True, blank=True
    )
    plan_reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("partner in residence")
        verbose_name_plural = _("partners in residence")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="residency_sending_is_not_host",
                condition=~Q(sending_partner=F("host_partner")),
            ),
            models.CheckConstraint(
                name="residency_period_order", condition=Q(end_date__gte=F("start_date"))
            ),
            models.CheckConstraint(
                name="residency_hours_sensible",
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__lte=60),
            ),
            models.CheckConstraint(
                name="residency_rhythm_positive",
                condition=Q(meeting_rhythm_weeks__gte=1) & Q(meeting_rhythm_weeks__lte=52),
            ),
            models.CheckConstraint(
                name="residency_active_confirmed_by_both",
                condition=Q(status=ResidencyStatus.VOORGESTELD)
                | (Q(sending_confirmed_at__isnull=False) & Q(host_confirmed_at__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.deal}"

    def get_absolute_url(self):
        return reverse("residence:residency-detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if (
            self.sending_partner_id
            and self.host_partner_id
            and self.sending_partner_id == self.host_partner_id
        ):
            errors["host_partner"] = _(
                "De partner in residence werkt op locatie van een andere partner dan namens wie."
            )
        for field in ("sending_partner", "host_partner"):
            partner = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if partner is not None and self.deal_id and partner.deal_id != self.deal_id:
                errors[field] = _("Deze partner hoort niet bij de deal.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de startdatum.")
        unknown = [f for f in self.functions or [] if f not in Function.values]
        if unknown:
            errors["functions"] = _("Onbekende functie: %(f)s.") % {"f": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    @property
    def function_labels(self) -> list[str]:
        return [str(Function(f).label) for f in self.functions if f in Function.values]


class Opening(TimeStampedModel):
    """'Partner in residence gezocht' by a host, or a person who offers to be one. Each opening is
    also a listing in vraag en aanbod of the atlas (category partner in residence), where anyone
    finds and answers it."""

    class Kind(models.TextChoices):
        GEZOCHT = "gezocht", _("Partner in residence gezocht")
        AANGEBODEN = "aangeboden", _("Partner in residence aangeboden")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "atlas.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000)
    skills = models.TextField(_("vaardigheden en achtergrond"), max_length=2000, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    posted_by = models.ForeignKey(
        USER, verbose_name=_("geplaatst door"), on_delete=models.CASCADE, related_name="+"
    )
    listing = models.ForeignKey(
        "atlas.Listing",
        verbose_name=_("in vraag en aanbod"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("oproep partner in residence")
        verbose_name_plural = _("oproepen partner in residence")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="opening_hours_sensible",
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__lte=60),
            ),
        ]

    def __str__(self):
        return self.title


class LogEntry(TimeStampedModel):
    """An observation or activity; read only by the deal's partners."""

    class Kind(models.TextChoices):
        OBSERVATIE = "observatie", _("Observatie")
        ACTIVITEIT = "activiteit", _("Activiteit")

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(
        USER, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.OBSERVATIE
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("wat zag of deed u"), max_length=4000)

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.text[:40]}"


class MeetingStatus(models.TextChoices):
    """``Meeting.Status``; at module level so the constraints of ``Meeting.Meta`` name it."""

    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")


class Meeting(TimeStampedModel):
    """An evaluation meeting with all parties of the deal."""

    Status = MeetingStatus

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), max_length=4000)
    notes = models.TextField(_("verslag"), max_length=8000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    planned_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="meeting_held_has_notes",
                condition=Q(status=MeetingStatus.GEPLAND) | ~Q(notes=""),
            ),
        ]

    def __str__(self):
        return f"{self.residency.deal} – {self.starts_at:%d-%m-%Y}"


class Action(TimeStampedModel):
    """An agreed action from a meeting, with an owner and a due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        USER, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("klaar op"))
    done_at = models.DateTimeField(_("klaar gemeld op"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("afgesproken actie")
        verbose_name_plural = _("afgesproken acties")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description


class SignalStatus(models.TextChoices):
    """``Signal.Status``; at module level so the constraints of ``Signal.Meta`` name it."""

    OPEN = "open", _("Open")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    OPGELOST = "opgelost", _("Opgelost")
    GEESCALEERD = "geescaleerd", _("Geëscaleerd")


class Signal(TimeStampedModel):
    """A knelpunt raised by the partner in residence; handled jointly by every partner."""

    Status = SignalStatus

    CLOSED = (Status.OPGELOST, Status.GEESCALEERD)

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="signals")
    title = models.CharField(_("knelpunt"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    raised_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    knelpunt = models.ForeignKey(
        "deals.Knelpunt",
        verbose_name=_("in het knelpuntenregister"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="signal_closed_has_date",
                condition=Q(
                    status__in=[SignalStatus.OPEN, SignalStatus.IN_BEHANDELING],
                    closed_at__isnull=True,
                )
                | Q(
                    status__in=[SignalStatus.OPGELOST, SignalStatus.GEESCALEERD],
                    closed_at__isnull=False,
                ),
            ),
        ]

    def __str__(self):
        return self.title


class SignalResponse(TimeStampedModel):
    """One partner's response to a signal, with its view on how to close it."""

    class Closure(models.TextChoices):
        NOG_NIET = "", _("Nog niet afsluiten")
        OPGELOST = "opgelost", _("Wat ons betreft opgelost")
        GEESCALEERD = "geescaleerd", _("Wat ons betreft escaleren")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(
        "deals.DealPartner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    responder = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("reactie"), max_length=4000)
    closure = models.CharField(
        _("afsluiten?"), max_length=20, choices=Closure.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("reactie op een signaal")
        verbose_name_plural = _("reacties op signalen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "partner"], name="signalresponse_once_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.text[:40]}"


class HandbrakeStatus(models.TextChoices):
    """``Handbrake.Status``; at module level so the constraints of ``Handbrake.Meta`` name it."""

    AANGETROKKEN = "aangetrokken", _("Aangetrokken")
    LOSGELATEN = "losgelaten", _("Losgelaten")


class Handbrake(TimeStampedModel):
    """The partner in residence paused the deal; it resumes when every partner agrees."""

    Status = HandbrakeStatus

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="handbrakes")
    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reden"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGETROKKEN
    )
    pulled_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    notified_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(_("losgelaten op"), null=True, blank=True)
    released_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("handrem")
        verbose_name_plural = _("handremmen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal"],
                condition=Q(status=HandbrakeStatus.AANGETROKKEN),
                name="handbrake_one_pulled_per_deal",
            ),
            models.CheckConstraint(
                name="handbrake_released_has_date",
                condition=Q(status=HandbrakeStatus.AANGETROKKEN, released_at__isnull=True)
                | Q(status=HandbrakeStatus.LOSGELATEN, released_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.deal}: {self.reason[:40]}"


class ResumeAgreement(TimeStampedModel):
    """One partner agrees that the deal may go on; per partner, or as a decision in a meeting."""

    handbrake = models.ForeignKey(Handbrake, on_delete=models.CASCADE, related_name="agreements")
    partner = models.ForeignKey("deals.DealPartner", on_delete=models.CASCADE, related_name="+")
    agreed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("besloten in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("akkoord om verder te gaan")
        verbose_name_plural = _("akkoorden om verder te gaan")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handbrake", "partner"], name="resumeagreement_once")
        ]

    def __str__(self):
        return f"{self.partner} – {self.handbrake}"


class SideActivity(TimeStampedModel):
    """A workshop, training or team outing for the deal's parties; it is also an event in the atlas
    agenda, linked back by source type ``zijactiviteit`` and the activity's id."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        TEAMUITJE = "teamuitje", _("Teamuitje")
        ANDERS = "anders", _("Anders")

    residency = models.ForeignKey(
        Residency, on_delete=models.CASCADE, related_name="side_activities"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    organised_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("nevenactiviteit")
        verbose_name_plural = _("nevenactiviteiten")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class Reflection(TimeStampedModel):
    class Moment(models.TextChoices):
        TUSSENTIJDS = "tussentijds", _("Tussentijds")
        EIND = "eind", _("Aan het eind")

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="reflections")
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    text = models.TextField(_("reflectie"), max_length=8000)
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_as_lesson_at = models.DateTimeField(_("voorgesteld als les op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["residency", "moment"], name="reflection_once_per_moment"
            )
        ]

    def __str__(self):
        return f"{self.residency} – {self.get_moment_display()}"
