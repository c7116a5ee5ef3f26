"""The daily retention check: a dry run per setting. It never archives or erases anything."""

import datetime as dt

from django.tasks import task
from django_scopes import scope

from tandem.core.models import Setting
from tandem.core.schedule import periodic
from tandem.records import services


@periodic(every=dt.timedelta(days=1))
@task()
def retention_report_daily() -> int:
    """Write today's retention report for every setting; returns how many records are due."""
    due = 0
    for setting_id in Setting.objects.order_by("pk").values_list("pk", flat=True):
        with scope(setting=[setting_id]):
            setting = Setting.objects.get(pk=setting_id)
            due += sum(r.due_count for r in services.retention_report_build(setting=setting))
    return due
