"""Background work of announcements: scheduled ones are sent when their time comes, once (the
conditional update in services.announcement_send decides, however many workers run)."""

import datetime as dt

from django.tasks import task

from tandem.core.schedule import periodic


@periodic(every=dt.timedelta(minutes=1))
@task()
def send_due_announcements() -> int:
    from tandem.announcements.services import announcements_send_due

    return len(announcements_send_due())
