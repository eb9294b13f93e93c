"""Writes of the schouw. Every write checks permission, runs atomically and is audited.

Transitions of a round are one service each and check the source step on a row-locked copy.
The actor is a user, or a :class:`schouw.guests.Guest` for outside peers and
ervaringsdeskundigen who entered through their personal link.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deals import services as deal_services
from deals.residence import selectors as residence_selectors
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record, snapshot_fields

from . import selectors
from .guests import Guest, link_is_valid, new_token
from .models import (
    Advice,
    Appraisal,
    Audience,
    CommitmentCheck,
    Criterion,
    Lesson,
    Observation,
    Participant,
    PublicationConsent,
    SchouwReminder,
    SchouwRound,
)

Status = SchouwRound.Status
EVALUABLE_DEAL_STATUSES = ("gesloten", "lopend", "gepauzeerd", "afgerond")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
GUEST_LINK_DAYS_AFTER_ROUND = 14
CONSENT_TEXT = gettext_lazy(
    "Ik doe mee aan deze schouw. De reisgids bewaart mijn naam, mijn e-mailadres en wat ik invul "
    "(waarnemingen, foto's en waarderingen) voor deze ene schouwronde. De partners van de deal en de "
    "andere deelnemers zien wat ik invul; in het openbare deel van het rapport staat mijn naam niet. "
    "Ik kan mijn toestemming intrekken door de organisator te vragen mijn link in te trekken."
)

MANAGE_REFUSAL = gettext_lazy(
    "Alleen de partners van de deal en de partner in residence kunnen deze schouw organiseren."
)
TAKE_PART_REFUSAL = gettext_lazy("Alleen deelnemers aan deze schouwronde kunnen dit doen.")


# --- Helpers --------------------------------------------------------------------------------------


def _audit(actor, action: str, target, changes: dict | None = None, **kwargs):
    changes = dict(changes or {})
    if isinstance(actor, Guest):
        changes["gast"] = actor.participant.pk
        return audit_record(actor=None, action=action, target=target, changes=changes, **kwargs)
    return audit_record(actor=actor, action=action, target=target, changes=changes, **kwargs)


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _require(actor, perm: str, obj, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(message)


def _require_status(schouw_round: SchouwRound, allowed, message: str | None = None) -> None:
    if schouw_round.status not in allowed:
        raise Conflict(
            message
            or _("Dit kan niet in de stap ‘%(step)s’ van de schouw.")
            % {"step": schouw_round.get_status_display()}
        )


def _lock(schouw_round: SchouwRound) -> SchouwRound:
    """The round, re-read under a row lock, with what the permission rules read."""
    return (
        SchouwRound.objects.select_for_update(of=("self",))
        .select_related("deal")
        .prefetch_related("deal__partners", "participants")
        .get(pk=schouw_round.pk)
    )


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _text(value) -> str:
    return (value or "").strip()


def _accepted_partner(schouw_round: SchouwRound, partner):
    if partner is None:
        raise ApplicationError(_("Kies een partij van de deal."))
    for candidate in schouw_round.deal.partners.all():
        if candidate.pk == partner.pk and candidate.status == "geaccepteerd":
            return candidate
    raise ApplicationError(_("Deze organisatie is geen partner van de deal."))


def participant_of(actor, schouw_round: SchouwRound) -> Participant | None:
    """The actor's participant record in this round, if any."""
    if isinstance(actor, Guest):
        return actor.participant if actor.participant.round_id == schouw_round.pk else None
    if actor is None or not actor.is_authenticated:
        return None
    return next((p for p in schouw_round.participants.all() if p.user_id == actor.pk), None)


def _take_part(actor, schouw_round: SchouwRound) -> Participant:
    _require(actor, "schouw.take_part", schouw_round, TAKE_PART_REFUSAL)
    participant = participant_of(actor, schouw_round)
    if participant is None:  # pragma: no cover - take_part implies a participant record
        raise NotAllowed(TAKE_PART_REFUSAL)
    return participant


