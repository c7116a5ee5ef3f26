"""Old task results and old data exports do not pile up."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from tandem.accounts import services as account_services
from tandem.accounts.models import DataExport
from tandem.core.tasks import prune_finished_tasks

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_finished_task_results_older_than_a_week_are_pruned() -> None:
    from django_tasks_db.models import DBTaskResult

    old = prune_finished_tasks.enqueue()
    new = prune_finished_tasks.enqueue()
    DBTaskResult.objects.filter(pk__in=[old.id, new.id]).update(status="SUCCESSFUL", finished_at=timezone.now())
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=timezone.now() - dt.timedelta(days=8))
    assert prune_finished_tasks.call() is True
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [str(new.id)]


@pytest.mark.django_db
def test_data_exports_are_deleted_with_their_file_after_a_week(dora) -> None:
    old = DataExport.objects.create(user=dora, status=DataExport.Status.READY)
    old.file.save("old.zip", ContentFile(b"PK"), save=True)
    DataExport.objects.filter(pk=old.pk).update(requested_at=timezone.now() - dt.timedelta(days=8))
    recent = DataExport.objects.create(user=dora, status=DataExport.Status.READY)
    path = old.file.name
    assert account_services.data_exports_expire() == 1
    assert list(DataExport.objects.all()) == [recent]
    from django.core.files.storage import default_storage

    assert not default_storage.exists(path)
