"""The kompas: periodic editions of structural changes, from evidence to board decisions.

An edition moves concept → consultatie → geagendeerd → vastgesteld → teruggekoppeld →
monitoring → gesloten, one service per step (see services.py). The drafting task fills a
concept with evidence and candidate proposals; people write, decide and adopt.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class ChangeType(models.TextChoices):
    """The five kinds of structural change the report names (seed L2437-2447)."""

    INKOOPREGELS = "inkoopregels", _("Inkoopregels")
    SUBSIDIEMOGELIJKHEDEN = "subsidiemogelijkheden", _("Subsidiemogelijkheden")
    BELEID = "beleid", _("Beleid")
    SPELREGELS = "spelregels_prikkels", _("Spelregels en prikkels")
    ORGANISATIEGRENZEN = "organisatiegrenzen", _("Organisatiegrenzen")


class Voice(models.TextChoices):
    """Whose voice a comment or endorsement is; the report asks to mark the initiatives' voice."""

    PARTNER_IN_RESIDENCE = "partner_in_residence", _("Partner in residence")
    INITIATIEF = "initiatief", _("Initiatief")
    GEMEENTE = "gemeente", _("Gemeente")
    ANDERS = "anders", _("Overig")


class Gremium(TimeStampedModel):
    class Kind(models.TextChoices):
        AMBTELIJK = "ambtelijk", _("Ambtelijk")
        BESTUURLIJK = "bestuurlijk", _("Bestuurlijk")
        POLITIEK = "politiek", _("Politiek")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("gremium")
        verbose_name_plural = _("gremia")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Edition(TimeStampedModel):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        CONSULTATIE = "consultatie", _("Consultatie")
        GEAGENDEERD = "geagendeerd", _("Geagendeerd")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        TERUGGEKOPPELD = "teruggekoppeld", _("Teruggekoppeld")
        MONITORING = "monitoring", _("Monitoring")
        GESLOTEN = "gesloten", _("Gesloten")

    ADOPTED = (Status.VASTGESTELD, Status.TERUGGEKOPPELD, Status.MONITORING, Status.GESLOTEN)
    OPEN = (Status.CONCEPT, Status.CONSULTATIE, Status.GEAGENDEERD)
    #: Adopted and not yet closed: its accepted decisions are measured.
    MONITORABLE = (Status.VASTGESTELD, Status.TERUGGEKOPPELD, Status.MONITORING)

    title = models.CharField(_("titel"), max_length=200)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    cadence_months = models.PositiveSmallIntegerField(_("cyclus in maanden"), default=12)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    summary = models.TextField(_("samenvatting"), blank=True, max_length=8000)
    evidence_since = models.DateTimeField(_("signalen vanaf"), null=True, blank=True)
    drafted_at = models.DateTimeField(_("laatst opgesteld op"), null=True, blank=True)
    consultation_opened_at = models.DateTimeField(
        _("consultatie geopend op"), null=True, blank=True
    )
    agenda_set_at = models.DateTimeField(_("geagendeerd op"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        USER,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(_("vastgestelde inhoud"), default=dict, blank=True, editable=False)
    feedback = models.TextField(_("terugkoppeling"), blank=True, max_length=8000)
    new_rules = models.TextField(_("nieuwe regels en mogelijkheden"), blank=True, max_length=8000)
    feedback_published_at = models.DateTimeField(_("teruggekoppeld op"), null=True, blank=True)
    monitoring_started_at = models.DateTimeField(_("monitoring gestart op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("kompaseditie")
        verbose_name_plural = _("kompasedities")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="concept"), name="kompas_one_concept"
            ),
            models.CheckConstraint(
                name="kompas_adopted_has_who_and_when",
                condition=~Q(status__in=["vastgesteld", "teruggekoppeld", "monitoring", "gesloten"])
                | (Q(adopted_at__isnull=False) & Q(adopted_by__isnull=False)),
            ),
            models.CheckConstraint(
                name="kompas_period_order", condition=Q(period_end__gte=models.F("period_start"))
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kompas:edition-detail", kwargs={"pk": self.pk})

    @property
    def is_adopted(self) -> bool:
        return self.status in self.ADOPTED


class DraftRun(TimeStampedModel):
    """One run of the drafting task; the page polls it to show progress."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wacht op het werkproces")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        OVERGESLAGEN = "overgeslagen", _("Niet nodig")
        MISLUKT = "mislukt", _("Mislukt")

    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="draft_runs"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    step = models.CharField(_("stap"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    started_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    counts = models.JSONField(_("aantallen"), default=dict, blank=True)
    message = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("opstelronde")
        verbose_name_plural = _("opstelrondes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="kompas_draftrun_progress_max", condition=Q(progress__lte=100)
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.WACHTEND, self.Status.BEZIG)


class Evidence(TimeStampedModel):
    """One signal the drafting task found: a knelpunt, a monitoring result, a lesson, a schouw report."""

    class Kind(models.TextChoices):
        LES = "les", _("Les")
        SCHOUWRAPPORT = "schouwrapport", _("Schouwrapport")
        KNELPUNT = "knelpunt", _("Knelpunt")
        MONITORING = "monitoring", _("Monitoringresultaat")
        DEAL = "deal", _("Deal")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    source_id = models.PositiveBigIntegerField(_("bron-id"))
    change_type = models.CharField(
        _("soort verandering"), max_length=30, choices=ChangeType.choices
    )
    theme = models.ForeignKey(
        "atlas.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    found_at = models.DateTimeField(_("datum van het signaal"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["change_type", "theme__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "source_id"], name="kompas_evidence_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Proposal(TimeStampedModel):
    """A change proposal: the problem with its evidence, the change, its intended effect."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("editie"), on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("titel"), max_length=200)
    change_type = models.CharField(
        _("soort verandering"), max_length=30, choices=ChangeType.choices
    )
    theme = models.ForeignKey(
        "atlas.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    problem = models.TextField(_("probleem"), max_length=8000)
    proposed_change = models.TextField(_("voorgestelde verandering"), blank=True, max_length=8000)
    intended_effect = models.TextField(_("beoogd effect"), blank=True, max_length=4000)
    owner = models.CharField(
        _("eigenaar"),
        max_length=200,
        blank=True,
        help_text=_("Het cluster of de afdeling die de verandering draagt."),
    )
    evidence = models.ManyToManyField(
        Evidence, verbose_name=_("onderbouwing"), blank=True, related_name="proposals"
    )
    co_authors = models.ManyToManyField(
        USER, verbose_name=_("mede-auteurs"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_key = models.CharField(max_length=80, blank=True, editable=False)
    edited_by_people = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("veranderingsvoorstel")
        verbose_name_plural = _("veranderingsvoorstellen")
        ordering = ["change_type", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "draft_key"],
                condition=~Q(draft_key=""),
                name="kompas_candidate_once",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_candidate(self) -> bool:
        return bool(self.draft_key)


class Comment(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("reactie"), max_length=4000)
    voice = models.CharField(_("stem van"), max_length=30, choices=Voice.choices)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"


class Endorsement(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    voice = models.CharField(_("stem van"), max_length=30, choices=Voice.choices)

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="kompas_endorse_once")
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class AgendaItem(TimeStampedModel):
    """A proposal on a gremium's agenda, and the decision taken there."""

    class Outcome(models.TextChoices):
        AANGENOMEN = "aangenomen", _("Aangenomen")
        AANGEPAST = "aangepast", _("Aangepast aangenomen")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        AANGEHOUDEN = "aangehouden", _("Aangehouden")

    ACCEPTED = (Outcome.AANGENOMEN, Outcome.AANGEPAST)

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="agenda_items")
    gremium = models.ForeignKey(
        Gremium, verbose_name=_("gremium"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("datum"))
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, blank=True)
    reasons = models.TextField(_("motivering"), blank=True, max_length=4000)
    actions = models.TextField(_("genomen acties"), blank=True, max_length=4000)
    decided_at = models.DateTimeField(_("besluit vastgelegd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    monitor_indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    monitor_who = models.CharField(_("wie monitort"), max_length=200, blank=True)
    monitor_owner = models.ForeignKey(
        USER,
        verbose_name=_("aanspreekpunt monitoring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    monitor_due = models.DateField(_("eerste meting uiterlijk"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                name="kompas_decision_has_reasons",
                condition=Q(outcome="") | (~Q(reasons="") & Q(decided_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="kompas_accepted_has_monitoring_plan",
                condition=~Q(outcome__in=["aangenomen", "aangepast"])
                | (~Q(monitor_indicator="") & ~Q(monitor_who="") & Q(monitor_due__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.gremium} {self.date:%Y-%m-%d}: {self.proposal}"


class MonitoringEntry(TimeStampedModel):
    class Status(models.TextChoices):
        OP_SCHEMA = "op_schema", _("Op schema")
        VERTRAAGD = "vertraagd", _("Vertraagd")
        BEREIKT = "bereikt", _("Effect bereikt")
        NIET_BEREIKT = "niet_bereikt", _("Effect niet bereikt")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="monitoring")
    date = models.DateField(_("datum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    observation = models.TextField(_("waarneming"), max_length=4000)
    next_due = models.DateField(_("volgende meting uiterlijk"), null=True, blank=True)
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("monitoringregel")
        verbose_name_plural = _("monitoringregels")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_status_display()}"


class Priority(TimeStampedModel):
    """A theme the edition proposes for the next round of deals; adoption sends it to deals."""

    class Level(models.IntegerChoices):
        HOOG = 1, _("Hoog")
        MIDDEL = 2, _("Middel")
        LAAG = 3, _("Laag")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey(
        "atlas.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Level.choices, default=Level.MIDDEL
    )
    rationale = models.TextField(_("waarom"), blank=True, max_length=2000)
    drafted = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")
        ordering = ["level", "theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "theme"], name="kompas_priority_once")
        ]

    def __str__(self):
        return f"{self.theme} ({self.get_level_display()})"


class Notification(TimeStampedModel):
    """An e-mail sent about an edition; the unique key keeps the task idempotent."""

    class Kind(models.TextChoices):
        TERUGKOPPELING = "terugkoppeling", _("Terugkoppeling")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.EmailField()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind", "email"], name="kompas_notify_once")
        ]

    def __str__(self):
        return f"{self.kind} → {self.email}"
