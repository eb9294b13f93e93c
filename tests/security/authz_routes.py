"""Every named route of the project, how to fill in its URL from the scenario, and how a request
is sorted into an outcome class."""

from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

GUEST_TOKEN = "matrix-gast-token-0123456789-abcdefghijkl"

ROLES = (
    "anonymous",
    "member_a",
    "member_b",
    "ambtenaar",
    "contentbeheerder",
    "bestuurder",
    "netwerkmanager",
    "beheerder",
    "resident",
    "guest",
)

ROLE_DESCRIPTIONS = {
    "anonymous": "Bezoeker zonder account.",
    "member_a": "Beheerder (lid met beheerrechten) van organisatie A, initiatiefnemer; A is aanjager van de deals.",
    "member_b": "Beheerder van organisatie B, initiatiefnemer; B heeft geen deel aan de deals van A.",
    "ambtenaar": "Platformrol ambtenaar, geen lid van een partner.",
    "contentbeheerder": "Platformrol contentbeheerder.",
    "bestuurder": "Platformrol bestuurder.",
    "netwerkmanager": "Platformrol netwerkmanager.",
    "beheerder": "Platformrol beheerder (geen Django-staff).",
    "resident": "Partner in residence in de lopende deal van A, zelf geen lid van een partner.",
    "guest": "Gast van de schouwronde via persoonlijke link (sessie en X-Schouw-Token), zonder account.",
}

# Outcome classes.
OK = "ok"  # 200/201/204, or a redirect that is not to the login page and carries no error
LOGIN = "login"  # redirect to the login page; the API answers an anonymous visitor 401/403
FORBIDDEN = "forbidden"  # 403
NOT_FOUND = "notfound"  # 404: the object is hidden, its existence not disclosed
REFUSED = "refused"  # a page refuses a posted action: back to the page with an error message
METHOD = "method"  # 405: this route does not answer this method
INVALID = "invalid"  # 400: the input was checked before the permission
CONFLICT = "conflict"  # 409
ERROR = "error"  # 500: always a bug

OUTCOME_DESCRIPTIONS = {
    OK: "200, 201 of 204, of een doorverwijzing die niet naar het inloggen gaat en geen foutmelding geeft",
    LOGIN: "doorverwijzing naar het inloggen; de API antwoordt een anonieme bezoeker 401 of 403",
    FORBIDDEN: "403",
    NOT_FOUND: "404: het object blijft verborgen, zijn bestaan wordt niet prijsgegeven",
    REFUSED: "terug naar de pagina met een foutmelding; niets opgeslagen",
    METHOD: "405",
    INVALID: "400: de invoer is eerst gecontroleerd",
    CONFLICT: "409",
    ERROR: "500",
}

# Left out of the matrix, each with its reason. Patterns without a name are also left out,
# with the reason that they cannot be reversed (the admin's catch-all and its object redirects,
# the development media server).
EXCLUDED_NAMESPACES = {
    "admin": "Django-admin (/beheer/): alleen staff; test_admin_is_staff_only toetst dat niet-staff "
    "wordt doorgestuurd naar het inloggen.",
}
EXCLUDED_NAMES = {
    "set_language": "Zet alleen de taalvoorkeur in de sessie; geen gegevens.",
    "javascript-catalog": "Statische vertalingen voor JavaScript; geen gegevens.",
    "password_reset_confirm": "Werkt alleen met een geldige herstellink uit een e-mail; getest in tests/core.",
}


def walk(resolver=None, prefix="", namespace=None):
    """(name, pattern) for every URL pattern, through every include."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name, prefix + str(entry.pattern)


def route_names() -> set[str]:
    """The named routes the matrix must cover: everything except the stated exclusions."""
    names = set()
    for name, _pattern in walk():
        if name is None or name in EXCLUDED_NAMES:
            continue
        if name.split(":")[0] in EXCLUDED_NAMESPACES:
            continue
        names.add(name)
    return names


def patterns() -> dict[str, str]:
    result = {}
    for name, pattern in walk():
        if name and name not in result:
            result[name] = "/" + pattern.replace("^", "").replace("$", "")
    return result


def url(name, kwargs) -> str:
    return reverse(name, kwargs=kwargs or None)


def classify(response, *, anonymous: bool, api: bool) -> str:
    status = response.status_code
    if status in (200, 201, 204):
        return OK
    if status in (301, 302, 303):
        location = response.get("Location", "")
        if location.split("?")[0] in (resolve_url(settings.LOGIN_URL), "/account/inloggen/"):
            return LOGIN
        storage = getattr(response.wsgi_request, "_messages", None)
        queued = getattr(storage, "_queued_messages", [])  # only what this request said
        if any(m.level >= message_levels.ERROR for m in queued):
            return REFUSED
        return OK
    if status == 401 or (status == 403 and anonymous and api):
        return LOGIN
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: METHOD, 400: INVALID, 409: CONFLICT}.get(
        status, f"{ERROR}-{status}"
    )


WRITE_METHODS = ("post", "put", "patch", "delete")


def methods_of(name) -> set[str]:
    """The HTTP methods (lowercase, without head/options) the view of a route answers."""
    found = set()
    for route_name, _pattern, callback in _callbacks():
        if route_name != name:
            continue
        actions = getattr(callback, "actions", None)
        if actions:  # a DRF viewset route
            found |= set(actions) & {"get", *WRITE_METHODS}  # DRF adds "head" to it on first use
            continue
        view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        if view_class is None:  # a feed or a plain function: answers GET
            found.add("get")
            continue
        for method in ("get", *WRITE_METHODS):
            if method in view_class.http_method_names and hasattr(view_class, method):
                found.add(method)
    return found


def _callbacks(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _callbacks(entry, ns)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name, str(entry.pattern), entry.callback
