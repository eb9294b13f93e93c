"""The deal and its steps: one service per transition, each checked under a row lock."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from atlas.models import Organisation
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.permissions import is_ambtenaar, is_beheerder, is_netwerkmanager
from reisgids.core.services import audit_record
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import Deal, DealEvent, DealPartner
from ..selectors import deal_template_elements
from ..workflow import DEAL, PARTNER
from ._common import require_editable, timeline_add

MANAGE_REFUSAL = _("Alleen de aanjager van de deal of een netwerkmanager kan dit doen.")


def _clean_proposal(proposal: dict | None) -> dict:
    keys = {e.key for e in deal_template_elements()}
    return {k: str(v).strip() for k, v in (proposal or {}).items() if k in keys and str(v).strip()}


def _may_act_for(actor, organisation) -> bool:
    """A deal is started on behalf of an organisation the actor belongs to; civil servants and
    netwerkmanagers may also start one for a municipal cluster."""
    if atlas_selectors.organisations_of(actor=actor).filter(pk=organisation.pk).exists():
        return True
    staff = is_ambtenaar(actor) or is_netwerkmanager(actor) or is_beheerder(actor)
    return staff and organisation.type == Organisation.Type.GEMEENTELIJK_CLUSTER


@transaction.atomic
def deal_create(
    *,
    actor,
    title: str,
    summary: str,
    aanjager_organisation,
    themes=(),
    areas=(),
    citywide: bool = False,
    proposal: dict | None = None,
    follow_up_of: Deal | None = None,
) -> Deal:
    """Start a deal; the actor's organisation becomes its aanjager."""
    if not actor.has_perm("deals.add_deal"):
        raise NotAllowed(_("Log in om een deal te starten."))
    if aanjager_organisation is None or not _may_act_for(actor, aanjager_organisation):
        raise NotAllowed(
            _("U kunt alleen een deal starten namens een organisatie waarvan u lid bent.")
        )
    deal = Deal(
        title=(title or "").strip(),
        summary=(summary or "").strip(),
        created_by=actor,
        citywide=citywide,
        proposal=_clean_proposal(proposal),
        follow_up_of=follow_up_of,
    )
    deal.full_clean()
    deal.save()
    deal.themes.set(themes)
    deal.areas.set(areas)
    DealPartner.objects.create(
        deal=deal,
        organisation=aanjager_organisation,
        role=DealPartner.Role.AANJAGER,
        status=DealPartner.Status.GEACCEPTEERD,
        invited_by=actor,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.STAP,
        actor=actor,
        text=_("Deal gestart door %(org)s; op zoek naar partners.")
        % {"org": aanjager_organisation},
    )
    audit_record(
        actor=actor,
        action="deal_create",
        target=deal,
        changes={"aanjager": aanjager_organisation.pk},
    )
    return deal


@transaction.atomic
def deal_update(*, actor, deal: Deal, **fields) -> Deal:
    """Change the deal's description, proposal, themes, areas or financial form."""
    deal = lock(deal)
    require(
        actor, "deals.edit_plan", deal, _("Alleen partners van de deal kunnen de deal wijzigen.")
    )
    require_editable(deal)
    allowed = {"title", "summary", "citywide", "financial_form", "funding_source"}
    changes = {}
    for name, value in fields.items():
        if name in allowed:
            value = value.strip() if isinstance(value, str) else value
            if getattr(deal, name) != value:
                changes[name] = str(value)
                setattr(deal, name, value)
    if "proposal" in fields:
        proposal = _clean_proposal(fields["proposal"])
        if proposal != deal.proposal:
            changes["proposal"] = sorted(proposal)
            deal.proposal = proposal
    deal.full_clean()
    deal.save()
    if "themes" in fields:
        deal.themes.set(fields["themes"])
    if "areas" in fields:
        deal.areas.set(fields["areas"])
    audit_record(actor=actor, action="deal_update", target=deal, changes=changes)
    return deal


def _missing_elements(deal: Deal) -> list[str]:
    return [
        str(e.label)
        for e in deal_template_elements()
        if e.required and not deal.proposal.get(e.key)
    ]


