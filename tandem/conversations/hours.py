"""When a setting is open, in its own time zone: is it open at a moment, and when does it
open next. Weekly hours come from OpeningHours; ClosedDay dates are closed all day."""

import datetime as dt
import zoneinfo

from tandem.conversations.models import ClosedDay, OpeningHours

LOOK_AHEAD_DAYS = 60


def _tz(setting) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(setting.timezone)


def weekly_hours(setting) -> dict[int, OpeningHours]:
    return {h.weekday: h for h in OpeningHours.objects.filter(setting=setting)}


def closed_dates(setting, *, start: dt.date, days: int = LOOK_AHEAD_DAYS) -> set[dt.date]:
    return set(
        ClosedDay.objects.filter(
            setting=setting, date__gte=start, date__lte=start + dt.timedelta(days=days)
        ).values_list("date", flat=True)
    )


def opening_state(setting, *, at: dt.datetime) -> tuple[bool, dt.datetime | None]:
    """(open now, next opening) at AT. A setting with no hours at all is taken as always open
    (nothing to reply), so (True, None)."""
    hours = weekly_hours(setting)
    if not hours:
        return True, None
    local = at.astimezone(_tz(setting))
    closed = closed_dates(setting, start=local.date())
    today = hours.get(local.weekday())
    if today and local.date() not in closed and today.opens_at <= local.time() < today.closes_at:
        return True, None
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = local.date() + dt.timedelta(days=offset)
        h = hours.get(day.weekday())
        if h is None or day in closed:
            continue
        opens = dt.datetime.combine(day, h.opens_at, tzinfo=_tz(setting))
        if opens > local:
            return False, opens
    return False, None
