"""Container health checks, run by docker compose inside the container.

    python .docker/healthcheck.py web    GET /healthz on the local gunicorn: healthy on 200
    python .docker/healthcheck.py beat   healthy when beat has run a periodic task recently

The web check sends the first of DJANGO_ALLOWED_HOSTS as Host and X-Forwarded-Proto:
https, as the TLS proxy in front does; otherwise Django would refuse the host or
redirect to https. The worker is checked with `celery inspect ping` (see compose).
"""

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
WEB_URL = "http://127.0.0.1:8000/healthz"


def _host() -> str:
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0] if hosts else "localhost"
    # "*" allows any host; ".example.org" allows example.org and its subdomains.
    return "localhost" if host == "*" else host.lstrip(".")


def check_web() -> int:
    request = urllib.request.Request(
        WEB_URL, headers={"Host": _host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - fixed local URL
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as exc:  # 503: the database or the broker is down
        print(exc.code, exc.read().decode())
    except OSError as exc:
        print(exc)
    return 1


def check_beat(max_age_seconds: int = 600) -> int:
    """Beat stores each task's last run when it syncs (every few minutes); the heartbeat runs every minute."""
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reisgids.settings")
    import django

    django.setup()
    from django.db.models import Max
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    last_run = PeriodicTask.objects.filter(enabled=True).aggregate(last=Max("last_run_at"))["last"]
    age = None if last_run is None else round((timezone.now() - last_run).total_seconds())
    print(
        json.dumps({"last_run_at": last_run.isoformat() if last_run else None, "seconds_ago": age})
    )
    return 0 if age is not None and age <= max_age_seconds else 1


if __name__ == "__main__":
    checks = {"web": check_web, "beat": check_beat}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(checks)}}}")
    sys.exit(checks[sys.argv[1]]())