def _timeline(schouw_round: SchouwRound, actor, text: str) -> None:
    deal_services.timeline_add(
        deal=schouw_round.deal, kind="anders", text=text, actor=_user(actor), public=False
    )


def guest_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("schouw:guest-enter", kwargs={"token": token})


# --- Voorbereiding ------------------------------------------------------------------------------


@transaction.atomic
def schouw_round_create(
    *,
    actor,
    deal,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    setting: str = SchouwRound.Setting.ZAKELIJK,
    location: str = "",
) -> SchouwRound:
    """Start preparing a round for a deal. The organiser takes part on behalf of their own partner."""
    _require(actor, "schouw.organise_round", deal, MANAGE_REFUSAL)
    if deal.status not in EVALUABLE_DEAL_STATUSES:
        raise Conflict(_("Een schouw kan pas als de deal gesloten is."))
    if deal.schouw_rounds.exclude(status=Status.AFGEROND).exists():
        raise Conflict(_("Deze deal heeft al een schouwronde die nog niet is afgerond."))
    schouw_round = SchouwRound(
        deal=deal,
        title=_text(title),
        starts_on=starts_on,
        ends_on=ends_on,
        setting=setting,
        location=_text(location),
        organiser=actor,
    )
    if starts_on and ends_on and ends_on < starts_on:
        raise ApplicationError(_("De laatste dag ligt voor de eerste dag."))
    # One open round per deal was checked above. A round created for the same deal at this very
    # moment is refused by the database's unique index; full_clean's own read of that constraint
    # would race too, and fail with a technical message instead of this Conflict.
    schouw_round.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            schouw_round.save()
    except IntegrityError as exc:
        raise Conflict(_("Deze deal heeft al een schouwronde die nog niet is afgerond.")) from exc
    own = next(
        (
            p
            for p in deal.partners.all()
            if p.status == "geaccepteerd" and actor.has_perm("deals.act_for_partner", p)
        ),
        None,
    )
    if own is not None:
        Participant.objects.create(
            round=schouw_round,
            kind=Participant.Kind.PARTNER,
            user=actor,
            partner=own,
            name=actor.name or actor.email,
        )
    _timeline(
        schouw_round, actor, _("Schouwronde ‘%(t)s’ wordt voorbereid.") % {"t": schouw_round.title}
    )
    _audit(actor, "schouw_round_create", schouw_round, {"deal": deal.pk})
    return schouw_round


@transaction.atomic
def schouw_round_update(*, actor, schouw_round: SchouwRound, **fields) -> SchouwRound:
    """Dates, setting, location and title, while the round has not yet reached the bespreking."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round,
        [Status.VOORBEREIDING, Status.OPEN_SCHOUW, Status.MEETLAT, Status.WAARDEREND],
        _("De praktische afspraken liggen vast zodra de bespreking begint."),
    )
    allowed = {"title", "starts_on", "ends_on", "setting", "location"}
    unknown = set(fields) - allowed
    if unknown:
        raise ApplicationError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(schouw_round, name, _text(value) if isinstance(value, str) else value)
    if schouw_round.ends_on < schouw_round.starts_on:
        raise ApplicationError(_("De laatste dag ligt voor de eerste dag."))
    _save(schouw_round)
    _audit(actor, "schouw_round_update", schouw_round, {k: str(v) for k, v in fields.items()})
    return schouw_round


@transaction.atomic
def participant_add_member(*, actor, schouw_round: SchouwRound, user, partner) -> Participant:
    """A member of one of the deal's partners takes part on behalf of that partner."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.VOORBEREIDING, Status.OPEN_SCHOUW, Status.MEETLAT, Status.WAARDEREND]
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
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.VOORBEREIDING, Status.OPEN_SCHOUW, Status.MEETLAT, Status.WAARDEREND]
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


def _locked_participant(participant: Participant) -> Participant:
    return (
        Participant.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=participant.pk)
    )


