"""The handbrake: the partner in residence pauses the deal; it resumes once every partner agreed."""

from django.core.mail import get_connection, send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deals import services as deal_services
from deals.models import Deal
from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Handbrake, Meeting, Residency, ResumeAgreement
from ..selectors import deal_partner_member_emails, responding_partners
from ..workflow import HANDBRAKE
from ._common import RESIDENCY_RELATED, _clean_text, _url


@transaction.atomic
def handbrake_pull(*, actor, residency: Residency, reason: str) -> Handbrake:
    """Pause the deal with a reason; every partner is e-mailed at once when the pause is committed."""
    residency = lock(residency, select_related=RESIDENCY_RELATED)
    require(
        actor,
        "residence.pull_handbrake",
        residency,
        _("Alleen een actieve partner in residence kan aan de handrem trekken."),
    )
    reason = _clean_text(reason)
    if not reason:
        raise ApplicationError(_("Leg kort uit waarom u aan de handrem trekt."))
    if Handbrake.objects.filter(
        deal_id=residency.deal_id, status=Handbrake.Status.AANGETROKKEN
    ).exists():
        raise Conflict(_("De handrem van deze deal is al aangetrokken."))
    deal_services.deal_pause(actor=actor, deal=residency.deal, reason=reason)
    handbrake = Handbrake(
        residency=residency, deal_id=residency.deal_id, reason=reason, pulled_by=actor
    )
    handbrake.full_clean()
    try:
        with transaction.atomic():
            handbrake.save()
    except IntegrityError as exc:
        raise Conflict(_("De handrem van deze deal is al aangetrokken.")) from exc
    audit_record(actor=actor, action="handbrake_pull", target=handbrake, changes={"reason": reason})
    # Imported here, not at the top: the tasks call these services.
    from ..tasks import handbrake_notify

    transaction.on_commit(lambda pk=handbrake.pk: handbrake_notify.delay(pk))
    return handbrake


def handbrake_notify_send(*, handbrake_id: int) -> int:
    """E-mail every member of every partner of the deal at once. Idempotent: a handbrake is
    announced once. Returns the number of recipients."""
    with transaction.atomic():
        handbrake = (
            Handbrake.objects.select_for_update(of=("self",))
            .select_related("deal", "residency__person")
            .filter(pk=handbrake_id)
            .first()
        )
        if handbrake is None or handbrake.notified_at is not None:
            return 0
        emails = deal_partner_member_emails(deal=handbrake.deal)
        handbrake.notified_at = timezone.now()
        handbrake.save(update_fields=["notified_at", "updated_at"])
        subject = _("Handrem: de deal ‘%(deal)s’ is gepauzeerd") % {"deal": handbrake.deal}
        body = _(
            "%(person)s, partner in residence, heeft aan de handrem getrokken. De deal ligt stil tot alle "
            "partners akkoord zijn om verder te gaan.\n\nReden: %(reason)s\n\nGeef hier uw akkoord of "
            "bespreek het eerst: %(url)s"
        ) % {
            "person": handbrake.residency.person,
            "reason": handbrake.reason,
            "url": _url("residence:residency-detail", pk=handbrake.residency_id),
        }
        send_mass_mail(
            [(subject, body, None, [email]) for email in emails],
            fail_silently=False,
            connection=get_connection(),
        )
    return len(emails)


def _all_agreed(handbrake: Handbrake) -> bool:
    agreed = set(handbrake.agreements.values_list("partner_id", flat=True))
    return all(p.pk in agreed for p in responding_partners(deal=handbrake.deal))


def _release(actor, handbrake: Handbrake) -> Handbrake:
    if handbrake.deal.status == Deal.Status.GEPAUZEERD:
        deal_services.deal_resume_jointly(
            actor=actor,
            deal=handbrake.deal,
            agreed_partner_ids=list(handbrake.agreements.values_list("partner_id", flat=True)),
        )
    handbrake.released_at = timezone.now()
    handbrake.released_by = actor
    return transition(
        handbrake,
        workflow=HANDBRAKE,
        to=Handbrake.Status.LOSGELATEN,
        actor=actor,
        action="handbrake_release",
    )


