"""Who may do what in the atlas (django-rules). One source for pages and API."""

import rules

from reisgids.core.permissions import (
    is_beheerder,
    is_contentbeheerder,
    is_logged_in,
    is_netwerkmanager,
)

from .models import Membership
from .query import approved_memberships


@rules.predicate
def is_organisation_admin(user, organisation):
    """An approved beheerder-member of the organisation."""
    if organisation is None or not user.is_authenticated:
        return False
    membership = approved_memberships(user).get(organisation.pk)
    return membership is not None and membership[0] == Membership.Role.BEHEERDER


@rules.predicate
def is_organisation_member(user, organisation):
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.pk in approved_memberships(user)


@rules.predicate
def administers_membership_organisation(user, membership):
    return membership is not None and is_organisation_admin(user, membership.organisation)


@rules.predicate
def is_own_membership(user, membership):
    return membership is not None and membership.user_id == user.pk


can_decide_membership = is_netwerkmanager | is_beheerder | administers_membership_organisation

rules.add_perm("atlas.request_membership", is_logged_in)
rules.add_perm("atlas.decide_membership", is_logged_in & can_decide_membership)
rules.add_perm("atlas.end_membership", is_logged_in & (is_own_membership | can_decide_membership))
rules.add_perm("atlas.view_membership", is_logged_in & (is_own_membership | can_decide_membership))
rules.add_perm(
    "atlas.manage_organisation",
    is_logged_in & (is_netwerkmanager | is_beheerder | is_organisation_admin),
)
# The audit trail of the organisation's own record: platform beheerders and the organisation's beheerders.
rules.add_perm(
    "atlas.view_organisation_audit", is_logged_in & (is_beheerder | is_organisation_admin)
)

# Curators: verify organisations and merge duplicates.
is_curator = is_netwerkmanager | is_contentbeheerder | is_beheerder


@rules.predicate
def proposal_organisation_managed(user, proposal):
    return proposal is not None and user.has_perm(
        "atlas.manage_organisation", proposal.organisation
    )


@rules.predicate
def is_own_saved_search(user, saved_search):
    return saved_search is not None and saved_search.user_id == user.pk


rules.add_perm("atlas.propose_organisation_change", is_logged_in & is_organisation_member)
rules.add_perm("atlas.decide_organisation_change", is_logged_in & proposal_organisation_managed)
rules.add_perm("atlas.verify_organisation", is_logged_in & is_curator)
rules.add_perm("atlas.merge_organisation", is_logged_in & is_curator)
rules.add_perm("atlas.view_contact_details", is_logged_in)
rules.add_perm("atlas.save_search", is_logged_in)
rules.add_perm("atlas.delete_saved_search", is_logged_in & is_own_saved_search)


# --- Network content: news, agenda, marketplace, stories, kennisbank, following ----------------

# Contentbeheerders curate news, the kennisbank and the moderation queue (and a beheerder may).
is_editor = is_contentbeheerder | is_beheerder


@rules.predicate
def is_event_owner(user, event):
    if event is None or not user.is_authenticated:
        return False
    return event.created_by_id == user.pk or (
        event.organiser is not None and is_organisation_admin(user, event.organiser)
    )


@rules.predicate
def is_listing_organisation_member(user, listing):
    return listing is not None and is_organisation_member(user, listing.organisation)


@rules.predicate
def is_story_author(user, story):
    return story is not None and story.author_id == user.pk


rules.add_perm("atlas.publish_news", is_logged_in & is_editor)
rules.add_perm("atlas.suggest_news", is_logged_in)
rules.add_perm("atlas.create_event", is_logged_in)
# Netwerkmanagers plan network moments such as collective deal kick-offs, and may move them.
rules.add_perm(
    "atlas.change_event", is_logged_in & (is_event_owner | is_editor | is_netwerkmanager)
)
rules.add_perm("atlas.sign_up_event", is_logged_in)
# A listing belongs to an organisation: only its members post, close or withdraw it.
rules.add_perm("atlas.post_listing", is_logged_in & is_organisation_member)
rules.add_perm("atlas.manage_listing", is_logged_in & (is_listing_organisation_member | is_editor))
rules.add_perm("atlas.respond_listing", is_logged_in & ~is_listing_organisation_member)
rules.add_perm("atlas.post_story", is_logged_in)
rules.add_perm("atlas.change_story", is_logged_in & is_story_author)
rules.add_perm("atlas.comment_story", is_logged_in)
rules.add_perm("atlas.report_content", is_logged_in)
rules.add_perm("atlas.moderate", is_logged_in & is_editor)
rules.add_perm("atlas.propose_lesson", is_logged_in)
rules.add_perm("atlas.edit_lesson", is_logged_in & is_editor)
rules.add_perm("atlas.follow", is_logged_in)
