"""Background work of care plans: the reminder before each review (idempotent: a reminder row
per plan and review date means a second run sends nothing)."""

import datetime as dt

from django.tasks import task
from django_scopes import scope, scopes_disabled

from tandem.core.schedule import periodic


@periodic(every=dt.timedelta(hours=6))
@task()
def review_reminders() -> int:
    """For every setting: remind key persons and families of reviews due within 14 days."""
    from tandem.careplans import services
    from tandem.core.models import Setting

    with scopes_disabled():  # the list of settings itself belongs to none
        settings = list(Setting.objects.all())
    sent = 0
    for setting in settings:
        with scope(setting=[setting.pk]):
            sent += services.review_reminders_send(setting=setting)
    return sent
