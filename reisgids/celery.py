"""The Celery application. Tasks live in each app's ``tasks.py``; the beat schedule in settings."""

import os

from celery import Celery
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reisgids.settings")

app = Celery("reisgids")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Transient failures a task retries on: the database went away or refused a connection.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)
# ...and for tasks that send e-mail, the mail server (smtplib's errors are OSErrors).
TRANSIENT_MAIL_ERRORS = (*TRANSIENT_DATABASE_ERRORS, OSError)

# Every task is idempotent, so it may run again: retried a bounded number of times with a growing,
# jittered delay, acknowledged only after it ran, and put back on the queue when its worker died.
RETRY_OPTIONS = {
    "autoretry_for": TRANSIENT_DATABASE_ERRORS,
    "max_retries": 3,
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
}
MAIL_RETRY_OPTIONS = {**RETRY_OPTIONS, "autoretry_for": TRANSIENT_MAIL_ERRORS}
