"""Private helpers the residence services share: settings, the deal's timeline, links, text."""

from django.conf import settings
from django.urls import reverse

from deals import services as deal_services

from ..models import Residency

TIMELINE_KIND = "anders"
# What the checks of a residency read once it is locked (``reisgids.core.workflow.lock``).
RESIDENCY_RELATED = (
    "deal",
    "person",
    "sending_partner__organisation",
    "host_partner__organisation",
)


def _setting(name: str, default):
    return settings.REISGIDS.get(name, default)


def _timeline(residency: Residency, actor, text: str) -> None:
    deal_services.timeline_add(
        deal=residency.deal, kind=TIMELINE_KIND, actor=actor, text=text, public=False
    )


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _clean_text(value) -> str:
    return (value or "").strip()