def _lock_handbrake(handbrake: Handbrake) -> Handbrake:
    """The handbrake under a row lock, refused once it is let go."""
    handbrake = lock(handbrake, select_related=["deal", "residency__deal"])
    require_state(
        handbrake, HANDBRAKE.sources(Handbrake.Status.LOSGELATEN), HANDBRAKE.refused(handbrake)
    )
    return handbrake


def _release_if_all_agreed(actor, handbrake: Handbrake) -> Handbrake:
    """When every partner agreed, the deal goes on at once, whoever agreed last."""
    if _all_agreed(handbrake):
        return _release(actor, handbrake)
    return handbrake


@transaction.atomic
def handbrake_agree(*, actor, handbrake: Handbrake, partner, note: str = "") -> Handbrake:
    """One partner agrees to go on. Resuming needs the agreement of every partner."""
    handbrake = _lock_handbrake(handbrake)
    require(
        actor,
        "residence.act_for_partner",
        partner,
        _("U kunt niet namens deze partner akkoord geven."),
    )
    if partner.pk not in {p.pk for p in responding_partners(deal=handbrake.deal)}:
        raise ApplicationError(_("Deze partner hoort niet bij de deal."))
    agreement = ResumeAgreement(
        handbrake=handbrake, partner=partner, agreed_by=actor, note=_clean_text(note)
    )
    agreement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise Conflict(_("%(org)s gaf al akkoord.") % {"org": partner.organisation}) from exc
    audit_record(
        actor=actor, action="handbrake_agree", target=handbrake, changes={"partner": partner.pk}
    )
    return _release_if_all_agreed(actor, handbrake)


@transaction.atomic
def handbrake_agree_in_meeting(
    *, actor, handbrake: Handbrake, meeting: Meeting, note: str = ""
) -> Handbrake:
    """Record that the partners decided together, in a held evaluation meeting, to go on."""
    handbrake = _lock_handbrake(handbrake)
    require(
        actor, "residence.view_work", handbrake.residency, _("U kunt dit besluit niet vastleggen.")
    )
    meeting = Meeting.objects.select_related("residency").get(pk=meeting.pk)
    if meeting.residency.deal_id != handbrake.deal_id or meeting.status != Meeting.Status.GEHOUDEN:
        raise ApplicationError(_("Kies een gehouden evaluatiemoment van deze deal."))
    if meeting.starts_at < handbrake.created_at:
        raise ApplicationError(_("Het overleg was voordat de handrem werd aangetrokken."))
    agreed = set(handbrake.agreements.values_list("partner_id", flat=True))
    for partner in responding_partners(deal=handbrake.deal):
        if partner.pk not in agreed:
            ResumeAgreement.objects.create(
                handbrake=handbrake,
                partner=partner,
                agreed_by=actor,
                meeting=meeting,
                note=_clean_text(note),
            )
    audit_record(
        actor=actor,
        action="handbrake_agree_in_meeting",
        target=handbrake,
        changes={"meeting": meeting.pk},
    )
    return _release_if_all_agreed(actor, handbrake)


@transaction.atomic
def handbrake_release(*, actor, handbrake: Handbrake) -> Handbrake:
    """Every partner agreed: the aanjager or a netwerkmanager lets the deal go on."""
    handbrake = _lock_handbrake(handbrake)
    require(
        actor,
        "deals.manage_deal",
        handbrake.deal,
        _("Alleen de aanjager van de deal of een netwerkmanager zet de deal weer in gang."),
    )
    if not _all_agreed(handbrake):
        raise ApplicationError(_("Verder gaan kan pas als alle partners akkoord zijn."))
    return _release(actor, handbrake)
