"""Zorg- en welzijnsdeals: a voluntary cooperation of several parties around a shared goal.

Every party decides its own inbreng; the municipality may facilitate or take part, but need
not pay. A deal moves through explicit steps (``Deal.Status``); each step is one service in
``deals.services``. The public register shows deals from the moment they were closed.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.archive import ArchivableModel
from reisgids.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class DealTheme(TimeStampedModel):
    """A theme on which deals are welcome, with a priority for a period."""

    class Priority(models.IntegerChoices):
        HOOG = 1, _("Hoog")
        MIDDEL = 2, _("Middel")
        LAAG = 3, _("Laag")

    class Source(models.TextChoices):
        NETWERKMANAGER = "netwerkmanager", _("Netwerkmanager")
        KOMPAS = "kompas", _("Kompas")

    theme = models.ForeignKey(
        "atlas.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.MIDDEL
    )
    period_start = models.DateField(_("geldig vanaf"))
    period_end = models.DateField(_("geldig tot en met"), null=True, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    akkoord = models.CharField(
        _("akkoord of thematisch deelakkoord"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld het akkoord van Gezond010 of Zorgzaam010, of een thematisch deelakkoord."
        ),
    )
    akkoord_url = models.URLField(_("link naar het akkoord"), blank=True)
    source = models.CharField(
        _("vastgesteld via"), max_length=20, choices=Source.choices, default=Source.NETWERKMANAGER
    )
    set_by = models.ForeignKey(
        USER,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("thema waarop deals welkom zijn")
        verbose_name_plural = _("thema's waarop deals welkom zijn")
        ordering = ["priority", "theme__name"]
        constraints = [
            models.CheckConstraint(
                name="dealtheme_period_order",
                condition=Q(period_end__isnull=True) | Q(period_end__gte=F("period_start")),
            ),
            models.UniqueConstraint(
                fields=["theme"], condition=Q(is_active=True), name="dealtheme_one_active_per_theme"
            ),
        ]

    def __str__(self):
        return f"{self.theme} ({self.get_priority_display()})"


class DealThemeComment(TimeStampedModel):
    deal_theme = models.ForeignKey(DealTheme, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        USER, verbose_name=_("door"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("reactie"), max_length=4000)

    class Meta:
        verbose_name = _("reactie op thema")
        verbose_name_plural = _("reacties op thema's")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class DealTemplateElement(TimeStampedModel):
    """One element of a deal proposal ("opzet deals"); netwerkmanagers configure the list."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    help_text = models.CharField(_("uitleg"), max_length=300, blank=True)
    required = models.BooleanField(_("verplicht"), default=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderdeel van de opzet")
        verbose_name_plural = _("opzet deals")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class KickOffMoment(TimeStampedModel):
    """A collective kick-off at a fixed moment in the year. Kept in deals until the atlas has an agenda."""

    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    scheduled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("gezamenlijke kick-off")
        verbose_name_plural = _("gezamenlijke kick-offs")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class Deal(TimeStampedModel):
    class Status(models.TextChoices):
        PARTNERS_ZOEKEN = "partners_zoeken", _("Partners zoeken")
        IDEE = "idee", _("Idee ontwikkelen")
        TOETSING = "toetsing", _("Toetsing en risicoanalyse")
        PLANNING = "planning", _("Gezamenlijke planning")
        GESLOTEN = "gesloten", _("Gesloten")
        LOPEND = "lopend", _("Lopend")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")
        GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")

    class ToetsingMethod(models.TextChoices):
        ROLLENSPEL = "rollenspel", _("Rollenspel")
        EXPERTSESSIE = "expertsessie", _("Expertsessie")
        DOELGROEP = "doelgroep", _("Voorleggen aan doelgroep of stakeholders")
        ANDERS = "anders", _("Anders")

    class FinancialForm(models.TextChoices):
        GEEN = "geen", _("Geen geldstroom")
        SUBSIDIE = "subsidie", _("Subsidie")
        DONATIE = "donatie", _("Donatie")
        ONDERAANNEMERSCHAP = "onderaannemerschap", _("Onderaannemerschap")
        KLEINSCHALIGE_OPDRACHT = "kleinschalige_opdracht", _("Kleinschalige opdracht")

    ACTIVE = (
        Status.PARTNERS_ZOEKEN,
        Status.IDEE,
        Status.TOETSING,
        Status.PLANNING,
        Status.GESLOTEN,
        Status.LOPEND,
    )
    ORDER = [
        Status.PARTNERS_ZOEKEN,
        Status.IDEE,
        Status.TOETSING,
        Status.PLANNING,
        Status.GESLOTEN,
        Status.LOPEND,
        Status.AFGEROND,
    ]

    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("gezamenlijk doel"), max_length=4000)
    status = models.CharField(
        _("stap"), max_length=20, choices=Status.choices, default=Status.PARTNERS_ZOEKEN
    )
    paused_from = models.CharField(
        _("gepauzeerd vanuit"), max_length=20, choices=Status.choices, blank=True
    )
    status_note = models.TextField(_("toelichting bij de stap"), blank=True)
    proposal = models.JSONField(_("voorstel"), default=dict, blank=True)
    themes = models.ManyToManyField(
        "atlas.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        "atlas.Area", verbose_name=_("wijken en gebieden"), blank=True, related_name="+"
    )
    citywide = models.BooleanField(_("stadsbreed"), default=False)
    created_by = models.ForeignKey(
        USER, verbose_name=_("gestart door"), on_delete=models.PROTECT, related_name="+"
    )
    toetsing_method = models.CharField(
        _("vorm van de toetsing"), max_length=20, choices=ToetsingMethod.choices, blank=True
    )
    toetsing_findings = models.TextField(_("bevindingen"), blank=True)
    toetsing_risks = models.TextField(_("risico's"), blank=True)
    toetsing_skipped = models.BooleanField(_("toetsing overgeslagen"), default=False)
    toetsing_skip_reason = models.TextField(_("waarom geen toetsing"), blank=True)
    financial_form = models.CharField(
        _("financiële vorm"),
        max_length=30,
        choices=FinancialForm.choices,
        default=FinancialForm.GEEN,
    )
    funding_source = models.CharField(
        _("financieringsbron"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld het Heel de Stad-budget."),
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    kickoff_at = models.DateTimeField(_("kick-off"), null=True, blank=True)
    kickoff_location = models.CharField(_("locatie kick-off"), max_length=200, blank=True)
    kickoff_moment = models.ForeignKey(
        KickOffMoment,
        verbose_name=_("gezamenlijke kick-off"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("vervolg op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-created_at"]
        indexes = [
            # The API and the drafts page through deals newest first: read one page, not sort them all.
            models.Index(fields=["-created_at"], name="deals_deal_recent"),
            # The public register pages through the closed deals by their closing date.
            models.Index(
                fields=["-closed_at"],
                condition=Q(closed_at__isnull=False),
                name="deals_deal_register",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="deal_paused_knows_where_from",
                condition=(Q(status="gepauzeerd") & ~Q(paused_from=""))
                | (~Q(status="gepauzeerd") & Q(paused_from="")),
            ),
            models.CheckConstraint(
                name="deal_closed_has_date",
                condition=~Q(status__in=["gesloten", "lopend", "afgerond"])
                | Q(closed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="deal_toetsing_done_or_skipped",
                condition=~(Q(toetsing_skipped=True) & ~Q(toetsing_method="")),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deals:deal-detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.closed_at is not None

    @property
    def step_index(self) -> int:
        status = self.paused_from or self.status
        return self.ORDER.index(status) if status in self.ORDER else -1


class DealPartner(TimeStampedModel):
    class Role(models.TextChoices):
        AANJAGER = "aanjager", _("Aanjager")
        PARTNER = "partner", _("Partner")
        GEMEENTE_FACILITATOR = "gemeente_facilitator", _("Gemeente als facilitator")
        GEMEENTE_ACTIEF = "gemeente_actief", _("Gemeente als actieve partner")
        KLANKBORDGROEP = "klankbordgroep", _("Klankbordgroep")

    class Status(models.TextChoices):
        UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
        GEACCEPTEERD = "geaccepteerd", _("Doet mee")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    # Roles whose authorised member signs the plan. The klankbordgroep advises and does not sign.
    SIGNING_ROLES = (Role.AANJAGER, Role.PARTNER, Role.GEMEENTE_FACILITATOR, Role.GEMEENTE_ACTIEF)

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "atlas.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.PARTNER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UITGENODIGD
    )
    invited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner in een deal")
        verbose_name_plural = _("partners in deals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "organisation"],
                condition=Q(status__in=["uitgenodigd", "geaccepteerd"]),
                name="dealpartner_once_per_deal",
            ),
            models.UniqueConstraint(
                fields=["deal"],
                condition=Q(role="aanjager", status="geaccepteerd"),
                name="dealpartner_one_aanjager",
            ),
            models.CheckConstraint(
                name="dealpartner_decision_recorded",
                condition=Q(status="uitgenodigd") | Q(decided_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def signs(self) -> bool:
        return self.status == self.Status.GEACCEPTEERD and self.role in self.SIGNING_ROLES


class Contribution(ArchivableModel, TimeStampedModel):
    """A partner's own inbreng, decided by that partner only."""

    class Kind(models.TextChoices):
        FINANCIEEL = "financieel", _("Financieel")
        KENNIS = "kennis", _("Kennis en expertise")
        NETWERK = "netwerk", _("Netwerk")
        ORGANISATORISCH = "organisatorisch", _("Organisatorische inzet")
        MAATWERK = "maatwerk", _("Ruimte in regels of maatwerk")
        FACILITEITEN = "faciliteiten", _("Faciliteiten")

    partner = models.ForeignKey(DealPartner, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("soort inbreng"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), max_length=2000)
    amount = models.DecimalField(
        _("bedrag (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    hours = models.PositiveIntegerField(_("uren"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_amount_positive",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:40]}"


class Task(ArchivableModel, TimeStampedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="tasks")
    partner = models.ForeignKey(
        DealPartner, verbose_name=_("partij"), on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(_("taak"), max_length=200)
    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    due_date = models.DateField(_("klaar op"), null=True, blank=True)
    done = models.BooleanField(_("klaar"), default=False)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class Result(ArchivableModel, TimeStampedModel):
    """An intended result with its indicator."""

    class IndicatorKind(models.TextChoices):
        KWANTITATIEF = "kwantitatief", _("Kwantitatief")
        KWALITATIEF = "kwalitatief", _("Kwalitatief")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("beoogd resultaat"), max_length=200)
    indicator = models.CharField(_("indicator"), max_length=200)
    indicator_kind = models.CharField(
        _("soort indicator"),
        max_length=20,
        choices=IndicatorKind.choices,
        default=IndicatorKind.KWANTITATIEF,
    )
    baseline = models.DecimalField(
        _("nulmeting"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("streefwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_text = models.CharField(_("beoogde verandering"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("beoogd resultaat")
        verbose_name_plural = _("beoogde resultaten")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="result_quantitative_has_target",
                condition=Q(indicator_kind="kwalitatief") | Q(target__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title


class ProcessAgreement(ArchivableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        OVERLEG = "overleg", _("Overleg en afstemming")
        SCHOUW = "schouw", _("Schouw")
        COMMUNICATIE = "communicatie", _("Communicatie")
        ANDERS = "anders", _("Anders")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(
        _("soort afspraak"), max_length=20, choices=Kind.choices, default=Kind.OVERLEG
    )
    description = models.TextField(_("afspraak"), max_length=2000)
    schouw_frequency = models.CharField(_("hoe vaak een schouw"), max_length=120, blank=True)
    schouw_setting = models.CharField(_("setting van de schouw"), max_length=200, blank=True)
    schouw_peers = models.CharField(_("kandidaat-peers van buiten"), max_length=300, blank=True)
    schouw_reporter = models.CharField(_("wie rapporteert"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("procesafspraak")
        verbose_name_plural = _("procesafspraken")
        ordering = ["pk"]

    def __str__(self):
        return self.description[:60]


class Milestone(ArchivableModel, TimeStampedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mijlpaal"), max_length=200)
    due_date = models.DateField(_("datum"))
    reached = models.BooleanField(_("bereikt"), default=False)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class PlanVersion(TimeStampedModel):
    """A frozen copy of the plan that the partners sign. Every version is kept."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    change_note = models.TextField(_("wat is er veranderd"), blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("door iedereen ondertekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van het plan")
        verbose_name_plural = _("versies van het plan")
        ordering = ["deal", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "number"], name="planversion_unique_number"),
            models.CheckConstraint(name="planversion_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self):
        return f"{self.deal} – versie {self.number}"


class Signature(TimeStampedModel):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="signatures")
    partner = models.ForeignKey(DealPartner, on_delete=models.PROTECT, related_name="signatures")
    signed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_over = models.BooleanField(
        _("overgenomen van de vorige versie"),
        default=False,
        help_text=_("De wijziging raakte deze partner niet."),
    )

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "partner"], name="signature_once_per_version"
            )
        ]

    def __str__(self):
        return f"{self.partner} – v{self.version.number}"


class CheckIn(TimeStampedModel):
    """One short screen per partner per period while a deal runs."""

    class Status(models.TextChoices):
        OP_KOERS = "op_koers", _("Op koers")
        AANDACHT = "aandacht_nodig", _("Aandacht nodig")
        VASTGELOPEN = "vastgelopen", _("Vastgelopen")

    partner = models.ForeignKey(DealPartner, on_delete=models.CASCADE, related_name="checkins")
    period = models.DateField(_("periode (eerste dag)"))
    status = models.CharField(_("hoe gaat het"), max_length=20, choices=Status.choices)
    note = models.TextField(_("in een paar zinnen"), max_length=1500, blank=True)
    values = models.JSONField(_("waarden van indicatoren"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="checkin_once_per_period")
        ]

    def __str__(self):
        return f"{self.partner} {self.period:%Y-%m}"


class CheckInReminder(models.Model):
    """That a partner was reminded for a period; makes the reminder task idempotent."""

    partner = models.ForeignKey(DealPartner, on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("herinnering check-in")
        verbose_name_plural = _("herinneringen check-in")
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="checkinreminder_once")
        ]

    def __str__(self):
        return f"{self.partner} {self.period}"


class Knelpunt(TimeStampedModel):
    class Category(models.TextChoices):
        REGELGEVING = "regelgeving", _("Regelgeving")
        INKOOP = "inkoop", _("Inkoop")
        FINANCIERING = "financiering", _("Financiering")
        ORGANISATIEGRENZEN = "organisatiegrenzen", _("Organisatiegrenzen")
        DATA_PRIVACY = "data_privacy", _("Data en privacy")
        ANDERS = "anders", _("Anders")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        OPGELOST = "opgelost", _("Opgelost")
        KOMPAS = "doorgezet_naar_kompas", _("Doorgezet naar kompas")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="knelpunten")
    partner = models.ForeignKey(
        DealPartner,
        verbose_name=_("gemeld namens"),
        on_delete=models.PROTECT,
        related_name="knelpunten",
    )
    category = models.CharField(_("soort knelpunt"), max_length=20, choices=Category.choices)
    title = models.CharField(_("knelpunt"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000)
    effect = models.TextField(_("gevolg voor de deal"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.OPEN
    )
    resolution = models.TextField(_("toelichting bij de status"), blank=True)
    reported_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_at = models.DateTimeField(_("doorgezet op"), null=True, blank=True)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="knelpunt_forwarded_has_date",
                condition=~Q(status="doorgezet_naar_kompas") | Q(forwarded_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title


class DealEvent(models.Model):
    """One line on a deal's timeline. Later apps (residence, schouw) add lines through a service."""

    class Kind(models.TextChoices):
        STAP = "stap", _("Stap")
        PARTNER = "partner", _("Partner")
        VERSIE = "versie", _("Versie")
        ONDERTEKENING = "ondertekening", _("Ondertekening")
        CHECKIN = "checkin", _("Check-in")
        KNELPUNT = "knelpunt", _("Knelpunt")
        KICKOFF = "kickoff", _("Kick-off")
        ANDERS = "anders", _("Anders")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    is_public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text
