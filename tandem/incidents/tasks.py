"""Background work for accidents and incidents. Tasks take ids, open the setting's scope and
call a service; they are safe to run twice."""

from django.tasks import task
from django_scopes import scope

from tandem.incidents import services


@task()
def incident_email_guardians(setting_id: str, incident_id: str) -> int:
    """Tell the child's parents and carers about a record the same day, each in their language."""
    with scope(setting=[setting_id]):
        return services.incident_guardians_email(incident_id=incident_id)
