"""The verbs of the register: sign in, sign out through a collection check, refuse a collection,
correct a stay, manage a child's authorised collectors and the day's shifts.

Each service is keyword-only, atomic, validates before saving and writes an audit entry in the
same transaction (`attendance.<entity>.<past tense>`). A correction keeps the earlier state with
keep_version: the register is a legal record (EYFS: daily record of children present and their
hours), so nothing is overwritten without a trace. The caller has checked permission through
tandem.access; services check the rules of the data and raise AttendanceError with a message the
person can act on, saving nothing."""

import datetime as dt
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.attendance.models import Attendance, AuthorisedCollector, CollectionEvent, StaffShift
from tandem.attendance.photos import photo_clean
from tandem.core.audit import audit_log, changed_fields, keep_version, snapshot
from tandem.core.models import Child, ChildGuardian, Guardian, Room, Setting, StaffMember

# A device clock a little ahead of the server's is not "the future".
CLOCK_SKEW = dt.timedelta(minutes=2)


class AttendanceError(ValidationError):
    """A rule of the register was broken. The message is translated and says what to do; a dict
    message names the form field it belongs to."""


def _tz(setting: Setting):
    import zoneinfo

    return zoneinfo.ZoneInfo(setting.timezone)


def local_day(setting: Setting, at: dt.datetime) -> dt.date:
    return at.astimezone(_tz(setting)).date()


def _check_not_future(at: dt.datetime, field: str) -> None:
    if at > timezone.now() + CLOCK_SKEW:
        raise AttendanceError({field: _("This time is in the future. Give the time it really happened.")})


def _open_stay(child: Child, day: dt.date) -> Attendance | None:
    return Attendance.objects.select_for_update().filter(child=child, day=day, signed_out_at__isnull=True).first()


def _guardian_link(child: Child, guardian: Guardian) -> ChildGuardian | None:
    return ChildGuardian.objects.filter(child=child, guardian=guardian).first()


# --- sign in --------------------------------------------------------------------------------------


@transaction.atomic
def attendance_sign_in(
    *,
    child: Child,
    by: Any,
    at: dt.datetime | None = None,
    dropped_off_by: str = "",
    guardian: Guardian | None = None,
    collector: AuthorisedCollector | None = None,
    notes: str = "",
) -> Attendance:
    """Sign CHILD in (any member of staff who can see the child). Refused when the child is
    already signed in that day, before their last sign-out, in the future, or has left."""
    at = at or timezone.now()
    _check_not_future(at, "signed_in_at")
    day = local_day(child.setting, at)
    if child.leave_date and child.leave_date < day:
        raise AttendanceError(_("%(child)s has left the setting.") % {"child": child.display_name})
    if _open_stay(child, day) is not None:
        raise AttendanceError(_("%(child)s is already signed in.") % {"child": child.display_name})
    last_out = (
        Attendance.objects.filter(child=child, day=day, signed_out_at__isnull=False)
        .order_by("-signed_out_at")
        .values_list("signed_out_at", flat=True)
        .first()
    )
    if last_out is not None and at < last_out:
        raise AttendanceError(
            {"signed_in_at": _("%(child)s was signed out later than this today.") % {"child": child.display_name}}
        )
    if guardian is not None and (guardian.setting_id != child.setting_id or _guardian_link(child, guardian) is None):
        raise AttendanceError({"guardian": _("This person is not one of the child's parents or carers.")})
    if collector is not None and collector.child_id != child.pk:
        raise AttendanceError({"collector": _("This person is not on the child's list.")})
    name = (dropped_off_by or "").strip() or (guardian.full_name if guardian else collector.name if collector else "")
    stay = Attendance(
        setting=child.setting,
        child=child,
        day=day,
        signed_in_at=at,
        dropped_off_by=name[:120],
        dropped_off_by_guardian=guardian,
        dropped_off_by_collector=collector,
        signed_in_by=by,
        notes=(notes or "").strip(),
    )
    stay.full_clean(validate_constraints=False)
    stay.save()
    audit_log("attendance.child.signed_in", actor=by, obj=stay, setting=child.setting, child=child)
    return stay


# --- sign out and collection ----------------------------------------------------------------------


