"""Who takes part in a round: members of the partners, and guests (outside peers and
ervaringsdeskundigen) with their personal link and their consent."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.workflow import lock, require, require_state

from ..guests import Guest, link_is_valid, new_token
from ..models import (
    Participant,
    SchouwRound,
)
from ._common import (
    MANAGE_REFUSAL,
    ROUND_LOCK,
    Status,
    _accepted_partner,
    _audit,
    _not_in_step,
    _save,
    _text,
)

GUEST_LINK_DAYS_AFTER_ROUND = 14

CONSENT_TEXT = gettext_lazy(
    "Ik doe mee aan deze schouw. De reisgids bewaart mijn naam, mijn e-mailadres en wat ik invul "
    "(waarnemingen, foto's en waarderingen) voor deze ene schouwronde. De partners van de deal en de "
    "andere deelnemers zien wat ik invul; in het openbare deel van het rapport staat mijn naam niet. "
    "Ik kan mijn toestemming intrekken door de organisator te vragen mijn link in te trekken."
)


def participant_of(actor, schouw_round: SchouwRound) -> Participant | None:
    """The actor's participant record in this round, if any."""
    if isinstance(actor, Guest):
        return actor.participant if actor.participant.round_id == schouw_round.pk else None
    if actor is None or not actor.is_authenticated:
        return None
    return next((p for p in schouw_round.participants.all() if p.user_id == actor.pk), None)


def guest_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("schouw:guest-enter", kwargs={"token": token})


@transaction.atomic
def participant_add_member(*, actor, schouw_round: SchouwRound, user, partner) -> Participant:
    """A member of one of the deal's partners takes part on behalf of that partner."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
        schouw_round,
        [Status.VOORBEREIDING, Status.OPEN_SCHOUW, Status.MEETLAT, Status.WAARDEREND],
        _not_in_step(schouw_round),
    )
    partner = _accepted_partner(schouw_round, partner)
    if user is None or not user.has_perm("deals.act_for_partner", partner):
        raise ApplicationError(
            _("Deze persoon is geen lid van %(org)s.") % {"org": partner.organisation}
        )
    if participant_of(user, schouw_round) is not None:
        raise Conflict(_("Deze persoon doet al mee."))
    participant = _save(
        Participant(
            round=schouw_round,
            kind=Participant.Kind.PARTNER,
            user=user,
            partner=partner,
            name=user.name or user.email,
            invited_by=actor,
        )
    )
    _audit(actor, "participant_add_member", participant, {"round": schouw_round.pk})
    return participant


def _guest_expiry(schouw_round: SchouwRound) -> datetime.datetime:
    last_day = schouw_round.ends_on + datetime.timedelta(days=GUEST_LINK_DAYS_AFTER_ROUND)
    expires = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))
    return max(expires, timezone.now() + datetime.timedelta(days=7))


def _send_guest_link(participant: Participant, token: str) -> None:
    schouw_round = participant.round
    body = _(
        "Beste %(name)s,\n\nU bent uitgenodigd voor de schouw ‘%(round)s’ van de deal ‘%(deal)s’, van "
        "%(start)s tot en met %(end)s. U heeft geen account nodig. Met deze persoonlijke link doet u mee:\n\n"
        "%(link)s\n\nDe link is alleen voor u, werkt alleen voor deze schouw en is geldig tot %(expires)s."
    ) % {
        "name": participant.name,
        "round": schouw_round.title,
        "deal": schouw_round.deal.title,
        "start": schouw_round.starts_on.strftime("%d-%m-%Y"),
        "end": schouw_round.ends_on.strftime("%d-%m-%Y"),
        "link": guest_link(token),
        "expires": timezone.localtime(participant.token_expires_at).strftime("%d-%m-%Y"),
    }
    message = (
        _("Uitnodiging voor de schouw"),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [participant.email],
    )
    transaction.on_commit(lambda: send_mass_mail([message], fail_silently=True))


@transaction.atomic
def participant_invite_guest(
    *, actor, schouw_round: SchouwRound, kind: str, name: str, email: str, organisation=None
) -> tuple[Participant, str]:
    """Invite an outside peer (from the atlas or by e-mail) or an ervaringsdeskundige by e-mail.

    Returns the participant and the token of the personal link; only the token's hash is stored."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
        schouw_round,
        [Status.VOORBEREIDING, Status.OPEN_SCHOUW, Status.MEETLAT, Status.WAARDEREND],
        _not_in_step(schouw_round),
    )
    if kind not in Participant.GUEST_KINDS:
        raise ApplicationError(_("Nodig een peer van buiten of een ervaringsdeskundige uit."))
    email = _text(email).lower()
    if schouw_round.participants.filter(email=email).exists():
        raise Conflict(_("Dit e-mailadres is al uitgenodigd voor deze schouw."))
    if organisation is not None and any(
        p.organisation_id == organisation.pk for p in schouw_round.deal.partners.all()
    ):
        raise ApplicationError(_("Een peer komt van buiten de deal; deze organisatie is partner."))
    token, hashed = new_token()
    participant = Participant(
        round=schouw_round,
        kind=kind,
        name=_text(name) or (organisation.name if organisation else ""),
        email=email,
        organisation=organisation,
        token_hash=hashed,
        token_expires_at=_guest_expiry(schouw_round),
        invited_by=actor,
    )
    try:
        _save(participant)
    except ValidationError as exc:
        if "email" in getattr(exc, "error_dict", {}):
            raise ApplicationError(_("Vul een geldig e-mailadres in.")) from exc
        raise
    _send_guest_link(participant, token)
    _audit(actor, "participant_invite_guest", participant, {"round": schouw_round.pk, "kind": kind})
    return participant, token


