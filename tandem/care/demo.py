"""Demo data for the care diary: routines for the babies and toddlers, a believable diary for
today (up to now) and the last 30 days, some morning handovers, finalised past days, and a few
guardians who follow the day live. Idempotent: a second run adds nothing. Called by
`manage.py demo` inside scopes_disabled, for a setting that already has rooms, staff, children
and guardians. Everything is written with bulk_create."""

import datetime as dt
import random
import zoneinfo

from tandem.care.models import (
    CareRoutine,
    DayFinalisation,
    DaySummarySent,
    DiaryEntry,
    GuardianCareUpdates,
    MorningHandover,
    RoomCareSettings,
    SleepCheck,
    UpdatesMode,
)
from tandem.core.demo.common import seeded_uuid
from tandem.core.models import Child, ChildGuardian, Room, Setting, StaffMember

DAYS_BACK = 30
MEALS = ["Porridge with banana", "Toast and fruit", "Chicken casserole and rice", "Vegetable pasta bake",
         "Fish pie with peas", "Lentil dhal with rice", "Shepherd's pie", "Jacket potato and beans"]  # fmt: skip
SNACKS = ["Apple and rice cakes", "Yoghurt", "Cheese and crackers", "Carrot sticks and hummus", "Pear slices"]
ACTIVITIES = ["Painting with sponges", "Sand and water play", "Stories in the book corner", "Garden walk",
              "Singing and instruments", "Building with big blocks", "Treasure basket"]  # fmt: skip


def _weekdays(today: dt.date, days: int) -> list[dt.date]:
    result = []
    for n in range(days, 0, -1):
        day = today - dt.timedelta(days=n)
        if day.weekday() < 5:
            result.append(day)
    return result


