"""Background work for medicines: telling the guardians a dose was given. Tasks take ids,
open the setting's scope and call a service; running one twice sends one set of e-mails."""

from django.tasks import task
from django_scopes import scope

from tandem.medicines import services


@task()
def administration_inform_guardians(setting_id: str, administration_id: str) -> int:
    """E-mail the child's guardians about one dose, in their language (same day: EYFS)."""
    with scope(setting=[setting_id]):
        return services.administration_inform_guardians(administration_id=administration_id)
