"""Who may do what in a schouw round (django-rules). One source for pages and API.

The evaluation is shared by the deal's partners (approved members of an accepted partner
organisation), the deal's partner in residence and the round's own participants, guests
included. Nobody else sees it, netwerkmanagers neither, until every partner agreed to publish
the public part of the report.
"""

import rules

from deals import permissions as deal_permissions
from deals.residence import selectors as residence_selectors
from deals.residence.models import Residency
from reisgids.core.permissions import is_beheerder, is_logged_in

from .guests import Guest, link_is_valid
from .models import SchouwRound


def _deal(obj):
    return getattr(obj, "deal", obj)


@rules.predicate
def is_deal_partner_member(user, obj):
    """Works for a deal and for a round (through its deal)."""
    return (
        obj is not None
        and user.is_authenticated
        and deal_permissions.is_deal_partner_member(user, _deal(obj))
    )


@rules.predicate
def is_deal_resident(user, obj):
    """The active partner in residence of the deal."""
    if obj is None or not user.is_authenticated:
        return False
    deal = _deal(obj)
    cache = user.__dict__.setdefault("_schouw_resident_of", {})
    if deal.pk not in cache:
        cache[deal.pk] = (
            residence_selectors.residency_list(actor=user)
            .filter(deal=deal, person=user, status=Residency.Status.ACTIEF)
            .exists()
        )
    return cache[deal.pk]


@rules.predicate
def is_round_participant(user, schouw_round):
    if schouw_round is None or not user.is_authenticated:
        return False
    return any(p.user_id == user.pk for p in schouw_round.participants.all())


@rules.predicate
def is_round_guest(user, schouw_round):
    return (
        isinstance(user, Guest)
        and schouw_round is not None
        and user.participant.round_id == schouw_round.pk
        and schouw_round.status != SchouwRound.Status.AFGEROND
        and link_is_valid(user.participant)
    )


@rules.predicate
def is_consenting_guest(user, schouw_round):
    return is_round_guest(user, schouw_round) and user.participant.consent_at is not None


@rules.predicate
def is_report_published(user, schouw_round):
    return schouw_round is not None and schouw_round.published_at is not None


@rules.predicate
def is_criterion_party_member(user, criterion):
    return (
        criterion is not None
        and user.is_authenticated
        and deal_permissions.is_partner_member(user, criterion.partner)
    )


is_deal_insider = is_deal_partner_member | is_deal_resident

# Object: a Deal.
rules.add_perm("schouw.organise_round", is_deal_insider)
rules.add_perm("schouw.view_rounds_of_deal", is_deal_insider)
# Object: a SchouwRound.
rules.add_perm("schouw.view_round", is_deal_insider | is_round_participant | is_consenting_guest)
rules.add_perm("schouw.enter_round", is_round_guest)
rules.add_perm("schouw.manage_round", is_deal_insider)
rules.add_perm("schouw.take_part", is_round_participant | is_consenting_guest)
rules.add_perm("schouw.view_report", is_deal_insider | is_round_participant)
rules.add_perm(
    "schouw.view_public_report", is_report_published | is_deal_insider | is_round_participant
)
# Object: a Criterion.
rules.add_perm("schouw.agree_criterion", is_criterion_party_member)


@rules.predicate
def is_round_partner_admin(user, schouw_round):
    return schouw_round is not None and deal_permissions.is_deal_partner_admin(
        user, schouw_round.deal
    )


# The audit trail of a round: platform beheerders and the beheerders of the deal's partners.
rules.add_perm(
    "schouw.view_schouwround_audit", is_logged_in & (is_beheerder | is_round_partner_admin)
)
