"""Reads for the engagement overview: per family, per room and for one key person. Figures are
for staff to act on (who to talk to at pick-up); they are never shown to families as a score.

Cost: one query for the families, one for their children, and one grouped query per source
(tandem.engagement.sources), whatever the number of families."""

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from tandem.access import rules
from tandem.core.models import Child, Family, Setting
from tandem.engagement.sources import all_sources

QUIET_DAYS = 21  # a family with no contact for this long is listed for their key person


@dataclass(frozen=True)
class Period:
    start: dt.date  # first day, inclusive
    end: dt.date  # last day, inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class FamilyEngagement:
    family: Family
    children: list[Child] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    last_contact: dt.date | None = None
    days_since_contact: int | None = None
    quiet: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def key_people(self) -> list[str]:
        names = {c.key_person.user.display_name for c in self.children if c.key_person_id}
        return sorted(names)

    @property
    def rooms(self) -> list[str]:
        return sorted({c.room.name for c in self.children if c.room_id})


@dataclass
class RoomEngagement:
    name: str
    families: int = 0
    families_in_contact: int = 0
    quiet_families: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def percent_in_contact(self) -> int:
        return round(100 * self.families_in_contact / self.families) if self.families else 0


def default_period(setting: Setting, *, days: int = 90) -> Period:
    today = setting.today()
    return Period(start=today - dt.timedelta(days=days - 1), end=today)


def _local_date(value, tz) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(tz).date()
    return value


def _bounds(setting: Setting, period: Period) -> tuple[dt.datetime, dt.datetime]:
    tz = zoneinfo.ZoneInfo(setting.timezone)
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def engagement_for_families(
    *, setting: Setting, families: QuerySet[Family], period: Period, quiet_days: int = QUIET_DAYS
) -> list[FamilyEngagement]:
    """One row per family of FAMILIES (already scoped by the caller's access), with their
    contacts in PERIOD per source and the date of their last contact ever."""
    tz = zoneinfo.ZoneInfo(setting.timezone)
    today = setting.today()
    rows = {f.pk: FamilyEngagement(family=f) for f in families.order_by("name")}
    if not rows:
        return []
    children = (
        Child.objects.filter(setting=setting, family_id__in=rows.keys(), leave_date__isnull=True)
        .select_related("room", "key_person__user")
        .order_by("first_name")
    )
    for child in children:
        rows[child.family_id].children.append(child)
    start, end = _bounds(setting, period)
    for source in all_sources():
        at = source.at_field
        in_period = (
            Q(**{f"{at}__gte": period.start, f"{at}__lte": period.end})
            if source.is_date
            else Q(**{f"{at}__gte": start, f"{at}__lt": end})
        )
        grouped = (
            source.queryset(setting)
            .filter(**{f"{source.family_path}__in": list(rows.keys())})
            .values(source.family_path)
            .annotate(n=Count("pk", filter=in_period), last=Max(at))
            .order_by()
        )
        for item in grouped:
            row = rows.get(item[source.family_path])
            if row is None:
                continue
            row.counts[source.key] = item["n"]
            last = _local_date(item["last"], tz)
            if last is not None and (row.last_contact is None or last > row.last_contact):
                row.last_contact = last
    for row in rows.values():
        if row.last_contact is not None:
            row.days_since_contact = max((today - row.last_contact).days, 0)
        row.quiet = row.last_contact is None or row.days_since_contact >= quiet_days
    return [r for r in rows.values() if r.children]


def rooms_from(rows: list[FamilyEngagement]) -> list[RoomEngagement]:
    """The families of each room (a family with children in two rooms counts in both)."""
    rooms: dict[str, RoomEngagement] = {}
    for row in rows:
        for name in row.rooms or [""]:
            room = rooms.setdefault(name, RoomEngagement(name=name))
            room.families += 1
            room.families_in_contact += 1 if row.total else 0
            room.quiet_families += 1 if row.quiet else 0
            for key, n in row.counts.items():
                room.counts[key] = room.counts.get(key, 0) + n
    return sorted(rooms.values(), key=lambda r: (r.name == "", r.name))


def setting_engagement(*, user, setting: Setting, period: Period, quiet_days: int = QUIET_DAYS):
    """Every family of the setting (for those with can_manage_partnership)."""
    families = rules.families_visible_to(user, setting=setting)
    return engagement_for_families(setting=setting, families=families, period=period, quiet_days=quiet_days)


def key_person_engagement(*, user, setting: Setting, period: Period, quiet_days: int = QUIET_DAYS):
    """The families of USER's key children (and back-up key children), quiet ones first."""
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    staff = membership.staff
    family_ids = (
        rules.children_visible_to(user, setting=setting)
        .filter(Q(key_person=staff) | Q(backup_key_person=staff), leave_date__isnull=True, family__isnull=False)
        .values("family_id")
    )
    families = Family.objects.filter(setting=setting, pk__in=family_ids)
    rows = engagement_for_families(setting=setting, families=families, period=period, quiet_days=quiet_days)
    return sorted(rows, key=lambda r: (not r.quiet, -(r.days_since_contact or 10_000), r.family.name))


def source_totals(rows: list[FamilyEngagement]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        for key, n in row.counts.items():
            totals[key] += n
    return dict(totals)
