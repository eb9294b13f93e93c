"""Themes where deals are welcome, and the deal template ("opzet deals")."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require

from ..models import DealTemplateElement, DealTheme, DealThemeComment


@transaction.atomic
def deal_theme_set(
    *,
    actor,
    theme,
    priority: int,
    period_start: datetime.date,
    period_end: datetime.date | None = None,
    description: str = "",
    akkoord: str = "",
    akkoord_url: str = "",
    source: str = DealTheme.Source.NETWERKMANAGER,
) -> DealTheme:
    """Welcome deals on a theme, or change its priority and period. One active entry per theme."""
    if source == DealTheme.Source.KOMPAS:
        if not (
            actor.has_perm("deals.manage_themes")
            or actor.has_perm("deals.set_priorities_from_kompas")
        ):
            raise NotAllowed(_("Alleen het kompas of een netwerkmanager stelt prioriteiten vast."))
    else:
        require(
            actor,
            "deals.manage_themes",
            None,
            _("Alleen een netwerkmanager stelt thema's voor deals vast."),
        )
    deal_theme = DealTheme.objects.select_for_update().filter(
        theme=theme, is_active=True
    ).first() or DealTheme(theme=theme)
    before = {"priority": deal_theme.priority} if deal_theme.pk else {}
    deal_theme.priority = priority
    deal_theme.period_start = period_start
    deal_theme.period_end = period_end
    deal_theme.description = (description or "").strip()
    deal_theme.akkoord = (akkoord or "").strip()
    deal_theme.akkoord_url = akkoord_url or ""
    deal_theme.source = source
    deal_theme.set_by = actor
    if period_end and period_end < period_start:
        raise ApplicationError(_("De einddatum ligt voor de begindatum."))
    deal_theme.full_clean()
    deal_theme.save()
    audit_record(
        actor=actor,
        action="deal_theme_set",
        target=deal_theme,
        changes={"before": before, "priority": priority},
    )
    return deal_theme


@transaction.atomic
def deal_theme_priorities_set(
    *, actor, priorities: list[dict], source: str = DealTheme.Source.KOMPAS
) -> list:
    """Set several priorities at once; the kompas calls this when an edition is adopted.

    Each item holds ``theme``, ``priority``, ``period_start`` and optionally ``period_end``,
    ``description`` and ``akkoord``.
    """
    return [deal_theme_set(actor=actor, source=source, **item) for item in priorities]


@transaction.atomic
def deal_theme_end(*, actor, deal_theme: DealTheme) -> DealTheme:
    require(
        actor,
        "deals.manage_themes",
        None,
        _("Alleen een netwerkmanager stelt thema's voor deals vast."),
    )
    deal_theme = lock(deal_theme)
    deal_theme.is_active = False
    deal_theme.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="deal_theme_end", target=deal_theme)
    return deal_theme


@transaction.atomic
def deal_theme_comment_create(*, actor, deal_theme: DealTheme, body: str) -> DealThemeComment:
    require(actor, "deals.comment_theme", deal_theme, _("Log in om te reageren."))
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Schrijf eerst een reactie."))
    comment = DealThemeComment(deal_theme=deal_theme, author=actor, body=body)
    comment.full_clean()
    comment.save()
    audit_record(actor=actor, action="deal_theme_comment", target=comment)
    return comment


@transaction.atomic
def deal_template_element_save(
    *,
    actor,
    label: str,
    help_text: str = "",
    required: bool = True,
    is_active: bool = True,
    position: int = 0,
    element: DealTemplateElement | None = None,
) -> DealTemplateElement:
    """Add an element to the deal template, or change one."""
    require(
        actor,
        "deals.manage_template",
        None,
        _("Alleen een netwerkmanager past de opzet van deals aan."),
    )
    label = (label or "").strip()
    if not label:
        raise ApplicationError(_("Geef het onderdeel een naam."))
    if element is None:
        base = slugify(label)[:50] or "onderdeel"
        key, n = base, 2
        while DealTemplateElement.objects.filter(key=key).exists():
            key, n = f"{base}-{n}", n + 1
        element = DealTemplateElement(key=key)
    else:
        element = lock(element)
    element.label = label
    element.help_text = (help_text or "").strip()
    element.required = required
    element.is_active = is_active
    element.position = position
    element.full_clean()
    element.save()
    audit_record(
        actor=actor,
        action="deal_template_element_save",
        target=element,
        changes={"required": required, "is_active": is_active},
    )
    return element
