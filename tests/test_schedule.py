"""Periodic tasks are enqueued once per interval, however many workers ask."""

import datetime as dt

import pytest
from django.tasks import task
from django.utils import timezone

from tandem.core import schedule
from tandem.core.models import ScheduledJob

CALLS: list[str] = []


@task()
def note_a_call() -> None:
    CALLS.append("called")


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(schedule, "PERIODIC", {})
    schedule.periodic(every=dt.timedelta(hours=1))(note_a_call)
    CALLS.clear()
    return note_a_call


@pytest.mark.django_db
def test_a_periodic_task_runs_once_per_interval(registered) -> None:
    now = timezone.now()
    assert schedule.enqueue_due(now) == [registered.module_path]
    assert schedule.enqueue_due(now + dt.timedelta(minutes=59)) == []  # a second worker, or too soon
    assert schedule.enqueue_due(now + dt.timedelta(minutes=61)) == [registered.module_path]
    assert CALLS == ["called", "called"]  # the immediate backend runs it at once in tests
    assert ScheduledJob.objects.get(name=registered.module_path).last_enqueued_at == now + dt.timedelta(minutes=61)
