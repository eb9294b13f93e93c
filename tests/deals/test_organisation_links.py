"""The organisation page of the atlas shows the organisation's public deals, the lessons from
them and its stories, through template tags of the higher apps; query count pinned."""

import pytest

from deals.models import Deal
from tests.atlas.factories import LessonFactory, OrganisationFactory, StoryFactory
from tests.deals.factories import DealFactory
from tests.residence.factories import ResidencyFactory
from tests.schouw.factories import SchouwRoundFactory

pytestmark = pytest.mark.django_db


def _add(org, n):
    for i in range(n):
        deal = DealFactory(
            status=Deal.Status.LOPEND, aanjager=org, title=f"Openbare deal {org.pk}-{i}"
        )
        schouw_round = SchouwRoundFactory(deal=deal, status="afgerond")
        residency = ResidencyFactory(deal=deal)
        LessonFactory(
            source_type="schouw",
            source_id=str(schouw_round.pk),
            title=f"Les uit de schouw {deal.pk}",
        )
        LessonFactory(
            source_type="residentie",
            source_id=str(residency.pk),
            title=f"Les uit de residentie {deal.pk}",
        )
        StoryFactory(organisation=org, title=f"Verhaal van {org.name} {i}")


def test_organisation_page_shows_public_deals_lessons_and_stories(
    client, django_assert_max_num_queries
):
    org = OrganisationFactory(name="Aanschuiftafel")
    _add(org, 1)
    with django_assert_max_num_queries(200) as first:
        client.get(org.get_absolute_url())
    _add(org, 3)
    draft = DealFactory(status=Deal.Status.IDEE, aanjager=org, title="Nog een idee")
    LessonFactory(source_type="deal", source_id=str(draft.pk), title="Les van een concept")
    LessonFactory(source_type="deal", source_id="0", title="Les van elders", status="voorgesteld")
    StoryFactory(organisation=OrganisationFactory(), title="Verhaal van een ander")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(org.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Openbare deal") == 4
    assert "Nog een idee" not in html and "Les van een concept" not in html  # not in the register
    assert html.count("Les uit de schouw") == 4 and html.count("Les uit de residentie") == 4
    assert html.count("Verhaal van Aanschuiftafel") == 4 and "Verhaal van een ander" not in html
    assert "Les van elders" not in html
    for deal in Deal.objects.filter(title__startswith="Openbare deal"):
        assert deal.get_absolute_url() in html


def test_an_organisation_without_deals_says_so(client):
    org = OrganisationFactory()
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Nog geen deals, lessen of verhalen." in html
