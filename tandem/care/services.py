"""The verbs of the care diary. Every write from the pages, the API, the offline queue, the demo
and the tasks goes through a function here.

Each service is keyword-only, atomic, checks the rules of the data (times in order and not in
the future, believable amounts, no overlapping sleeps, a child the person may record for),
raises CareError with a message the person can act on and saves nothing when a rule is
broken, writes the audit log in the same transaction (ids, kinds and field NAMES, never the
text of an entry), and keeps the earlier state of anything it changes (core RecordVersion):
these are records the provider must keep, so nothing is silently overwritten or lost."""

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.care.models import (
    MAX_ML_PER_ENTRY,
    CareRoutine,
    DayFinalisation,
    DaySummarySent,
    DiaryEntry,
    GuardianCareUpdates,
    Kind,
    MorningHandover,
    RoomCareSettings,
    SleepCheck,
    Source,
    UpdatesMode,
)
from tandem.core.audit import audit_log, keep_version
from tandem.core.models import AuditEntry, Child, ChildGuardian, Guardian, Room, Setting
from tandem.core.services import CoreError

# Clocks on tablets and phones drift; a time a few minutes ahead is still "now".
CLOCK_DRIFT = dt.timedelta(minutes=5)
TEMPERATURE_RANGE = (Decimal("34.0"), Decimal("43.0"))
INTERVAL_RANGE = (15, 720)

ENTRY_FIELDS = (
    "ended_at",
    "amount_ml",
    "feed_type",
    "offered",
    "eaten",
    "nappy",
    "cream_applied",
    "mood",
    "temperature_c",
    "notes",
)
CORRECTABLE_FIELDS = ("occurred_at", *ENTRY_FIELDS)
HANDOVER_FIELDS = (
    "last_feed_at",
    "last_feed_details",
    "slept_from",
    "slept_to",
    "mood",
    "teething",
    "medicine_at_home",
    "collecting_today",
    "notes",
)


class CareError(CoreError):
    """A rule of the diary was broken; the message is translated and says what to do."""


def local_day(setting: Setting, when: dt.datetime) -> dt.date:
    """The date WHEN falls on in the setting's time zone (a diary day is the setting's day)."""
    return when.astimezone(zoneinfo.ZoneInfo(setting.timezone)).date()


def _now() -> dt.datetime:
    return timezone.now()


def _clean_amount(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def _entry_errors(entry: DiaryEntry, *, now: dt.datetime) -> dict[str, str]:
    """Rules about one entry on its own (the ones that need other rows are checked apart)."""
    errors: dict[str, str] = {}
    if entry.kind not in Kind.values:
        return {"kind": _("Choose what you are recording from the list.")}
    if entry.occurred_at is None:
        errors["occurred_at"] = _("Give the time.")
    elif entry.occurred_at > now + CLOCK_DRIFT:
        errors["occurred_at"] = _("This time is in the future. Give the time it happened.")
    if entry.ended_at is not None:
        if entry.kind != Kind.SLEEP:
            errors["ended_at"] = _("Only a sleep has an end time.")
        elif entry.occurred_at is not None and entry.ended_at < entry.occurred_at:
            errors["ended_at"] = _("A sleep cannot end before it starts.")
        elif entry.ended_at > now + CLOCK_DRIFT:
            errors["ended_at"] = _("The end of the sleep is in the future. End it when the child wakes.")
    if entry.amount_ml is not None:
        if entry.amount_ml < 0:
            errors["amount_ml"] = _("An amount cannot be negative.")
        elif entry.amount_ml > MAX_ML_PER_ENTRY:
            errors["amount_ml"] = _(
                "%(ml)s ml at once is more than a child can drink. Check the amount (at most %(max)s ml)."
            ) % {"ml": entry.amount_ml, "max": MAX_ML_PER_ENTRY}
    if entry.kind == Kind.FEED and not entry.feed_type:
        errors["feed_type"] = _("Say whether it was breast, bottle or solids.")
    if entry.kind in (Kind.MEAL, Kind.SNACK) and not entry.eaten:
        errors["eaten"] = _("Say how much was eaten.")
    if entry.kind == Kind.NAPPY and not entry.nappy:
        errors["nappy"] = _("Say whether the nappy was wet, soiled or dry.")
    if entry.kind == Kind.MOOD and not entry.mood:
        errors["mood"] = _("Choose a mood.")
    if entry.kind == Kind.TEMPERATURE:
        if entry.temperature_c is None and not entry.notes.strip():
            errors["temperature_c"] = _("Give the temperature, or describe the signs of being unwell.")
        elif entry.temperature_c is not None and not (
            TEMPERATURE_RANGE[0] <= Decimal(entry.temperature_c) <= TEMPERATURE_RANGE[1]
        ):
            errors["temperature_c"] = _("A temperature must be between 34 and 43 °C. Check the reading.")
    if entry.kind in (Kind.NOTE, Kind.ACTIVITY) and not entry.notes.strip():
        errors["notes"] = _("Write what happened.")
    return errors


def _overlapping_sleeps(
    *, child_ids: Iterable[Any], start: dt.datetime, end: dt.datetime | None, exclude: Any = None
) -> set:
    """Ids of the children (of CHILD_IDS) who already have a sleep that overlaps START-END
    (an unfinished sleep overlaps everything after its start). One query."""
    qs = DiaryEntry.objects.filter(child_id__in=list(child_ids), kind=Kind.SLEEP, struck_out_at__isnull=True).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=start)
    )
    if end is not None:
        qs = qs.filter(occurred_at__lt=end)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return set(qs.values_list("child_id", flat=True))


