"""Who may do what with a partner in residence (django-rules). One source for pages and API.

The work of a residency (logbook, meetings, actions, signals, handbrake, reflections) is read
only by the deal's partners: approved members of an organisation that takes part in the deal.
Netwerkmanagers and beheerders see that a residency exists, not what is in its logbook.
"""

import rules

from atlas import selectors as atlas_selectors
from atlas.permissions import is_organisation_admin, is_organisation_member
from deals.models import DealPartner
from reisgids.core.permissions import is_beheerder, is_logged_in, is_netwerkmanager

from .models import Residency

ACCEPTED = DealPartner.Status.GEACCEPTEERD


def own_organisation_ids(user) -> set[int]:
    """The organisations the user is an approved member of, read once per request."""
    if not user.is_authenticated:
        return set()
    return atlas_selectors.organisation_ids_of(actor=user)


def deal_partner_org_ids(deal) -> set[int]:
    return {p.organisation_id for p in deal.partners.all() if p.status == ACCEPTED}


@rules.predicate
def is_deal_partner(user, deal):
    return deal is not None and bool(own_organisation_ids(user) & deal_partner_org_ids(deal))


@rules.predicate
def is_residency_person(user, residency):
    return residency is not None and user.is_authenticated and residency.person_id == user.pk


@rules.predicate
def is_residency_partner(user, residency):
    return residency is not None and is_deal_partner(user, residency.deal)


@rules.predicate
def is_residency_active(user, residency):
    return residency is not None and residency.status == Residency.Status.ACTIEF


@rules.predicate
def admins_sending_partner(user, residency):
    return residency is not None and is_organisation_admin(
        user, residency.sending_partner.organisation
    )


@rules.predicate
def admins_host_partner(user, residency):
    return residency is not None and is_organisation_admin(
        user, residency.host_partner.organisation
    )


@rules.predicate
def is_member_of_partner(user, partner):
    return (
        partner is not None
        and partner.status == ACCEPTED
        and is_organisation_member(user, partner.organisation)
    )


@rules.predicate
def is_opening_poster(user, opening):
    return opening is not None and user.is_authenticated and opening.posted_by_id == user.pk


is_network_staff = is_netwerkmanager | is_beheerder
can_read_work = is_logged_in & (is_residency_person | is_residency_partner)

# Object: a Deal.
rules.add_perm("residence.propose_residency", is_logged_in & (is_deal_partner | is_network_staff))
# Object: a Residency.
rules.add_perm(
    "residence.view_residency",
    is_logged_in & (is_residency_person | is_residency_partner | is_network_staff),
)
rules.add_perm("residence.confirm_as_sender", is_logged_in & admins_sending_partner)
rules.add_perm("residence.confirm_as_host", is_logged_in & admins_host_partner)
rules.add_perm("residence.view_work", can_read_work)
rules.add_perm("residence.write_logbook", is_logged_in & is_residency_person & is_residency_active)
rules.add_perm("residence.plan_meeting", can_read_work & is_residency_active)
rules.add_perm("residence.raise_signal", is_logged_in & is_residency_person & is_residency_active)
rules.add_perm("residence.pull_handbrake", is_logged_in & is_residency_person & is_residency_active)
rules.add_perm(
    "residence.organise_activity", is_logged_in & is_residency_person & is_residency_active
)
rules.add_perm("residence.reflect", is_logged_in & is_residency_person)
rules.add_perm(
    "residence.end_residency",
    is_logged_in & (is_residency_person | admins_sending_partner | admins_host_partner),
)
# Object: a DealPartner (respond to a signal, agree to resume, on behalf of that partner).
rules.add_perm("residence.act_for_partner", is_logged_in & is_member_of_partner)
# Openings.
rules.add_perm("residence.view_openings", is_logged_in)
rules.add_perm("residence.post_opening", is_logged_in)
rules.add_perm("residence.close_opening", is_logged_in & (is_opening_poster | is_network_staff))


@rules.predicate
def is_residency_partner_admin(user, residency):
    """A beheerder of the sending or the host organisation of the residency."""
    if residency is None or not user.is_authenticated:
        return False
    partners = (residency.sending_partner, residency.host_partner)
    return any(is_organisation_admin(user, p.organisation) for p in partners if p is not None)


# The audit trail of a residency: platform beheerders and the beheerders of its two partners.
rules.add_perm(
    "residence.view_residency_audit", is_logged_in & (is_beheerder | is_residency_partner_admin)
)
