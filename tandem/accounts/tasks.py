"""Background work for accounts. Tasks take ids (and, for an invitation e-mail, the raw code,
which exists nowhere else), open their own scope and call a service. Safe to run twice."""

from django.tasks import task
from django_scopes import scope

from tandem.accounts import services
from tandem.accounts.models import DataExport, Invitation


@task()
def invitation_email_send(setting_id: str, invitation_id: str, raw_code: str) -> bool:
    """E-mail an invitation code to a family, in their language."""
    with scope(setting=[setting_id]):
        invitation = Invitation.objects.select_related("guardian", "setting").filter(pk=invitation_id).first()
        if invitation is None:
            return False
        return services.invitation_email_deliver(invitation=invitation, raw_code=raw_code)


@task()
def data_export_build_task(export_id: str) -> str:
    """Build a person's data export zip (services.data_export_build opens the scope of the
    person's own settings)."""
    # A DataExport belongs to a person, not a setting, so it has no scope of its own.
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None:
        return "missing"
    return services.data_export_build(export=export).status