@transaction.atomic
def participant_link_renew(*, actor, participant: Participant) -> tuple[Participant, str]:
    """A new personal link for a guest (the old one stops working)."""
    participant = _locked_participant(participant)
    schouw_round = _lock(participant.round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [s for s in SchouwRound.ORDER if s != Status.AFGEROND])
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
    participant = _locked_participant(participant)
    _require(actor, "schouw.manage_round", _lock(participant.round), MANAGE_REFUSAL)
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
    participant = _locked_participant(actor.participant)
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


# --- Transitions ------------------------------------------------------------------------------------


def _step(actor, schouw_round: SchouwRound, source: str, target: str, action: str) -> SchouwRound:
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round,
        [source],
        _("De schouw is in de stap ‘%(step)s’; deze overgang kan nu niet.")
        % {"step": schouw_round.get_status_display()},
    )
    schouw_round.status = target
    _save(schouw_round)
    _timeline(
        schouw_round,
        actor,
        _("Schouw ‘%(t)s’: %(step)s.")
        % {"t": schouw_round.title, "step": schouw_round.get_status_display()},
    )
    _audit(actor, action, schouw_round, {"from": source, "to": target})
    return schouw_round


def _parties(schouw_round: SchouwRound) -> list:
    return [p for p in schouw_round.deal.partners.all() if p.status == "geaccepteerd"]


@transaction.atomic
def schouw_round_open(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Voorbereiding → open schouw: needs participants from the partners and at least one from outside."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    participants = list(schouw_round.participants.all())
    if not any(p.kind == Participant.Kind.PARTNER for p in participants):
        raise ApplicationError(_("Voeg eerst minstens één deelnemer namens een partner toe."))
    if not any(p.is_guest and p.revoked_at is None for p in participants):
        raise ApplicationError(
            _(
                "Nodig minstens één peer van buiten of ervaringsdeskundige uit: zij kijken met een andere blik."
            )
        )
    return _step(actor, schouw_round, Status.VOORBEREIDING, Status.OPEN_SCHOUW, "schouw_round_open")


@transaction.atomic
def schouw_round_meetlat_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Open schouw → meetlat: the observations are in."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.OPEN_SCHOUW])
    if not schouw_round.observations.exists():
        raise ApplicationError(_("Er is nog geen waarneming vastgelegd."))
    return _step(
        actor, schouw_round, Status.OPEN_SCHOUW, Status.MEETLAT, "schouw_round_meetlat_start"
    )


@transaction.atomic
def schouw_round_appraisal_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Meetlat → waarderende schouw: every party has an agreed criterion and a commitment check."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.MEETLAT])
    agreed = set(
        schouw_round.criteria.filter(agreed_at__isnull=False).values_list("partner_id", flat=True)
    )
    checked = set(schouw_round.commitment_checks.values_list("partner_id", flat=True))
    missing_criteria = [str(p.organisation) for p in _parties(schouw_round) if p.pk not in agreed]
    if missing_criteria:
        raise ApplicationError(
            _("Nog geen vastgesteld criterium voor: %(p)s.")
            % {"p": ", ".join(sorted(missing_criteria))}
        )
    missing_checks = [str(p.organisation) for p in _parties(schouw_round) if p.pk not in checked]
    if missing_checks:
        raise ApplicationError(
            _("De toezeggingen zijn nog niet getoetst voor: %(p)s.")
            % {"p": ", ".join(sorted(missing_checks))}
        )
    return _step(
        actor, schouw_round, Status.MEETLAT, Status.WAARDEREND, "schouw_round_appraisal_start"
    )


@transaction.atomic
def schouw_round_discussion_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Waarderende schouw → bespreking: everyone now sees all appraisals."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.WAARDEREND])
    if not schouw_round.participants.filter(appraisals_submitted_at__isnull=False).exists():
        raise ApplicationError(_("Nog niemand heeft zijn waarderingen ingediend."))
    schouw_round.appraisals_revealed = True
    return _step(
        actor, schouw_round, Status.WAARDEREND, Status.BESPREKING, "schouw_round_discussion_start"
    )


@transaction.atomic
def schouw_round_report_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Bespreking → rapportage: the four questions are answered."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.BESPREKING])
    if not all(
        _text(getattr(schouw_round, f))
        for f in ("went_well", "to_learn", "wider_interest", "next_steps")
    ):
        raise ApplicationError(
            _("Leg eerst de antwoorden op de vier vragen van de bespreking vast.")
        )
    return _step(
        actor, schouw_round, Status.BESPREKING, Status.RAPPORTAGE, "schouw_round_report_start"
    )


@transaction.atomic
def schouw_round_finish(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Rapportage → afgerond: the report is shared with the partners; lessons for a wide audience
    are proposed to the kennisbank. Guest links stop working."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.RAPPORTAGE])
    if not _text(schouw_round.report_summary):
        raise ApplicationError(_("Schrijf eerst de samenvatting van het rapport."))
    schouw_round.finished_at = timezone.now()
    _step(actor, schouw_round, Status.RAPPORTAGE, Status.AFGEROND, "schouw_round_finish")
    for lesson in schouw_round.lessons.filter(for_wide_audience=True):
        _lesson_to_kennisbank(actor, lesson)
    return schouw_round


# --- Step 1: open schouw ---------------------------------------------------------------------------


def _check_photo(photo) -> None:
    if not photo:
        return
    if photo.size > PHOTO_MAX_BYTES:
        raise ApplicationError(_("De foto is te groot. Het maximum is 5 MB."))
    from PIL import Image, UnidentifiedImageError

    try:
        position = photo.tell()
        with Image.open(photo) as image:
            image.verify()
            fmt = image.format
        photo.seek(position)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ApplicationError(
            _("Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-bestand.")
        ) from exc
    if fmt not in {"JPEG", "PNG", "WEBP"}:
        raise ApplicationError(_("Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-bestand."))


def _without_metadata(photo):
    """The photo as it is seen, without what a camera writes along: EXIF (GPS position, time,
    device) and text chunks. Pillow writes none of that unless asked; the orientation is applied
    to the pixels first, so the photo stays upright. Stored under a random name."""
    import io
    import uuid

    from django.core.files.base import ContentFile
    from PIL import Image, ImageOps

    from atlas.images import EXTENSIONS

    photo.seek(0)
    with Image.open(photo) as original:
        fmt = original.format
        image = ImageOps.exif_transpose(original)
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, **({"quality": 90} if fmt in {"JPEG", "WEBP"} else {}))
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[fmt]}")


