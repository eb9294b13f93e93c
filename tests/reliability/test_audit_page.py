"""Beheerders read the audit trail on a page of its own, with filters and pages; the beheerders of
an organisation read the trail of their own records; everyone else is refused. Every organisation,
deal, residency, schouw round, lesson and kompas edition page links to its trail for those allowed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atlas import services as atlas_services
from deals.models import Deal
from reisgids.core.models import AuditEvent
from reisgids.core.roles import Role
from reisgids.core.services import audit_record
from tests.atlas.factories import ApprovedMembershipFactory, LessonFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory
from tests.kompas.factories import KompasEditionFactory
from tests.residence.factories import ResidencyFactory
from tests.schouw.factories import SchouwRoundFactory

URL = reverse("core:audit-list")
LINK_TEXT = "Audittrail van dit record"

pytestmark = pytest.mark.django_db


def _admin_of(organisation):
    return ApprovedMembershipFactory(
        organisation=organisation, role="beheerder", user__roles=[Role.INITIATIEFNEMER]
    ).user


def _trail_of(organisation):
    return f"{URL}?type=atlas.organisation&id={organisation.pk}"


@pytest.fixture
def two_organisations():
    """Two organisations, each created and changed through the services, so each has a trail."""
    netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER], name="Nadia Netwerk")
    keuken = atlas_services.organisation_create(
        actor=netwerkmanager, data={"name": "Buurtkeuken", "type": "initiatief"}
    )
    tuin = atlas_services.organisation_create(
        actor=netwerkmanager, data={"name": "Moestuin", "type": "initiatief"}
    )
    atlas_services.organisation_update(
        actor=netwerkmanager, organisation=keuken, data={"phone": "010 111 22 33"}
    )
    return keuken, tuin


def test_a_beheerder_reads_the_whole_trail_with_what_changed(client, two_organisations):
    client.force_login(UserFactory(roles=[Role.BEHEERDER]))
    page = client.get(URL).content.decode()
    assert "Buurtkeuken" in page and "Moestuin" in page
    assert "organisation_update" in page and "Nadia Netwerk" in page
    assert "phone:" in page and "010 111 22 33" in page  # field: old → new


def test_the_filters_narrow_the_trail(client, two_organisations):
    _keuken, tuin = two_organisations
    client.force_login(UserFactory(roles=[Role.BEHEERDER]))

    def actions(query):
        response = client.get(URL, query)
        assert response.status_code == 200
        return sorted((e.action, e.target_label) for e in response.context["object_list"])

    assert actions({"type": "atlas.organisation", "id": tuin.pk}) == [
        ("organisation_create", "Moestuin")
    ]
    assert actions({"action": "update"}) == [("organisation_update", "Buurtkeuken")]
    assert len(actions({"actor": "nadia"})) == 3
    assert actions({"actor": "niemand"}) == []
    today = timezone.localdate()
    assert len(actions({"date_from": today.isoformat(), "date_to": today.isoformat()})) == 3
    assert actions({"date_from": (today + datetime.timedelta(days=1)).isoformat()}) == []
    assert actions({"date_to": (today - datetime.timedelta(days=1)).isoformat()}) == []


def test_bad_filter_input_is_a_message_not_an_error(client, two_organisations):
    client.force_login(UserFactory(roles=[Role.BEHEERDER]))
    response = client.get(URL, {"date_from": "gisteren", "type": "geen.model"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "geldige datum" in page
    assert list(response.context["object_list"]) == []


def test_the_trail_comes_in_pages(client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    beheerder = UserFactory(roles=[Role.BEHEERDER])
    for n in range(55):
        audit_record(
            actor=beheerder, action="organisation_update", target=organisation, changes={"n": n}
        )
    client.force_login(beheerder)
    with django_assert_max_num_queries(8):
        first = client.get(URL)
    assert len(first.context["object_list"]) == 50 and first.context["paginator"].num_pages == 2
    second = client.get(URL, {"page": 2})
    assert len(second.context["object_list"]) == 5
    assert client.get(URL, {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    "role",
    [
        Role.INITIATIEFNEMER,
        Role.AMBTENAAR,
        Role.CONTENTBEHEERDER,
        Role.BESTUURDER,
        Role.NETWERKMANAGER,
    ],
)
def test_other_roles_are_refused(client, role, two_organisations):
    keuken, _tuin = two_organisations
    client.force_login(UserFactory(roles=[role]))
    assert client.get(URL).status_code == 403
    assert client.get(_trail_of(keuken)).status_code == 403


def test_a_visitor_is_asked_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_organisations_beheerder_reads_only_its_own_trail(client, two_organisations):
    keuken, tuin = two_organisations
    admin = _admin_of(keuken)
    client.force_login(admin)
    own = client.get(_trail_of(keuken))
    assert own.status_code == 200
    assert {(e.target_type, e.target_id) for e in own.context["object_list"]} == {
        ("atlas.organisation", str(keuken.pk))
    }
    assert client.get(_trail_of(tuin)).status_code == 403
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"type": "atlas.organisation", "id": "geen-getal"}).status_code == 403
    member = ApprovedMembershipFactory(organisation=keuken, role="lid").user
    client.force_login(member)
    assert client.get(_trail_of(keuken)).status_code == 403


def test_the_pages_link_to_their_trail_for_a_beheerder(client):
    beheerder = UserFactory(roles=[Role.BEHEERDER])
    deal = DealFactory(status=Deal.Status.LOPEND)
    lesson = LessonFactory()
    edition = KompasEditionFactory()
    organisation = OrganisationFactory()
    client.force_login(beheerder)
    for record in (organisation, deal, lesson, edition):
        page = client.get(record.get_absolute_url()).content.decode()
        trail = f"{URL}?type={record._meta.label_lower}&amp;id={record.pk}"
        assert LINK_TEXT in page and trail in page, record
        assert (
            client.get(f"{URL}?type={record._meta.label_lower}&id={record.pk}").status_code == 200
        )


def test_partner_beheerders_see_the_link_on_their_residency_and_schouw_round(client):
    residency = ResidencyFactory()
    sending_admin = _admin_of(residency.sending_partner.organisation)
    schouw_round = SchouwRoundFactory(deal=residency.deal)
    client.force_login(sending_admin)
    for record in (residency, schouw_round, residency.deal, residency.sending_partner.organisation):
        page = client.get(record.get_absolute_url())
        assert page.status_code == 200, record
        assert LINK_TEXT in page.content.decode(), record
        assert (
            client.get(f"{URL}?type={record._meta.label_lower}&id={record.pk}").status_code == 200
        )


def test_a_plain_member_or_visitor_sees_no_link(client):
    organisation = OrganisationFactory()
    deal = DealFactory(status=Deal.Status.LOPEND, aanjager=organisation)
    member = ApprovedMembershipFactory(organisation=organisation, role="lid").user
    for user in (member, None):
        if user:
            client.force_login(user)
        else:
            client.logout()
        for record in (organisation, deal):
            assert LINK_TEXT not in client.get(record.get_absolute_url()).content.decode()
    assert not AuditEvent.objects.filter(
        target_id=str(organisation.pk), action__startswith="view"
    ).exists()


def test_the_dashboard_links_a_beheerder_to_the_trail(client):
    client.force_login(UserFactory(roles=[Role.BEHEERDER]))
    assert URL in client.get(reverse("dashboard")).content.decode()
    client.force_login(UserFactory(roles=[Role.NETWERKMANAGER]))
    assert URL not in client.get(reverse("dashboard")).content.decode()


def test_the_trail_of_a_deal_shows_its_parts(client):
    from deals import services as deal_services
    from deals.models import DealPartner
    from tests.deals.factories import DealPartnerFactory

    aanjager = OrganisationFactory()
    member = ApprovedMembershipFactory(organisation=aanjager, role="lid").user
    deal = DealFactory(status=Deal.Status.PLANNING, aanjager=aanjager, created_by=member)
    partner = DealPartnerFactory(deal=deal, role=DealPartner.Role.PARTNER)
    task = deal_services.task_create(
        actor=member, deal=deal, partner=partner, title="Soep koken voor twintig"
    )
    deal_services.task_archive(actor=member, task=task)
    other = DealFactory(status=Deal.Status.PLANNING, aanjager=aanjager, created_by=member)
    deal_services.deal_update(actor=member, deal=other, title="Een andere deal")
    client.force_login(UserFactory(roles=[Role.BEHEERDER]))
    response = client.get(URL, {"type": "deals.deal", "id": deal.pk})
    shown = [(e.action, e.target_type) for e in response.context["object_list"]]
    assert shown == [("task_archive", "deals.task"), ("task_create", "deals.task")]
    assert "Soep koken voor twintig" in response.content.decode()
    assert client.get(URL, {"type": "deals.task", "id": task.pk}).context["paginator"].count == 2
