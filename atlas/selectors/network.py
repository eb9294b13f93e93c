"""Reads of the network content (news, agenda, marketplace, stories, kennisbank, notifications),
scoped to the acting user."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    AbuseReport,
    DigestPreference,
    Event,
    Follow,
    Lesson,
    LessonVersion,
    Listing,
    ListingResponse,
    Membership,
    NewsItem,
    Notification,
    Story,
    StoryComment,
)


def _editor(actor) -> bool:
    return actor is not None and actor.has_perm("atlas.publish_news")


# --- News ----------------------------------------------------------------------------------------


def news_list(*, actor=None):
    return (
        NewsItem.objects.filter(status=NewsItem.Status.GEPUBLICEERD)
        .select_related("organisation")
        .prefetch_related("themes")
        .order_by("-published_at")
    )


def news_get(*, actor, slug: str) -> NewsItem:
    """Published items for everyone; the author and contentbeheerders also see the others."""
    qs = NewsItem.objects.select_related("organisation", "author").prefetch_related("themes")
    if _editor(actor):
        return qs.get(slug=slug)
    condition = Q(status=NewsItem.Status.GEPUBLICEERD)
    if actor is not None and actor.is_authenticated:
        condition |= Q(author=actor)
    return qs.filter(condition).get(slug=slug)


def news_to_review(*, actor):
    if not _editor(actor):
        return NewsItem.objects.none()
    return NewsItem.objects.filter(
        status__in=[NewsItem.Status.VOORGESTELD, NewsItem.Status.CONCEPT]
    ).select_related("author")


# --- Agenda ---------------------------------------------------------------------------------------


def event_list(*, actor=None):
    """All events, upcoming and past (past ones stay findable); the filter picks the period."""
    return (
        Event.objects.select_related("organiser")
        .prefetch_related("themes", "areas")
        .annotate(sign_up_count=Count("sign_ups", distinct=True))
        .order_by("starts_at")
    )


def event_get(*, actor=None, slug: str) -> Event:
    return event_list(actor=actor).get(slug=slug)


def event_signed_up(*, actor, event: Event) -> bool:
    return bool(
        actor is not None and actor.is_authenticated and event.sign_ups.filter(user=actor).exists()
    )


def event_sign_ups(*, actor, event: Event):
    """Who signed up: for the organiser and contentbeheerders only."""
    if not actor.has_perm("atlas.change_event", event):
        return event.sign_ups.none()
    return event.sign_ups.select_related("user")


# --- Marketplace -----------------------------------------------------------------------------------


def listing_list(*, actor=None):
    """The public list: open listings that have not expired."""
    return (
        Listing.objects.filter(status=Listing.Status.OPEN, expires_on__gte=timezone.localdate())
        .select_related("organisation")
        .prefetch_related("themes", "areas")
    )


def listing_get(*, actor, pk: int) -> Listing:
    """Open listings for everyone; closed ones for the organisation's members and contentbeheerders."""
    listing = (
        Listing.objects.select_related("organisation", "posted_by")
        .prefetch_related("themes", "areas")
        .get(pk=pk)
    )
    if listing.status == Listing.Status.OPEN or actor.has_perm("atlas.manage_listing", listing):
        return listing
    raise Listing.DoesNotExist


def listing_responses(*, actor, listing: Listing):
    """Responses: the organisation sees all, a responder their own."""
    if not actor.is_authenticated:
        return ListingResponse.objects.none()
    qs = listing.responses.select_related("responder", "organisation")
    if actor.has_perm("atlas.manage_listing", listing):
        return qs
    return qs.filter(responder=actor)


def listings_of(*, actor):
    """Listings of the organisations the actor is a member of, in every status."""
    if not actor.is_authenticated:
        return Listing.objects.none()
    return (
        Listing.objects.filter(
            organisation__memberships__user=actor,
            organisation__memberships__status=Membership.Status.GOEDGEKEURD,
        )
        .select_related("organisation")
        .annotate(response_count=Count("responses", distinct=True))
        .distinct()
        .order_by("-created_at")
    )


# --- Stories ---------------------------------------------------------------------------------------


def story_list(*, actor=None):
    visible_comments = (
        StoryComment.objects.filter(story=OuterRef("pk"), status=StoryComment.Status.GEPUBLICEERD)
        .order_by()
        .values("story")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Story.objects.filter(status=Story.Status.GEPUBLICEERD)
        .select_related("author", "organisation")
        .prefetch_related("themes")
        # A subquery per story on the page, not a join grouped over every story: a page costs the same
        # however many stories and comments there are.
        .annotate(
            comment_count=Coalesce(Subquery(visible_comments, output_field=IntegerField()), 0)
        )
        .order_by("-published_at", "-pk")
    )


