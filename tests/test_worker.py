"""The real task worker (django-tasks-db) runs queued tasks and reports a heartbeat that
/healthz reads."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks import task
from django.test import override_settings
from django.utils import timezone

from tandem.core.models import WorkerHeartbeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def add(a: int, b: int) -> int:
    return a + b


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_runs_a_queued_task_and_beats(client) -> None:
    result = add.enqueue(2, 3)
    assert result.status == "READY"
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert add.get_result(result.id).return_value == 5
    assert WorkerHeartbeat.objects.filter(name="default").exists()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "ok" and response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_a_stale_worker_and_fails_only_when_asked_to_require_it(client) -> None:
    WorkerHeartbeat.objects.create(name="default", beat_at=timezone.now() - dt.timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 200  # the app server itself is fine: keep it in the balancer
    assert response.json()["worker"] == "stale"
    assert client.get("/healthz", {"require": "worker"}).status_code == 503


@pytest.mark.django_db
def test_healthz_reports_a_missing_worker(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": "missing"}
    assert client.get("/healthz", {"require": "worker"}).status_code == 503
