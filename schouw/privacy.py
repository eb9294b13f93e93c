"""The schouw's personal data: a member's own part in rounds ("Mijn gegevens"), and the data of
guests without an account, which is anonymised once a round has been finished for
``REISGIDS["SCHOUW_GUEST_RETENTION_DAYS"]`` days (beat task ``schouw.tasks.guest_data_expire``).

What a guest contributed (observations, appraisals) is part of the round's report and stays;
what identifies the guest (name, e-mail address, consent, the link's hash) does not.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from reisgids.core.models import AuditEvent
from reisgids.core.privacy import (
    ERASED_EMAIL_DOMAIN,
    ERASED_NAME,
    register_erasure,
    register_export,
    rows,
)
from reisgids.core.services import audit_record

from .models import Appraisal, Lesson, Observation, Participant, SchouwRound

ERASED_GUEST_NAME = gettext_lazy("Verwijderde gast")


def _export(user):
    return {
        "deelnames": rows(
            Participant.objects.filter(user=user),
            "round__title",
            "kind",
            "name",
            "consent_at",
            "created_at",
        ),
        "waarnemingen": rows(
            Observation.objects.filter(participant__user=user),
            "round__title",
            "text",
            "tone",
            "created_at",
        ),
        "waarderingen": rows(
            Appraisal.objects.filter(participant__user=user),
            "criterion__name",
            "level",
            "explanation",
            "created_at",
        ),
        "lessen": rows(
            Lesson.objects.filter(written_by=user), "round__title", "title", "body", "created_at"
        ),
    }


def _erase(user):
    Participant.objects.filter(user=user).update(
        name=str(ERASED_NAME), email="", updated_at=timezone.now()
    )


def _guest_email(participant_pk: int) -> str:
    return f"gast-{participant_pk}@{ERASED_EMAIL_DOMAIN}"


def expired_guests(*, now: datetime.datetime | None = None):
    """Guests of rounds finished longer than the retention period ago, not yet anonymised."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REISGIDS["SCHOUW_GUEST_RETENTION_DAYS"])
    return Participant.objects.filter(
        kind__in=Participant.GUEST_KINDS,
        user__isnull=True,
        round__status=SchouwRound.Status.AFGEROND,
        round__finished_at__lte=cutoff,
    ).exclude(email__endswith="@" + ERASED_EMAIL_DOMAIN)


@transaction.atomic
def guest_data_expire(*, now: datetime.datetime | None = None) -> int:
    """Anonymise the guests of rounds past the retention period. Idempotent: anonymised guests
    are not matched again. Returns how many guests were anonymised in this run."""
    now = now or timezone.now()
    guests = list(
        expired_guests(now=now)
        .select_for_update(of=("self",), skip_locked=True)
        .select_related("round")
    )
    rounds = {}
    for participant in guests:
        participant.name = str(ERASED_GUEST_NAME)
        participant.email = _guest_email(participant.pk)
        # Nobody holds the token of this random hash: the link can never be opened again.
        participant.token_hash = secrets.token_hex(32)
        participant.token_expires_at = min(participant.token_expires_at or now, now)
        participant.revoked_at = participant.revoked_at or now
        participant.consent_at = None
        participant.consent_text = ""
        participant.full_clean()
        participant.save()
        rounds.setdefault(participant.round_id, [participant.round, 0])[1] += 1
    if guests:
        # The audit trail keeps what happened to each guest, but not their name.
        AuditEvent.objects.filter(
            target_type=Participant._meta.label_lower, target_id__in=[str(p.pk) for p in guests]
        ).update(target_label=str(ERASED_GUEST_NAME))
    for schouw_round, count in rounds.values():
        audit_record(
            actor=None, action="guest_data_expire", target=schouw_round, changes={"gasten": count}
        )
    return len(guests)


register_export("schouw", _export)
register_erasure(_erase)
