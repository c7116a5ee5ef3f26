"""Background work for the care diary. Tasks take ids, open their setting's scope and call a
service; each is safe to run twice (a summary is sent at most once per guardian and day)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tandem.care import services
from tandem.care.models import DayFinalisation
from tandem.core.schedule import periodic

# Days finalised longer ago than this are not caught up: a summary two days late is noise.
CATCH_UP_WINDOW = dt.timedelta(days=2)


@task()
def day_summaries_send(setting_id: str, finalisation_ids: list[str]) -> int:
    """E-mail the end-of-day summary of these finalised days to the guardians who chose one."""
    with scope(setting=[setting_id]):
        return services.day_summaries_deliver(finalisation_ids=finalisation_ids)


@periodic(every=dt.timedelta(minutes=15))
@task()
def day_summaries_catch_up() -> int:
    """Send summaries for days finalised recently whose e-mail has not gone out (the worker was
    down, the mail server refused). At most every 15 minutes."""
    since = timezone.now() - CATCH_UP_WINDOW
    # Deciding which settings' scopes to open: the only unscoped read, ids only.
    with scopes_disabled():
        pending = list(
            DayFinalisation.objects.filter(at__gte=since).values_list("setting_id", "pk").order_by("setting_id")
        )
    by_setting: dict = {}
    for setting_id, pk in pending:
        by_setting.setdefault(setting_id, []).append(pk)
    sent = 0
    for setting_id, ids in by_setting.items():
        with scope(setting=[setting_id]):
            sent += services.day_summaries_deliver(finalisation_ids=ids)
    return sent
