"""Reads of the care diary, starting from tandem.access: the room's day (every child present,
what is due), a child's day for staff (with earlier versions of corrected entries) and for a
family (as calm or as live as the guardian chose). Query counts do not grow with the number of
children or entries: each page reads a fixed handful of tables."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.attendance.selectors import present_child_ids
from tandem.care.models import (
    CareRoutine,
    DayFinalisation,
    DiaryEntry,
    Eaten,
    Kind,
    MorningHandover,
    Nappy,
    RoomCareSettings,
    SleepCheck,
    UpdatesMode,
)
from tandem.core.models import Child, Guardian, RecordVersion, Room, Setting

DUE_SOON = dt.timedelta(minutes=15)
DEFAULT_SLEEP_CHECK_MINUTES = 10
DEFAULT_CLOSING_TIME = dt.time(18, 0)


@dataclass(frozen=True)
class Due:
    """Something the routine says is coming up: STATE is "next", "due" or "overdue"."""

    what: str
    at: dt.datetime
    state: str


@dataclass(frozen=True)
class LastEntry:
    """The latest feed, meal, sleep or nappy as a card shows it (lighter than a DiaryEntry:
    a room's day holds up to 120 of them)."""

    id: Any
    child_id: Any
    kind: str
    occurred_at: dt.datetime
    ended_at: dt.datetime | None
    amount_ml: int | None
    eaten: str
    nappy: str

    @property
    def pk(self) -> Any:
        return self.id

    def get_eaten_display(self) -> str:
        return str(dict(Eaten.choices).get(self.eaten, self.eaten))

    def get_nappy_display(self) -> str:
        return str(dict(Nappy.choices).get(self.nappy, self.nappy))


@dataclass
class ChildDay:
    child: Child
    routine: CareRoutine | None
    entry_count: int = 0
    first_at: dt.datetime | None = None  # the day's first entry (the nappy clock starts there)
    last_feed: LastEntry | None = None
    last_meal: LastEntry | None = None
    last_sleep: LastEntry | None = None
    last_nappy: LastEntry | None = None
    ongoing_sleep: LastEntry | None = None
    last_check_at: dt.datetime | None = None
    due: list[Due] = field(default_factory=list)
    handover: MorningHandover | None = None
    finalised: DayFinalisation | None = None

    @property
    def overdue(self) -> bool:
        return any(d.state == "overdue" for d in self.due)


@dataclass
class RoomDay:
    room: Room
    day: dt.date
    is_today: bool
    now: dt.datetime
    care_settings: RoomCareSettings
    children: list[ChildDay]

    @property
    def all_finalised(self) -> bool:
        return bool(self.children) and all(c.finalised for c in self.children)


def room_care_settings(*, room: Room) -> RoomCareSettings:
    """The room's settings, or the defaults (not saved) when nobody has set them."""
    found = RoomCareSettings.objects.filter(room=room).first()
    return found or RoomCareSettings(setting_id=room.setting_id, room=room)


# What a card, the entry form and the API show of a child: loading only these keeps a room of
# 30 children cheap (a child has some thirty columns).
_CARD_CHILD_FIELDS = (
    "id",
    "setting_id",
    "room_id",
    "first_name",
    "last_name",
    "preferred_name",
    "allergies",
    "dietary_needs",
    "care_routine__id",
    "care_routine__child_id",
    "care_routine__nap_times",
    "care_routine__feed_interval_minutes",
    "care_routine__nappy_interval_minutes",
)


def children_present(*, user, setting: Setting, room: Room, day: dt.date) -> QuerySet[Child]:
    """The children of ROOM that USER may see who are signed in on DAY (the register), or who
    already have diary entries that day (signed out early, or a past day), with their routine.
    Two queries: the register's ids, then the children."""
    present = present_child_ids(setting=setting, day=day)
    # Correlated (one index lookup per child of the room), not "every child with an entry in
    # the setting today", which grows with the whole setting's day.
    has_entries = Exists(DiaryEntry.objects.filter(setting=setting, day=day, child_id=OuterRef("pk")))
    return (
        rules.children_visible_to(user, setting=setting)
        .filter(room=room)
        .filter(Q(pk__in=present) | has_entries)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(leave_date__isnull=True) | Q(leave_date__gte=day))
        .select_related("care_routine")
        .only(*_CARD_CHILD_FIELDS)
        .order_by("first_name", "last_name")
    )


def _state(at: dt.datetime, now: dt.datetime) -> str:
    if now > at:
        return "overdue"
    if now >= at - DUE_SOON:
        return "due"
    return "next"


def _at(day: dt.date, time: dt.time, tz) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=tz)


