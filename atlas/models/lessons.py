"""De kennisbank: lessen en successen, curated by contentbeheerders."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .common import SourceLinkMixin, search_vector
from .directory import Area, Theme


class Audience(models.TextChoices):
    POLITICI = "politici", _("Politici")
    BESTUURDERS = "bestuurders", _("Bestuurders")
    BELEIDSAMBTENAREN = "beleidsambtenaren", _("Beleidsambtenaren")
    INKOPERS = "inkopers", _("Inkopers")
    AANBIEDERS = "aanbieders", _("Aanbieders")
    PARTNERS = "partners", _("Partners")
    BURGERS = "burgers", _("Burgers")


class Lesson(SourceLinkMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        INHOUDELIJK = "inhoudelijk", _("Inhoudelijk")
        SAMENWERKING = "samenwerking", _("Samenwerking")

    class Evidence(models.TextChoices):
        """Levels in the spirit of Movisie's database of effective interventions."""

        BESCHREVEN = "beschreven", _("Goed beschreven")
        ONDERBOUWD = "onderbouwd", _("Goed onderbouwd")
        EFFECTIEF = "effectief", _("Effectief")

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        IN_REDACTIE = "in_redactie", _("In redactie")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    summary = models.TextField(_("samenvatting"))
    context = models.TextField(_("context"), blank=True)
    what_worked = models.TextField(_("wat werkte"), blank=True)
    what_did_not_work = models.TextField(_("wat niet werkte"), blank=True)
    kind = models.CharField(
        _("soort les"), max_length=20, choices=Kind.choices, default=Kind.INHOUDELIJK
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="lessons"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("gebieden"), blank=True, related_name="lessons"
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        verbose_name=_("voor wie"),
        default=list,
        blank=True,
    )
    evidence_level = models.CharField(
        _("bewijskracht"), max_length=20, choices=Evidence.choices, default=Evidence.BESCHREVEN
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD
    )
    rejection_reason = models.TextField(_("reden van afwijzen"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("versie"), default=0)
    # The kennisbank search ranks on this document; stored, so a search does not rebuild it per row.
    AUDIT_EXCLUDE = ("search_document",)  # derived from the audited text fields
    SEARCH_FIELDS = {
        "title": "A",
        "summary": "B",
        "what_worked": "C",
        "what_did_not_work": "C",
        "context": "D",
    }
    search_document = models.GeneratedField(
        expression=search_vector(SEARCH_FIELDS), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen en successen")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            GinIndex(fields=["search_document"], name="atlas_lesson_search_doc"),
            # The kennisbank and the API page through published lessons, newest first. Only published
            # rows: drafts (no published_at) sort first in a descending scan, and the count reads this
            # index alone instead of the whole table; so do the board dashboard's lessons per kind.
            models.Index(
                fields=["-published_at"],
                include=["id", "kind"],
                condition=Q(status="gepubliceerd"),
                name="atlas_lesson_published_recent",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:lesson-detail", kwargs={"slug": self.slug})

    def get_audiences_display(self):
        labels = dict(Audience.choices)
        return [labels.get(a, a) for a in self.audiences]


class LessonVersion(models.Model):
    """A published version of a lesson, kept when it is published again."""

    lesson = models.ForeignKey(
        Lesson, verbose_name=_("les"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"), default=dict)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"))

    class Meta:
        verbose_name = _("versie van een les")
        verbose_name_plural = _("versies van lessen")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "number"], name="lessonversion_unique_number")
        ]

    def __str__(self):
        return f"{self.lesson} v{self.number}"
