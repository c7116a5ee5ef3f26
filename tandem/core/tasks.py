"""Housekeeping for the task queue itself."""

import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.tasks import task

from tandem.core.schedule import periodic

# Finished task rows keep their arguments (ids) and results: a week is enough to look into a
# problem; failures are kept a month.
KEEP_FINISHED_DAYS = 7
KEEP_FAILED_DAYS = 30


@periodic(every=dt.timedelta(days=1))
@task()
def prune_finished_tasks() -> bool:
    """Delete old finished task results (django-tasks-db only). Returns whether it ran."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return False
    call_command(
        "prune_db_task_results",
        min_age_days=KEEP_FINISHED_DAYS,
        failed_min_age_days=KEEP_FAILED_DAYS,
        verbosity=0,
    )
    return True
