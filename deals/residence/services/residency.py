"""The residency itself: proposed by a partner, confirmed by the sending and the host partner,
ended when the work is done."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from deals.models import Deal
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Residency
from ..permissions import ACCEPTED
from ..workflow import RESIDENCY
from ._common import RESIDENCY_RELATED, _clean_text, _timeline

ENDED_DEAL = (Deal.Status.AFGEROND, Deal.Status.GESTOPT)


@transaction.atomic
def residency_propose(
    *,
    actor,
    deal,
    person,
    sending_partner,
    host_partner,
    start_date: datetime.date,
    end_date: datetime.date,
    hours_per_week: int | None = None,
    functions=(),
    tasks: str = "",
    learning_questions: str = "",
    meeting_rhythm_weeks: int = 6,
) -> Residency:
    """Propose a partner in residence. It starts when the sending and the host partner confirmed."""
    require(
        actor,
        "residence.propose_residency",
        deal,
        _(
            "Alleen partners van de deal of een netwerkmanager kunnen een partner in residence voorstellen."
        ),
    )
    if deal.status in ENDED_DEAL:
        raise Conflict(_("De deal is beëindigd; er komt geen partner in residence meer bij."))
    partners = {p.pk: p for p in deal.partners.all() if p.status == ACCEPTED}
    if sending_partner is None or host_partner is None:
        raise ApplicationError(_("Kies namens welke partner en op locatie van welke partner."))
    if sending_partner.pk not in partners or host_partner.pk not in partners:
        raise ApplicationError(_("Beide partners moeten meedoen aan deze deal."))
    if sending_partner.pk == host_partner.pk:
        raise ApplicationError(
            _(
                "Een partner in residence werkt namens de ene partner op locatie van een andere partner."
            )
        )
    sending_partner = partners[sending_partner.pk]
    if person is None or not (
        atlas_selectors.organisations_of(actor=person)
        .filter(pk=sending_partner.organisation_id)
        .exists()
    ):
        raise ApplicationError(
            _("De partner in residence moet lid zijn van %(org)s, namens wie hij of zij werkt.")
            % {"org": sending_partner.organisation}
        )
    residency = Residency(
        deal=deal,
        person=person,
        sending_partner=sending_partner,
        host_partner=partners[host_partner.pk],
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        functions=list(dict.fromkeys(functions or [])),
        tasks=_clean_text(tasks),
        learning_questions=_clean_text(learning_questions),
        meeting_rhythm_weeks=meeting_rhythm_weeks,
        proposed_by=actor,
    )
    residency.full_clean()
    residency.save()
    _timeline(
        residency,
        actor,
        _("%(person)s voorgesteld als partner in residence namens %(a)s bij %(b)s.")
        % {
            "person": person,
            "a": residency.sending_partner.organisation,
            "b": residency.host_partner.organisation,
        },
    )
    audit_record(
        actor=actor,
        action="residency_propose",
        target=residency,
        changes={"sending_partner": sending_partner.pk, "host_partner": host_partner.pk},
    )
    return residency


@transaction.atomic
def residency_confirm(*, actor, residency: Residency) -> Residency:
    """The sending and the host partner each confirm (an organisation beheerder). The actor
    confirms every side they may; when both confirmed, the residency is active."""
    residency = lock(residency, select_related=RESIDENCY_RELATED)
    as_sender = actor.has_perm("residence.confirm_as_sender", residency)
    as_host = actor.has_perm("residence.confirm_as_host", residency)
    if not (as_sender or as_host):
        raise NotAllowed(
            _("Alleen een beheerder van de zendende of de ontvangende partner kan bevestigen.")
        )
    require_state(
        residency,
        RESIDENCY.sources(Residency.Status.ACTIEF),
        _("Deze partner in residence is al bevestigd."),
    )
    now = timezone.now()
    confirmed = []
    if as_sender and residency.sending_confirmed_at is None:
        residency.sending_confirmed_at, residency.sending_confirmed_by = now, actor
        confirmed.append("sender")
    if as_host and residency.host_confirmed_at is None:
        residency.host_confirmed_at, residency.host_confirmed_by = now, actor
        confirmed.append("host")
    if not confirmed:
        raise Conflict(_("U heeft al bevestigd; de andere partner nog niet."))
    changes = {"confirmed": confirmed}
    if not (residency.sending_confirmed_at and residency.host_confirmed_at):
        residency.full_clean()
        residency.save()
        audit_record(actor=actor, action="residency_confirm", target=residency, changes=changes)
        return residency
    transition(
        residency,
        workflow=RESIDENCY,
        to=Residency.Status.ACTIEF,
        actor=actor,
        action="residency_confirm",
        changes=changes,
        message=_("Deze partner in residence is al bevestigd."),
    )
    _timeline(
        residency, actor, _("Partner in residence %(p)s is gestart.") % {"p": residency.person}
    )
    return residency


@transaction.atomic
def residency_end(*, actor, residency: Residency) -> Residency:
    residency = lock(residency, select_related=RESIDENCY_RELATED)
    require(
        actor,
        "residence.end_residency",
        residency,
        _("U kunt deze partner in residence niet beëindigen."),
    )
    transition(
        residency,
        workflow=RESIDENCY,
        to=Residency.Status.AFGEROND,
        actor=actor,
        action="residency_end",
        message=_("Alleen een actieve partner in residence kan worden afgerond."),
    )
    _timeline(
        residency, actor, _("Partner in residence %(p)s is afgerond.") % {"p": residency.person}
    )
    return residency
