import pytest
from django.urls import reverse

from atlas.models import Membership
from tests.atlas.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def test_organisation_list_searches_and_filters(client):
    zorg = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    delfshaven = AreaFactory(name="Delfshaven", slug="delfshaven")
    middelland = WijkFactory(name="Middelland", slug="middelland", parent=delfshaven)
    OrganisationFactory(
        name="Zorgvrijstaat West", description="Zorgzame buurt", themes=[zorg], areas=[middelland]
    )
    OrganisationFactory(
        name="Roffabriek", description="Sociale ondernemingen", citywide=True, type="netwerk"
    )
    OrganisationFactory(name="Noordkeuken", description="Eten", areas=[AreaFactory(slug="noord")])
    url = reverse("atlas:organisation-list")

    names = lambda response: [o.name for o in response.context["object_list"]]  # noqa: E731
    assert names(client.get(url, {"q": "zorg"})) == ["Zorgvrijstaat West"]
    assert names(client.get(url, {"theme": "mantelzorg"})) == ["Zorgvrijstaat West"]
    assert names(client.get(url, {"type": "netwerk"})) == ["Roffabriek"]
    # A gebied finds what works in its wijken, and the citywide parties.
    assert names(client.get(url, {"area": "delfshaven"})) == ["Roffabriek", "Zorgvrijstaat West"]
    assert names(client.get(url, {"area": "middelland"})) == ["Roffabriek", "Zorgvrijstaat West"]
    page = client.get(url, {"q": "bestaat niet"}).content.decode()
    assert "Niets gevonden" in page


def test_organisation_list_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries
):
    theme = ThemeFactory()
    for _ in range(30):
        OrganisationFactory(themes=[theme], areas=[AreaFactory()])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("atlas:organisation-list"))
    assert len(response.context["object_list"]) == 25


def test_archived_organisations_are_not_shown(client):
    OrganisationFactory(name="Oud Initiatief", slug="oud", is_archived=True)
    assert "Oud Initiatief" not in client.get(reverse("atlas:organisation-list")).content.decode()
    assert client.get(reverse("atlas:organisation-detail", args=["oud"])).status_code == 404


def test_detail_invites_anonymous_visitors_to_log_in(client, organisation):
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert organisation.name in html
    assert "om lid te worden van deze organisatie" in html


def test_request_membership_through_the_page(client, outsider, organisation):
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:membership-request", args=[organisation.slug]),
        {"motivation": "Ik kook mee"},
        follow=True,
    )
    assert "Uw aanvraag is verstuurd" in response.content.decode()
    assert "wacht op een besluit" in response.content.decode()
    assert Membership.objects.get(user=outsider).motivation == "Ik kook mee"
    again = client.post(
        reverse("atlas:membership-request", args=[organisation.slug]), {}, follow=True
    )
    assert "wacht al op een besluit" in again.content.decode()


def test_too_long_motivation_is_refused_on_the_page(client, outsider, organisation):
    client.force_login(outsider)
    response = client.post(
        reverse("atlas:membership-request", args=[organisation.slug]),
        {"motivation": "x" * 2001},
        follow=True,
    )
    assert "De toelichting is te lang." in response.content.decode()
    assert not Membership.objects.filter(user=outsider).exists()


def test_anonymous_request_goes_to_login(client, organisation):
    response = client.post(reverse("atlas:membership-request", args=[organisation.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Membership.objects.exists()


def test_org_admin_decides_on_the_page(client, org_admin, organisation):
    pending = MembershipFactory(organisation=organisation, motivation="Vrijwilliger")
    client.force_login(org_admin)
    page = client.get(reverse("atlas:membership-list")).content.decode()
    assert "Vrijwilliger" in page
    response = client.post(
        reverse("atlas:membership-decide", args=[pending.pk]),
        {"decision": "approve", "role": "lid"},
        follow=True,
    )
    assert "is nu lid van" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Membership.Status.GOEDGEKEURD


def test_reject_on_the_page(client, netwerkmanager, organisation):
    pending = MembershipFactory(organisation=organisation)
    client.force_login(netwerkmanager)
    response = client.post(
        reverse("atlas:membership-decide", args=[pending.pk]),
        {"decision": "reject", "role": "lid"},
        follow=True,
    )
    assert "is afgewezen" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AFGEWEZEN


def test_decision_without_choice_is_refused(client, org_admin, organisation):
    pending = MembershipFactory(organisation=organisation)
    client.force_login(org_admin)
    response = client.post(reverse("atlas:membership-decide", args=[pending.pk]), {}, follow=True)
    assert "Kies goedkeuren of afwijzen." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AANGEVRAAGD


def test_admin_of_another_organisation_gets_404_and_changes_nothing(
    client, other_org_admin, organisation
):
    pending = MembershipFactory(organisation=organisation)
    client.force_login(other_org_admin)
    assert (
        "Er wachten geen aanvragen op u."
        in client.get(reverse("atlas:membership-list")).content.decode()
    )
    response = client.post(
        reverse("atlas:membership-decide", args=[pending.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AANGEVRAAGD


def test_the_applicant_cannot_approve_themselves_on_the_page(client, organisation):
    pending = MembershipFactory(organisation=organisation)
    client.force_login(pending.user)
    response = client.post(
        reverse("atlas:membership-decide", args=[pending.pk]),
        {"decision": "approve", "role": "beheerder"},
        follow=True,
    )
    assert "Alleen een beheerder van de organisatie" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Membership.Status.AANGEVRAAGD


def test_member_leaves_on_the_page(client, member, organisation):
    membership = Membership.objects.get(user=member)
    client.force_login(member)
    response = client.post(reverse("atlas:membership-end", args=[membership.pk]), follow=True)
    assert "Het lidmaatschap is beëindigd." in response.content.decode()
    again = client.post(reverse("atlas:membership-end", args=[membership.pk]), follow=True)
    assert "al afgesloten" in again.content.decode()


def test_dashboard_lists_memberships_and_waiting_requests(client, org_admin, organisation):
    MembershipFactory(organisation=organisation)
    client.force_login(org_admin)
    html = client.get(reverse("dashboard")).content.decode()
    assert organisation.name in html
    assert "Er is 1 aanvraag om lid te worden." in html