@transaction.atomic
def participant_link_renew(*, actor, participant: Participant) -> tuple[Participant, str]:
    """A new personal link for a guest (the old one stops working)."""
    participant = lock(participant, select_related=("round",))
    schouw_round = lock(participant.round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
        schouw_round,
        [s for s in SchouwRound.ORDER if s != Status.AFGEROND],
        _not_in_step(schouw_round),
    )
    if not participant.is_guest:
        raise ApplicationError(_("Alleen gasten hebben een persoonlijke link."))
    token, participant.token_hash = new_token()
    participant.token_expires_at = _guest_expiry(schouw_round)
    participant.revoked_at = None
    participant.round = schouw_round
    _save(participant)
    _send_guest_link(participant, token)
    _audit(actor, "participant_link_renew", participant, {"link": "vernieuwd"})
    return participant, token


@transaction.atomic
def participant_revoke(*, actor, participant: Participant) -> Participant:
    participant = lock(participant, select_related=("round",))
    require(actor, "schouw.manage_round", lock(participant.round, **ROUND_LOCK), MANAGE_REFUSAL)
    if not participant.is_guest:
        raise ApplicationError(_("Alleen de link van een gast kan worden ingetrokken."))
    if participant.revoked_at is not None:
        raise Conflict(_("Deze link is al ingetrokken."))
    participant.revoked_at = timezone.now()
    participant.save(update_fields=["revoked_at", "updated_at"])
    _audit(actor, "participant_revoke", participant)
    return participant


@transaction.atomic
def guest_consent_give(*, actor: Guest, agreed: bool) -> Participant:
    """The guest reads the short AVG text and agrees before taking part; the text and time are kept."""
    if not isinstance(actor, Guest):
        raise NotAllowed(_("Alleen een gast met een persoonlijke link geeft hier toestemming."))
    participant = lock(actor.participant, select_related=("round",))
    if not link_is_valid(participant):
        raise NotAllowed(_("Deze link werkt niet meer."))
    if not agreed:
        raise ApplicationError(
            _("Zonder toestemming kunt u niet meedoen. U kunt deze pagina gewoon sluiten.")
        )
    if participant.consent_at is None:
        participant.consent_at = timezone.now()
        participant.consent_text = str(CONSENT_TEXT)
        _save(participant)
        _audit(actor, "guest_consent_give", participant)
    actor.participant = participant
    return participant
