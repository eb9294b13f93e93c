"""Reads of the core, scoped to the acting user."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import NotAllowed
from .models import AuditEvent, User, WorkerHeartbeat
from .query import record_filter


def audit_target(*, target_type: str, target_id: str):
    """The record an audit event is about, archived or not; None when the type or record is unknown."""
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return None
    try:
        return model._base_manager.filter(pk=target_id).first()
    except (ValueError, TypeError, DjangoValidationError):
        return None


def may_view_audit(*, actor: User, target=None) -> bool:
    """Beheerders read the whole trail; others the trail of one record when the record's app grants
    ``<app>.view_<model>_audit`` on it (the organisation's own beheerders, for instance)."""
    if actor.has_perm("core.view_audit"):
        return True
    if target is None or not actor.is_authenticated:
        return False
    meta = target._meta
    return actor.has_perm(f"{meta.app_label}.view_{meta.model_name}_audit", target)


def audit_events_for(*, actor: User, target_type: str | None = None, target_id: str | None = None):
    """The audit trail, newest first. Beheerders see all of it; someone allowed to read the trail of
    one record sees only that record's events; everyone else is refused."""
    qs = AuditEvent.objects.select_related("actor")
    if not actor.has_perm("core.view_audit"):
        target = (
            audit_target(target_type=target_type, target_id=target_id)
            if target_type and target_id
            else None
        )
        if not may_view_audit(actor=actor, target=target):
            raise NotAllowed(_("Alleen beheerders kunnen de audittrail lezen."))
    return qs.filter(record_filter(target_type=target_type, target_id=target_id))


def database_status(alias: str = "default") -> dict:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means: down
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def broker_status(url: str | None = None, timeout: float = 3.0) -> dict:
    from kombu import Connection

    url = url or settings.CELERY_BROKER_URL
    try:
        with Connection(url, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            conn.default_channel  # noqa: B018 - opens the channel, which talks to the broker
    except Exception as exc:  # any transport error means: down
        return {"ok": False, "transport": url.split(":", 1)[0], "error": exc.__class__.__name__}
    return {"ok": True, "transport": url.split(":", 1)[0]}


def worker_status() -> dict:
    beat = WorkerHeartbeat.objects.filter(name="worker").first()
    if beat is None:
        return {"seen": False}
    age = (timezone.now() - beat.beat_at).total_seconds()
    return {
        "seen": age <= settings.REISGIDS["HEARTBEAT_STALE_SECONDS"],
        "last_seen": beat.beat_at.isoformat(),
        "seconds_ago": round(age),
    }


def health() -> tuple[dict, bool]:
    db = database_status()
    broker = broker_status()
    report: dict[str, object] = {"database": db, "broker": broker}
    if db["ok"]:
        report["worker"] = worker_status()
    healthy = db["ok"] and broker["ok"]
    report["status"] = "ok" if healthy else "unavailable"
    return report, healthy
