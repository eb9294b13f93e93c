import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from reisgids.core.roles import Role
from tests.core.factories import UserFactory

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


def test_api_root_lists_every_endpoint_of_version_1_with_absolute_urls(api_client):
    response = api_client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    endpoints = body["endpoints"]
    for name in [
        "news",
        "events",
        "organisations",
        "deals",
        "lessons",
        "schouw/rounds",
        "kompas/editions",
        "me",
    ]:
        assert endpoints[name] == f"http://testserver/api/v1/{name}/"
    assert body["schema"] == "http://testserver/api/schema/"
    assert body["docs"] == "http://testserver/api/docs/"


def test_api_root_holds_every_list_path_of_the_schema(api_client):
    schema = api_client.get(reverse("api-schema"), {"format": "json"}).json()
    list_paths = {
        path for path in schema["paths"] if path.startswith("/api/v1/") and "{" not in path
    }
    list_paths.discard("/api/v1/")  # the root itself
    indexed = {
        url.removeprefix("http://testserver")
        for url in api_client.get("/api/v1/").json()["endpoints"].values()
    }
    assert list_paths, "the schema has list paths"
    assert list_paths <= indexed, sorted(list_paths - indexed)
    assert "/api/v1/" in schema["paths"]  # the root is documented too


def test_every_endpoint_of_the_api_root_answers(api_client):
    for name, url in api_client.get("/api/v1/").json()["endpoints"].items():
        response = api_client.get(url)
        assert response.status_code in (200, 401, 403), (name, response.status_code)


def test_api_root_in_a_browser_is_the_browsable_page(client):
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "http://testserver/api/v1/organisations/" in html
    assert "http://testserver/api/schema/" in html
    assert "API van de Reisgids, versie 1" in html
