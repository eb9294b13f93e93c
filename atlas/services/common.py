"""Helpers shared by the services of the network content."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError

TEXT_MAX = 20000


def unique_slug(model, title: str, *, fallback: str) -> str:
    base = slugify(title)[:200] or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def clean_text(
    value, *, required: bool = False, label: str = "", max_length: int = TEXT_MAX
) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ApplicationError(_("Vul %(label)s in.") % {"label": label})
    if len(text) > max_length:
        raise ApplicationError(_("%(label)s is te lang.") % {"label": label.capitalize()})
    return text


def validate(obj) -> None:
    """full_clean; field errors stay a ValidationError (forms show them at the field), others a refusal."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        raise ApplicationError(" ".join(exc.messages)) from exc
