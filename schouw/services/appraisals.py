"""Steps 1 and 3: the observations of the open schouw (with their photos) and the appraisals of
the waarderende schouw, submitted by each participant and revealed to all."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.workflow import lock, require, require_state

from ..guests import Guest
from ..models import (
    Appraisal,
    Criterion,
    Observation,
    Participant,
    SchouwRound,
)
from ._common import (
    MANAGE_REFUSAL,
    ROUND_LOCK,
    TAKE_PART_REFUSAL,
    Status,
    _audit,
    _not_in_step,
    _save,
    _text,
)
from .participants import participant_of

PHOTO_MAX_BYTES = 5 * 1024 * 1024


def _take_part(actor, schouw_round: SchouwRound) -> Participant:
    require(actor, "schouw.take_part", schouw_round, TAKE_PART_REFUSAL)
    participant = participant_of(actor, schouw_round)
    if participant is None:  # pragma: no cover - take_part implies a participant record
        raise NotAllowed(TAKE_PART_REFUSAL)
    return participant


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

    from reisgids.core.images import EXTENSIONS

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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    participant = _take_part(actor, schouw_round)
    require_state(
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


@transaction.atomic
def appraisal_record(*, actor, criterion: Criterion, level: int, explanation: str) -> Appraisal:
    schouw_round = lock(criterion.round, **ROUND_LOCK)
    participant = _take_part(actor, schouw_round)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    participant = _take_part(actor, schouw_round)
    require_state(
        schouw_round, [Status.WAARDEREND], _("Waarderen doet u in de stap waarderende schouw.")
    )
    participant = lock(participant, select_related=("round",))
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, [Status.WAARDEREND], _not_in_step(schouw_round))
    if schouw_round.appraisals_revealed:
        raise Conflict(_("De waarderingen zijn al voor iedereen zichtbaar."))
    schouw_round.appraisals_revealed = True
    _save(schouw_round)
    _audit(actor, "appraisals_reveal", schouw_round)
    return schouw_round