@transaction.atomic
def observation_create(
    *,
    actor,
    schouw_round: SchouwRound,
    text: str,
    tone: str,
    photo=None,
    latitude=None,
    longitude=None,
) -> Observation:
    schouw_round = _lock(schouw_round)
    participant = _take_part(actor, schouw_round)
    _require_status(
        schouw_round, [Status.OPEN_SCHOUW], _("Waarnemingen legt u vast tijdens de open schouw.")
    )
    if (latitude is None) != (longitude is None):
        raise ApplicationError(_("Een punt op de kaart heeft een breedte- en een lengtegraad."))
    _check_photo(photo)
    observation = Observation(
        round=schouw_round,
        participant=participant,
        text=_text(text),
        tone=tone,
        latitude=latitude,
        longitude=longitude,
    )
    if photo:
        observation.photo = _without_metadata(photo)
    _save(observation)
    _audit(actor, "observation_create", observation, {"round": schouw_round.pk})
    return observation


# --- Step 2: meetlat ---------------------------------------------------------------------------------


@transaction.atomic
def criterion_propose(
    *,
    actor,
    schouw_round: SchouwRound,
    partner,
    name: str,
    description: str = "",
    commitment: str = "",
) -> Criterion:
    schouw_round = _lock(schouw_round)
    if not (
        actor.has_perm("schouw.manage_round", schouw_round)
        or actor.has_perm("schouw.take_part", schouw_round)
    ):
        raise NotAllowed(TAKE_PART_REFUSAL)
    _require_status(
        schouw_round, [Status.MEETLAT], _("Criteria stelt u samen op in de stap meetlat.")
    )
    partner = _accepted_partner(schouw_round, partner)
    name = _text(name)
    if schouw_round.criteria.filter(partner=partner, name__iexact=name).exists():
        raise Conflict(_("Dit criterium staat al op de meetlat van deze partij."))
    criterion = _save(
        Criterion(
            round=schouw_round,
            partner=partner,
            name=name,
            description=_text(description),
            commitment=_text(commitment),
            proposed_by=_user(actor),
        )
    )
    _audit(actor, "criterion_propose", criterion, {"round": schouw_round.pk})
    return criterion


