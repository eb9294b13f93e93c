"""Stories by members (blog, video, podcast) with comments, abuse reports and moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reisgids.core.models import TimeStampedModel

from .directory import Organisation, Theme


class Story(TimeStampedModel):
    class Medium(models.TextChoices):
        BLOG = "blog", _("Blog")
        VIDEO = "video", _("Video")
        PODCAST = "podcast", _("Podcast")

    class Status(models.TextChoices):
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        VERBORGEN = "verborgen", _("Verborgen door de moderator")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    medium = models.CharField(
        _("soort"), max_length=10, choices=Medium.choices, default=Medium.BLOG
    )
    body = models.TextField(
        _("tekst"), help_text=_("Opgeschoonde HTML: alleen alinea's, nadruk, lijsten en links.")
    )
    media_url = models.URLField(_("link naar video of audio"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="stories"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPUBLICEERD
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), db_index=True)
    hidden_reason = models.TextField(_("reden van verbergen"), blank=True)

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")
        ordering = ["-published_at"]
        indexes = [
            # The stories list and the API page through published stories by (published_at, pk), and
            # count them from this index alone instead of reading the whole table.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="gepubliceerd"),
                name="atlas_story_published_recent",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("atlas:story-detail", kwargs={"slug": self.slug})


class StoryComment(TimeStampedModel):
    class Status(models.TextChoices):
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
        VERBORGEN = "verborgen", _("Verborgen door de moderator")

    story = models.ForeignKey(
        Story, verbose_name=_("verhaal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("reactie"), help_text=_("Platte tekst."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPUBLICEERD
    )

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author} bij {self.story}"


class AbuseReport(TimeStampedModel):
    """A member reports a story or a comment; a contentbeheerder hides it or dismisses the report."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        VERBORGEN = "verborgen", _("Inhoud verborgen")
        AFGEWEZEN = "afgewezen", _("Geen actie nodig")

    story = models.ForeignKey(
        Story,
        verbose_name=_("verhaal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    comment = models.ForeignKey(
        StoryComment,
        verbose_name=_("reactie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("wat is er mis?"))
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
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                name="abusereport_one_target",
                condition=Q(story__isnull=False, comment__isnull=True)
                | Q(story__isnull=True, comment__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.reporter}: {self.target}"

    @property
    def target(self):
        return self.story if self.story_id else self.comment