def story_get(*, actor, slug: str) -> Story:
    comments = StoryComment.objects.filter(status=StoryComment.Status.GEPUBLICEERD).select_related(
        "author"
    )
    qs = Story.objects.select_related("author", "organisation").prefetch_related(
        "themes", Prefetch("comments", queryset=comments, to_attr="visible_comments")
    )
    if actor is not None and actor.has_perm("atlas.moderate"):
        return qs.get(slug=slug)
    condition = Q(status=Story.Status.GEPUBLICEERD)
    if actor is not None and actor.is_authenticated:
        condition |= Q(author=actor)
    return qs.filter(condition).get(slug=slug)


def moderation_queue(*, actor):
    if not actor.has_perm("atlas.moderate"):
        return AbuseReport.objects.none()
    return AbuseReport.objects.filter(status=AbuseReport.Status.OPEN).select_related(
        "reporter", "story", "comment__story", "comment__author"
    )


# --- Kennisbank ------------------------------------------------------------------------------------


def lesson_list(*, actor=None):
    return (
        Lesson.objects.filter(status=Lesson.Status.GEPUBLICEERD)
        .prefetch_related("themes", "areas")
        .order_by("-published_at")
    )


def lesson_get(*, actor, slug: str) -> Lesson:
    """Published for everyone; the proposer sees their own (with a reason when declined);
    contentbeheerders see all."""
    qs = Lesson.objects.select_related("proposed_by", "editor").prefetch_related(
        "themes",
        "areas",
        Prefetch("versions", queryset=LessonVersion.objects.select_related("published_by")),
    )
    if actor is not None and actor.has_perm("atlas.edit_lesson"):
        return qs.get(slug=slug)
    condition = Q(status=Lesson.Status.GEPUBLICEERD)
    if actor is not None and actor.is_authenticated:
        condition |= Q(proposed_by=actor)
    return qs.filter(condition).get(slug=slug)


def lesson_related(*, actor=None, lesson: Lesson, limit: int = 5):
    """Published lessons sharing themes or areas, most shared first."""
    theme_ids = [t.pk for t in lesson.themes.all()]
    area_ids = [a.pk for a in lesson.areas.all()]
    if not theme_ids and not area_ids:
        return Lesson.objects.none()
    return (
        Lesson.objects.filter(status=Lesson.Status.GEPUBLICEERD)
        .exclude(pk=lesson.pk)
        .annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            + Count("areas", filter=Q(areas__in=area_ids), distinct=True)
        )
        .filter(shared__gt=0)
        .order_by("-shared", "-published_at")[:limit]
    )


def lessons_to_edit(*, actor):
    if not actor.has_perm("atlas.edit_lesson"):
        return Lesson.objects.none()
    return Lesson.objects.filter(
        status__in=[Lesson.Status.VOORGESTELD, Lesson.Status.IN_REDACTIE]
    ).select_related("proposed_by", "editor")


def lessons_proposed_by(*, actor):
    if not actor.is_authenticated:
        return Lesson.objects.none()
    return Lesson.objects.filter(proposed_by=actor)


def lessons_published_since(*, since=None, actor=None):
    """Published lessons first published after ``since`` (all when None), oldest first. The kompas
    reads this to draft its inventory."""
    qs = lesson_list(actor=actor).order_by("published_at", "pk")
    if since is not None:
        qs = qs.filter(published_at__gt=since)
    return qs


# --- Following and notifications ------------------------------------------------------------------


def follows_of(*, actor):
    if not actor.is_authenticated:
        return Follow.objects.none()
    return Follow.objects.filter(user=actor).select_related("organisation", "theme", "area")


def follow_of(*, actor, organisation=None, theme=None, area=None):
    if not actor.is_authenticated:
        return None
    return Follow.objects.filter(
        user=actor, organisation=organisation, theme=theme, area=area
    ).first()


def notifications_of(*, actor):
    if not actor.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=actor)


def unread_notification_count(*, actor) -> int:
    return notifications_of(actor=actor).filter(read_at__isnull=True).count()


def digest_preference_of(*, actor) -> str:
    pref = DigestPreference.objects.filter(user=actor).first() if actor.is_authenticated else None
    return pref.frequency if pref else DigestPreference.Frequency.NOOIT