@transaction.atomic
def criterion_agree(*, actor, criterion: Criterion) -> Criterion:
    """The party itself agrees that this criterion fits it."""
    criterion = (
        Criterion.objects.select_for_update(of=("self",))
        .select_related("partner__organisation")
        .get(pk=criterion.pk)
    )
    schouw_round = _lock(criterion.round)
    _require(
        actor,
        "schouw.agree_criterion",
        criterion,
        _("Alleen de partij zelf stelt haar criteria vast."),
    )
    _require_status(
        schouw_round, [Status.MEETLAT], _("Criteria stelt u samen op in de stap meetlat.")
    )
    if criterion.agreed_at is not None:
        raise Conflict(_("Dit criterium is al vastgesteld."))
    criterion.agreed_at = timezone.now()
    criterion.agreed_by = actor
    _save(criterion)
    _audit(actor, "criterion_agree", criterion)
    return criterion


@transaction.atomic
def criterion_withdraw(*, actor, criterion: Criterion) -> Criterion:
    """The criterion leaves the meetlat; it is archived, not deleted, so the trail keeps it."""
    schouw_round = _lock(criterion.round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.MEETLAT], _("Criteria stelt u samen op in de stap meetlat.")
    )
    criterion = Criterion.all_objects.select_for_update().get(pk=criterion.pk)
    if criterion.is_archived:
        raise Conflict(_("Dit criterium is al ingetrokken."))
    before = snapshot_fields(criterion, ["archived_at"])
    criterion.archive()
    _audit(actor, "criterion_withdraw", criterion, before=before)
    return criterion


@transaction.atomic
def commitment_check_record(
    *, actor, schouw_round: SchouwRound, partner, verdict: str, explanation: str
) -> CommitmentCheck:
    """Did the party deliver the inbreng and role it committed to? Ja, deels or nee, always explained."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.MEETLAT], _("De toezeggingen toetst u in de stap meetlat.")
    )
    partner = _accepted_partner(schouw_round, partner)
    if not _text(explanation):
        raise ApplicationError(_("Licht toe waarom: tellen én vertellen."))
    check = CommitmentCheck.objects.filter(
        round=schouw_round, partner=partner
    ).first() or CommitmentCheck(round=schouw_round, partner=partner)
    check.verdict = verdict
    check.explanation = _text(explanation)
    check.recorded_by = _user(actor)
    _save(check)
    _audit(actor, "commitment_check_record", check, {"verdict": verdict})
    return check


# --- Step 3: waarderende schouw ------------------------------------------------------------------


@transaction.atomic
def appraisal_record(*, actor, criterion: Criterion, level: int, explanation: str) -> Appraisal:
    schouw_round = _lock(criterion.round)
    participant = _take_part(actor, schouw_round)
    _require_status(
        schouw_round, [Status.WAARDEREND], _("Waarderen doet u in de stap waarderende schouw.")
    )
    if criterion.round_id != schouw_round.pk or criterion.agreed_at is None:
        raise ApplicationError(_("Dit criterium is niet samen vastgesteld."))
    if participant.appraisals_submitted_at is not None:
        raise Conflict(_("U heeft uw waarderingen al ingediend."))
    if not _text(explanation):
        raise ApplicationError(
            _("Een waardering heeft altijd een toelichting: tellen én vertellen.")
        )
    try:
        level = int(level)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(_("Kies een van de vier niveaus.")) from exc
    if level not in Appraisal.Level.values:
        raise ApplicationError(_("Kies een van de vier niveaus."))
    appraisal = Appraisal.objects.filter(
        participant=participant, criterion=criterion
    ).first() or Appraisal(participant=participant, criterion=criterion)
    appraisal.level = level
    appraisal.explanation = _text(explanation)
    _save(appraisal)
    _audit(actor, "appraisal_record", appraisal, {"level": level})
    return appraisal


@transaction.atomic
def appraisals_submit(*, actor, schouw_round: SchouwRound) -> Participant:
    """The participant is done; from now on they see the others' appraisals."""
    schouw_round = _lock(schouw_round)
    participant = _take_part(actor, schouw_round)
    _require_status(
        schouw_round, [Status.WAARDEREND], _("Waarderen doet u in de stap waarderende schouw.")
    )
    participant = _locked_participant(participant)
    if participant.appraisals_submitted_at is not None:
        raise Conflict(_("U heeft uw waarderingen al ingediend."))
    if not participant.appraisals.exists():
        raise ApplicationError(_("Geef eerst minstens één waardering."))
    participant.appraisals_submitted_at = timezone.now()
    _save(participant)
    if isinstance(actor, Guest):
        actor.participant = participant
    _audit(actor, "appraisals_submit", participant)
    return participant


