"""Background work of notify: routing each notice, sending its deliveries, releasing what
quiet hours held or back-off delayed, scheduled notices, and the daily and weekly digests.
All of it is idempotent: claims are conditional UPDATEs (see tandem.notify.sending)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_scopes import scopes_disabled

from tandem.core.schedule import periodic


@task()
def route_notice(notice_id: str) -> int:
    """Route one notice (tandem.notify.routing). Returns how many deliveries it queued."""
    from tandem.notify import routing
    from tandem.notify.models import Notice

    with scopes_disabled():  # a task has no request: it reads the one notice it was given
        notice = Notice.objects.filter(pk=notice_id).select_related("setting").first()
        if notice is None:
            return 0
        return routing.route(notice)


@task()
def send_notice(notice_id: str) -> int:
    """Send the due deliveries of one notice (several of these may run at once)."""
    from tandem.notify import sending

    with scopes_disabled():
        return sending.send_due(notice_id=notice_id)


def route_due(*, now=None) -> int:
    """Notices whose time has come (send_after passed), or whose routing task never ran."""
    from django.db.models import Q

    from tandem.notify import routing
    from tandem.notify.models import Notice

    now = now or timezone.now()
    routed = 0
    with scopes_disabled():
        due = Notice.objects.filter(routed_at__isnull=True).filter(
            Q(send_after__lte=now) | Q(send_after__isnull=True, created_at__lte=now - dt.timedelta(minutes=5))
        )
        for notice in due.select_related("setting")[:500]:
            routed += routing.route(notice, now=now)
    return routed


@periodic(every=dt.timedelta(minutes=1))
@task()
def send_due_deliveries() -> int:
    """Route scheduled notices, then send everything due (held by quiet hours, retries)."""
    from tandem.notify import sending

    route_due()
    with scopes_disabled():
        return sending.send_due()


@periodic(every=dt.timedelta(minutes=15))
@task()
def send_digests() -> int:
    from tandem.notify import digests

    with scopes_disabled():
        return digests.send_digests()
