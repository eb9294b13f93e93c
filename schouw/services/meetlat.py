"""Step 2, meetlat: criteria per party, agreed by that party, and the check on its commitments."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import snapshot_fields
from reisgids.core.workflow import lock, require, require_state

from ..models import (
    CommitmentCheck,
    Criterion,
    SchouwRound,
)
from ._common import (
    MANAGE_REFUSAL,
    ROUND_LOCK,
    TAKE_PART_REFUSAL,
    Status,
    _accepted_partner,
    _audit,
    _save,
    _text,
    _user,
)


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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    if not (
        actor.has_perm("schouw.manage_round", schouw_round)
        or actor.has_perm("schouw.take_part", schouw_round)
    ):
        raise NotAllowed(TAKE_PART_REFUSAL)
    require_state(
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
    criterion = lock(criterion, select_related=("partner__organisation",))
    schouw_round = lock(criterion.round, **ROUND_LOCK)
    require(
        actor,
        "schouw.agree_criterion",
        criterion,
        _("Alleen de partij zelf stelt haar criteria vast."),
    )
    require_state(
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
    schouw_round = lock(criterion.round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, [Status.MEETLAT], _("De toezeggingen toetst u in de stap meetlat."))
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
