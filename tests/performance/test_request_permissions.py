"""Permission checks read the user's memberships once per request, and never a stale copy."""

import pytest
from django.urls import reverse

from atlas import request_cache
from atlas.models import Membership
from atlas.permissions import is_organisation_admin, is_organisation_member
from deals.models import Deal
from schouw import selectors as schouw_selectors
from schouw.models import SchouwRound
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory
from tests.schouw.factories import SchouwRoundFactory

pytestmark = pytest.mark.django_db


def test_within_a_request_memberships_are_read_once_and_a_change_is_seen(django_assert_num_queries):
    user, organisation = UserFactory(), OrganisationFactory()
    request_cache.start()
    try:
        with django_assert_num_queries(1):
            assert not is_organisation_member(user, organisation)
            assert not is_organisation_admin(user, organisation)
        ApprovedMembershipFactory(
            user=user, organisation=organisation, role=Membership.Role.BEHEERDER
        )
        with django_assert_num_queries(1):  # saving a membership forgot what was kept
            assert is_organisation_member(user, organisation)
            assert is_organisation_admin(user, organisation)
    finally:
        request_cache.finish()


def test_outside_a_request_every_check_reads_the_database(client):
    user, organisation = UserFactory(), OrganisationFactory()
    membership = ApprovedMembershipFactory(user=user, organisation=organisation)
    client.force_login(user)
    assert (
        client.get(reverse("deals:deal-list")).status_code == 200
    )  # a request starts and ends a scope
    assert is_organisation_member(user, organisation)
    Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.AFGEWEZEN
    )  # no signal
    assert not is_organisation_member(user, organisation)


def test_coverage_counts_follow_the_rule_of_coverage_of_deals(django_assert_num_queries):
    done, busy, none_yet = (DealFactory(status=Deal.Status.LOPEND) for _ in range(3))
    SchouwRoundFactory(deal=done, status=SchouwRound.Status.AFGEROND)
    SchouwRoundFactory(deal=done, status=SchouwRound.Status.WAARDEREND)
    SchouwRoundFactory(deal=busy, status=SchouwRound.Status.MEETLAT)
    deals = Deal.objects.filter(pk__in=[done.pk, busy.pk, none_yet.pk])
    with django_assert_num_queries(1):
        counts = schouw_selectors.coverage_counts(deals=deals)
    per_deal = schouw_selectors.coverage_of_deals(deal_ids=[done.pk, busy.pk, none_yet.pk])
    assert per_deal == {done.pk: "afgerond", busy.pk: "bezig"}
    assert counts == {"afgerond": 1, "bezig": 1, "geen": 1}
