"""The deal page's task form offers the partners the page already read, and still validates
against the database."""

import pytest

from deals import forms, selectors
from deals.models import DealPartner
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory

pytestmark = pytest.mark.django_db


def test_task_form_lists_accepted_partners_without_a_query_of_its_own(django_assert_num_queries):
    deal = DealFactory()
    accepted = DealPartnerFactory(deal=deal, organisation__name="Buurtkracht Noord")
    invited = DealPartnerFactory(
        deal=deal, organisation__name="Wijkteam Zuid", status=DealPartner.Status.UITGENODIGD
    )
    staff = UserFactory(is_superuser=True)
    loaded = selectors.deal_detail(actor=staff, pk=deal.pk)
    with django_assert_num_queries(0):
        html = str(forms.TaskForm(deal=loaded, auto_id="task-%s"))
    assert "Buurtkracht Noord" in html
    assert "Wijkteam Zuid" not in html
    assert forms.TaskForm({"partner": accepted.pk, "title": "Flyers"}, deal=loaded).is_valid()
    refused = forms.TaskForm({"partner": invited.pk, "title": "Flyers"}, deal=loaded)
    assert not refused.is_valid()
    assert "partner" in refused.errors
