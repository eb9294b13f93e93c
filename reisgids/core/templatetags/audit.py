"""Template tags of the audit trail: the link to a record's trail and a readable change set."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from .. import selectors

register = template.Library()


@register.inclusion_tag("core/_audit_link.html", takes_context=True)
def audit_trail_link(context, obj):
    """A link to the trail of ``obj``, shown only to those who may read it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = (
        obj is not None and user is not None and selectors.may_view_audit(actor=user, target=obj)
    )
    url = ""
    if allowed:
        url = (
            reverse("core:audit-list")
            + "?"
            + urlencode({"type": obj._meta.label_lower, "id": obj.pk})
        )
    return {"allowed": allowed, "url": url, "obj": obj}


@register.filter
def audit_change_lines(changes) -> list[dict]:
    """field → [old, new] as old → new; anything else as a plain value."""
    lines = []
    for field, value in (changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            lines.append({"field": field, "old": value[0], "new": value[1], "pair": True})
        else:
            lines.append({"field": field, "value": value, "pair": False})
    return lines