def _work_out_due(cd: ChildDay, *, day: dt.date, now: dt.datetime, tz, check_minutes: int) -> None:
    routine = cd.routine
    if cd.ongoing_sleep is not None:
        last = cd.last_check_at or cd.ongoing_sleep.occurred_at
        cd.due.append(Due(_("Sleep check"), last + dt.timedelta(minutes=check_minutes), ""))
    if routine is not None:
        if routine.feed_interval_minutes:
            base = cd.last_feed.occurred_at if cd.last_feed else None
            if base is None and cd.handover and cd.handover.last_feed_at:
                base = _at(day, cd.handover.last_feed_at, tz)
            if base is not None:
                cd.due.append(Due(_("Feed"), base + dt.timedelta(minutes=routine.feed_interval_minutes), ""))
        if routine.nappy_interval_minutes:
            base = cd.last_nappy.occurred_at if cd.last_nappy else cd.first_at
            if base is not None:
                cd.due.append(Due(_("Nappy"), base + dt.timedelta(minutes=routine.nappy_interval_minutes), ""))
        if cd.ongoing_sleep is None:
            for nap in routine.nap_time_list():
                at = _at(day, nap, tz)
                slept_since = cd.last_sleep is not None and cd.last_sleep.occurred_at >= at - dt.timedelta(hours=1)
                if not slept_since and at - DUE_SOON <= now <= at + dt.timedelta(minutes=90):
                    cd.due.append(Due(_("Nap"), at, ""))
                    break
    cd.due = sorted((Due(d.what, d.at, _state(d.at, now)) for d in cd.due), key=lambda d: d.at)


_CARD_KINDS = {Kind.FEED: "feed", Kind.MEAL: "meal", Kind.SNACK: "meal", Kind.SLEEP: "sleep", Kind.NAPPY: "nappy"}


def room_day(*, user, setting: Setting, room: Room, day: dt.date) -> RoomDay:
    """Every child present in ROOM on DAY with their last feed, sleep and nappy, what their
    routine says is due, sleep checks due, the morning handover and whether the day is
    finalised. Eight queries whatever the number of children and entries."""
    tz = zoneinfo.ZoneInfo(setting.timezone)
    now = timezone.now().astimezone(tz)
    care_settings = room_care_settings(room=room)  # 1
    children = list(children_present(user=user, setting=setting, room=room, day=day))  # 2 (register, children)
    days = {c.pk: ChildDay(child=c, routine=getattr(c, "care_routine", None)) for c in children}
    ids = list(days)
    # The cards need counts and the latest feed, meal, sleep and nappy, not every entry: one
    # query sums up each child's day by kind (at most 11 rows a child, however many entries),
    # a second reads just the latest entries. The work stays the same with 1 or 20 entries.
    todays = DiaryEntry.objects.filter(setting=setting, day=day, child_id__in=ids, struck_out_at__isnull=True)
    summary = todays.values_list("child_id", "kind").annotate(
        n=Count("id"), first=Min("occurred_at"), last=Max("occurred_at")
    )
    wanted: dict = {}  # (child, "feed" | "meal" | "sleep" | "nappy") -> time of the latest
    for child_id, kind, n, first, last in summary:  # 3
        cd = days[child_id]
        cd.entry_count += n
        cd.first_at = first if cd.first_at is None else min(cd.first_at, first)
        what = _CARD_KINDS.get(kind)
        if what and (wanted.get((child_id, what)) is None or last > wanted[(child_id, what)]):
            wanted[(child_id, what)] = last
    columns = ("id", "child_id", "kind", "occurred_at", "ended_at", "amount_ml", "eaten", "nappy")
    latest = (
        todays.filter(kind__in=list(_CARD_KINDS), occurred_at__in={at for at in wanted.values()})
        .order_by("occurred_at", "created_at")
        .values_list(*columns)
    )
    for row in latest:  # 4
        what = _CARD_KINDS[row[2]]
        if wanted.get((row[1], what)) == row[3]:
            entry = LastEntry(*row)
            cd = days[row[1]]
            setattr(cd, f"last_{what}", entry)
            cd.ongoing_sleep = entry if what == "sleep" and entry.ended_at is None else cd.ongoing_sleep
    last_checks = (
        SleepCheck.objects.filter(setting=setting, entry__day=day, entry__child_id__in=ids)
        .values("entry_id")
        .annotate(last=Max("checked_at"))
    )
    checks = {row["entry_id"]: row["last"] for row in last_checks}  # 5
    for h in MorningHandover.objects.filter(setting=setting, day=day, child_id__in=ids):  # 6
        days[h.child_id].handover = h
    for f in DayFinalisation.objects.filter(setting=setting, day=day, child_id__in=ids).select_related("by"):  # 7
        days[f.child_id].finalised = f
    is_today = day == now.date()
    for cd in days.values():
        if cd.ongoing_sleep is not None:
            cd.last_check_at = checks.get(cd.ongoing_sleep.pk)
        if is_today:
            _work_out_due(cd, day=day, now=now, tz=tz, check_minutes=care_settings.sleep_check_minutes)
    return RoomDay(
        room=room, day=day, is_today=is_today, now=now, care_settings=care_settings, children=list(days.values())
    )


@dataclass
class Timeline:
    child: Child
    day: dt.date
    entries: list[DiaryEntry]
    versions: dict[Any, list[RecordVersion]]
    handover: MorningHandover | None
    finalised: DayFinalisation | None
    visible: bool = True  # for families: whether the day is shown yet
    mode: str = UpdatesMode.REALTIME


