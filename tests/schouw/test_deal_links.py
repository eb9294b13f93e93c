"""The deal page links across the cycle: its partners in residence, its schouw rounds and the
lessons that came from them, through template tags of the higher apps; query count pinned."""

import pytest

from deals.models import Deal, DealPartner
from tests.atlas.factories import ApprovedMembershipFactory, LessonFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory
from tests.residence.factories import ResidencyFactory
from tests.schouw.factories import SchouwRoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal():
    deal = DealFactory(status=Deal.Status.LOPEND, title="Samen aan tafel")
    DealPartnerFactory(
        deal=deal,
        organisation=OrganisationFactory(name="Cluster MO"),
        role=DealPartner.Role.PARTNER,
    )
    return deal


def _add_cycle(deal, n):
    host = deal.partners.get(role="partner")
    for _ in range(n):
        residency = ResidencyFactory(deal=deal, host_partner=host)
        schouw_round = SchouwRoundFactory(deal=deal, status="afgerond")
        LessonFactory(
            source_type="residentie",
            source_id=str(residency.pk),
            title=f"Les residentie {residency.pk}",
        )
        LessonFactory(
            source_type="schouw",
            source_id=str(schouw_round.pk),
            title=f"Les schouw {schouw_round.pk}",
        )


def test_partners_see_residencies_rounds_and_lessons_in_a_fixed_number_of_queries(
    deal, client, django_assert_max_num_queries
):
    member = ApprovedMembershipFactory(
        organisation=deal.partners.get(role="aanjager").organisation
    ).user
    client.force_login(member)
    _add_cycle(deal, 1)
    with django_assert_max_num_queries(200) as first:
        client.get(deal.get_absolute_url())
    _add_cycle(deal, 4)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(deal.get_absolute_url())
    html = response.content.decode()
    assert html.count("/partner-in-residence/") >= 5
    for residency in deal.residencies.all():
        assert residency.get_absolute_url() in html
    for schouw_round in deal.schouw_rounds.all():
        assert f"/schouw/{schouw_round.pk}/" in html
    assert html.count("Les residentie") == 5 and html.count("Les schouw") == 5
    assert f"/schouw/deal-{deal.pk}/" in html


def test_the_public_sees_published_lessons_only(deal, client):
    _add_cycle(deal, 1)
    residency = deal.residencies.get()
    LessonFactory(
        source_type="residentie",
        source_id=str(residency.pk),
        title="Nog in redactie",
        status="in_redactie",
    )
    LessonFactory(source_type="schouw", source_id="999999", title="Van een andere deal")
    html = client.get(deal.get_absolute_url()).content.decode()
    assert "Les residentie" in html and "Les schouw" in html
    assert "Nog in redactie" not in html and "Van een andere deal" not in html
    assert residency.get_absolute_url() not in html  # a residency is for the partners
    assert f"/schouw/deal-{deal.pk}/" not in html
    outsider = UserFactory()
    client.force_login(outsider)
    html = client.get(deal.get_absolute_url()).content.decode()
    assert residency.get_absolute_url() not in html and f"/schouw/deal-{deal.pk}/" not in html