def _check_may_record(*, by: Any, setting: Setting, child_ids: list, source: str) -> None:
    """Everyone recorded for must be a child BY may see: staff through access, a guardian only
    for their own children. One query."""
    if source == Source.GUARDIAN:
        allowed = set(
            ChildGuardian.objects.filter(guardian__user=by, child_id__in=child_ids).values_list("child_id", flat=True)
        )
    else:
        allowed = set(
            rules.children_visible_to(by, setting=setting).filter(pk__in=child_ids).values_list("pk", flat=True)
        )
    if set(child_ids) - allowed:
        raise CareError(_("You may not record in the diary of one of these children."))


def entry_key_for_child(key: uuid.UUID, child_id: Any) -> uuid.UUID:
    """The idempotency key of one child's entry within a post for several children."""
    return uuid.uuid5(key, str(child_id))


def _audit_rows(action: str, *, by: Any, setting: Setting, entries: Sequence[DiaryEntry], data: dict) -> None:
    """One audit entry per diary entry, written in one INSERT (same rules as core.audit)."""
    actor_id = by.pk if getattr(by, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                setting=setting,
                actor_id=actor_id,
                action=action,
                object_type=DiaryEntry._meta.label_lower,
                object_id=str(e.pk),
                child_id=e.child_id,
                data=data,
            )
            for e in entries
        ]
    )


