"""`manage.py worker`: django-tasks-db's db_worker, plus a heartbeat that /healthz reads and the
enqueuing of periodic tasks (tandem.core.schedule), every 30 seconds."""

import logging
import threading
import time

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from tandem.core import schedule
from tandem.core.models import WorkerHeartbeat

BEAT_EVERY_SECONDS = 30
logger = logging.getLogger(__name__)


def beat(name: str = "default") -> None:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def _beat_forever(stop: threading.Event) -> None:
    # handle() has just beaten; waiting first keeps the thread from writing at the same moment
    # as the worker's first task (SQLite allows one writer at a time).
    while not stop.wait(BEAT_EVERY_SECONDS):
        try:
            close_old_connections()
            beat()
            schedule.enqueue_due()
        except Exception:  # a missed beat shows as "stale" on /healthz
            logger.warning("worker heartbeat could not be written", exc_info=True)
        finally:
            connection.close()


class Command(DbWorkerCommand):
    help = "Run background tasks (django-tasks-db) and report a heartbeat for /healthz."

    def handle(self, *args, **options) -> None:
        beat()  # at once, so /healthz is green as soon as the worker is up
        schedule.autodiscover()
        schedule.enqueue_due()  # periodic work that fell due while no worker ran
        stop = threading.Event()
        thread = threading.Thread(target=_beat_forever, args=(stop,), daemon=True, name="heartbeat")
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            time.sleep(0)