def _who_is_collecting(
    child: Child, *, collector: AuthorisedCollector | None, guardian: Guardian | None, name: str
) -> tuple[str, bool]:
    """The name of the person collecting and whether they are on the child's list: an active
    authorised collector, or a parent or carer the setting has marked as allowed to collect."""
    if collector is not None:
        if collector.child_id != child.pk:
            raise AttendanceError({"collector": _("This person is not on the child's list.")})
        return collector.name, collector.is_active
    if guardian is not None:
        link = _guardian_link(child, guardian)
        if link is None:
            raise AttendanceError({"guardian": _("This person is not one of the child's parents or carers.")})
        return guardian.full_name, link.may_collect
    name = (name or "").strip()
    if not name:
        raise AttendanceError({"name": _("Give the name of the person collecting.")})
    return name[:120], False


def _check_password(child: Child, password: str) -> bool:
    """Whether PASSWORD is the collection password of any active collector of CHILD."""
    if not password:
        return False
    hashes = AuthorisedCollector.objects.filter(child=child, is_active=True).exclude(password_hash="")
    return any(check_password(password, h) for h in hashes.values_list("password_hash", flat=True))


@transaction.atomic
def attendance_sign_out(
    *,
    child: Child,
    by: Any,
    at: dt.datetime | None = None,
    collector: AuthorisedCollector | None = None,
    guardian: Guardian | None = None,
    name: str = "",
    outcome: str = "",
    password: str = "",
    guardian_called: Guardian | None = None,
    guardian_said: str = "",
    notes: str = "",
) -> CollectionEvent:
    """Sign CHILD out to the person collecting them (any member of staff who can see the child).
    Someone on the list collects. Anyone else needs a check: the collection password of one of
    the child's collectors, or a parent called who agreed (who was called, what they said).
    Refused when the child is not signed in, before they were signed in, or in the future.
    EYFS 2024 §3.65: children are released only to people the parent has named."""
    at = at or timezone.now()
    _check_not_future(at, "signed_out_at")
    day = local_day(child.setting, at)
    stay = _open_stay(child, day)
    if stay is None:
        raise AttendanceError(_("%(child)s is not signed in, so cannot be signed out.") % {"child": child.display_name})
    if at < stay.signed_in_at:
        raise AttendanceError({"signed_out_at": _("The sign-out time is before the child was signed in.")})
    who, on_list = _who_is_collecting(child, collector=collector, guardian=guardian, name=name)
    guardian_said = (guardian_said or "").strip()
    if on_list:
        outcome = CollectionEvent.Outcome.ON_LIST
    elif outcome == CollectionEvent.Outcome.PASSWORD_CONFIRMED:
        if not _check_password(child, password):
            raise AttendanceError({"password": _("This is not the collection password. Try again or call a parent.")})
    elif outcome == CollectionEvent.Outcome.GUARDIAN_CALLED_AND_AGREED:
        if guardian_called is None or _guardian_link(child, guardian_called) is None:
            raise AttendanceError({"guardian_called": _("Choose which parent or carer you called.")})
        if not guardian_said:
            raise AttendanceError({"guardian_said": _("Write down what the parent said.")})
    else:
        raise AttendanceError(
            _("%(name)s is not on the list. Check the collection password or call a parent first.") % {"name": who}
        )
    keep_version(stay, setting=child.setting, by=by)
    stay.signed_out_at = at
    stay.collected_by = who
    stay.collected_by_collector = collector
    stay.collected_by_guardian = guardian
    stay.signed_out_by = by
    stay.full_clean(validate_constraints=False)
    stay.save()
    event = CollectionEvent.objects.create(
        setting=child.setting,
        attendance=stay,
        collector=collector,
        guardian=guardian,
        name=who,
        on_list=on_list,
        outcome=outcome,
        guardian_called=guardian_called if outcome == CollectionEvent.Outcome.GUARDIAN_CALLED_AND_AGREED else None,
        guardian_said=guardian_said if outcome == CollectionEvent.Outcome.GUARDIAN_CALLED_AND_AGREED else "",
        notes=(notes or "").strip()[:500],
        by=by,
        at=at,
    )
    audit_log(
        "attendance.child.signed_out",
        actor=by,
        obj=stay,
        setting=child.setting,
        child=child,
        data={"collection": str(event.pk), "outcome": outcome},
    )
    return event


