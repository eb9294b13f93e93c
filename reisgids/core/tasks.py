from celery import shared_task

from reisgids.celery import RETRY_OPTIONS

from . import services


@shared_task(
    name="reisgids.core.tasks.heartbeat_record",
    **{**RETRY_OPTIONS, "max_retries": 2, "retry_backoff": 5},
)
def heartbeat_record(name: str = "worker") -> int:
    """Scheduled by beat every minute; /healthz reports how long ago it last ran."""
    return services.heartbeat_record(name=name).runs
