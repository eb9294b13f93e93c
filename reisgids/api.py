"""API-wide pieces: the refusals in the OpenAPI schema, and a JSON 404 for unknown API paths.

Every error of the API has the same body, ``{"detail": "..."}`` (plus ``errors`` per field for
invalid input), rendered by ``reisgids.core.errors.api_exception_handler``. The postprocessing hook
below adds that body as the shared component ``Error`` and, per operation, the error responses it
can return, so clients (and the schema tests in tests/security) know every status code:

- 400 for writes and for operations with query parameters (filters, paging),
- 404 for a path with an id or slug, and for paged lists (a page that does not exist),
- 409 for writes (a transition the record's current step does not allow),
- 401, 403 and 429 everywhere (a missing or bad token, a permission, throttling).

``APIRootView`` answers ``GET /api/v1/``: an index of every endpoint of version 1 without a path
parameter, read from the URLconf, so that an endpoint a router registers appears by itself.

``not_found`` is the project's 404 handler: below ``/api/`` a path that matches no route (an id
that is not a number, a slug with characters a slug cannot have) gets the same JSON body as any
other refusal of the API; pages keep the HTML 404.
"""

from django.http import JsonResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

API_NAMESPACE = "api"

ERROR_SCHEMA = {
    "type": "object",
    "description": "Een weigering: wat er mis is, in de taal van de gebruiker (standaard Nederlands).",
    "properties": {
        "detail": {"type": "string", "description": "De melding voor de gebruiker."},
        "errors": {
            "type": "object",
            "additionalProperties": True,
            "description": "Bij ongeldige invoer: de meldingen per veld.",
        },
    },
    "required": ["detail"],
}

ERROR_RESPONSES = {
    "400": (
        "BadRequest",
        "Ongeldige invoer of een ongeldig filter; de meldingen staan in detail en errors.",
    ),
    "401": ("Unauthorized", "Niet ingelogd, of een ongeldige token."),
    "403": ("Forbidden", "Geen toestemming voor deze handeling."),
    "404": (
        "NotFound",
        "Niet gevonden (of niet zichtbaar voor u), of een pagina die niet bestaat.",
    ),
    "409": ("Conflict", "De handeling past niet bij de huidige stap van het record."),
    "429": ("TooManyRequests", "Te veel verzoeken; probeer het later opnieuw."),
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _error_codes(method: str, operation: dict, path_item: dict) -> list[str]:
    parameters = [*path_item.get("parameters", []), *operation.get("parameters", [])]
    locations = {parameter.get("in") for parameter in parameters}
    names = {parameter.get("name") for parameter in parameters if parameter.get("in") == "query"}
    write = method in WRITE_METHODS
    codes = []
    if write or "query" in locations:
        codes.append("400")
    codes += ["401", "403"]
    if "path" in locations or "page" in names:
        codes.append("404")
    if write:
        codes.append("409")
    codes.append("429")
    return codes


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the shared error component and responses."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    shared = components.setdefault("responses", {})
    for name, description in ERROR_RESPONSES.values():
        shared[name] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for code in _error_codes(method, operation, path_item):
                responses.setdefault(
                    code, {"$ref": f"#/components/responses/{ERROR_RESPONSES[code][0]}"}
                )
    return result


def _api_patterns() -> list:
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == API_NAMESPACE:
            return pattern.url_patterns
    return []


def _parameterless_names(patterns) -> list[str]:
    """The names of the routes without path parameters: list endpoints and plain endpoints."""
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.pattern.regex.groups == 0:
                names += _parameterless_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.regex.groups == 0:
            names.append(pattern.name)
    return names


def api_endpoints(request) -> dict[str, str]:
    """Every endpoint of version 1 without a path parameter: its path below the root → absolute URL."""
    root = reverse(f"{API_NAMESPACE}:root")
    endpoints = {}
    for name in _parameterless_names(_api_patterns()):
        if name == "root":
            continue
        path = reverse(f"{API_NAMESPACE}:{name}")
        endpoints[path.removeprefix(root).strip("/")] = request.build_absolute_uri(path)
    return dict(sorted(endpoints.items()))


class APIRootView(APIView):
    """De ingang van de API: elk eindpunt van versie 1, en waar het schema en de documentatie staan."""

    permission_classes = [AllowAny]

    def get_view_name(self):
        return _("API van de Reisgids, versie 1")

    @extend_schema(
        operation_id="api_root",
        summary="Alle eindpunten van versie 1",
        responses=OpenApiResponse(
            inline_serializer(
                "APIRoot",
                {
                    "endpoints": serializers.DictField(
                        child=serializers.URLField(),
                        help_text="Per eindpunt (zijn pad) het volledige adres.",
                    ),
                    "schema": serializers.URLField(help_text="Het OpenAPI-schema."),
                    "docs": serializers.URLField(help_text="De documentatie van het schema."),
                },
            )
        ),
    )
    def get(self, request):
        return Response(
            {
                "endpoints": api_endpoints(request),
                "schema": request.build_absolute_uri(reverse("api-schema")),
                "docs": request.build_absolute_uri(reverse("api-docs")),
            }
        )


def not_found(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return defaults.page_not_found(request, exception)
