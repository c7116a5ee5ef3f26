"""Background work for structured conversations: reminders before a planned meeting and before
a review. Idempotent: each reminder is recorded on the conversation and sent once."""

import datetime as dt

from django.tasks import task
from django_scopes import scope

from tandem.core.models import Setting
from tandem.core.schedule import periodic
from tandem.meetings import services


@periodic(every=dt.timedelta(hours=1))
@task()
def send_reminders() -> int:
    sent = 0
    for setting in Setting.objects.all():
        with scope(setting=[setting.pk]):
            sent += services.send_reminders(setting=setting)
    return sent