@transaction.atomic
def appraisals_reveal(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.WAARDEREND])
    if schouw_round.appraisals_revealed:
        raise Conflict(_("De waarderingen zijn al voor iedereen zichtbaar."))
    schouw_round.appraisals_revealed = True
    _save(schouw_round)
    _audit(actor, "appraisals_reveal", schouw_round)
    return schouw_round


# --- Step 4: bespreking ----------------------------------------------------------------------------


@transaction.atomic
def discussion_record(
    *,
    actor,
    schouw_round: SchouwRound,
    went_well: str,
    to_learn: str,
    wider_interest: str,
    next_steps: str,
) -> SchouwRound:
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.BESPREKING], _("De vier vragen bespreekt u in de stap bespreking.")
    )
    schouw_round.went_well = _text(went_well)
    schouw_round.to_learn = _text(to_learn)
    schouw_round.wider_interest = _text(wider_interest)
    schouw_round.next_steps = _text(next_steps)
    _save(schouw_round)
    _audit(actor, "discussion_record", schouw_round)
    return schouw_round


@transaction.atomic
def advice_record(*, actor, schouw_round: SchouwRound, partner, text: str) -> Advice:
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(schouw_round, [Status.BESPREKING], _("Adviezen geeft u in de stap bespreking."))
    partner = _accepted_partner(schouw_round, partner)
    if not _text(text):
        raise ApplicationError(_("Schrijf het advies op."))
    advice = Advice.objects.filter(round=schouw_round, partner=partner).first() or Advice(
        round=schouw_round, partner=partner
    )
    advice.text = _text(text)
    _save(advice)
    _audit(actor, "advice_record", advice)
    return advice