@dataclass(frozen=True)
class EarlierVersion:
    at: dt.datetime  # when it was replaced
    entry: DiaryEntry  # the entry as it was (not saved)


def _as_entry(data: dict) -> DiaryEntry:
    values = {}
    for f in DiaryEntry._meta.concrete_fields:
        if f.attname in data:
            values[f.attname] = f.to_python(data[f.attname])
    return DiaryEntry(**values)


def child_timeline_for_staff(*, child: Child, day: dt.date) -> Timeline:
    """CHILD's day for staff (the caller got CHILD from access): staff and family entries
    together, struck-out entries crossed out, and each corrected entry's earlier versions."""
    entries = list(
        DiaryEntry.objects.filter(child=child, day=day)
        .select_related("recorded_by", "struck_out_by")
        .prefetch_related(Prefetch("sleep_checks", queryset=SleepCheck.objects.select_related("by")))
        .order_by("occurred_at", "created_at")
    )
    changed = [str(e.pk) for e in entries if e.corrected_at or e.struck_out_at]
    versions: dict[Any, list[RecordVersion]] = {}
    if changed:
        for v in RecordVersion.objects.filter(object_type=DiaryEntry._meta.label_lower, object_id__in=changed).order_by(
            "at", "id"
        ):
            versions.setdefault(v.object_id, []).append(v)
    for e in entries:
        e.earlier_versions = [EarlierVersion(at=v.at, entry=_as_entry(v.data)) for v in versions.get(str(e.pk), [])]
    handover = MorningHandover.objects.filter(child=child, day=day).select_related("guardian").first()
    finalised = DayFinalisation.objects.filter(child=child, day=day).select_related("by").first()
    return Timeline(child=child, day=day, entries=entries, versions=versions, handover=handover, finalised=finalised)


def guardian_for_child(*, user, child: Child) -> Guardian:
    """USER's guardian record for CHILD (404 when they are not the child's guardian)."""
    guardian = Guardian.objects.filter(user=user, child_links__child=child).select_related("care_updates").first()
    if guardian is None:
        raise Http404
    return guardian


def updates_mode(guardian: Guardian) -> str:
    prefs = getattr(guardian, "care_updates", None)
    return prefs.mode if prefs is not None else UpdatesMode.END_OF_DAY


def child_timeline_for_guardian(*, user, child: Child, day: dt.date) -> Timeline:
    """CHILD's day for their guardian: live for those who chose it; otherwise the day appears
    once staff finalise it or the room's day has ended. Struck-out entries are left out."""
    guardian = guardian_for_child(user=user, child=child)
    mode = updates_mode(guardian)
    tz = zoneinfo.ZoneInfo(child.setting.timezone)
    now = timezone.now().astimezone(tz)
    finalised = DayFinalisation.objects.filter(child=child, day=day).first()
    closing = DEFAULT_CLOSING_TIME
    if child.room_id:
        settings_row = RoomCareSettings.objects.filter(room_id=child.room_id).first()
        closing = settings_row.closing_time if settings_row else closing
    visible = (
        mode == UpdatesMode.REALTIME
        or finalised is not None
        or day < now.date()
        or (day == now.date() and now.time() >= closing)
    )
    entries = []
    if visible:
        entries = list(
            DiaryEntry.objects.filter(child=child, day=day, struck_out_at__isnull=True)
            .prefetch_related("sleep_checks")
            .order_by("occurred_at", "created_at")
        )
    handover = MorningHandover.objects.filter(child=child, day=day).first()
    return Timeline(
        child=child,
        day=day,
        entries=entries,
        versions={},
        handover=handover,
        finalised=finalised,
        visible=visible,
        mode=mode,
    )


def care_routine_get(*, child: Child) -> CareRoutine | None:
    """CHILD's care routine, if one has been agreed (the caller got CHILD from access)."""
    return CareRoutine.objects.filter(child=child).first()


def morning_handover_get(*, child: Child, day: dt.date) -> MorningHandover | None:
    """The family's handover for CHILD on DAY (the caller got CHILD from access)."""
    return MorningHandover.objects.filter(child=child, day=day).select_related("guardian").first()


def recent_days_for_child(*, child: Child, before: dt.date, limit: int = 14) -> list[dt.date]:
    """Earlier days with diary entries, newest first, for the family's day picker."""
    return list(
        DiaryEntry.objects.filter(child=child, day__lt=before, struck_out_at__isnull=True)
        .values_list("day", flat=True)
        .distinct()
        .order_by("-day")[:limit]
    )


def entry_for_user(user, *, setting: Setting, entry_id) -> DiaryEntry:
    """A diary entry of a child USER may see in SETTING; 404 otherwise."""
    import uuid

    try:
        uuid.UUID(str(entry_id))
    except ValueError as exc:
        raise Http404 from exc
    entry = (
        DiaryEntry.objects.filter(
            pk=entry_id, setting=setting, child__in=rules.children_visible_to(user, setting=setting)
        )
        .select_related("child", "setting", "child__room")
        .first()
    )
    if entry is None:
        raise Http404
    return entry
