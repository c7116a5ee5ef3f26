"""Background work for accounts. Tasks take ids, open their own scope and call a service.
Safe to run twice."""

import datetime as dt

from django.tasks import task
from django_scopes import scope

from tandem.accounts import services
from tandem.accounts.models import DataExport
from tandem.core.schedule import periodic


@task()
def invitation_email_send(setting_id: str, invitation_id: str) -> bool:
    """E-mail an invitation code to a family, in their language."""
    with scope(setting=[setting_id]):
        return services.invitation_email_deliver(invitation_id=invitation_id)


@task()
def data_export_build_task(export_id: str) -> str:
    """Build a person's data export zip (services.data_export_build opens the scope of the
    person's own settings)."""
    # A DataExport belongs to a person, not a setting, so it has no scope of its own.
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return "missing"
    return services.data_export_build(export=export).status


@periodic(every=dt.timedelta(days=1))
@task()
def data_exports_expire_daily() -> int:
    """Delete data exports older than a week (they are made again on request)."""
    return services.data_exports_expire()
