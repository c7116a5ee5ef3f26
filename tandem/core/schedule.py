"""Periodic background work without another service: the worker (manage.py worker) calls
enqueue_due() every 30 seconds, and each task registered with @periodic is put on the normal
task queue when its interval has passed. Several workers on several machines can run this:
the database decides which one enqueues (a conditional UPDATE), so nothing runs twice.

    @periodic(every=dt.timedelta(hours=1))
    @task()
    def retention_report() -> int: ...

Periodic tasks take no arguments; they open each setting's scope themselves."""

import datetime as dt

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from tandem.core.models import ScheduledJob

PERIODIC: dict[str, tuple[dt.timedelta, object]] = {}
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def periodic(*, every: dt.timedelta):
    def register(task_obj):
        PERIODIC[task_obj.module_path] = (every, task_obj)
        return task_obj

    return register


def autodiscover() -> None:
    """Import every installed app's tasks module, so their @periodic tasks are registered."""
    autodiscover_modules("tasks")


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Put every periodic task whose interval has passed on the queue; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for name, (every, task_obj) in sorted(PERIODIC.items()):
        ScheduledJob.objects.get_or_create(name=name, defaults={"last_enqueued_at": _EPOCH})
        won = ScheduledJob.objects.filter(name=name, last_enqueued_at__lte=now - every).update(last_enqueued_at=now)
        if won:
            task_obj.enqueue()
            enqueued.append(name)
    return enqueued
