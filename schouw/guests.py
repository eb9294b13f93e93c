"""Guests of a schouw round: outside peers and ervaringsdeskundigen without an account.

A guest holds a personal link with a random token; only its SHA-256 hash is stored. The token
opens exactly one round, until it expires or is revoked. A guest is never a Django user: pages
keep the participant id in the session, the API takes the token in the ``X-Schouw-Token``
header. Services and permissions receive a :class:`Guest` as their actor.
"""

import hashlib
import secrets

import rules
from django.utils import timezone

from .models import SchouwRound

TOKEN_HEADER = "HTTP_X_SCHOUW_TOKEN"  # noqa: S105 - a header name, not a secret
SESSION_KEY = "schouw_guest"


def new_token() -> tuple[str, str]:
    """A fresh token and its hash. The token itself is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def link_is_valid(participant, now=None) -> bool:
    now = now or timezone.now()
    return (
        participant is not None
        and participant.is_guest
        and participant.revoked_at is None
        and participant.token_expires_at is not None
        and participant.token_expires_at > now
        and participant.round.status != SchouwRound.Status.AFGEROND
    )


class Guest:
    """The acting guest: looks like an anonymous user to every other app, and carries its participant."""

    is_authenticated = False
    is_anonymous = True
    is_active = False
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def __init__(self, participant):
        self.participant = participant

    def __str__(self):
        return self.participant.name

    @property
    def has_consented(self) -> bool:
        return self.participant.consent_at is not None

    def has_perm(self, perm, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)

    def get_all_permissions(self, obj=None):
        return set()
