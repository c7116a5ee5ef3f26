"""Background work for the learning journal. Tasks take ids, open the setting's scope and call
a service; they are safe to run twice."""

import datetime as dt

from django.tasks import task
from django_scopes import scope, scopes_disabled

from tandem.core.schedule import periodic
from tandem.journal import services


@task()
def comment_email_key_person(setting_id: str, comment_id: str) -> int:
    """Tell the child's key person about a family's comment, in the key person's language."""
    with scope(setting=[setting_id]):
        return services.comment_key_person_email(comment_id=comment_id)


@periodic(every=dt.timedelta(minutes=1))
@task()
def observations_release_due() -> int:
    """Show families the scheduled observations whose time has come, setting by setting."""
    from tandem.journal.models import Observation

    # Which settings have something due is read across settings; each is then released in its own scope.
    with scopes_disabled():
        setting_ids = list(
            Observation.objects.filter(
                status=Observation.Status.PUBLISHED, published_at__isnull=True, publish_at__isnull=False
            )
            .values_list("setting_id", flat=True)
            .distinct()
        )
    released = 0
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            released += services.observations_release_due(setting_id=setting_id)
    return released