@transaction.atomic
def collection_refuse(
    *,
    child: Child,
    by: Any,
    name: str,
    guardian_called: Guardian | None = None,
    guardian_said: str = "",
    notes: str = "",
) -> CollectionEvent:
    """Record that someone came to collect CHILD and the child was not released. The child
    stays signed in; the refusal is kept with the stay (EYFS: collection procedures)."""
    day = local_day(child.setting, timezone.now())
    stay = _open_stay(child, day)
    if stay is None:
        raise AttendanceError(_("%(child)s is not signed in.") % {"child": child.display_name})
    name = (name or "").strip()
    if not name:
        raise AttendanceError({"name": _("Give the name of the person who came to collect.")})
    if guardian_called is not None and _guardian_link(child, guardian_called) is None:
        raise AttendanceError({"guardian_called": _("Choose which parent or carer you called.")})
    event = CollectionEvent.objects.create(
        setting=child.setting,
        attendance=stay,
        name=name[:120],
        on_list=False,
        outcome=CollectionEvent.Outcome.REFUSED,
        guardian_called=guardian_called,
        guardian_said=(guardian_said or "").strip()[:300],
        notes=(notes or "").strip()[:500],
        by=by,
    )
    audit_log("attendance.collection.refused", actor=by, obj=event, setting=child.setting, child=child)
    return event


@transaction.atomic
def attendance_correct(
    *,
    attendance: Attendance,
    by: Any,
    reason: str,
    signed_in_at: dt.datetime | None = None,
    signed_out_at: dt.datetime | None = None,
    dropped_off_by: str | None = None,
    collected_by: str | None = None,
) -> Attendance:
    """Correct a stay's times or names (can_edit_children). The earlier values are kept as a
    version and the reason is required: a register is corrected, never silently rewritten."""
    reason = (reason or "").strip()
    if not reason:
        raise AttendanceError({"reason": _("Say why the register is being corrected.")})
    stay = Attendance.objects.select_for_update().get(pk=attendance.pk)
    before = snapshot(stay)
    if signed_in_at is not None:
        _check_not_future(signed_in_at, "signed_in_at")
        if local_day(stay.setting, signed_in_at) != stay.day:
            raise AttendanceError({"signed_in_at": _("The time must be on the same day.")})
        stay.signed_in_at = signed_in_at
    if signed_out_at is not None:
        if stay.signed_out_at is None:
            raise AttendanceError({"signed_out_at": _("Sign the child out first; then the time can be corrected.")})
        _check_not_future(signed_out_at, "signed_out_at")
        stay.signed_out_at = signed_out_at
    if stay.signed_out_at is not None and stay.signed_out_at < stay.signed_in_at:
        raise AttendanceError({"signed_out_at": _("The sign-out time is before the child was signed in.")})
    if dropped_off_by is not None:
        stay.dropped_off_by = dropped_off_by.strip()[:120]
    if collected_by is not None:
        stay.collected_by = collected_by.strip()[:120]
    changed = changed_fields(before, snapshot(stay))
    changed = [f for f in changed if f != "updated_at"]
    if not changed:
        return stay
    stay.full_clean(validate_constraints=False)
    original = Attendance.objects.get(pk=stay.pk)
    keep_version(original, setting=stay.setting, by=by)
    stay.save()
    audit_log(
        "attendance.attendance.corrected",
        actor=by,
        obj=stay,
        setting=stay.setting,
        child=stay.child,
        data={"fields": changed, "reason": reason[:200]},
    )
    return stay


# --- authorised collectors ------------------------------------------------------------------------

COLLECTOR_FIELDS = ("name", "relationship", "phone")


def _check_collector_password(password: str) -> None:
    if len(password) < 4:
        raise AttendanceError({"password": _("Choose a collection password of at least 4 characters.")})


