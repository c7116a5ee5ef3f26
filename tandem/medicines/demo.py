"""Demo medicines for a setting that already has rooms, staff, children and guardians: one child
with an inhaler, one with Calpol when feverish, a few doses given, the last one not yet
acknowledged (so the managers' list has something on it). Seed data only, written with the
ORM directly; running it twice adds nothing."""

import datetime as dt
import random
import zoneinfo
from decimal import Decimal

from tandem.core.demo.common import seeded_uuid
from tandem.core.models import ChildGuardian, Setting, StaffMember
from tandem.medicines.models import MedicineAdministration, MedicinePermission


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if MedicinePermission.objects.filter(setting=setting).exists():
        return
    links = list(
        ChildGuardian.objects.filter(setting=setting, parental_responsibility=True, child__leave_date__isnull=True)
        .select_related("child", "guardian")
        .order_by("child__date_of_birth", "child__first_name", "guardian__first_name")
    )
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    if len(staff) < 2:
        return
    chosen, seen = [], set()
    for link in links:
        if link.child_id not in seen:
            seen.add(link.child_id)
            chosen.append(link)
        if len(chosen) == 2:
            break
    if len(chosen) < 2:
        return
    tz = zoneinfo.ZoneInfo(setting.timezone)

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)

    inhaler_link, calpol_link = chosen
    inhaler = MedicinePermission.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        child=inhaler_link.child,
        given_by=inhaler_link.guardian,
        medicine_name="Salbutamol inhaler (blue)",
        dose_amount=Decimal("2"),
        dose_unit="puffs",
        route="inhaled",
        conditions="If wheezy or coughing after running about",
        min_hours_between=Decimal("4"),
        max_doses_per_day=4,
        start_date=today - dt.timedelta(days=20),
        end_date=today + dt.timedelta(days=160),
        reason="Wheeze (prescribed by the GP)",
        prescribed=True,
        signature=inhaler_link.guardian.full_name,
        signed_at=at(today - dt.timedelta(days=21), 8, 10),
        recorded_by=inhaler_link.guardian.user or staff[0].user,
    )
    calpol = MedicinePermission.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        child=calpol_link.child,
        given_by=calpol_link.guardian,
        medicine_name="Calpol (paracetamol 120 mg/5 ml)",
        dose_amount=Decimal("5"),
        dose_unit="ml",
        route="oral",
        conditions="If temperature above 38°C; phone us first",
        min_hours_between=Decimal("4"),
        max_doses_per_day=4,
        start_date=today - dt.timedelta(days=2),
        end_date=today + dt.timedelta(days=5),
        reason="Teething and a temperature",
        prescribed=False,
        signature=calpol_link.guardian.full_name,
        signed_at=at(today - dt.timedelta(days=2), 7, 55),
        recorded_by=calpol_link.guardian.user or staff[0].user,
    )
    giver, witness = staff[0], staff[1]
    doses = [
        (inhaler, today - dt.timedelta(days=14), 11, Decimal("2"), True),
        (inhaler, today - dt.timedelta(days=6), 14, Decimal("2"), True),
        (calpol, today - dt.timedelta(days=1), 10, Decimal("5"), True),
        (calpol, today - dt.timedelta(days=1), 15, Decimal("5"), False),
    ]
    for permission, day, hour, amount, acknowledged in doses:
        given_at = at(day, hour, 20)
        link = inhaler_link if permission is inhaler else calpol_link
        MedicineAdministration.objects.create(
            id=seeded_uuid(rng),
            setting=setting,
            child=permission.child,
            permission=permission,
            given_at=given_at,
            dose_amount=amount,
            given_by=giver,
            witnessed_by=witness,
            notes="",
            recorded_by=giver.user,
            recorded_at=given_at + dt.timedelta(minutes=3),
            guardian_informed_at=given_at + dt.timedelta(minutes=5),
            acknowledged_at=given_at + dt.timedelta(hours=4) if acknowledged else None,
            acknowledged_by=link.guardian if acknowledged else None,
            acknowledgement_signature=link.guardian.full_name if acknowledged else "",
        )
