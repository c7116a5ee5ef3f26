"""Background work for concerns: warn the staff once when a concern's 28 days are running out
(at risk, after 21 days) and once when they have run out (overdue, after 28)."""

import datetime as dt

from django.tasks import task
from django_scopes import scope, scopes_disabled

from tandem.core.schedule import periodic


@periodic(every=dt.timedelta(hours=1))
@task()
def warn_deadlines() -> int:
    """Every setting with open concerns; returns how many warnings were sent."""
    from tandem.concerns import services
    from tandem.concerns.models import OPEN_STATUSES, Concern
    from tandem.core.models import Setting

    with scopes_disabled():
        setting_ids = list(
            Concern.objects.filter(status__in=OPEN_STATUSES).values_list("setting_id", flat=True).distinct()
        )
    total = 0
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            total += services.concerns_warn_deadlines(setting=Setting.objects.get(pk=setting_id))
    return total
