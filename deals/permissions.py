"""Who may do what with deals (django-rules). One source for pages and API."""

import rules

from atlas import selectors as atlas_selectors
from atlas.models import Membership
from atlas.permissions import is_organisation_admin, is_organisation_member
from atlas.request_cache import approved_memberships
from reisgids.core.permissions import (
    is_ambtenaar,
    is_beheerder,
    is_bestuurder,
    is_logged_in,
    is_netwerkmanager,
)

from .models import DealPartner

ACCEPTED = DealPartner.Status.GEACCEPTEERD


def _own_org_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return atlas_selectors.organisation_ids_of(actor=user)


def _partner_org_ids(deal, statuses) -> set[int]:
    return {p.organisation_id for p in deal.partners.all() if p.status in statuses}


@rules.predicate
def is_deal_public(user, deal):
    return deal is not None and deal.closed_at is not None


@rules.predicate
def is_deal_starter(user, deal):
    return deal is not None and user.is_authenticated and deal.created_by_id == user.pk


@rules.predicate
def is_deal_partner_member(user, deal):
    """An approved member of an organisation that takes part in the deal."""
    if deal is None:
        return False
    return bool(_own_org_ids(user) & _partner_org_ids(deal, {ACCEPTED}))


@rules.predicate
def is_deal_invitee(user, deal):
    """A member of an organisation that takes part in the deal or is invited to."""
    if deal is None:
        return False
    return bool(
        _own_org_ids(user) & _partner_org_ids(deal, {ACCEPTED, DealPartner.Status.UITGENODIGD})
    )


@rules.predicate
def is_deal_aanjager(user, deal):
    if deal is None or not user.is_authenticated:
        return False
    aanjagers = {
        p.organisation_id
        for p in deal.partners.all()
        if p.role == DealPartner.Role.AANJAGER and p.status == ACCEPTED
    }
    return deal.created_by_id == user.pk or bool(_own_org_ids(user) & aanjagers)


@rules.predicate
def is_partner_admin(user, partner):
    return partner is not None and is_organisation_admin(user, partner.organisation)


@rules.predicate
def is_partner_member(user, partner):
    return partner is not None and is_organisation_member(user, partner.organisation)


@rules.predicate
def is_knelpunt_aanjager(user, knelpunt):
    return knelpunt is not None and is_deal_aanjager(user, knelpunt.deal)


@rules.predicate
def is_intake_submitter(user, intake):
    return intake is not None and user.is_authenticated and intake.submitted_by_id == user.pk


@rules.predicate
def is_intake_organisation_member(user, intake):
    return (
        intake is not None
        and intake.organisation_id is not None
        and is_organisation_member(user, intake.organisation)
    )


is_network_staff = is_netwerkmanager | is_beheerder

rules.add_perm(
    "deals.view_deal", is_deal_public | is_network_staff | is_deal_starter | is_deal_invitee
)
rules.add_perm("deals.add_deal", is_logged_in)
rules.add_perm("deals.manage_deal", is_logged_in & (is_network_staff | is_deal_aanjager))
rules.add_perm("deals.pause_deal", is_logged_in & (is_network_staff | is_deal_partner_member))
# Resuming after every partner agreed (deal_resume_jointly checks the agreements themselves).
rules.add_perm(
    "deals.resume_deal_jointly", is_logged_in & (is_network_staff | is_deal_partner_member)
)
rules.add_perm("deals.edit_plan", is_logged_in & (is_network_staff | is_deal_partner_member))
rules.add_perm(
    "deals.view_deal_internals", is_logged_in & (is_network_staff | is_deal_partner_member)
)
rules.add_perm(
    "deals.view_knelpunten",
    is_logged_in & (is_network_staff | is_ambtenaar | is_bestuurder | is_deal_partner_member),
)
# Object: a DealPartner.
rules.add_perm("deals.decide_invitation", is_logged_in & is_partner_admin)
rules.add_perm("deals.sign_for_partner", is_logged_in & is_partner_admin)
rules.add_perm("deals.act_for_partner", is_logged_in & is_partner_member)
# Object: a Knelpunt.
rules.add_perm(
    "deals.handle_knelpunt", is_logged_in & (is_network_staff | is_ambtenaar | is_knelpunt_aanjager)
)
rules.add_perm("deals.forward_knelpunt", is_logged_in & is_network_staff)
# Themes, template, kick-offs, workspace.
rules.add_perm("deals.manage_themes", is_logged_in & is_network_staff)
rules.add_perm("deals.comment_theme", is_logged_in)
rules.add_perm("deals.manage_template", is_logged_in & is_network_staff)
rules.add_perm("deals.schedule_kickoff", is_logged_in & is_network_staff)
rules.add_perm("deals.use_workspace", is_logged_in & is_network_staff)
# The provisional Right to Cooperate intake.
rules.add_perm("deals.submit_intake", is_logged_in)
rules.add_perm("deals.handle_intake", is_logged_in & (is_ambtenaar | is_network_staff))
rules.add_perm(
    "deals.view_intake",
    is_logged_in
    & (is_intake_submitter | is_intake_organisation_member | is_ambtenaar | is_network_staff),
)
rules.add_perm(
    "deals.set_priorities_from_kompas", is_logged_in & (is_network_staff | is_bestuurder)
)


@rules.predicate
def is_deal_partner_admin(user, deal):
    """A beheerder of an organisation that takes part in the deal."""
    if deal is None or not user.is_authenticated:
        return False
    memberships = approved_memberships(user)  # read once per request; the partners as prefetched
    return any(
        p.status == ACCEPTED
        and memberships.get(p.organisation_id, ("",))[0] == Membership.Role.BEHEERDER
        for p in deal.partners.all()
    )


# The audit trail of a deal: platform beheerders and the beheerders of its partners.
rules.add_perm("deals.view_deal_audit", is_logged_in & (is_beheerder | is_deal_partner_admin))
