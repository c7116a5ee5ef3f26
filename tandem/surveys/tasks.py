"""Background work for surveys: reminders to those who have not answered. Idempotent: each
reminder round is recorded (ReminderRound) before anyone is told, so a second run, or a second
worker, sends nothing more."""

import datetime as dt

from django.tasks import task
from django_scopes import scope, scopes_disabled

from tandem.core.models import Setting
from tandem.core.schedule import periodic
from tandem.surveys import services
from tandem.surveys.models import Survey


@periodic(every=dt.timedelta(hours=1))
@task()
def send_survey_reminders() -> int:
    with scopes_disabled():
        setting_ids = list(
            Survey.objects.filter(published_at__isnull=False, max_reminders__gt=0)
            .values_list("setting_id", flat=True)
            .distinct()
        )
    total = 0
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            total += services.send_due_reminders(setting=Setting.objects.get(pk=setting_id))
    return total
