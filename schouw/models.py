"""De schouw: a mutual, qualitative evaluation of a deal in five steps.

A round belongs to one deal and moves through explicit steps (``SchouwRound.Status``); each
step is one service in ``schouw.services``. Partners appraise each other on criteria that fit
each party ("meetlat"), together with outside peers and ervaringsdeskundigen who enter through
a personal link. Every appraisal carries its explanation: tellen én vertellen.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.archive import ArchivableModel
from reisgids.core.models import TimeStampedModel
from reisgids.core.storage import private_storage

USER = settings.AUTH_USER_MODEL


class SchouwRound(TimeStampedModel):
    class Status(models.TextChoices):
        VOORBEREIDING = "voorbereiding", _("Voorbereiding")
        OPEN_SCHOUW = "open_schouw", _("Open schouw")
        MEETLAT = "meetlat", _("Meetlat bepalen")
        WAARDEREND = "waarderend", _("Waarderende schouw")
        BESPREKING = "bespreking", _("Bespreking")
        RAPPORTAGE = "rapportage", _("Rapportage")
        AFGEROND = "afgerond", _("Afgerond")

    class Setting(models.TextChoices):
        ZAKELIJK = "zakelijk", _("Zakelijk")
        FEESTELIJK = "feestelijk", _("Feestelijk, bijvoorbeeld een schouwmaaltijd")

    ORDER = [
        Status.VOORBEREIDING,
        Status.OPEN_SCHOUW,
        Status.MEETLAT,
        Status.WAARDEREND,
        Status.BESPREKING,
        Status.RAPPORTAGE,
        Status.AFGEROND,
    ]

    deal = models.ForeignKey(
        "deals.Deal", verbose_name=_("deal"), on_delete=models.CASCADE, related_name="schouw_rounds"
    )
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("stap"), max_length=20, choices=Status.choices, default=Status.VOORBEREIDING
    )
    setting = models.CharField(
        _("setting"), max_length=20, choices=Setting.choices, default=Setting.ZAKELIJK
    )
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        USER,
        verbose_name=_("georganiseerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    appraisals_revealed = models.BooleanField(
        _("waarderingen voor iedereen zichtbaar"), default=False
    )
    # Bespreking: the four questions of the report.
    went_well = models.TextField(
        _("wat gaat er goed en wat kan nog beter?"), max_length=4000, blank=True
    )
    to_learn = models.TextField(_("wat valt er nog te leren?"), max_length=4000, blank=True)
    wider_interest = models.TextField(
        _("wat is er interessant voor een breder publiek?"), max_length=4000, blank=True
    )
    next_steps = models.TextField(_("wat zijn de vervolgstappen?"), max_length=4000, blank=True)
    plan_version_number = models.PositiveIntegerField(
        _("nieuwe versie van het plan"), null=True, blank=True
    )
    # Rapportage.
    report_summary = models.TextField(
        _("samenvatting van het rapport"), max_length=8000, blank=True
    )
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    published_at = models.DateTimeField(_("openbaar gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("schouwronde")
        verbose_name_plural = _("schouwrondes")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="schouwround_period_order", condition=Q(ends_on__gte=F("starts_on"))
            ),
            models.UniqueConstraint(
                fields=["deal"],
                condition=~Q(status="afgerond"),
                name="schouwround_one_open_per_deal",
            ),
            models.CheckConstraint(
                name="schouwround_finished_has_date",
                condition=~Q(status="afgerond") | Q(finished_at__isnull=False),
            ),
            models.CheckConstraint(
                name="schouwround_published_when_finished",
                condition=Q(published_at__isnull=True) | Q(status="afgerond"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("schouw:round-detail", kwargs={"pk": self.pk})

    @property
    def step_index(self) -> int:
        return self.ORDER.index(self.status)

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.AFGEROND


class Participant(TimeStampedModel):
    """Someone who takes part in one round: a member of a partner, an outside peer or an
    ervaringsdeskundige. Guests (peers, ervaringsdeskundigen) have no account: they enter
    through a personal link whose token is stored only as a hash."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Namens een partner")
        PEER = "peer", _("Peer van buiten")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")

    GUEST_KINDS = (Kind.PEER, Kind.ERVARINGSDESKUNDIGE)

    round = models.ForeignKey(SchouwRound, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("soort deelnemer"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        "deals.DealPartner",
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "atlas.Organisation",
        verbose_name=_("organisatie uit de atlas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, default="")
    token_expires_at = models.DateTimeField(_("link geldig tot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("link ingetrokken op"), null=True, blank=True)
    consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_text = models.TextField(_("tekst van de toestemming"), blank=True)
    appraisals_submitted_at = models.DateTimeField(
        _("waarderingen ingediend op"), null=True, blank=True
    )
    invited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # A guest's name and e-mail address stay out of the audit trail (the privacy erasure reaches them here).
    AUDIT_EXCLUDE = ("name", "email", "consent_text")

    class Meta:
        verbose_name = _("deelnemer aan de schouw")
        verbose_name_plural = _("deelnemers aan de schouw")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=Q(user__isnull=False),
                name="participant_user_once",
            ),
            models.UniqueConstraint(
                fields=["round", "email"], condition=~Q(email=""), name="participant_email_once"
            ),
            models.UniqueConstraint(
                fields=["token_hash"], condition=~Q(token_hash=""), name="participant_token_unique"
            ),
            models.CheckConstraint(
                name="participant_partner_has_account",
                condition=~Q(kind="partner") | (Q(user__isnull=False) & Q(partner__isnull=False)),
            ),
            models.CheckConstraint(
                name="participant_guest_by_email",
                condition=Q(kind="partner")
                | (
                    Q(user__isnull=True)
                    & ~Q(email="")
                    & ~Q(token_hash="")
                    & Q(token_expires_at__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="participant_consent_has_text",
                condition=Q(consent_at__isnull=True) | ~Q(consent_text=""),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_guest(self) -> bool:
        return self.kind in self.GUEST_KINDS


class Observation(TimeStampedModel):
    """Step 1, open schouw: what a participant saw, without fixed criteria."""

    class Tone(models.TextChoices):
        POSITIEF = "positief", _("Positief")
        NEGATIEF = "negatief", _("Negatief")
        ONVERWACHT = "onverwacht", _("Onverwacht")

    round = models.ForeignKey(SchouwRound, on_delete=models.CASCADE, related_name="observations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="observations"
    )
    text = models.TextField(_("wat zag u?"), max_length=4000)
    tone = models.CharField(_("soort waarneming"), max_length=20, choices=Tone.choices)
    photo = models.ImageField(
        _("foto"),
        upload_to="schouw/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="observation_point_complete",
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
            ),
            models.CheckConstraint(
                name="observation_point_on_earth",
                condition=Q(latitude__isnull=True)
                | (
                    Q(latitude__gte=-90)
                    & Q(latitude__lte=90)
                    & Q(longitude__gte=-180)
                    & Q(longitude__lte=180)
                ),
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Criterion(ArchivableModel, TimeStampedModel):
    """Step 2, meetlat: a criterion for one party, proposed by anyone and agreed by that party."""

    round = models.ForeignKey(SchouwRound, on_delete=models.CASCADE, related_name="criteria")
    partner = models.ForeignKey(
        "deals.DealPartner", verbose_name=_("partij"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("criterium"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    commitment = models.CharField(
        _("afspraak of inbreng waar het over gaat"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld de inbreng of de rol die de partij in de deal heeft toegezegd."),
    )
    proposed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(_("samen vastgesteld op"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("meetlat")
        ordering = ["partner_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner", "name"],
                condition=Q(archived_at__isnull=True),
                name="criterion_unique_name_per_party",
            ),
        ]

    def __str__(self):
        return self.name


class CommitmentCheck(TimeStampedModel):
    """Step 2: did the party deliver the inbreng and role it committed to in the deal?"""

    class Verdict(models.TextChoices):
        JA = "ja", _("Ja")
        DEELS = "deels", _("Deels")
        NEE = "nee", _("Nee")

    round = models.ForeignKey(
        SchouwRound, on_delete=models.CASCADE, related_name="commitment_checks"
    )
    partner = models.ForeignKey(
        "deals.DealPartner", verbose_name=_("partij"), on_delete=models.CASCADE, related_name="+"
    )
    verdict = models.CharField(_("toezegging nagekomen?"), max_length=10, choices=Verdict.choices)
    explanation = models.TextField(_("toelichting"), max_length=4000)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("toets op de toezeggingen")
        verbose_name_plural = _("toetsen op de toezeggingen")
        ordering = ["partner_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner"], name="commitmentcheck_once_per_party"
            ),
            models.CheckConstraint(name="commitmentcheck_explained", condition=~Q(explanation="")),
        ]

    def __str__(self):
        return f"{self.partner_id}: {self.get_verdict_display()}"


class Appraisal(TimeStampedModel):
    """Step 3, waarderende schouw: one participant on one criterion, always with an explanation."""

    class Level(models.IntegerChoices):
        NOG_NIET = 1, _("Nog niet zichtbaar")
        IN_ONTWIKKELING = 2, _("In ontwikkeling")
        ZICHTBAAR = 3, _("Zichtbaar")
        STERK = 4, _("Sterk")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="appraisals"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="appraisals")
    level = models.PositiveSmallIntegerField(_("waardering"), choices=Level.choices)
    explanation = models.TextField(_("toelichting"), max_length=4000)

    class Meta:
        verbose_name = _("waardering")
        verbose_name_plural = _("waarderingen")
        ordering = ["criterion_id", "participant_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "criterion"], name="appraisal_once_per_criterion"
            ),
            models.CheckConstraint(name="appraisal_explained", condition=~Q(explanation="")),
            models.CheckConstraint(
                name="appraisal_level_range", condition=Q(level__gte=1) & Q(level__lte=4)
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_level_display()}"


class Advice(TimeStampedModel):
    """Step 4, bespreking: advice to one party."""

    round = models.ForeignKey(SchouwRound, on_delete=models.CASCADE, related_name="advices")
    partner = models.ForeignKey(
        "deals.DealPartner", verbose_name=_("partij"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("advies"), max_length=4000)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["partner_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "partner"], name="advice_once_per_party"),
            models.CheckConstraint(name="advice_not_empty", condition=~Q(text="")),
        ]

    def __str__(self):
        return self.text[:60]


class Audience(models.TextChoices):
    POLITICI = "politici", _("Politici")
    BESTUURDERS = "bestuurders", _("Bestuurders")
    BELEIDSAMBTENAREN = "beleidsambtenaren", _("(Beleids)ambtenaren")
    INKOPERS = "inkopers", _("Inkopers")
    AANBIEDERS = "aanbieders", _("Zorg- en welzijnsaanbieders")
    PARTNERS = "partners", _("Andere maatschappelijke of commerciële partners")
    BURGERS = "burgers", _("Burgers")


class Lesson(TimeStampedModel):
    """Step 5: a lesson from the round. Lessons for a wide audience go to the kennisbank of the atlas."""

    class Kind(models.TextChoices):
        INHOUDELIJK = "inhoudelijk", _("Inhoudelijke les")
        SAMENWERKING = "samenwerking", _("Les over samenwerking")

    class Kennisbank(models.TextChoices):
        NIET = "niet", _("Alleen in het rapport")
        WACHTRIJ = "wachtrij", _("Wacht op de kennisbank")
        VOORGESTELD = "voorgesteld", _("Voorgesteld aan de kennisbank")

    round = models.ForeignKey(SchouwRound, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(_("soort les"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("de les"), max_length=4000)
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("voor wie"),
        default=list,
        blank=True,
    )
    for_wide_audience = models.BooleanField(
        _("geschreven voor een breed publiek"),
        default=False,
        help_text=_("Deze les wordt voorgesteld aan de kennisbank van de reisgids."),
    )
    kennisbank = models.CharField(
        _("kennisbank"), max_length=20, choices=Kennisbank.choices, default=Kennisbank.NIET
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), null=True, blank=True)
    written_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("les uit de schouw")
        verbose_name_plural = _("lessen uit de schouw")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="lesson_proposed_has_date",
                condition=~Q(kennisbank="voorgesteld") | Q(proposed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="lesson_kennisbank_only_wide",
                condition=Q(kennisbank="niet") | Q(for_wide_audience=True),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def audience_labels(self) -> list[str]:
        return [str(Audience(a).label) for a in self.audiences if a in Audience.values]


class PublicationConsent(TimeStampedModel):
    """A partner agrees that the public part of the report is published."""

    round = models.ForeignKey(
        SchouwRound, on_delete=models.CASCADE, related_name="publication_consents"
    )
    partner = models.ForeignKey("deals.DealPartner", on_delete=models.CASCADE, related_name="+")
    agreed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("akkoord met publicatie")
        verbose_name_plural = _("akkoorden met publicatie")
        constraints = [
            models.UniqueConstraint(fields=["round", "partner"], name="publicationconsent_once")
        ]

    def __str__(self):
        return f"{self.round_id}: {self.partner_id}"


class SchouwReminder(models.Model):
    """That a deal's partners were reminded of a due round; makes the reminder task idempotent."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("herinnering schouw")
        verbose_name_plural = _("herinneringen schouw")
        constraints = [
            models.UniqueConstraint(fields=["deal", "due_on"], name="schouwreminder_once")
        ]

    def __str__(self):
        return f"{self.deal_id} {self.due_on}"
