"""The atlas: who is active in zorg en welzijn in Rotterdam, where, and on which themes."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .common import search_vector


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
        "self",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="wijken",
    )
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        verbose_name = _("gebied of wijk")
        verbose_name_plural = _("gebieden en wijken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="area_wijk_has_gebied",
                condition=Q(kind="gebied", parent__isnull=True)
                | Q(kind="wijk", parent__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name


# Rotterdam's municipal territory, from Hoek van Holland to Nesselande, with a small margin.
ROTTERDAM_BOUNDS = {
    "south": Decimal("51.80"),
    "north": Decimal("52.02"),
    "west": Decimal("3.98"),
    "east": Decimal("4.65"),
}
LOGO_MAX_BYTES = 1024 * 1024


def point_in_rotterdam(latitude, longitude) -> bool:
    lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    b = ROTTERDAM_BOUNDS
    return b["south"] <= lat <= b["north"] and b["west"] <= lon <= b["east"]


def validate_logo(file):
    """A logo is a real image of at most 1 MB."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Het logo is te groot. Het mag hoogstens 1 MB zijn."), code="logo_too_large"
        )
    from PIL import Image, UnidentifiedImageError

    try:
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        Image.open(file).verify()
        file.seek(position)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Dit bestand is geen afbeelding. Kies een PNG, JPG, GIF of WebP."), code="logo"
        ) from exc


class RelationToSystem(models.TextChoices):
    AANVULLEND = "aanvullend", _("Aanvullend op het systeem")
    ALTERNATIEF = "alternatief", _("Alternatief voor het systeem")


class Delivery(models.TextChoices):
    ZELF_LEVEREN = "zelf_leveren", _("Levert zelf zorg of welzijn")
    IN_STAAT_STELLEN = "in_staat_stellen", _("Stelt anderen in staat")


class VolunteerDependency(models.TextChoices):
    GEEN = "geen", _("Werkt zonder vrijwilligers")
    DEELS = "deels", _("Deels afhankelijk van vrijwilligers")
    GROTENDEELS = "grotendeels", _("Grotendeels afhankelijk van vrijwilligers")


class Size(models.TextChoices):
    KLEIN = "klein", _("Klein (tot 10 mensen)")
    MIDDEL = "middel", _("Middelgroot (10 tot 50 mensen)")
    GROOT = "groot", _("Groot (meer dan 50 mensen)")


