"""Reads of the register, already scoped by tandem.access.rules where they concern children."""

import datetime as dt
import math
import zoneinfo
from dataclasses import dataclass, field
from fractions import Fraction
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.attendance.models import Attendance, AuthorisedCollector, CollectionEvent, RatioRule, StaffShift
from tandem.core.models import Child, ChildGuardian, Room, Setting


def present_child_ids(*, setting: Setting, day: dt.date) -> set[UUID]:
    """Children of SETTING signed in on DAY and not yet signed out (one query). For other apps
    (the diary's room day view); the caller has already checked who may see the children."""
    return set(
        Attendance.objects.filter(setting=setting, day=day, signed_out_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )


# --- the register ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    child: Child
    stays: list[Attendance]

    @property
    def open_stay(self) -> Attendance | None:
        return next((s for s in self.stays if s.signed_out_at is None), None)

    @property
    def status(self) -> str:
        if self.open_stay is not None:
            return "in"
        return "out" if self.stays else "absent"

    @property
    def guardians(self) -> list:
        return [link.guardian for link in self.child.guardian_links.all()]

    @property
    def minutes(self) -> int:
        return sum(
            int(((s.signed_out_at or s.signed_in_at) - s.signed_in_at).total_seconds() // 60) for s in self.stays
        )


def children_on_roll(*, user, setting: Setting, day: dt.date, room: Room | None = None) -> QuerySet[Child]:
    """Children of SETTING that USER may see and who attend on DAY (started, not yet left)."""
    qs = rules.children_visible_to(user, setting=setting).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=day),
        Q(leave_date__isnull=True) | Q(leave_date__gte=day),
    )
    if room is not None:
        qs = qs.filter(room=room)
    return qs


def register_for_day(
    *, user, setting: Setting, day: dt.date, room: Room | None = None, child_id=None
) -> list[RegisterRow]:
    """The register of DAY: every child on roll with their stays, in three queries whatever the
    number of children (children with their room, their stays that day, their parents).
    CHILD_ID narrows it to one row (after a sign-in, for htmx)."""
    qs = children_on_roll(user=user, setting=setting, day=day, room=room)
    if child_id is not None:
        qs = qs.filter(pk=child_id)
    children = (
        qs.select_related("room", "key_person__user")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(day=day).order_by("signed_in_at"),
                to_attr="stays_that_day",
            ),
            Prefetch(
                "guardian_links",
                queryset=ChildGuardian.objects.select_related("guardian").order_by("guardian__first_name"),
            ),
        )
        .order_by("room__age_from_months", "room__name", "first_name", "last_name")
    )
    return [RegisterRow(child=c, stays=c.stays_that_day) for c in children]


def attendance_for_user(user, *, setting: Setting, attendance_id) -> Attendance:
    """A stay of a child USER may see; 404 otherwise."""
    try:
        UUID(str(attendance_id))
    except ValueError as exc:
        raise Http404 from exc
    stay = (
        Attendance.objects.filter(
            pk=attendance_id, setting=setting, child__in=rules.children_visible_to(user, setting=setting)
        )
        .select_related("child", "signed_in_by", "signed_out_by")
        .first()
    )
    if stay is None:
        raise Http404
    return stay


def collection_events_for_day(*, user, setting: Setting, day: dt.date) -> QuerySet[CollectionEvent]:
    """Collections of DAY that were not routine (checked by password, by a call, or refused)."""
    return (
        CollectionEvent.objects.filter(
            setting=setting,
            attendance__day=day,
            attendance__child__in=rules.children_visible_to(user, setting=setting),
        )
        .exclude(outcome=CollectionEvent.Outcome.ON_LIST)
        .select_related("attendance__child", "by", "guardian_called")
        .order_by("at")
    )


def stays_for_child(*, child: Child, day: dt.date) -> list[Attendance]:
    """CHILD's stays on DAY (the caller got CHILD from tandem.access)."""
    return list(Attendance.objects.filter(child=child, day=day).order_by("signed_in_at"))


# --- collectors -----------------------------------------------------------------------------------


def collectors_for_child(*, child: Child, active_only: bool = False) -> QuerySet[AuthorisedCollector]:
    """CHILD's authorised collectors (the caller got CHILD from tandem.access)."""
    qs = AuthorisedCollector.objects.filter(child=child)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("-is_active", "name")


