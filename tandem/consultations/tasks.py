"""Background work for consultations: the yearly review reminder to the managers. Idempotent:
ReviewReminder records each reminder (one per consultation and due date)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tandem.consultations import services
from tandem.consultations.models import Consultation
from tandem.core.models import Setting
from tandem.core.schedule import periodic


@periodic(every=dt.timedelta(hours=6))
@task()
def remind_consultation_reviews() -> int:
    with scopes_disabled():
        setting_ids = list(
            Consultation.objects.filter(review_due_on__lte=timezone.localdate())
            .values_list("setting_id", flat=True)
            .distinct()
        )
    total = 0
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            total += services.remind_due_reviews(setting=Setting.objects.get(pk=setting_id))
    return total