class LifeStage(models.TextChoices):
    PIONIER = "pionier", _("Pionier: net begonnen")
    GROEI = "groei", _("Groeit en professionaliseert")
    GEVESTIGD = "gevestigd", _("Gevestigd")


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
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="organisations"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("werkgebied"), blank=True, related_name="organisations"
    )
    citywide = models.BooleanField(_("stadsbreed"), default=False)
    is_verified = models.BooleanField(_("geverifieerd"), default=False)
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("algemeen telefoonnummer"), max_length=30, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("moederorganisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="atlas/logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"]), validate_logo],
        help_text=_("PNG, JPG, GIF of WebP, hoogstens 1 MB."),
    )
    logo_alt = models.CharField(
        _("tekstalternatief van het logo"),
        max_length=200,
        blank=True,
        help_text=_("Wat staat er op het logo? Voor wie het niet kan zien."),
    )
    # The profile dimensions the report uses to describe the diversity of initiatives.
    relation_to_system = models.CharField(
        _("verhouding tot het systeem"), max_length=20, choices=RelationToSystem.choices, blank=True
    )
    delivery = models.CharField(
        _("manier van werken"), max_length=20, choices=Delivery.choices, blank=True
    )
    volunteer_dependency = models.CharField(
        _("afhankelijkheid van vrijwilligers"),
        max_length=20,
        choices=VolunteerDependency.choices,
        blank=True,
    )
    size = models.CharField(_("omvang"), max_length=20, choices=Size.choices, blank=True)
    life_stage = models.CharField(
        _("levensfase"), max_length=20, choices=LifeStage.choices, blank=True
    )
    # "Gezocht / aangeboden": the cooperation the party looks for and offers.
    looking_for = models.TextField(
        _("gezocht"), blank=True, help_text=_("Welke samenwerking zoekt u?")
    )
    offering = models.TextField(
        _("aangeboden"), blank=True, help_text=_("Wat kunt u anderen bieden?")
    )
    external_id = models.CharField(_("externe sleutel"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    # The atlas search ranks on this document; stored, so a search does not rebuild it per row.
    AUDIT_EXCLUDE = ("search_document",)  # derived from the audited text fields
    SEARCH_FIELDS = {"name": "A", "description": "B", "looking_for": "C", "offering": "C"}
    search_document = models.GeneratedField(
        expression=search_vector(SEARCH_FIELDS), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_document"], name="atlas_org_search_doc"),
            # Lists and the API page through organisations by name.
            models.Index(
                fields=["name"], condition=Q(is_archived=False), name="atlas_org_active_name"
            ),
            # Counting the filtered list (type, theme, area or citywide) reads this index alone instead
            # of every wide row of the table.
            models.Index(
                fields=["type"],
                include=["id", "citywide"],
                condition=Q(is_archived=False),
                name="atlas_org_active_type",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="organisation_unique_external_id",
            ),
            models.CheckConstraint(
                name="organisation_point_complete",
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:organisation-detail", kwargs={"slug": self.slug})

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _(
                "Vul zowel de breedtegraad als de lengtegraad in, of geen van beide."
            )
        elif self.has_point and not point_in_rotterdam(self.latitude, self.longitude):
            errors["latitude"] = _(
                "Dit punt ligt buiten Rotterdam. Kies een plek binnen de gemeente."
            )
        if self.logo and not self.logo_alt.strip():
            errors["logo_alt"] = _(
                "Beschrijf het logo in een paar woorden, voor wie het niet kan zien."
            )
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("Een organisatie kan niet haar eigen moederorganisatie zijn.")
        if errors:
            raise ValidationError(errors)


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
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.LID)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGEVRAAGD
    )
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


class Service(TimeStampedModel):
    """What an organisation offers, shaped after the Open Referral HSDS "service"."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    target_group = models.CharField(_("doelgroep"), max_length=200, blank=True)
    areas = models.ManyToManyField(
        Area, verbose_name=_("gebied"), blank=True, related_name="services"
    )
    url = models.URLField(_("webpagina"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return self.name


class ContactPoint(TimeStampedModel):
    """An aanspreekpunt: a person or function to go to, about a topic, in the municipality or an organisation.
    Personal contact details (email, phone) are shown to logged-in users only."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )
    name = models.CharField(_("persoon of functie"), max_length=200)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    topic = models.CharField(_("onderwerp"), max_length=300)
    how_to_reach = models.TextField(
        _("zo bereikt u ons"),
        blank=True,
        help_text=_("Openbaar, bijvoorbeeld een spreekuur of algemeen nummer."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="contact_points"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("gebieden"), blank=True, related_name="contact_points"
    )
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)
    AUDIT_EXCLUDE = ("search_document",)  # derived from the audited text fields
    SEARCH_FIELDS = {"name": "A", "topic": "A", "function": "B", "how_to_reach": "C"}
    search_document = models.GeneratedField(
        expression=search_vector(SEARCH_FIELDS), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("aanspreekpunt")
        verbose_name_plural = _("aanspreekpunten")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_document"], name="atlas_cp_search_doc")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Network(TimeStampedModel):
    """A city network such as Gezond010 or Zorgzaam010, with its akkoorden and groups."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=200, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    coordinator = models.ForeignKey(
        Organisation,
        verbose_name=_("coördinerende organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_networks",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="networks"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("deelnemers"), blank=True, related_name="networks"
    )

    class Meta:
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:network-detail", kwargs={"slug": self.slug})


class Agreement(TimeStampedModel):
    """An akkoord of a network (e.g. the Gezond010-akkoord), with the parties that signed it."""

    network = models.ForeignKey(
        Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="agreements"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    signatories = models.ManyToManyField(
        Organisation, verbose_name=_("ondertekenaars"), blank=True, related_name="agreements"
    )

    class Meta:
        verbose_name = _("akkoord")
        verbose_name_plural = _("akkoorden")
        ordering = ["network__name", "title"]

    def __str__(self):
        return self.title


class NetworkGroup(TimeStampedModel):
    """A satelliet or themagroep within a network."""

    class Kind(models.TextChoices):
        SATELLIET = "satelliet", _("Satelliet")
        THEMAGROEP = "themagroep", _("Themagroep")

    network = models.ForeignKey(
        Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.THEMAGROEP
    )
    description = models.TextField(_("omschrijving"), blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("deelnemers"), blank=True, related_name="network_groups"
    )

    class Meta:
        verbose_name = _("satelliet of themagroep")
        verbose_name_plural = _("satellieten en themagroepen")
        ordering = ["network__name", "name"]

    def __str__(self):
        return self.name


class Instrument(TimeStampedModel):
    """A beleidsinstrument: a subsidy, budget or arrangement that parties may use."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=200, unique=True)
    purpose = models.TextField(_("waarvoor"))
    eligibility = models.TextField(_("wie kan het gebruiken"), blank=True)
    budget = models.CharField(_("budget of omvang"), max_length=200, blank=True)
    how_to_apply = models.TextField(_("zo vraagt u het aan"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("verstrekt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instruments",
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("aanspreekpunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instruments",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="instruments"
    )
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("beleidsinstrument")
        verbose_name_plural = _("beleidsinstrumenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("atlas:instrument-detail", kwargs={"slug": self.slug})


class ChangeProposal(TimeStampedModel):
    """A member's proposal to change an organisation's profile; a beheerder takes it over or declines."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OVERGENOMEN = "overgenomen", _("Overgenomen")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="change_proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    changes = models.JSONField(_("voorgestelde wijzigingen"), default=dict)
    note = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"


class SavedSearch(TimeStampedModel):
    """Mijn radar: a saved filter; new matches arrive in a daily or weekly digest."""

    class Frequency(models.TextChoices):
        DAGELIJKS = "dagelijks", _("Dagelijks")
        WEKELIJKS = "wekelijks", _("Wekelijks")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("naam"), max_length=120)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    frequency = models.CharField(
        _("hoe vaak"), max_length=20, choices=Frequency.choices, default=Frequency.WEKELIJKS
    )
    last_sent_at = models.DateTimeField(_("laatst verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarde zoekopdracht")
        verbose_name_plural = _("mijn radar")
        ordering = ["name"]

    def __str__(self):
        return self.name
