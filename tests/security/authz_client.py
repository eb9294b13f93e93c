"""Clients per role and one request with its outcome class, rolled back afterwards."""

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from .authz_routes import GUEST_TOKEN, classify

# Tables a refused request may touch: the session (messages, the guest's link) and the
# lock-out bookkeeping of django-axes.
UNTRACKED_TABLES = (
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
)

# Routes that change who the client is; they get a client of their own.
SESSION_ROUTES = {"logout", "login", "schouw:guest-enter", "schouw:guest-leave"}


def make_client(scenario, role) -> Client:
    if role == "guest":
        client = Client(raise_request_exception=False, headers={"X-Schouw-Token": GUEST_TOKEN})
        response = client.get(reverse("schouw:guest-enter", kwargs={"token": GUEST_TOKEN}))
        assert response.status_code == 302, response.status_code
        return client
    client = Client(raise_request_exception=False)
    user = scenario.user(role)
    if user is not None:
        client.force_login(user)
    return client


def written_tables() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this transaction, per table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return {name: count for name, count in cursor.fetchall() if name not in UNTRACKED_TABLES}


def request(client, method, path, *, role, body=None, track=False):
    """Send one request inside a savepoint that is rolled back; returns (outcome, tables written,
    response). With ``track`` it also lists the tables the request wrote to."""
    api = path.startswith("/api/")
    if api:
        cache.clear()  # API throttling counts in the cache
    kwargs = {}
    if method != "get":
        kwargs = {"data": body or {}}
        if api:
            kwargs["content_type"] = "application/json"
    client.cookies.pop("messages", None)  # messages of an earlier request are not this one's answer
    with transaction.atomic():
        before = written_tables() if track else {}
        response = getattr(client, method)(path, **kwargs)
        after = written_tables() if track else {}
        transaction.set_rollback(True)
    changed = sorted(t for t, n in after.items() if n != before.get(t, 0))
    return classify(response, anonymous=role in ("anonymous", "guest"), api=api), changed, response
