"""Personal data (AVG): what the platform holds about one person, as JSON, and erasure.

Core may not import the apps, so every app describes its own personal data in a module
``<app>/privacy.py`` that registers itself here; :class:`CoreConfig.ready` imports those modules
(Django's ``autodiscover_modules``, as the admin does).

- ``register_export(section, function)``: ``function(user)`` returns JSON-ready rows for that
  section of the download.
- ``register_erasure(function)``: ``function(user)`` removes or ends what is purely personal in
  that app, inside the erasure's transaction. Records of cooperation (signatures, contributions,
  logbook entries, audit events) stay; they point at the anonymised account.
"""

import datetime
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ApplicationError
from .models import AuditEvent, User
from .services import audit_record

ERASED_NAME = gettext_lazy("Verwijderde gebruiker")
ERASED_EMAIL_DOMAIN = "verwijderd.invalid"

_exports: dict[str, Callable[[User], list | dict]] = {}
_erasures: list[Callable[[User], None]] = []


def register_export(section: str, function: Callable[[User], list | dict]) -> None:
    _exports[section] = function


def register_erasure(function: Callable[[User], None]) -> None:
    if function not in _erasures:
        _erasures.append(function)


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def rows(queryset: QuerySet, *fields: str) -> list[dict]:
    """JSON-ready rows of ``queryset`` with ``fields`` (lookups like ``deal__title`` allowed)."""
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in queryset.order_by("pk").values(*fields)
    ]


def personal_data(*, user: User) -> dict:
    """Everything the platform holds about ``user`` that is theirs to take away (AVG art. 15 and 20)."""
    data = {
        "aangemaakt_op": timezone.now().isoformat(),
        "profiel": {
            "id": user.pk,
            "naam": user.name,
            "e-mailadres": user.email,
            "over_mij": user.bio,
            "voorkeurstaal": user.preferred_language,
            "rollen": sorted(user.groups.values_list("name", flat=True)),
            "account_sinds": _plain(user.date_joined),
            "laatst_ingelogd": _plain(user.last_login),
        },
    }
    for section in sorted(_exports):
        data[section] = _exports[section](user)
    return data


def erased_email(user: User) -> str:
    return f"verwijderd-{user.pk}@{ERASED_EMAIL_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_EMAIL_DOMAIN)


@transaction.atomic
def user_erase(*, actor: User, user: User, password: str) -> User:
    """Erasure (AVG art. 17) at the person's own request, confirmed with their password.

    The account stays, anonymised, so that deals, signatures and logbooks keep their shape:
    the name becomes "Verwijderde gebruiker", the e-mail address a placeholder, the password
    unusable; the account is inactive, its API tokens and roles are gone, open memberships end
    and what is purely personal (bio, follows, notifications, saved searches) is removed.
    """
    from rest_framework.authtoken.models import Token

    if actor is None or not actor.is_authenticated or actor.pk != user.pk:
        raise ApplicationError(_("U kunt alleen uw eigen gegevens laten verwijderen."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        raise ApplicationError(_("Dit account is al geanonimiseerd."))
    if not password or not user.check_password(password):
        raise ApplicationError(_("Het wachtwoord klopt niet. Uw gegevens zijn niet verwijderd."))
    old_email = user.email
    for erase in _erasures:
        erase(user)
    Token.objects.filter(user=user).delete()
    _forget_login_attempts(old_email)
    user.groups.clear()
    user.user_permissions.clear()
    user.name = str(ERASED_NAME)
    user.email = erased_email(user)
    user.bio = ""
    user.set_unusable_password()  # also ends every session: the session hash no longer matches
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.full_clean()
    user.save()
    # Earlier lines of the audit trail named the person; they keep the account id only.
    AuditEvent.objects.filter(actor=user).update(actor_label=str(ERASED_NAME))
    AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk)).update(
        target_label=str(ERASED_NAME)
    )
    audit_record(actor=user, action="user_erase", target=user)
    return user


def _forget_login_attempts(email: str) -> None:
    """django-axes keeps failed logins per e-mail address; they go with the person."""
    from axes.models import AccessAttempt, AccessLog

    AccessAttempt.objects.filter(username__iexact=email).delete()
    AccessLog.objects.filter(username__iexact=email).delete()
