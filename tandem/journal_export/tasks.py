"""Background work for journals to keep. Takes ids, opens the setting's scope, calls the service;
safe to run twice (a finished export is left as it is)."""

from django.tasks import task
from django_scopes import scope

from . import services
from .models import JournalExport


@task()
def journal_export_make(setting_id: str, export_id: str) -> str:
    with scope(setting=[setting_id]):
        export = JournalExport.objects.select_related("setting", "child", "requested_by").filter(pk=export_id).first()
        if export is None:
            return "gone"
        return services.journal_export_make(export=export).status