@transaction.atomic
def collector_add(
    *,
    child: Child,
    by: Any,
    name: str,
    relationship: str,
    phone: str = "",
    photo=None,
    password: str = "",
    guardian: Guardian | None = None,
) -> AuthorisedCollector:
    """Name someone who may collect CHILD (a guardian with parental responsibility, or staff
    with can_edit_children). The password is stored only as a hash; the photo is re-encoded."""
    collector = AuthorisedCollector(
        setting=child.setting,
        child=child,
        name=(name or "").strip(),
        relationship=(relationship or "").strip(),
        phone=(phone or "").strip(),
        added_by=by,
        added_by_guardian=guardian,
    )
    collector.full_clean(exclude=["photo", "password_hash"])
    password = (password or "").strip()
    if password:
        _check_collector_password(password)
        collector.password_hash = make_password(password)
    clean_photo = photo_clean(photo) if photo else None
    collector.save()
    if clean_photo is not None:
        collector.photo.save("photo.jpg", clean_photo, save=True)
    audit_log(
        "attendance.collector.added",
        actor=by,
        obj=collector,
        setting=child.setting,
        child=child,
        data={"photo": bool(clean_photo), "with_password": bool(password)},
    )
    return collector


@transaction.atomic
def collector_update(
    *, collector: AuthorisedCollector, by: Any, photo=None, password: str = "", **changes: Any
) -> AuthorisedCollector:
    """Change a collector's details, photo or password. The earlier details are kept as a
    version (without the password hash); an empty password leaves the old one."""
    unknown = set(changes) - set(COLLECTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    before = snapshot(collector, exclude=("password_hash",))
    for field, value in changes.items():
        setattr(collector, field, (value or "").strip())
    collector.full_clean(exclude=["photo", "password_hash"])
    password = (password or "").strip()
    if password:
        _check_collector_password(password)
    clean_photo = photo_clean(photo) if photo else None
    changed = [f for f in changed_fields(before, snapshot(collector, exclude=("password_hash",))) if f != "updated_at"]
    if password:
        changed.append("password")
    if clean_photo is not None:
        changed.append("photo")
    if not changed:
        return collector
    original = AuthorisedCollector.objects.get(pk=collector.pk)
    version = keep_version(original, setting=collector.setting, by=by)
    version.data.pop("password_hash", None)
    version.save(update_fields=["data"])
    if password:
        collector.password_hash = make_password(password)
    collector.save()
    if clean_photo is not None:
        # The old photo stays in storage: the version names it, and retention decides when it goes.
        collector.photo.save("photo.jpg", clean_photo, save=True)
    audit_log(
        "attendance.collector.updated",
        actor=by,
        obj=collector,
        setting=collector.setting,
        child=collector.child,
        data={"fields": sorted(changed)},
    )
    return collector


@transaction.atomic
def collector_deactivate(*, collector: AuthorisedCollector, by: Any) -> AuthorisedCollector:
    """Take someone off the child's list. The row stays, so past collections still name them."""
    if not collector.is_active:
        return collector
    collector.is_active = False
    collector.save(update_fields=["is_active", "updated_at"])
    audit_log(
        "attendance.collector.deactivated",
        actor=by,
        obj=collector,
        setting=collector.setting,
        child=collector.child,
    )
    return collector


# --- shifts ---------------------------------------------------------------------------------------


@transaction.atomic
def shift_create(
    *,
    setting: Setting,
    by: Any,
    staff: StaffMember,
    room: Room,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
) -> StaffShift:
    """Put a member of staff on shift in a room (can_manage_staff). One person cannot be on two
    overlapping shifts."""
    if staff.setting_id != setting.pk or room.setting_id != setting.pk:
        raise AttendanceError(_("This person or room belongs to another setting."))
    if ends_at <= starts_at:
        raise AttendanceError({"ends_at": _("The shift must end after it starts.")})
    overlapping = StaffShift.objects.filter(
        setting=setting, staff=staff, day=day, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if overlapping.exists():
        raise AttendanceError(_("%(name)s is already on shift at that time.") % {"name": staff.user.display_name})
    shift = StaffShift(
        setting=setting, staff=staff, room=room, day=day, starts_at=starts_at, ends_at=ends_at, created_by=by
    )
    shift.full_clean()
    shift.save()
    audit_log("attendance.shift.created", actor=by, obj=shift, setting=setting)
    return shift


@transaction.atomic
def shift_delete(*, shift: StaffShift, by: Any) -> None:
    """Remove a planned shift (can_manage_staff). The audit log keeps who, where and when."""
    audit_log(
        "attendance.shift.deleted",
        actor=by,
        obj=shift,
        setting=shift.setting,
        data={"staff": str(shift.staff_id), "room": str(shift.room_id), "day": shift.day.isoformat()},
    )
    shift.delete()