def _require_complete_proposal(deal: Deal) -> None:
    missing = _missing_elements(deal)
    if missing:
        raise ApplicationError(
            _("Vul eerst de verplichte onderdelen van het voorstel in: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )


def _step(deal: Deal, actor, status: str, text: str, action: str, **changes) -> Deal:
    """Move the deal along an edge of its workflow, and put the step on its timeline."""
    before = deal.status
    transition(
        deal,
        workflow=DEAL,
        to=status,
        actor=actor,
        action=action,
        changes={"from": before, "to": status, **changes},
    )
    timeline_add(deal=deal, kind=DealEvent.Kind.STAP, actor=actor, text=text)
    return deal


@transaction.atomic
def deal_idea_start(*, actor, deal: Deal) -> Deal:
    """Partners found: together they develop the idea."""
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(
        deal,
        [Deal.Status.PARTNERS_ZOEKEN],
        _("De deal zoekt geen partners meer (stap: %(status)s).")
        % {"status": deal.get_status_display()},
    )
    signing = deal.partners.filter(
        status=DealPartner.Status.GEACCEPTEERD, role__in=DealPartner.SIGNING_ROLES
    )
    if signing.count() < 2:
        raise ApplicationError(
            _(
                "Een deal is een samenwerking: er moet minstens één partner naast de aanjager meedoen."
            )
        )
    return _step(
        deal,
        actor,
        Deal.Status.IDEE,
        _("De partners werken samen het idee uit."),
        "deal_idea_start",
    )


@transaction.atomic
def deal_toetsing_start(*, actor, deal: Deal, method: str) -> Deal:
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(deal, [Deal.Status.IDEE], DEAL.refused(deal))
    if method not in Deal.ToetsingMethod.values:
        raise ApplicationError(_("Kies een vorm voor de toetsing."))
    _require_complete_proposal(deal)
    deal.toetsing_method = method
    return _step(
        deal,
        actor,
        Deal.Status.TOETSING,
        _("Gezamenlijke toetsing gestart: %(method)s.")
        % {"method": deal.get_toetsing_method_display()},
        "deal_toetsing_start",
        method=method,
    )


@transaction.atomic
def deal_toetsing_record(
    *, actor, deal: Deal, findings: str, risks: str = "", method: str | None = None
) -> Deal:
    deal = lock(deal)
    require(
        actor, "deals.edit_plan", deal, _("Alleen partners van de deal leggen de toetsing vast.")
    )
    require_state(deal, [Deal.Status.TOETSING], _("De deal is niet in de stap toetsing."))
    if method is not None:
        if method not in Deal.ToetsingMethod.values:
            raise ApplicationError(_("Kies een vorm voor de toetsing."))
        deal.toetsing_method = method
    deal.toetsing_findings = (findings or "").strip()
    deal.toetsing_risks = (risks or "").strip()
    deal.full_clean()
    deal.save()
    audit_record(actor=actor, action="deal_toetsing_record", target=deal)
    return deal


@transaction.atomic
def deal_toetsing_skip(*, actor, deal: Deal, reason: str) -> Deal:
    """The toetsing is optional; skipping it is a recorded choice."""
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(
        deal,
        [Deal.Status.IDEE],
        _("Alleen vanuit de stap ‘idee’ kan de toetsing worden overgeslagen."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Leg kort uit waarom de deal geen toetsing doet."))
    _require_complete_proposal(deal)
    deal.toetsing_skipped = True
    deal.toetsing_skip_reason = reason
    return _step(
        deal,
        actor,
        Deal.Status.PLANNING,
        _("Toetsing overgeslagen: %(reason)s") % {"reason": reason},
        "deal_toetsing_skip",
        reason=reason,
    )


@transaction.atomic
def deal_planning_start(*, actor, deal: Deal) -> Deal:
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(deal, [Deal.Status.TOETSING], DEAL.refused(deal))
    if not deal.toetsing_findings:
        raise ApplicationError(_("Leg eerst de bevindingen van de toetsing vast."))
    return _step(
        deal,
        actor,
        Deal.Status.PLANNING,
        _("De partners maken samen het plan."),
        "deal_planning_start",
    )


@transaction.atomic
def deal_start(*, actor, deal: Deal) -> Deal:
    """The signed deal starts running."""
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(deal, [Deal.Status.GESLOTEN], _("Alleen een gesloten deal kan van start gaan."))
    deal.started_at = timezone.now()
    return _step(deal, actor, Deal.Status.LOPEND, _("De deal loopt."), "deal_start")


@transaction.atomic
def deal_finish(
    *, actor, deal: Deal, note: str = "", follow_up_title: str = "", follow_up_summary: str = ""
) -> Deal:
    """Finish a running deal; optionally start a follow-up deal with the same aanjager."""
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(deal, [Deal.Status.LOPEND], _("Alleen een lopende deal kan worden afgerond."))
    deal.ended_at = timezone.now()
    deal.status_note = (note or "").strip()
    _step(deal, actor, Deal.Status.AFGEROND, _("De deal is afgerond."), "deal_finish")
    follow_up_title = (follow_up_title or "").strip()
    if follow_up_title:
        aanjager = deal.partners.select_related("organisation").get(
            role=DealPartner.Role.AANJAGER, status=DealPartner.Status.GEACCEPTEERD
        )
        follow_up = Deal(
            title=follow_up_title,
            summary=(follow_up_summary or "").strip() or deal.summary,
            created_by=actor,
            citywide=deal.citywide,
            follow_up_of=deal,
        )
        follow_up.full_clean()
        follow_up.save()
        follow_up.themes.set(deal.themes.all())
        follow_up.areas.set(deal.areas.all())
        DealPartner.objects.create(
            deal=follow_up,
            organisation=aanjager.organisation,
            role=DealPartner.Role.AANJAGER,
            status=DealPartner.Status.GEACCEPTEERD,
            invited_by=actor,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        timeline_add(
            deal=follow_up,
            kind=DealEvent.Kind.STAP,
            actor=actor,
            text=_("Vervolg op de deal ‘%(deal)s’.") % {"deal": deal},
        )
        timeline_add(
            deal=deal,
            kind=DealEvent.Kind.STAP,
            actor=actor,
            text=_("Vervolgdeal gestart: %(t)s") % {"t": follow_up},
        )
        audit_record(
            actor=actor, action="deal_follow_up", target=follow_up, changes={"of": deal.pk}
        )
    return deal


@transaction.atomic
def deal_stop(*, actor, deal: Deal, reason: str) -> Deal:
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(
        deal,
        [*Deal.ACTIVE, Deal.Status.GEPAUZEERD],
        _("De deal is al %(status)s.") % {"status": deal.get_status_display().lower()},
    )
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Leg kort uit waarom de deal stopt."))
    deal.ended_at = timezone.now()
    deal.status_note = reason
    deal.paused_from = ""
    return _step(
        deal,
        actor,
        Deal.Status.GESTOPT,
        _("De deal is gestopt: %(r)s") % {"r": reason},
        "deal_stop",
        reason=reason,
    )


@transaction.atomic
def deal_pause(*, actor, deal: Deal, reason: str) -> Deal:
    """The handbrake: any partner may pause the deal."""
    deal = lock(deal)
    require(
        actor,
        "deals.pause_deal",
        deal,
        _("Alleen partners van de deal of een netwerkmanager kunnen pauzeren."),
    )
    if deal.status == Deal.Status.GEPAUZEERD:
        raise Conflict(_("De deal is al gepauzeerd."))
    require_state(deal, Deal.ACTIVE, DEAL.refused(deal))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Leg kort uit waarom de deal pauzeert."))
    deal.paused_from = deal.status
    deal.status_note = reason
    return _step(
        deal,
        actor,
        Deal.Status.GEPAUZEERD,
        _("Gepauzeerd: %(r)s") % {"r": reason},
        "deal_pause",
        reason=reason,
    )


@transaction.atomic
def deal_resume(*, actor, deal: Deal) -> Deal:
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_state(deal, [Deal.Status.GEPAUZEERD], _("De deal is niet gepauzeerd."))
    back_to = deal.paused_from
    deal.paused_from = ""
    deal.status_note = ""
    return _step(
        deal,
        actor,
        back_to,
        _("Weer verder in de stap ‘%(s)s’.") % {"s": Deal.Status(back_to).label},
        "deal_resume",
    )


@transaction.atomic
def deal_resume_jointly(*, actor, deal: Deal, agreed_partner_ids) -> Deal:
    """Resume a paused deal because its partners agreed together (after the handbrake).

    Every accepted partner with a voice (all but the klankbordgroep) must be among
    ``agreed_partner_ids``; then whichever partner agrees last lets the deal go on, not only the
    aanjager or a netwerkmanager. The caller records the agreements; this checks that they cover
    every partner."""
    deal = lock(deal)
    require(
        actor,
        "deals.resume_deal_jointly",
        deal,
        _("Alleen partners van de deal of een netwerkmanager zetten de deal samen weer in gang."),
    )
    require_state(deal, [Deal.Status.GEPAUZEERD], _("De deal is niet gepauzeerd."))
    agreed = {int(pk) for pk in agreed_partner_ids}
    voices = deal.partners.filter(
        status=DealPartner.Status.GEACCEPTEERD, role__in=DealPartner.SIGNING_ROLES
    )
    missing = [
        p.organisation.name
        for p in voices.select_related("organisation").order_by("pk")
        if p.pk not in agreed
    ]
    if missing:
        raise ApplicationError(
            _("Verder gaan kan pas als alle partners akkoord zijn. Nog niet akkoord: %(orgs)s.")
            % {"orgs": ", ".join(missing)}
        )
    back_to = deal.paused_from
    deal.paused_from = ""
    deal.status_note = ""
    return _step(
        deal,
        actor,
        back_to,
        _("Alle partners zijn akkoord: weer verder in de stap ‘%(s)s’.")
        % {"s": Deal.Status(back_to).label},
        "deal_resume_jointly",
        agreed=sorted(agreed),
    )


# --- Partners -------------------------------------------------------------------------------


@transaction.atomic
def deal_partner_invite(
    *, actor, deal: Deal, organisation, role: str = DealPartner.Role.PARTNER
) -> DealPartner:
    """Invite an organisation from the atlas. Parties may join at any step until the deal ends."""
    deal = lock(deal)
    require(actor, "deals.manage_deal", deal, MANAGE_REFUSAL)
    require_editable(deal)
    if role not in DealPartner.Role.values or role == DealPartner.Role.AANJAGER:
        raise ApplicationError(
            _("Kies de rol van de partner: partner, gemeente of klankbordgroep.")
        )
    if organisation.is_archived:
        raise ApplicationError(_("Deze organisatie is gearchiveerd."))
    if deal.partners.filter(
        organisation=organisation,
        status__in=[DealPartner.Status.UITGENODIGD, DealPartner.Status.GEACCEPTEERD],
    ).exists():
        raise ApplicationError(
            _("%(org)s doet al mee of is al uitgenodigd.") % {"org": organisation}
        )
    partner = DealPartner(deal=deal, organisation=organisation, role=role, invited_by=actor)
    partner.full_clean()
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError as exc:
        raise Conflict(
            _("%(org)s doet al mee of is al uitgenodigd.") % {"org": organisation}
        ) from exc
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.PARTNER,
        actor=actor,
        public=False,
        text=_("%(org)s uitgenodigd als %(role)s.")
        % {"org": organisation, "role": partner.get_role_display().lower()},
    )
    audit_record(actor=actor, action="deal_partner_invite", target=partner, changes={"role": role})
    return partner


def _decide(actor, partner: DealPartner, status: str, action: str) -> DealPartner:
    """Accept or decline an invitation: the partner's own edge, audited as ``action``."""
    partner = lock(partner, select_related=("organisation", "deal"))
    require(
        actor,
        "deals.decide_invitation",
        partner,
        _("Alleen een beheerder van %(org)s kan op deze uitnodiging reageren.")
        % {"org": partner.organisation},
    )
    require_state(partner, PARTNER.sources(status), PARTNER.refused(partner))
    require_editable(lock(partner.deal))
    partner.decided_by = actor
    partner.decided_at = timezone.now()
    return transition(partner, workflow=PARTNER, to=status, actor=actor, action=action)


@transaction.atomic
def deal_partner_accept(*, actor, partner: DealPartner) -> DealPartner:
    partner = _decide(actor, partner, DealPartner.Status.GEACCEPTEERD, "deal_partner_accept")
    timeline_add(
        deal=partner.deal,
        kind=DealEvent.Kind.PARTNER,
        actor=actor,
        text=_("%(org)s doet mee als %(role)s.")
        % {"org": partner.organisation, "role": partner.get_role_display().lower()},
    )
    return partner


@transaction.atomic
def deal_partner_decline(*, actor, partner: DealPartner) -> DealPartner:
    partner = _decide(actor, partner, DealPartner.Status.AFGEWEZEN, "deal_partner_decline")
    timeline_add(
        deal=partner.deal,
        kind=DealEvent.Kind.PARTNER,
        actor=actor,
        public=False,
        text=_("%(org)s doet niet mee.") % {"org": partner.organisation},
    )
    return partner
