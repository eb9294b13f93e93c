"""A round: preparing it, and the transitions from step to step (over ``schouw.workflow.ROUND``)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deals.models import Deal, DealPartner
from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import (
    Participant,
    SchouwRound,
)
from ..workflow import ROUND
from ._common import (
    MANAGE_REFUSAL,
    ROUND_LOCK,
    Status,
    _audit,
    _lesson_to_kennisbank,
    _not_in_step,
    _parties,
    _save,
    _text,
    _timeline,
)

EVALUABLE_DEAL_STATUSES = (
    Deal.Status.GESLOTEN,
    Deal.Status.LOPEND,
    Deal.Status.GEPAUZEERD,
    Deal.Status.AFGEROND,
)


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
    require(actor, "schouw.organise_round", deal, MANAGE_REFUSAL)
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
            if p.status == DealPartner.Status.GEACCEPTEERD
            and actor.has_perm("deals.act_for_partner", p)
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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


def _step(actor, schouw_round: SchouwRound, target: str, action: str) -> SchouwRound:
    """Move the locked round one step along ``ROUND``, on the deal's timeline and in the trail."""
    source = schouw_round.status
    transition(
        schouw_round,
        workflow=ROUND,
        to=target,
        actor=actor,
        action=action,
        changes={"from": source, "to": target},
        audit=_audit,
    )
    _timeline(
        schouw_round,
        actor,
        _("Schouw ‘%(t)s’: %(step)s.")
        % {"t": schouw_round.title, "step": schouw_round.get_status_display()},
    )
    return schouw_round


@transaction.atomic
def schouw_round_open(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Voorbereiding → open schouw: needs participants from the partners and at least one from outside."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    participants = list(schouw_round.participants.all())
    if not any(p.kind == Participant.Kind.PARTNER for p in participants):
        raise ApplicationError(_("Voeg eerst minstens één deelnemer namens een partner toe."))
    if not any(p.is_guest and p.revoked_at is None for p in participants):
        raise ApplicationError(
            _(
                "Nodig minstens één peer van buiten of ervaringsdeskundige uit: zij kijken met een andere blik."
            )
        )
    return _step(actor, schouw_round, Status.OPEN_SCHOUW, "schouw_round_open")


@transaction.atomic
def schouw_round_meetlat_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Open schouw → meetlat: the observations are in."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, ROUND.sources(Status.MEETLAT), _not_in_step(schouw_round))
    if not schouw_round.observations.exists():
        raise ApplicationError(_("Er is nog geen waarneming vastgelegd."))
    return _step(actor, schouw_round, Status.MEETLAT, "schouw_round_meetlat_start")


@transaction.atomic
def schouw_round_appraisal_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Meetlat → waarderende schouw: every party has an agreed criterion and a commitment check."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, ROUND.sources(Status.WAARDEREND), _not_in_step(schouw_round))
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
    return _step(actor, schouw_round, Status.WAARDEREND, "schouw_round_appraisal_start")


@transaction.atomic
def schouw_round_discussion_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Waarderende schouw → bespreking: everyone now sees all appraisals."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, ROUND.sources(Status.BESPREKING), _not_in_step(schouw_round))
    if not schouw_round.participants.filter(appraisals_submitted_at__isnull=False).exists():
        raise ApplicationError(_("Nog niemand heeft zijn waarderingen ingediend."))
    schouw_round.appraisals_revealed = True
    return _step(actor, schouw_round, Status.BESPREKING, "schouw_round_discussion_start")


@transaction.atomic
def schouw_round_report_start(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Bespreking → rapportage: the four questions are answered."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, ROUND.sources(Status.RAPPORTAGE), _not_in_step(schouw_round))
    if not all(
        _text(getattr(schouw_round, f))
        for f in ("went_well", "to_learn", "wider_interest", "next_steps")
    ):
        raise ApplicationError(
            _("Leg eerst de antwoorden op de vier vragen van de bespreking vast.")
        )
    return _step(actor, schouw_round, Status.RAPPORTAGE, "schouw_round_report_start")


@transaction.atomic
def schouw_round_finish(*, actor, schouw_round: SchouwRound) -> SchouwRound:
    """Rapportage → afgerond: the report is shared with the partners; lessons for a wide audience
    are proposed to the kennisbank. Guest links stop working."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, ROUND.sources(Status.AFGEROND), _not_in_step(schouw_round))
    if not _text(schouw_round.report_summary):
        raise ApplicationError(_("Schrijf eerst de samenvatting van het rapport."))
    schouw_round.finished_at = timezone.now()
    _step(actor, schouw_round, Status.AFGEROND, "schouw_round_finish")
    for lesson in schouw_round.lessons.filter(for_wide_audience=True):
        _lesson_to_kennisbank(actor, lesson)
    return schouw_round