@transaction.atomic
def diary_entry_record_many(
    *,
    setting: Setting,
    children: Sequence[Child],
    by: Any,
    kind: str,
    occurred_at: dt.datetime,
    idempotency_key: uuid.UUID | str,
    source: str = Source.STAFF,
    per_child_keys: bool = True,
    **fields: Any,
) -> tuple[list[DiaryEntry], bool]:
    """Record the same entry for each of CHILDREN (lunch for the whole table) in one
    transaction: all or nothing, and the same handful of queries for 1 or 30 children.
    Posting the same IDEMPOTENCY_KEY again records nothing and returns the entries already
    made (each child's key is derived from the post's key). Returns (entries, created)."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not children:
        raise CareError({"children": _("Choose at least one child.")})
    if source not in Source.values:
        raise CareError({"source": _("Choose staff or family.")})
    try:
        key = uuid.UUID(str(idempotency_key))
    except ValueError as exc:
        raise CareError({"idempotency_key": _("This is not a valid idempotency key.")}) from exc
    children = list({c.pk: c for c in children}.values())
    if any(c.setting_id != setting.pk for c in children):
        raise CareError(_("You may not record in the diary of one of these children."))
    keys = {c.pk: (entry_key_for_child(key, c.pk) if per_child_keys else key) for c in children}
    _check_may_record(by=by, setting=setting, child_ids=list(keys), source=source)

    existing = {
        e.idempotency_key: e for e in DiaryEntry.objects.filter(setting=setting, idempotency_key__in=keys.values())
    }
    to_make = [c for c in children if keys[c.pk] not in existing]
    if not to_make:
        return [existing[keys[c.pk]] for c in children], False

    now = _now()
    fields = {name: value for name, value in fields.items() if value is not None or name in ("ended_at",)}
    fields.setdefault("notes", "")
    fields["notes"] = (fields["notes"] or "").strip()
    for name in ("offered",):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "amount_ml" in fields:
        try:
            fields["amount_ml"] = _clean_amount(fields["amount_ml"])
        except (TypeError, ValueError) as exc:
            raise CareError({"amount_ml": _("Give the amount as a whole number of millilitres.")}) from exc
    if "temperature_c" in fields and fields["temperature_c"] not in (None, ""):
        try:
            fields["temperature_c"] = Decimal(str(fields["temperature_c"])).quantize(Decimal("0.1"))
        except InvalidOperation as exc:
            raise CareError({"temperature_c": _("Give the temperature as a number, e.g. 37.5.")}) from exc
    entries = [
        DiaryEntry(
            setting=setting,
            child=child,
            kind=kind,
            occurred_at=occurred_at,
            day=local_day(setting, occurred_at) if occurred_at else None,
            source=source,
            recorded_by=by,
            idempotency_key=keys[child.pk],
            **fields,
        )
        for child in to_make
    ]
    errors = _entry_errors(entries[0], now=now)  # the same values for every child
    if errors:
        raise CareError(errors)
    for entry in entries:
        # The keys were checked above in one query, not one per child; the child, setting and
        # person came from the database, so their existence is not asked again either.
        entry.full_clean(exclude=["setting", "child", "recorded_by"], validate_unique=False, validate_constraints=False)
    if kind == Kind.SLEEP:
        clash = _overlapping_sleeps(child_ids=[c.pk for c in to_make], start=occurred_at, end=fields.get("ended_at"))
        if clash:
            names = ", ".join(c.known_as for c in to_make if c.pk in clash)
            raise CareError(
                {
                    "occurred_at": _("This sleep overlaps another sleep already recorded for %(names)s.")
                    % {"names": names}
                }
            )
    try:
        with transaction.atomic():
            DiaryEntry.objects.bulk_create(entries)
    except IntegrityError:
        # The same post arrived twice at the same moment: the other one recorded it.
        existing = {
            e.idempotency_key: e for e in DiaryEntry.objects.filter(setting=setting, idempotency_key__in=keys.values())
        }
        if all(keys[c.pk] in existing for c in children):
            return [existing[keys[c.pk]] for c in children], False
        raise
    _audit_rows(
        "care.diary_entry.recorded",
        by=by,
        setting=setting,
        entries=entries,
        data={"kind": kind, "source": source, "children": len(children)},
    )
    made = {e.child_id: e for e in entries}
    return [made.get(c.pk) or existing[keys[c.pk]] for c in children], True


def diary_entry_record(
    *,
    child: Child,
    by: Any,
    kind: str,
    occurred_at: dt.datetime,
    idempotency_key: uuid.UUID | str | None = None,
    source: str = Source.STAFF,
    **fields: Any,
) -> tuple[DiaryEntry, bool]:
    """Record one entry in CHILD's diary (any member of staff who may see the child, or the
    child's guardian with source=guardian). A repeated IDEMPOTENCY_KEY returns the entry
    already made with created=False. Returns (entry, created)."""
    entries, created = diary_entry_record_many(
        setting=child.setting,
        children=[child],
        by=by,
        kind=kind,
        occurred_at=occurred_at,
        idempotency_key=idempotency_key or uuid.uuid4(),
        source=source,
        per_child_keys=False,
        **fields,
    )
    return entries[0], created


def _restore(entry: DiaryEntry, original: DiaryEntry, names: Iterable[str]) -> None:
    for name in names:
        setattr(entry, name, getattr(original, name))


@transaction.atomic
def diary_entry_correct(*, entry: DiaryEntry, by: Any, **changes: Any) -> DiaryEntry:
    """Correct an entry (staff who may see the child). The earlier state is kept as a version
    that staff can read on the child's day; a struck-out entry cannot be corrected."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    original = DiaryEntry.objects.select_for_update().get(pk=entry.pk)
    if original.struck_out_at is not None:
        raise CareError(_("This entry was struck out, so it cannot be corrected. Record a new one."))
    if "amount_ml" in changes:
        try:
            changes["amount_ml"] = _clean_amount(changes["amount_ml"])
        except (TypeError, ValueError) as exc:
            raise CareError({"amount_ml": _("Give the amount as a whole number of millilitres.")}) from exc
    for name in ("notes", "offered"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    changed = sorted(name for name, value in changes.items() if getattr(entry, name) != value)
    if not changed:
        return entry
    for name in changed:
        setattr(entry, name, changes[name])
    try:
        errors = _entry_errors(entry, now=_now())
        if errors:
            raise CareError(errors)
        if entry.kind == Kind.SLEEP and _overlapping_sleeps(
            child_ids=[entry.child_id], start=entry.occurred_at, end=entry.ended_at, exclude=entry.pk
        ):
            raise CareError({"occurred_at": _("This sleep overlaps another sleep already recorded for this child.")})
        entry.day = local_day(entry.setting, entry.occurred_at)
        entry.full_clean(validate_unique=False)
    except ValidationError:
        _restore(entry, original, [*changed, "day"])
        raise
    keep_version(original, setting=entry.setting, by=by)
    entry.corrected_at = _now()
    entry.save()
    audit_log(
        "care.diary_entry.corrected",
        actor=by,
        obj=entry,
        setting=entry.setting,
        child=entry.child,
        data={"fields": changed},
    )
    return entry


@transaction.atomic
def diary_entry_strike_out(*, entry: DiaryEntry, by: Any, reason: str) -> DiaryEntry:
    """Strike out an entry made by mistake (staff). It stays in the record, crossed out, with
    who did it, when and why: diary entries are never deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise CareError({"reason": _("Say why this entry is being struck out.")})
    original = DiaryEntry.objects.select_for_update().get(pk=entry.pk)
    if original.struck_out_at is not None:
        return original
    keep_version(original, setting=entry.setting, by=by)
    entry.struck_out_at = _now()
    entry.struck_out_by = by
    entry.struck_out_reason = reason[:300]
    entry.save(update_fields=["struck_out_at", "struck_out_by", "struck_out_reason"])
    audit_log("care.diary_entry.struck_out", actor=by, obj=entry, setting=entry.setting, child=entry.child)
    return entry


@transaction.atomic
def sleep_end(*, entry: DiaryEntry, by: Any, ended_at: dt.datetime | None = None) -> DiaryEntry:
    """Record that a sleeping child woke (staff). Filling in the end of an unfinished sleep is
    not a correction: nothing is overwritten."""
    original = DiaryEntry.objects.select_for_update().get(pk=entry.pk)
    if not original.is_ongoing_sleep:
        raise CareError(_("This sleep has already ended."))
    ended_at = ended_at or _now()
    entry.ended_at = ended_at
    errors = _entry_errors(entry, now=_now())
    if errors:
        entry.ended_at = None
        raise CareError(errors)
    entry.save(update_fields=["ended_at"])
    audit_log("care.diary_entry.sleep_ended", actor=by, obj=entry, setting=entry.setting, child=entry.child)
    return entry


@transaction.atomic
def sleep_check_record(
    *, entry: DiaryEntry, by: Any, checked_at: dt.datetime | None = None, note: str = ""
) -> SleepCheck:
    """Record that a member of staff checked a sleeping child, during the sleep."""
    if entry.kind != Kind.SLEEP or entry.struck_out_at is not None:
        raise CareError(_("Sleep checks belong to a sleep."))
    now = _now()
    checked_at = checked_at or now
    if checked_at > now + CLOCK_DRIFT:
        raise CareError({"checked_at": _("This time is in the future. Give the time of the check.")})
    if checked_at < entry.occurred_at or (entry.ended_at is not None and checked_at > entry.ended_at):
        raise CareError({"checked_at": _("A sleep check must fall within the sleep.")})
    check = SleepCheck(setting=entry.setting, entry=entry, checked_at=checked_at, by=by, note=note.strip()[:200])
    check.full_clean()
    check.save()
    audit_log("care.sleep_check.recorded", actor=by, obj=check, setting=entry.setting, child=entry.child)
    return check


# --- routines and room settings ----------------------------------------------------------------


@transaction.atomic
def care_routine_update(
    *,
    child: Child,
    by: Any,
    nap_times: str = "",
    feed_interval_minutes: int | None = None,
    nappy_interval_minutes: int | None = None,
    notes: str = "",
) -> CareRoutine:
    """Set a child's care routine (staff who may see the child), keeping the earlier one."""
    errors = {}
    routine = CareRoutine.objects.filter(child=child).first()
    candidate = CareRoutine(setting=child.setting, child=child, nap_times=nap_times.strip())
    parts = [p for p in nap_times.replace(";", ",").split(",") if p.strip()]
    if len(candidate.nap_time_list()) != len(parts):
        errors["nap_times"] = _("Write nap times as hours and minutes, separated by commas, e.g. 09:30, 13:00.")
    for name, value in (
        ("feed_interval_minutes", feed_interval_minutes),
        ("nappy_interval_minutes", nappy_interval_minutes),
    ):
        if value is not None and not (INTERVAL_RANGE[0] <= value <= INTERVAL_RANGE[1]):
            errors[name] = _("Give a number of minutes between %(low)s and %(high)s.") % {
                "low": INTERVAL_RANGE[0],
                "high": INTERVAL_RANGE[1],
            }
    if errors:
        raise CareError(errors)
    values = {
        "nap_times": ", ".join(t.strftime("%H:%M") for t in candidate.nap_time_list()),
        "feed_interval_minutes": feed_interval_minutes,
        "nappy_interval_minutes": nappy_interval_minutes,
        "notes": notes.strip(),
    }
    if routine is None:
        routine = CareRoutine(setting=child.setting, child=child, **values)
        changed = sorted(values)
    else:
        changed = sorted(k for k, v in values.items() if getattr(routine, k) != v)
        if not changed:
            return routine
        keep_version(routine, setting=child.setting, by=by)
        for k, v in values.items():
            setattr(routine, k, v)
    routine.full_clean()
    routine.save()
    audit_log(
        "care.routine.updated", actor=by, obj=routine, setting=child.setting, child=child, data={"fields": changed}
    )
    return routine


@transaction.atomic
def room_care_settings_update(
    *, room: Room, by: Any, sleep_check_minutes: int, closing_time: dt.time
) -> RoomCareSettings:
    """How often a room checks sleeping children and when its day ends (can_manage_rooms)."""
    if not 1 <= sleep_check_minutes <= 60:
        raise CareError({"sleep_check_minutes": _("Check sleeping children at least once an hour (1 to 60 minutes).")})
    current = RoomCareSettings.objects.filter(room=room).first()
    if current is None:
        current = RoomCareSettings(setting=room.setting, room=room)
    else:
        keep_version(current, setting=room.setting, by=by)
    current.sleep_check_minutes = sleep_check_minutes
    current.closing_time = closing_time
    current.full_clean()
    current.save()
    audit_log("care.room_settings.updated", actor=by, obj=current, setting=room.setting, data={"room": str(room.pk)})
    return current


# --- families ----------------------------------------------------------------------------------


@transaction.atomic
def morning_handover_record(*, child: Child, guardian: Guardian, by: Any, **fields: Any) -> MorningHandover:
    """A guardian tells the room how the night and morning went, for today (one a day; sending
    it again updates it and keeps the earlier version). GUARDIAN is a guardian of CHILD."""
    unknown = set(fields) - set(HANDOVER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if not ChildGuardian.objects.filter(child=child, guardian=guardian).exists():
        raise CareError(_("Only a parent or carer of this child can send the morning handover."))
    tz = zoneinfo.ZoneInfo(child.setting.timezone)
    now_local = _now().astimezone(tz)
    day = now_local.date()
    latest = (now_local + CLOCK_DRIFT).time()
    errors = {}
    for name in ("last_feed_at", "slept_to"):
        value = fields.get(name)
        if value is not None and value > latest and (now_local + CLOCK_DRIFT).date() == day:
            errors[name] = _("This time is later than now. Give the time it happened.")
    if errors:
        raise CareError(errors)
    for name in ("last_feed_details", "medicine_at_home", "collecting_today", "notes"):
        fields[name] = (fields.get(name) or "").strip()
    handover = MorningHandover.objects.select_for_update().filter(child=child, day=day).first()
    if handover is None:
        handover = MorningHandover(setting=child.setting, child=child, day=day, guardian=guardian, recorded_by=by)
        action = "care.morning_handover.recorded"
        changed = sorted(fields)
    else:
        changed = sorted(k for k, v in fields.items() if getattr(handover, k) != v)
        if not changed:
            return handover
        keep_version(handover, setting=child.setting, by=by)
        handover.guardian = guardian
        handover.recorded_by = by
        action = "care.morning_handover.updated"
    for k, v in fields.items():
        setattr(handover, k, v)
    handover.full_clean(validate_unique=False)
    handover.save()
    audit_log(action, actor=by, obj=handover, setting=child.setting, child=child, data={"fields": changed})
    return handover


@transaction.atomic
def guardian_care_updates_set(*, guardian: Guardian, by: Any, mode: str) -> GuardianCareUpdates:
    """How a guardian follows the diary: live, one summary at the end of the day, or only when
    they look. Each guardian chooses for themselves."""
    if mode not in UpdatesMode.values:
        raise CareError({"mode": _("Choose one of the options.")})
    prefs = GuardianCareUpdates.objects.filter(guardian=guardian).first()
    if prefs is None:
        prefs = GuardianCareUpdates(setting=guardian.setting, guardian=guardian)
    elif prefs.mode == mode:
        return prefs
    else:
        keep_version(prefs, setting=guardian.setting, by=by)
    prefs.mode = mode
    prefs.full_clean()
    prefs.save()
    audit_log(
        "care.updates_preference.updated",
        actor=by,
        obj=prefs,
        setting=guardian.setting,
        data={"guardian": str(guardian.pk), "mode": mode},
    )
    return prefs


# --- the end of the day ------------------------------------------------------------------------


@transaction.atomic
def day_finalise(*, setting: Setting, children: Sequence[Child], day: dt.date, by: Any) -> list[DayFinalisation]:
    """Mark each child's day as finished (staff). Families with a calm diary now see it, and
    those who chose an end-of-day summary get one e-mail, sent by a task after the commit.
    Finalising a day twice changes nothing."""
    if not children:
        raise CareError({"children": _("Choose at least one child.")})
    if day > setting.today():
        raise CareError({"day": _("You cannot finalise a day that has not happened yet.")})
    ids = [c.pk for c in children]
    _check_may_record(by=by, setting=setting, child_ids=ids, source=Source.STAFF)
    done = set(DayFinalisation.objects.filter(child_id__in=ids, day=day).values_list("child_id", flat=True))
    now = _now()
    made = [DayFinalisation(setting=setting, child=c, day=day, by=by, at=now) for c in children if c.pk not in done]
    if not made:
        return []
    DayFinalisation.objects.bulk_create(made)
    actor_id = by.pk if getattr(by, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                setting=setting,
                actor_id=actor_id,
                action="care.day.finalised",
                object_type=DayFinalisation._meta.label_lower,
                object_id=str(f.pk),
                child_id=f.child_id,
                data={"day": day.isoformat()},
            )
            for f in made
        ]
    )
    finalisation_ids = [str(f.pk) for f in made]

    def enqueue() -> None:
        from tandem.care.tasks import day_summaries_send

        day_summaries_send.enqueue(str(setting.pk), finalisation_ids)

    transaction.on_commit(enqueue)
    return made


