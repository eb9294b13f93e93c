"""Nieuws: contentbeheerders write and publish; any member suggests an item for them to review."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state, transition

from ..models import NewsItem
from ..workflow import NEWS_ITEM
from .common import clean_text, unique_slug, validate
from .notifications import notify, notify_followers


def _build(
    *, actor, title, summary, body, category, link="", organisation=None, status
) -> NewsItem:
    title = clean_text(title, required=True, label=_("de titel"), max_length=200)
    item = NewsItem(
        title=title,
        slug=unique_slug(NewsItem, title, fallback="nieuws"),
        summary=clean_text(summary, required=True, label=_("de samenvatting"), max_length=400),
        body=clean_text(body, required=True, label=_("de tekst")),
        category=category,
        link=(link or "").strip(),
        organisation=organisation,
        author=actor,
        status=status,
    )
    validate(item)
    item.save()
    return item


@transaction.atomic
def news_create(
    *, actor, title, summary, body, category, link="", organisation=None, themes=(), publish=False
):
    """A contentbeheerder writes an item, as concept or published at once."""
    if not actor.has_perm("atlas.publish_news"):
        raise NotAllowed(
            _("Alleen een contentbeheerder schrijft nieuws. U kunt wel een bericht voorstellen.")
        )
    item = _build(
        actor=actor,
        title=title,
        summary=summary,
        body=body,
        category=category,
        link=link,
        organisation=organisation,
        status=NewsItem.Status.CONCEPT,
    )
    item.themes.set(themes)
    audit_record(actor=actor, action="news_create", target=item)
    if publish:
        item = news_publish(actor=actor, item=item)
    return item


@transaction.atomic
def news_suggest(*, actor, title, summary, body, category, link="", organisation=None, themes=()):
    """Any member suggests an item; a contentbeheerder publishes or declines it."""
    if not actor.has_perm("atlas.suggest_news"):
        raise NotAllowed(_("Log in om een nieuwsbericht voor te stellen."))
    item = _build(
        actor=actor,
        title=title,
        summary=summary,
        body=body,
        category=category,
        link=link,
        organisation=organisation,
        status=NewsItem.Status.VOORGESTELD,
    )
    item.themes.set(themes)
    audit_record(actor=actor, action="news_suggest", target=item)
    return item


@transaction.atomic
def news_publish(*, actor, item: NewsItem) -> NewsItem:
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    require(
        actor, "atlas.publish_news", None, _("Alleen een contentbeheerder kan nieuws publiceren.")
    )
    require_state(
        item,
        NEWS_ITEM.sources(NewsItem.Status.GEPUBLICEERD),
        _("Dit bericht kan niet worden gepubliceerd (status: %(s)s).")
        % {"s": item.get_status_display()},
    )
    item.published_at = timezone.now()
    item.published_by = actor
    transition(
        item,
        workflow=NEWS_ITEM,
        to=NewsItem.Status.GEPUBLICEERD,
        actor=actor,
        action="news_publish",
    )
    notify(
        user_ids=[item.author_id],
        text=_("Uw nieuwsbericht '%(title)s' is gepubliceerd.") % {"title": item.title},
        url=item.get_absolute_url(),
        key=f"news-published-{item.pk}",
        exclude_user_id=actor.pk,
    )
    notify_followers(
        organisation=item.organisation,
        themes=list(item.themes.all()),
        text=_("Nieuws: %(title)s") % {"title": item.title},
        url=item.get_absolute_url(),
        key=f"news-{item.pk}",
        exclude_user_id=actor.pk,
    )
    return item


@transaction.atomic
def news_reject(*, actor, item: NewsItem, reason: str) -> NewsItem:
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    require(
        actor,
        "atlas.publish_news",
        None,
        _("Alleen een contentbeheerder kan een voorstel afwijzen."),
    )
    require_state(
        item,
        NEWS_ITEM.sources(NewsItem.Status.AFGEWEZEN),
        _("Alleen een voorgesteld bericht kan worden afgewezen."),
    )
    item.rejection_reason = clean_text(reason, required=True, label=_("de reden"), max_length=2000)
    transition(
        item,
        workflow=NEWS_ITEM,
        to=NewsItem.Status.AFGEWEZEN,
        actor=actor,
        action="news_reject",
        changes={"reason": item.rejection_reason},
    )
    notify(
        user_ids=[item.author_id],
        text=_("Uw voorstel '%(title)s' is niet gepubliceerd: %(reason)s")
        % {"title": item.title, "reason": item.rejection_reason},
        url="",
        key=f"news-rejected-{item.pk}",
        exclude_user_id=actor.pk,
    )
    return item