def collector_for_user(user, *, collector_id, setting: Setting | None = None) -> tuple[AuthorisedCollector, object]:
    """A collector of a child USER may see, with USER's permissions on the child; 404 otherwise."""
    try:
        UUID(str(collector_id))
    except ValueError as exc:
        raise Http404 from exc
    collector = (
        AuthorisedCollector.objects.filter(pk=collector_id, child__in=rules.children_visible_to(user, setting=setting))
        .select_related("child")
        .first()
    )
    if collector is None:
        raise Http404
    return collector, rules.child_permissions(user, collector.child)


# --- shifts, headcount and ratios -----------------------------------------------------------------


def shifts_for_day(*, user, setting: Setting, day: dt.date) -> QuerySet[StaffShift]:
    rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        StaffShift.objects.filter(setting=setting, day=day)
        .select_related("staff__user", "room")
        .order_by("room__age_from_months", "room__name", "starts_at")
    )


def ratio_rules_on(*, setting: Setting, day: dt.date) -> list[RatioRule]:
    """The ratio rules in force on DAY for SETTING: its own rules first, then England's
    defaults, newest first within each (one query)."""
    return list(
        RatioRule.objects.filter(Q(setting=setting) | Q(setting__isnull=True), effective_from__lte=day).order_by(
            "setting_id", "-effective_from"
        )
    )


def children_per_adult(rule_list: list[RatioRule], *, age_months: int, setting: Setting) -> int | None:
    """How many children of AGE_MONTHS one adult may care for: the setting's own rule if it has
    one for that age, else the default; the newest in force wins."""
    matching = [r for r in rule_list if r.age_from_months <= age_months < r.age_to_months]
    own = [r for r in matching if r.setting_id == setting.pk]
    chosen = own or [r for r in matching if r.setting_id is None]
    if not chosen:
        return None
    return max(chosen, key=lambda r: r.effective_from).children_per_adult


def adults_required(ages_in_months: list[int], *, rule_list: list[RatioRule], setting: Setting) -> int:
    """Adults needed for children of these ages: each child counts 1/N of an adult, where N is
    the ratio for their age (so a mixed room adds up), rounded up. A child older than every rule
    counts as the ratio of the oldest band."""
    total = Fraction(0)
    for age in ages_in_months:
        per_adult = children_per_adult(rule_list, age_months=age, setting=setting)
        if per_adult is None:
            per_adult = max((r.children_per_adult for r in rule_list), default=8)
        total += Fraction(1, per_adult)
    return math.ceil(total)


@dataclass
class RoomHeadcount:
    room: Room
    children: list[Child] = field(default_factory=list)
    shifts: list[StaffShift] = field(default_factory=list)
    required: int = 0

    @property
    def staff_count(self) -> int:
        return len({s.staff_id for s in self.shifts})

    @property
    def breached(self) -> bool:
        return self.staff_count < self.required

    @property
    def under_two(self) -> int:
        return sum(1 for c in self.children if c.age_months < 24)

    @property
    def two_year_olds(self) -> int:
        return sum(1 for c in self.children if 24 <= c.age_months < 36)

    @property
    def three_and_over(self) -> int:
        return sum(1 for c in self.children if c.age_months >= 36)


def headcount(*, user, setting: Setting, at: dt.datetime) -> list[RoomHeadcount]:
    """Each room in use now: the children present, the staff on shift at AT, the adults the
    ratio rules require and whether the ratio is breached. Four queries whatever the size
    (rooms, children present, shifts, ratio rules)."""
    local = at.astimezone(zoneinfo.ZoneInfo(setting.timezone))
    day, now = local.date(), local.time()
    rooms = {r.pk: RoomHeadcount(room=r) for r in rules.rooms_visible_to(user, setting=setting).filter(is_active=True)}
    present = children_on_roll(user=user, setting=setting, day=day).filter(
        attendances__day=day, attendances__signed_out_at__isnull=True
    )
    for child in present.order_by("first_name", "last_name"):
        if child.room_id in rooms:
            child.age_months = child.age_in_months(day)
            rooms[child.room_id].children.append(child)
    shifts = StaffShift.objects.filter(
        setting=setting, day=day, starts_at__lte=now, ends_at__gt=now, staff__is_active=True
    ).select_related("staff__user")
    for shift in shifts:
        if shift.room_id in rooms:
            rooms[shift.room_id].shifts.append(shift)
    rule_list = ratio_rules_on(setting=setting, day=day)
    for count in rooms.values():
        count.required = adults_required([c.age_months for c in count.children], rule_list=rule_list, setting=setting)
    return list(rooms.values())
