"""Stories and comments. Story HTML is cleaned with nh3 to a small allow-list; comments are plain
text. Video and audio come by link from known hosts and are never fetched by the platform."""

from urllib.parse import urlsplit

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state, transition

from ..models import AbuseReport, Story, StoryComment
from ..workflow import ABUSE_REPORT
from .common import clean_text, unique_slug, validate
from .notifications import notify, notify_followers

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h2", "h3"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
MEDIA_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
    "vimeo.com",
    "player.vimeo.com",
    "soundcloud.com",
    "open.spotify.com",
}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def _media_url(url: str, medium: str) -> str:
    url = (url or "").strip()
    if not url:
        if medium in (Story.Medium.VIDEO, Story.Medium.PODCAST):
            raise ApplicationError(_("Voeg de link naar de video of de podcast toe."))
        return ""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in MEDIA_HOSTS:
        raise ApplicationError(
            _("Video en audio kunnen alleen via een https-link van %(hosts)s.")
            % {"hosts": ", ".join(sorted(MEDIA_HOSTS))}
        )
    return url


@transaction.atomic
def story_create(
    *, actor, title, body, medium=Story.Medium.BLOG, media_url="", organisation=None, themes=()
):
    if not actor.has_perm("atlas.post_story"):
        raise NotAllowed(_("Log in om een verhaal te delen."))
    if organisation is not None and not actor.has_perm(
        "atlas.propose_organisation_change", organisation
    ):
        raise NotAllowed(_("U deelt alleen verhalen namens een organisatie waar u lid van bent."))
    title = clean_text(title, required=True, label=_("de titel"), max_length=200)
    body = sanitise_html(clean_text(body, required=True, label=_("de tekst")))
    if not body:
        raise ApplicationError(_("Vul de tekst in."))
    story = Story(
        title=title,
        slug=unique_slug(Story, title, fallback="verhaal"),
        medium=medium,
        body=body,
        media_url=_media_url(media_url, medium),
        author=actor,
        organisation=organisation,
        published_at=timezone.now(),
    )
    validate(story)
    story.save()
    story.themes.set(themes)
    audit_record(actor=actor, action="story_create", target=story)
    notify_followers(
        organisation=organisation,
        themes=list(story.themes.all()),
        text=_("Nieuw verhaal: %(title)s") % {"title": story.title},
        url=story.get_absolute_url(),
        key=f"story-{story.pk}",
        exclude_user_id=actor.pk,
    )
    return story


@transaction.atomic
def story_comment(*, actor, story: Story, body: str) -> StoryComment:
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not actor.has_perm("atlas.comment_story"):
        raise NotAllowed(_("Log in om te reageren."))
    if story.status != Story.Status.GEPUBLICEERD:
        raise Conflict(_("Op dit verhaal kunt u niet meer reageren."))
    comment = StoryComment(
        story=story,
        author=actor,
        body=clean_text(body, required=True, label=_("uw reactie"), max_length=4000),
    )
    validate(comment)
    comment.save()
    audit_record(actor=actor, action="story_comment", target=comment)
    notify(
        user_ids=[story.author_id],
        text=_("%(name)s reageert op uw verhaal '%(title)s'")
        % {"name": actor, "title": story.title},
        url=story.get_absolute_url() + f"#reactie-{comment.pk}",
        key=f"story-comment-{comment.pk}",
        exclude_user_id=actor.pk,
    )
    return comment


@transaction.atomic
def content_report(
    *, actor, reason: str, story: Story | None = None, comment: StoryComment | None = None
):
    if not actor.has_perm("atlas.report_content"):
        raise NotAllowed(_("Log in om iets te melden."))
    if (story is None) == (comment is None):
        raise ApplicationError(_("Meld één verhaal of één reactie."))
    if AbuseReport.objects.filter(
        reporter=actor, story=story, comment=comment, status=AbuseReport.Status.OPEN
    ).exists():
        raise Conflict(_("U heeft dit al gemeld; een moderator kijkt ernaar."))
    report = AbuseReport(
        reporter=actor,
        story=story,
        comment=comment,
        reason=clean_text(reason, required=True, label=_("wat er mis is"), max_length=2000),
    )
    validate(report)
    report.save()
    audit_record(actor=actor, action="content_report", target=report)
    return report


@transaction.atomic
def report_decide(*, actor, report: AbuseReport, hide: bool, note: str = "") -> AbuseReport:
    report = (
        AbuseReport.objects.select_for_update(of=("self",))
        .select_related("story", "comment")
        .get(pk=report.pk)
    )
    require(actor, "atlas.moderate", None, _("Alleen een contentbeheerder modereert."))
    require_state(
        report,
        ABUSE_REPORT.sources(AbuseReport.Status.AFGEWEZEN),
        _("Over deze melding is al besloten."),
    )
    now = timezone.now()
    if hide:
        target = report.target
        # Hidden once more if it already was (a report that came in later): the note is kept.
        target.status = target.Status.VERBORGEN
        if report.story_id:
            target.hidden_reason = (note or report.reason).strip()
        target.save()
        # Other open reports about the same content are settled with it.
        AbuseReport.objects.filter(
            story=report.story, comment=report.comment, status=AbuseReport.Status.OPEN
        ).exclude(pk=report.pk).update(
            status=AbuseReport.Status.VERBORGEN, decided_by=actor, decided_at=now
        )
    report.decided_by = actor
    report.decided_at = now
    return transition(
        report,
        workflow=ABUSE_REPORT,
        to=AbuseReport.Status.VERBORGEN if hide else AbuseReport.Status.AFGEWEZEN,
        actor=actor,
        action="report_decide",
        changes={"hide": hide},
    )
