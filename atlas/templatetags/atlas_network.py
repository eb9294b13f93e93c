"""Template helpers of the network content."""

import re
from urllib.parse import parse_qs, urlsplit

from django import template
from django.utils.safestring import mark_safe

from ..services.stories import sanitise_html

register = template.Library()

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@register.simple_tag
def media_embed(url: str) -> str:
    """The player address for a YouTube or Vimeo link (privacy-enhanced), or "" to show a link only.
    Computed from the address alone: nothing is fetched."""
    parts = urlsplit(url or "")
    host = parts.hostname or ""
    video_id = ""
    if host in ("youtube.com", "www.youtube.com"):
        video_id = parse_qs(parts.query).get("v", [""])[0]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    return ""


@register.filter
def clean_html(html: str) -> str:
    """User HTML (a story) as it may be shown: cleaned by nh3 on the way out as well, so a body
    that reached the database another way (the admin, an import, an older version) is safe too."""
    return mark_safe(sanitise_html(html))  # noqa: S308 - nh3 just removed everything not allowed