def _day_plan(child: Child, day: dt.date, *, baby: bool, rng: random.Random) -> list[tuple[dt.time, str, dict]]:
    """A child's day as (time, kind, fields); times before the child's end of day."""
    at = lambda h, m: dt.time(h, min(59, max(0, m + rng.randint(-10, 10))))  # noqa: E731
    eaten = lambda: rng.choice(["some", "most", "most", "all", "all"])  # noqa: E731
    plan = [(at(8, 20), "mood", {"mood": rng.choice(["happy", "happy", "settled", "tired"])})]
    if baby:
        for h in (9, 12, 15):
            plan.append((at(h, 0), "feed", {"feed_type": "bottle", "amount_ml": rng.choice([120, 150, 180, 210])}))
        plan.append((at(11, 30), "meal", {"offered": rng.choice(MEALS), "eaten": eaten(), "notes": ""}))
        plan.append((at(9, 40), "sleep", {"end": 50}))
        plan.append((at(13, 15), "sleep", {"end": 80}))
    else:
        plan.append((at(9, 0), "snack", {"offered": rng.choice(SNACKS), "eaten": eaten()}))
        plan.append((at(11, 45), "meal", {"offered": rng.choice(MEALS), "eaten": eaten()}))
        plan.append((at(12, 45), "sleep", {"end": rng.choice([45, 60, 75, 90])}))
        plan.append((at(14, 45), "snack", {"offered": rng.choice(SNACKS), "eaten": eaten()}))
        plan.append((at(10, 10), "drink", {"offered": "Water", "amount_ml": rng.choice([80, 100, 120])}))
    for h in (8, 10, 12, 14, 16):
        plan.append((at(h, 50), "nappy", {"nappy": rng.choice(["wet", "wet", "soiled", "dry"]),
                                          "cream_applied": rng.random() < 0.2}))  # fmt: skip
    plan.append((at(10, 30), "activity", {"notes": rng.choice(ACTIVITIES)}))
    return sorted(plan, key=lambda p: p[0])


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if DiaryEntry.objects.filter(setting=setting).exists():
        return
    tz = zoneinfo.ZoneInfo(setting.timezone)
    now = dt.datetime.now(tz)
    rooms = [r for r in Room.objects.filter(setting=setting, is_active=True) if r.age_from_months < 36]
    if not rooms:
        return
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").prefetch_related("rooms")
    )
    if not staff:
        return
    by_room = {r.pk: [m.user for m in staff if r in m.rooms.all()] or [staff[0].user] for r in rooms}
    children = [
        c
        for c in Child.objects.filter(setting=setting, room__in=rooms, leave_date__isnull=True).order_by(
            "first_name", "id"
        )
        if c.start_date is None or c.start_date <= today
    ]
    RoomCareSettings.objects.bulk_create(
        [
            RoomCareSettings(setting=setting, room=r, sleep_check_minutes=10 if r.age_to_months <= 24 else 15)
            for r in rooms
        ],
        ignore_conflicts=True,
    )
    routines, entries, checks, finalisations, handovers = [], [], [], [], []
    room_of = {r.pk: r for r in rooms}
    for child in children:
        baby = room_of[child.room_id].age_to_months <= 24
        routines.append(
            CareRoutine(
                setting=setting,
                child=child,
                nap_times="09:30, 13:00" if baby else "12:30",
                feed_interval_minutes=180 if baby else None,
                nappy_interval_minutes=120 if baby else 150,
                notes="Likes to be rocked to sleep" if baby and rng.random() < 0.3 else "",
            )
        )
        people = by_room[child.room_id]
        for day in [*_weekdays(today, DAYS_BACK), today]:
            if day != today and rng.random() < 0.15:
                continue  # not in that day
            for time, kind, fields in _day_plan(child, day, baby=baby, rng=rng):
                fields = dict(fields)
                at = dt.datetime.combine(day, time, tzinfo=tz)
                if at > now - dt.timedelta(minutes=5):
                    continue
                minutes = fields.pop("end", None)
                ended = at + dt.timedelta(minutes=minutes) if minutes else None
                if ended is not None and ended > now:
                    ended = None  # still asleep
                entry = DiaryEntry(
                    id=seeded_uuid(rng), setting=setting, child=child, day=day, kind=kind, occurred_at=at,
                    ended_at=ended, recorded_by=rng.choice(people), idempotency_key=seeded_uuid(rng), **fields,
                )  # fmt: skip
                entries.append(entry)
                if kind == "sleep":
                    step = dt.timedelta(minutes=10 if baby else 15)
                    check_at = at + step
                    while check_at < (ended or now - dt.timedelta(minutes=2)):
                        checks.append(
                            SleepCheck(setting=setting, entry=entry, checked_at=check_at, by=entry.recorded_by)
                        )
                        check_at += step
            if day != today:
                finalisations.append(
                    DayFinalisation(
                        setting=setting,
                        child=child,
                        day=day,
                        by=rng.choice(people),
                        at=dt.datetime.combine(day, dt.time(17, 45), tzinfo=tz),
                    )  # fmt: skip
                )
    CareRoutine.objects.bulk_create(routines, ignore_conflicts=True)
    DiaryEntry.objects.bulk_create(entries, batch_size=500)
    SleepCheck.objects.bulk_create(checks, batch_size=500)
    DayFinalisation.objects.bulk_create(finalisations, batch_size=500)

    links = list(ChildGuardian.objects.filter(setting=setting, child__in=children).select_related("guardian"))
    # Summaries of past days count as sent: the demo must not e-mail anyone on its first run.
    final_by_child: dict = {}
    for fin in finalisations:
        final_by_child.setdefault(fin.child_id, []).append(fin)
    recent = today - dt.timedelta(days=3)
    DaySummarySent.objects.bulk_create(
        [
            DaySummarySent(setting=setting, finalisation=fin, guardian=link.guardian, sent_at=fin.at)
            for link in links
            for fin in final_by_child.get(link.child_id, [])
            if fin.day >= recent
        ],
        ignore_conflicts=True,
    )
    seen = set()
    for link in links:
        if link.child_id in seen or rng.random() < 0.4 or now.time() < dt.time(7, 30):
            continue
        seen.add(link.child_id)
        handovers.append(
            MorningHandover(
                setting=setting,
                child_id=link.child_id,
                day=today,
                guardian=link.guardian,
                recorded_by_id=link.guardian.user_id or by_room[rooms[0].pk][0].pk,
                last_feed_at=dt.time(6, rng.randint(0, 59)),
                last_feed_details=rng.choice(["Milk", "Weetabix", "Toast"]),
                slept_from=dt.time(19, rng.randint(0, 59)),
                slept_to=dt.time(6, rng.randint(0, 59)),
                mood=rng.choice(["happy", "tired", "settled"]),
                teething=rng.random() < 0.2,
                collecting_today=rng.choice(["", "", "Grandma", "Dad", "Mum at 4pm"]),
            )  # fmt: skip
        )
    MorningHandover.objects.bulk_create(handovers, ignore_conflicts=True)
    live = [link.guardian for link in links if link.guardian.user_id][:3]
    GuardianCareUpdates.objects.bulk_create(
        [GuardianCareUpdates(setting=setting, guardian=g, mode=UpdatesMode.REALTIME) for g in live],
        ignore_conflicts=True,
    )
