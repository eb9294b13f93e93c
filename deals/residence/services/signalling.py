"""Signals: knelpunten raised by the partner in residence and closed by every partner jointly."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deals import services as deal_services
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Residency, Signal, SignalResponse
from ..selectors import partners_of_actor, responding_partners
from ..workflow import SIGNAL
from ._common import RESIDENCY_RELATED, _clean_text, _timeline

# A signal takes responses, and can be closed, from these states.
_OPEN_STATES = SIGNAL.sources(Signal.Status.OPGELOST)


@transaction.atomic
def signal_raise(*, actor, residency: Residency, title: str, description: str) -> Signal:
    # Only while it is active, also when it ends at this moment.
    residency = lock(residency, select_related=RESIDENCY_RELATED)
    require(
        actor,
        "residence.raise_signal",
        residency,
        _("Alleen de partner in residence brengt een signaal in."),
    )
    signal = Signal(
        residency=residency,
        title=_clean_text(title),
        description=_clean_text(description),
        raised_by=actor,
    )
    signal.full_clean()
    signal.save()
    _timeline(
        residency, actor, _("Signaal van de partner in residence: %(t)s") % {"t": signal.title}
    )
    audit_record(actor=actor, action="signal_raise", target=signal)
    return signal


@transaction.atomic
def signal_respond(
    *, actor, signal: Signal, partner, text: str, closure: str = ""
) -> SignalResponse:
    """A partner responds, and says whether it considers the signal solved or to be escalated.
    Responding again replaces the partner's earlier response."""
    signal = lock(signal, select_related=["residency__deal"])
    require(
        actor, "residence.act_for_partner", partner, _("U kunt niet namens deze partner reageren.")
    )
    if partner.pk not in {p.pk for p in responding_partners(deal=signal.residency.deal)}:
        raise ApplicationError(_("Deze partner hoort niet bij de deal."))
    require_state(signal, _OPEN_STATES, SIGNAL.refused(signal))
    if closure not in SignalResponse.Closure.values:
        raise ApplicationError(_("Kies: nog niet afsluiten, opgelost of escaleren."))
    response = SignalResponse.objects.filter(
        signal=signal, partner=partner
    ).first() or SignalResponse(signal=signal, partner=partner)
    response.text = _clean_text(text)
    response.closure = closure
    response.responder = actor
    response.full_clean()
    response.save()
    changes = {"partner": partner.pk, "closure": closure}
    if SIGNAL.allows(signal.status, Signal.Status.IN_BEHANDELING):
        transition(
            signal,
            workflow=SIGNAL,
            to=Signal.Status.IN_BEHANDELING,
            actor=actor,
            action="signal_respond",
            changes=changes,
        )
    else:
        audit_record(actor=actor, action="signal_respond", target=signal, changes=changes)
    return response


@transaction.atomic
def signal_close(*, actor, signal: Signal, outcome: str) -> Signal:
    """Close a signal as solved or escalated. Raised problems are handled jointly: only when every
    partner of the deal said so in its response; one partner alone cannot close it."""
    signal = lock(signal, select_related=["residency__deal"])
    residency = signal.residency
    require(actor, "residence.view_work", residency, _("U kunt dit signaal niet afsluiten."))
    if outcome not in Signal.CLOSED:
        raise ApplicationError(_("Kies: opgelost of geëscaleerd."))
    require_state(signal, _OPEN_STATES, SIGNAL.refused(signal))
    votes = dict(SignalResponse.objects.filter(signal=signal).values_list("partner_id", "closure"))
    missing = [
        p.organisation.name
        for p in responding_partners(deal=residency.deal)
        if votes.get(p.pk) != outcome
    ]
    if missing:
        raise ApplicationError(
            _("Een signaal sluit u samen af. Nog niet akkoord: %(orgs)s.")
            % {"orgs": ", ".join(missing)}
        )
    signal.closed_at = timezone.now()
    transition(
        signal,
        workflow=SIGNAL,
        to=outcome,
        actor=actor,
        action="signal_close",
        changes={"status": outcome},
    )
    _timeline(
        residency,
        actor,
        _("Signaal %(s)s: %(t)s") % {"s": signal.get_status_display().lower(), "t": signal},
    )
    return signal


@transaction.atomic
def signal_to_register(*, actor, signal: Signal, effect: str, category: str = "anders") -> Signal:
    """Pass the signal to the deal's knelpunten register (and from there, to the kompas)."""
    signal = lock(signal, select_related=["residency__deal"])
    residency = signal.residency
    require(actor, "residence.view_work", residency, _("U kunt dit signaal niet doorzetten."))
    if signal.knelpunt_id:
        raise Conflict(_("Dit signaal staat al in het knelpuntenregister."))
    own = partners_of_actor(actor=actor, deal=residency.deal)
    if not own:
        raise NotAllowed(_("Alleen iemand van een partner van de deal zet een signaal door."))
    sending = next((p for p in own if p.pk == residency.sending_partner_id), own[0])
    knelpunt = deal_services.knelpunt_report(
        actor=actor,
        partner=sending,
        category=category,
        title=signal.title,
        description=signal.description,
        effect=_clean_text(effect) or _("Gesignaleerd door de partner in residence."),
    )
    signal.knelpunt = knelpunt
    signal.full_clean()
    signal.save()
    audit_record(
        actor=actor, action="signal_to_register", target=signal, changes={"knelpunt": knelpunt.pk}
    )
    return signal
