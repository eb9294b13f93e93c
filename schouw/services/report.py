"""Steps 4 and 5: the bespreking (the four questions, advice, new agreements, a follow-up) and the
rapportage (lessons, the report, its publication)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deals import services as deal_services
from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.workflow import lock, require, require_state

from .. import selectors
from ..models import (
    Advice,
    Audience,
    Lesson,
    PublicationConsent,
    SchouwRound,
)
from ._common import (
    MANAGE_REFUSAL,
    ROUND_LOCK,
    Status,
    _accepted_partner,
    _audit,
    _lesson_to_kennisbank,
    _parties,
    _save,
    _text,
    _timeline,
    _user,
)


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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(schouw_round, [Status.BESPREKING], _("Adviezen geeft u in de stap bespreking."))
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
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
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require(actor, "schouw.manage_round", schouw_round, MANAGE_REFUSAL)
    require_state(
        schouw_round, [Status.RAPPORTAGE], _("Het rapport schrijft u in de stap rapportage.")
    )
    if not _text(summary):
        raise ApplicationError(_("Schrijf de samenvatting van het rapport."))
    schouw_round.report_summary = _text(summary)
    _save(schouw_round)
    _audit(actor, "report_write", schouw_round)
    return schouw_round


def lessons_kennisbank_deliver() -> int:
    """Scheduled: propose queued lessons to the kennisbank again. Idempotent."""
    delivered = 0
    for lesson in selectors.lessons_waiting_for_kennisbank():
        with transaction.atomic():
            lesson = lock(lesson, select_related=("round__deal", "written_by"))
            if lesson.kennisbank != Lesson.Kennisbank.WACHTRIJ:
                continue
            if _lesson_to_kennisbank(None, lesson).kennisbank == Lesson.Kennisbank.VOORGESTELD:
                delivered += 1
    return delivered


@transaction.atomic
def report_publication_agree(*, actor, schouw_round: SchouwRound, partner) -> PublicationConsent:
    """A partner agrees to publish the public part (summary and lessons). Published when all agree."""
    schouw_round = lock(schouw_round, **ROUND_LOCK)
    require_state(schouw_round, [Status.AFGEROND], _("Het rapport is nog niet af."))
    partner = _accepted_partner(schouw_round, partner)
    require(
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
