"""The provisional Right to Cooperate intake."""

from django.db import transaction
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Intake, IntakeCommitment, IntakeInvolvement, IntakeStep
from ..workflow import INTAKE

HANDLE_REFUSAL = _("Alleen een ambtenaar of netwerkmanager behandelt een intake.")
OPEN = (Intake.Status.INGEDIEND, Intake.Status.IN_BEHANDELING)


def _step(intake: Intake, text: str) -> None:
    IntakeStep.objects.create(intake=intake, text=str(text)[:300])


def _require_open(intake: Intake) -> None:
    require_state(intake, OPEN, INTAKE.refused(intake))


@transaction.atomic
def intake_submit(*, actor, kind: str, title: str, description: str, organisation=None) -> Intake:
    require(actor, "deals.submit_intake", None, _("Log in om een idee of verzoek in te dienen."))
    if organisation is not None:
        from atlas import selectors as atlas_selectors

        if not atlas_selectors.organisations_of(actor=actor).filter(pk=organisation.pk).exists():
            raise NotAllowed(_("U kunt alleen indienen namens een organisatie waarvan u lid bent."))
    intake = Intake(
        kind=kind,
        title=(title or "").strip(),
        description=(description or "").strip(),
        organisation=organisation,
        submitted_by=actor,
    )
    intake.full_clean()
    intake.save()
    _step(intake, _("Ingediend."))
    audit_record(actor=actor, action="intake_submit", target=intake)
    return intake


@transaction.atomic
def intake_triage(*, actor, intake: Intake, note: str) -> Intake:
    intake = lock(intake)
    require(actor, "deals.handle_intake", intake, HANDLE_REFUSAL)
    intake.handled_by = actor
    intake.triage_note = (note or "").strip()
    transition(
        intake,
        workflow=INTAKE,
        to=Intake.Status.IN_BEHANDELING,
        actor=actor,
        action="intake_triage",
        message=_("Deze intake is al in behandeling genomen."),
    )
    _step(intake, _("In behandeling genomen door %(who)s.") % {"who": actor})
    return intake


@transaction.atomic
def intake_involve(
    *, actor, intake: Intake, kind: str, name: str, contact: str = ""
) -> IntakeInvolvement:
    intake = lock(intake)
    require(actor, "deals.handle_intake", intake, HANDLE_REFUSAL)
    _require_open(intake)
    name = (name or "").strip()
    if intake.involvements.filter(kind=kind, name__iexact=name).exists():
        raise ApplicationError(_("%(name)s is al betrokken.") % {"name": name})
    involvement = IntakeInvolvement(
        intake=intake, kind=kind, name=name, contact=(contact or "").strip()
    )
    involvement.full_clean()
    involvement.save()
    _step(
        intake,
        _("%(kind)s %(name)s uitgenodigd om mee te denken.")
        % {"kind": involvement.get_kind_display(), "name": name},
    )
    audit_record(actor=actor, action="intake_involve", target=involvement)
    return involvement


@transaction.atomic
def intake_commitment_record(*, actor, intake: Intake, who: str, what: str) -> IntakeCommitment:
    """Record early what the municipality commits to, and who does."""
    intake = lock(intake)
    require(actor, "deals.handle_intake", intake, HANDLE_REFUSAL)
    _require_open(intake)
    commitment = IntakeCommitment(
        intake=intake, who=(who or "").strip(), what=(what or "").strip(), recorded_by=actor
    )
    commitment.full_clean()
    commitment.save()
    _step(intake, _("Toezegging vastgelegd van %(who)s.") % {"who": commitment.who})
    audit_record(actor=actor, action="intake_commitment_record", target=commitment)
    return commitment


@transaction.atomic
def intake_convert_to_deal(*, actor, intake: Intake):
    """Turn the intake into a deal, started on behalf of the initiative's organisation."""
    from .lifecycle import deal_create

    intake = lock(intake)
    require(actor, "deals.handle_intake", intake, HANDLE_REFUSAL)
    _require_open(intake)
    if intake.organisation is None:
        raise ApplicationError(
            _(
                "Het initiatief staat nog niet als organisatie in de atlas; "
                "zonder organisatie kan er geen deal starten."
            )
        )
    deal = deal_create(
        actor=intake.submitted_by,
        title=intake.title,
        summary=intake.description,
        aanjager_organisation=intake.organisation,
    )
    intake.deal = deal
    intake.handled_by = actor
    transition(
        intake,
        workflow=INTAKE,
        to=Intake.Status.OMGEZET,
        actor=actor,
        action="intake_convert_to_deal",
        changes={"deal": deal.pk},
    )
    _step(intake, _("Omgezet in een deal: %(deal)s.") % {"deal": deal})
    return deal


@transaction.atomic
def intake_refer(*, actor, intake: Intake, instrument: str, note: str = "") -> Intake:
    intake = lock(intake)
    require(actor, "deals.handle_intake", intake, HANDLE_REFUSAL)
    _require_open(intake)
    instrument = (instrument or "").strip()
    if not instrument:
        raise ApplicationError(_("Noem het instrument waarnaar u verwijst."))
    intake.instrument = instrument
    intake.handled_by = actor
    if note:
        intake.triage_note = note.strip()
    transition(
        intake, workflow=INTAKE, to=Intake.Status.VERWEZEN, actor=actor, action="intake_refer"
    )
    _step(intake, _("Verwezen naar %(i)s.") % {"i": instrument})
    return intake
