import pytest
from django.urls import reverse

from atlas.models import Membership
from tests.atlas.factories import MembershipFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_organisations_are_public_and_filterable(api_client):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    OrganisationFactory(name="Aanschuiftafel", themes=[theme])
    OrganisationFactory(name="Klussendienst")
    body = api_client.get(reverse("api:organisation-list"), {"theme": "eenzaamheid"}).json()
    assert body["count"] == 1
    assert body["results"][0]["name"] == "Aanschuiftafel"
    assert body["results"][0]["themes"] == [{"slug": "eenzaamheid", "name": "Eenzaamheid"}]


def test_unknown_filter_value_is_a_400_with_detail(api_client):
    response = api_client.get(reverse("api:organisation-list"), {"type": "ruimteschip"})
    assert response.status_code == 400
    assert response.json()["detail"] == "De invoer is niet geldig."


def test_anonymous_cannot_write(api_client, organisation):
    response = api_client.post(reverse("api:membership-list"), {"organisation": organisation.slug})
    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert not Membership.objects.exists()


def test_request_approve_flow_over_the_api(api_client, outsider, org_admin, organisation):
    api_client.force_authenticate(outsider)
    created = api_client.post(
        reverse("api:membership-list"), {"organisation": organisation.slug, "motivation": "Hoi"}
    )
    assert created.status_code == 201
    membership_id = created.json()["id"]
    duplicate = api_client.post(reverse("api:membership-list"), {"organisation": organisation.slug})
    assert duplicate.status_code == 400
    assert duplicate.json()["detail"].startswith("Uw aanvraag voor")

    self_approve = api_client.post(reverse("api:membership-approve", args=[membership_id]), {})
    assert self_approve.status_code == 403

    api_client.force_authenticate(org_admin)
    approved = api_client.post(
        reverse("api:membership-approve", args=[membership_id]), {"role": "lid"}
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "goedgekeurd"
    again = api_client.post(reverse("api:membership-reject", args=[membership_id]), {})
    assert again.status_code == 409
    assert "al besloten" in again.json()["detail"]


def test_request_for_unknown_organisation_is_a_400(api_client, outsider):
    api_client.force_authenticate(outsider)
    response = api_client.post(reverse("api:membership-list"), {"organisation": "bestaat-niet"})
    assert response.status_code == 400
    assert response.json()["errors"]["organisation"] == ["Deze organisatie bestaat niet."]


def test_bad_role_is_a_400(api_client, org_admin, organisation):
    pending = MembershipFactory(organisation=organisation)
    api_client.force_authenticate(org_admin)
    response = api_client.post(
        reverse("api:membership-approve", args=[pending.pk]), {"role": "koning"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "De invoer is niet geldig."


def test_memberships_of_other_organisations_are_invisible(
    api_client, other_org_admin, organisation
):
    pending = MembershipFactory(organisation=organisation)
    api_client.force_authenticate(other_org_admin)
    listed = api_client.get(reverse("api:membership-list")).json()
    assert pending.pk not in [m["id"] for m in listed["results"]]
    response = api_client.post(reverse("api:membership-approve", args=[pending.pk]), {})
    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden."


def test_reject_and_end_over_the_api(api_client, netwerkmanager, member, organisation):
    pending = MembershipFactory(organisation=organisation)
    api_client.force_authenticate(netwerkmanager)
    rejected = api_client.post(
        reverse("api:membership-reject", args=[pending.pk]), {"note": "Niet bekend"}
    )
    assert rejected.json()["status"] == "afgewezen"
    own = Membership.objects.get(user=member)
    api_client.force_authenticate(member)
    ended = api_client.post(reverse("api:membership-end", args=[own.pk]))
    assert ended.json()["status"] == "beeindigd"
