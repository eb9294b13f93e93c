from celery import shared_task

from . import services


@shared_task(name="reisgids.core.tasks.heartbeat_record", max_retries=3, default_retry_delay=10)
def heartbeat_record(name: str = "worker") -> int:
    """Scheduled by beat every minute; /healthz reports how long ago it last ran."""
    return services.heartbeat_record(name=name).runs