@transaction.atomic
def schouw_agreements_apply(
    *, actor, schouw_round: SchouwRound, agreements: list[dict], change_note: str
) -> SchouwRound:
    """Revised or new agreements from the bespreking become a new plan version of the deal,
    through the deals services (which check the deal's own rules and the partners' rights)."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.BESPREKING], _("Nieuwe afspraken maakt u in de stap bespreking.")
    )
    agreements = [a for a in agreements or [] if _text(a.get("description"))]
    if not agreements:
        raise ApplicationError(_("Schrijf minstens één nieuwe of herziene afspraak op."))
    note = _text(change_note)
    if not note:
        raise ApplicationError(_("Leg uit wat er verandert: de partners ondertekenen opnieuw."))
    for agreement in agreements:
        deal_services.agreement_create(
            actor=actor,
            deal=schouw_round.deal,
            kind=agreement.get("kind") or "anders",
            description=agreement["description"],
        )
    version = deal_services.plan_version_create(
        actor=actor,
        deal=schouw_round.deal,
        change_note=_("Uit de schouw ‘%(t)s’: %(n)s") % {"t": schouw_round.title, "n": note},
    )
    schouw_round.plan_version_number = version.number
    _save(schouw_round)
    _audit(actor, "schouw_agreements_apply", schouw_round, {"version": version.number})
    return schouw_round


@transaction.atomic
def schouw_follow_up_start(
    *, actor, schouw_round: SchouwRound, title: str, summary: str = ""
) -> SchouwRound:
    """The deal ends; the bespreking thought about a follow-up. Finishes the deal with a follow-up
    deal through the deals service, which decides whether the actor may."""
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.BESPREKING], _("Over een vervolg besluit u in de stap bespreking.")
    )
    if not _text(title):
        raise ApplicationError(_("Geef het vervolg een titel."))
    deal_services.deal_finish(
        actor=actor,
        deal=schouw_round.deal,
        note=_("Afgerond na de schouw ‘%(t)s’.") % {"t": schouw_round.title},
        follow_up_title=_text(title),
        follow_up_summary=_text(summary),
    )
    _audit(actor, "schouw_follow_up_start", schouw_round, {"title": _text(title)})
    return schouw_round


# --- Step 5: rapportage -----------------------------------------------------------------------------


@transaction.atomic
def lesson_create(
    *,
    actor,
    schouw_round: SchouwRound,
    kind: str,
    title: str,
    body: str,
    audiences: list[str] | None = None,
    for_wide_audience: bool = False,
) -> Lesson:
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round,
        [Status.BESPREKING, Status.RAPPORTAGE],
        _("Lessen schrijft u in de bespreking of rapportage."),
    )
    audiences = list(dict.fromkeys(audiences or []))
    unknown = [a for a in audiences if a not in Audience.values]
    if unknown:
        raise ApplicationError(_("Onbekende doelgroep: %(a)s.") % {"a": ", ".join(unknown)})
    if for_wide_audience and not audiences:
        raise ApplicationError(_("Zeg voor wie de les interessant is."))
    lesson = _save(
        Lesson(
            round=schouw_round,
            kind=kind,
            title=_text(title),
            body=_text(body),
            audiences=audiences,
            for_wide_audience=bool(for_wide_audience),
            written_by=_user(actor),
        )
    )
    _audit(actor, "lesson_create", lesson)
    return lesson


@transaction.atomic
def report_write(*, actor, schouw_round: SchouwRound, summary: str) -> SchouwRound:
    schouw_round = _lock(schouw_round)
    _require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    _require_status(
        schouw_round, [Status.RAPPORTAGE], _("Het rapport schrijft u in de stap rapportage.")
    )
    if not _text(summary):
        raise ApplicationError(_("Schrijf de samenvatting van het rapport."))
    schouw_round.report_summary = _text(summary)
    _save(schouw_round)
    _audit(actor, "report_write", schouw_round)
    return schouw_round


def _lesson_to_kennisbank(actor, lesson: Lesson) -> Lesson:
    """Propose a lesson to the kennisbank of the atlas, linked back to the round.

    The boundary with the atlas: ``atlas.services.lesson_propose`` receives the lesson with source
    type ``schouw``. When the kennisbank is not there or refuses (it checks its own rules), the
    lesson waits in the queue (``wachtrij``) and :func:`lessons_kennisbank_deliver` tries again;
    finishing the round never depends on it."""
    from atlas import services as atlas_services

    lesson_propose = getattr(atlas_services, "lesson_propose", None)
    proposer = _user(actor) or lesson.written_by
    if lesson_propose is not None and proposer is not None:
        try:
            with transaction.atomic():
                lesson_propose(
                    actor=proposer,
                    title=lesson.title,
                    summary=lesson.body,
                    context=_("Uit de schouw ‘%(t)s’ van de deal ‘%(d)s’.")
                    % {"t": lesson.round.title, "d": lesson.round.deal},
                    kind=lesson.kind,
                    audiences=lesson.audiences,
                    source_type="schouw",
                    source_id=str(lesson.round_id),
                    source_url=settings.SITE_URL.rstrip("/")
                    + reverse("schouw:round-report", kwargs={"pk": lesson.round_id}),
                )
        except (ApplicationError, ValidationError):
            lesson_propose = None
    if lesson_propose is None or proposer is None:
        lesson.kennisbank = Lesson.Kennisbank.WACHTRIJ
        lesson.save(update_fields=["kennisbank", "updated_at"])
        return lesson
    lesson.kennisbank = Lesson.Kennisbank.VOORGESTELD
    lesson.proposed_at = timezone.now()
    lesson.save(update_fields=["kennisbank", "proposed_at", "updated_at"])
    audit_record(actor=proposer, action="lesson_propose_to_kennisbank", target=lesson)
    return lesson


def lessons_kennisbank_deliver() -> int:
    """Scheduled: propose queued lessons to the kennisbank again. Idempotent."""
    delivered = 0
    for lesson in selectors.lessons_waiting_for_kennisbank():
        with transaction.atomic():
            lesson = (
                Lesson.objects.select_for_update(of=("self",))
                .select_related("round__deal", "written_by")
                .get(pk=lesson.pk)
            )
            if lesson.kennisbank != Lesson.Kennisbank.WACHTRIJ:
                continue
            if _lesson_to_kennisbank(None, lesson).kennisbank == Lesson.Kennisbank.VOORGESTELD:
                delivered += 1
    return delivered


@transaction.atomic
def report_publication_agree(*, actor, schouw_round: SchouwRound, partner) -> PublicationConsent:
    """A partner agrees to publish the public part (summary and lessons). Published when all agree."""
    schouw_round = _lock(schouw_round)
    _require_status(schouw_round, [Status.AFGEROND], _("Het rapport is nog niet af."))
    partner = _accepted_partner(schouw_round, partner)
    _require(
        actor,
        "deals.act_for_partner",
        partner,
        _("Alleen een lid van %(org)s geeft akkoord namens deze partner.")
        % {"org": partner.organisation},
    )
    if schouw_round.publication_consents.filter(partner=partner).exists():
        raise Conflict(_("%(org)s heeft al akkoord gegeven.") % {"org": partner.organisation})
    consent = _save(PublicationConsent(round=schouw_round, partner=partner, agreed_by=actor))
    agreed = set(schouw_round.publication_consents.values_list("partner_id", flat=True))
    if all(p.pk in agreed for p in _parties(schouw_round)):
        schouw_round.published_at = timezone.now()
        _save(schouw_round)
        _timeline(
            schouw_round, actor, _("Het openbare deel van het schouwrapport is gepubliceerd.")
        )
        _audit(actor, "report_publish", schouw_round)
    _audit(actor, "report_publication_agree", consent)
    return consent


# --- Reminders (scheduled by beat) ------------------------------------------------------------------


def schouw_reminders_send(*, day: datetime.date | None = None) -> int:
    """Remind the partners of every deal whose next round is due by its schouw agreement.
    Idempotent: one reminder per deal per due date."""
    day = day or timezone.localdate()
    sent = 0
    for deal, due_on in selectors.deals_due_for_schouw(day=day):
        with transaction.atomic():
            reminder, created = SchouwReminder.objects.get_or_create(deal=deal, due_on=due_on)
            if not created:
                continue
            recipients = residence_selectors.deal_partner_member_emails(deal=deal)
            url = settings.SITE_URL.rstrip("/") + reverse(
                "schouw:deal-rounds", kwargs={"deal_pk": deal.pk}
            )
            body = _(
                "De volgende schouw van de deal ‘%(deal)s’ is volgens jullie procesafspraken aan de beurt "
                "(vanaf %(due)s). Bereid een schouwronde voor: %(url)s"
            ) % {"deal": deal.title, "due": due_on.strftime("%d-%m-%Y"), "url": url}
            messages = [
                (
                    _("Tijd voor de schouw: %(deal)s") % {"deal": deal.title},
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [e],
                )
                for e in recipients
            ]
            reminder.recipients = len(messages)
            reminder.save(update_fields=["recipients"])
            transaction.on_commit(lambda m=messages: send_mass_mail(m, fail_silently=True))
            audit_record(
                actor=None,
                action="schouw_reminder_send",
                target=reminder,
                changes={"due": str(due_on)},
            )
            sent += 1
    return sent
