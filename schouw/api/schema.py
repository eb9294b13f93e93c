from drf_spectacular.extensions import OpenApiAuthenticationExtension


class GuestTokenScheme(OpenApiAuthenticationExtension):
    """Documents the guest's personal token for the OpenAPI schema."""

    target_class = "schouw.api.views.GuestTokenAuthentication"
    name = "schouwGastToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Schouw-Token",
            "description": "De token uit de persoonlijke link van een gast: alleen voor die ene schouwronde.",
        }
