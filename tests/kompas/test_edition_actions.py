"""The actions posted on an edition page: each one names a kompas service, any other is 404."""

import pytest
from django.contrib.messages import get_messages

from kompas import services
from kompas.models import Edition
from kompas.views import EditionActionView
from tests.kompas.factories import KompasEditionFactory, KompasProposalFactory


@pytest.mark.parametrize("slug", sorted(EditionActionView.actions))
def test_every_action_names_a_callable_kompas_service(slug):
    service = EditionActionView.actions[slug].service
    assert callable(service)
    assert getattr(services, service.__name__, None) is service, slug


def test_posting_an_unknown_action_is_404(db, client, contentbeheerder):
    edition = KompasEditionFactory(status=Edition.Status.CONCEPT)
    KompasProposalFactory(edition=edition)
    client.force_login(contentbeheerder)
    assert client.post(f"/kompas/{edition.pk}/bestaat-niet/").status_code == 404
    response = client.post(f"/kompas/{edition.pk}/consultation/")
    assert response["Location"] == edition.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "De consultatie is geopend. Alle leden kunnen nu reageren en steunen."
    ]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.CONSULTATIE
