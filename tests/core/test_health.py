import pytest
from django.db import connections
from django.urls import reverse

from reisgids.core.selectors import broker_status
from reisgids.core.services import heartbeat_record


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_up(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is True
    assert body["worker"] == {"seen": False}


@pytest.mark.django_db
def test_healthz_reports_a_recent_worker_heartbeat(client):
    heartbeat_record(name="worker")
    heartbeat_record(name="worker")
    body = client.get(reverse("healthz")).json()
    assert body["worker"]["seen"] is True
    assert body["worker"]["seconds_ago"] <= 5


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["broker"]["ok"] is False
    assert body["database"]["ok"] is True


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_down(client):
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": "1"})
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is False
    assert body["status"] == "unavailable"
    assert "worker" not in body


def test_broker_status_names_the_transport():
    assert broker_status("redis://127.0.0.1:1/0", timeout=0.5)["transport"] == "redis"
