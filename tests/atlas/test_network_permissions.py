"""The permission matrix of the network content: every role against every action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from reisgids.core.roles import Role
from tests.atlas.factories import (
    ApprovedMembershipFactory,
    EventFactory,
    ListingFactory,
    StoryFactory,
)
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

GLOBAL = {
    # permission: roles that have it (anonymous never)
    "atlas.publish_news": {Role.CONTENTBEHEERDER, Role.BEHEERDER},
    "atlas.suggest_news": set(Role),
    "atlas.create_event": set(Role),
    "atlas.sign_up_event": set(Role),
    "atlas.post_story": set(Role),
    "atlas.comment_story": set(Role),
    "atlas.report_content": set(Role),
    "atlas.moderate": {Role.CONTENTBEHEERDER, Role.BEHEERDER},
    "atlas.propose_lesson": set(Role),
    "atlas.edit_lesson": {Role.CONTENTBEHEERDER, Role.BEHEERDER},
    "atlas.follow": set(Role),
}


@pytest.mark.parametrize("role", list(Role))
def test_global_permissions_per_role(role):
    user = UserFactory(roles=[role])
    for perm, roles in GLOBAL.items():
        assert user.has_perm(perm) == (role in roles), (perm, role)
        assert not AnonymousUser().has_perm(perm), perm


@pytest.mark.parametrize("role", list(Role))
def test_listing_permissions_follow_the_organisation(role, organisation):
    listing = ListingFactory(organisation=organisation)
    outsider = UserFactory(roles=[role])
    member = ApprovedMembershipFactory(organisation=organisation, user__roles=[role]).user
    editor = role in (Role.CONTENTBEHEERDER, Role.BEHEERDER)
    assert member.has_perm("atlas.post_listing", organisation)
    assert not outsider.has_perm("atlas.post_listing", organisation)
    assert member.has_perm("atlas.manage_listing", listing)
    assert outsider.has_perm("atlas.manage_listing", listing) == editor
    assert outsider.has_perm("atlas.respond_listing", listing)
    assert not member.has_perm("atlas.respond_listing", listing)
    assert not AnonymousUser().has_perm("atlas.respond_listing", listing)


@pytest.mark.parametrize("role", list(Role))
def test_event_and_story_owners(role, organisation, org_admin):
    creator = UserFactory(roles=[role])
    event = EventFactory(created_by=creator, organiser=organisation)
    other = UserFactory(roles=[role])
    editor = role in (Role.CONTENTBEHEERDER, Role.BEHEERDER)
    assert creator.has_perm("atlas.change_event", event)
    assert org_admin.has_perm("atlas.change_event", event)
    assert other.has_perm("atlas.change_event", event) == (editor or role == Role.NETWERKMANAGER)
    story = StoryFactory(author=creator)
    assert creator.has_perm("atlas.change_story", story)
    assert not other.has_perm("atlas.change_story", story)
