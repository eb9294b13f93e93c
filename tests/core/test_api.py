import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from reisgids.core.roles import Role

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_and_lists_the_endpoints(api_client):
    response = api_client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    assert "/api/v1/organisations/" in schema["paths"]
    assert "/api/v1/memberships/{id}/approve/" in schema["paths"]


def test_api_docs_page_uses_local_assets_only(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html
    assert "unpkg.com" not in html


def test_me_requires_authentication_with_a_dutch_detail(api_client):
    response = api_client.get(reverse("api:me"))
    assert response.status_code in (401, 403)
    assert response.json()["detail"] == "Authenticatiegegevens zijn niet opgegeven."


def test_me_with_token_authentication(api_client):
    user = UserFactory(name="Token Tineke", roles=[Role.AMBTENAAR, Role.BESTUURDER])
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = api_client.get(reverse("api:me")).json()
    assert body["name"] == "Token Tineke"
    assert body["roles"] == ["ambtenaar", "bestuurder"]


def test_a_bad_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token onzin")
    response = api_client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Ongeldige token."