def summary_recipients(*, finalisation: DayFinalisation) -> list[Guardian]:
    """Guardians of the child who chose an end-of-day summary (the default) and can get
    e-mail: they have an address and have not asked to be reached only in other ways."""
    links = ChildGuardian.objects.filter(child_id=finalisation.child_id).select_related(
        "guardian__care_updates", "guardian__preferences"
    )
    result = []
    for link in links:
        g = link.guardian
        updates = getattr(g, "care_updates", None)
        mode = updates.mode if updates is not None else UpdatesMode.END_OF_DAY
        prefs = getattr(g, "preferences", None)
        wants_email = prefs is None or "email" in prefs.channels
        if mode == UpdatesMode.END_OF_DAY and g.email and wants_email:
            result.append(g)
    return result


@transaction.atomic
def day_summary_deliver(*, finalisation_id: Any, guardian_id: Any) -> bool:
    """Send one guardian the summary of a finalised day, in their language and the setting's
    time zone. Sends at most once per guardian and day (DaySummarySent), so the task and the
    periodic catch-up can both run. Returns whether an e-mail went out."""
    finalisation = DayFinalisation.objects.select_related("child", "setting").filter(pk=finalisation_id).first()
    guardian = Guardian.objects.select_related("preferences").filter(pk=guardian_id).first()
    if finalisation is None or guardian is None or not guardian.email:
        return False
    _sent, created = DaySummarySent.objects.get_or_create(
        finalisation=finalisation,
        guardian=guardian,
        defaults={"setting": finalisation.setting, "sent_at": _now()},
    )
    if not created:
        return False
    child = finalisation.child
    entries = list(
        DiaryEntry.objects.filter(child=child, day=finalisation.day, struck_out_at__isnull=True).order_by(
            "occurred_at", "created_at"
        )
    )
    prefs = getattr(guardian, "preferences", None)
    language = prefs.language if prefs is not None else django_settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(finalisation.setting.timezone)):
        context = {
            "guardian": guardian,
            "child": child,
            "setting": finalisation.setting,
            "day": finalisation.day,
            "entries": entries,
            "url": f"{django_settings.SITE_URL}/family/care/children/{child.pk}/?day={finalisation.day.isoformat()}",
        }
        subject = _("%(child)s's day at %(setting)s") % {"child": child.known_as, "setting": finalisation.setting.name}
        body = render_to_string("care/email/day_summary.txt", context)
    # Inside the transaction: if the mail server refuses, the "sent" mark rolls back and a
    # later run tries again.
    send_mail(
        f"{django_settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        django_settings.DEFAULT_FROM_EMAIL,
        [guardian.email],
    )
    audit_log(
        "care.day_summary.sent",
        actor=None,
        obj=finalisation,
        setting=finalisation.setting,
        child=child,
        data={"guardian": str(guardian.pk)},
    )
    return True


def day_summaries_deliver(*, finalisation_ids: Iterable[Any]) -> int:
    """Send every summary due for these finalised days; returns how many went out."""
    sent = 0
    for finalisation in DayFinalisation.objects.filter(pk__in=list(finalisation_ids)):
        for guardian in summary_recipients(finalisation=finalisation):
            sent += day_summary_deliver(finalisation_id=finalisation.pk, guardian_id=guardian.pk)
    return sent
