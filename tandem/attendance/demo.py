"""Demo data for the register: today's register (most children in, a few gone home), today's
shifts for the staff of each room, and one or two collectors with small real photos for some
children. Idempotent: a second run adds nothing. Called by `manage.py demo` inside
scopes_disabled, for a setting that already has rooms, staff, children and guardians."""

import datetime as dt
import io
import random
import zoneinfo

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from tandem.attendance.models import Attendance, AuthorisedCollector, StaffShift
from tandem.core.models import Child, ChildGuardian, Setting, StaffMember

COLLECTORS = [
    ("Grandmother", "Margaret"),
    ("Grandfather", "Tom"),
    ("Aunt", "Priya"),
    ("Uncle", "Kwame"),
    ("Childminder", "Sue"),
    ("Neighbour", "Agnieszka"),
]
COLOURS = [(46, 125, 107), (176, 88, 44), (64, 96, 160), (150, 60, 120), (90, 120, 40)]


def _photo(name: str, rng: random.Random) -> ContentFile:
    """A 160px coloured square with the person's initials: a real JPEG, no real face."""
    img = Image.new("RGB", (160, 160), rng.choice(COLOURS))
    draw = ImageDraw.Draw(img)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text((58, 70), initials, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name="photo.jpg")


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    tz = zoneinfo.ZoneInfo(setting.timezone)
    now = dt.datetime.now(tz)
    children = list(
        Child.objects.filter(setting=setting, leave_date__isnull=True, room__isnull=False).order_by("first_name", "id")
    )
    children = [c for c in children if c.start_date is None or c.start_date <= today]
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").prefetch_related("rooms")
    )
    if not children or not staff:
        return
    links: dict = {}
    for link in ChildGuardian.objects.filter(setting=setting).select_related("guardian"):
        links.setdefault(link.child_id, []).append(link.guardian)

    if not StaffShift.objects.filter(setting=setting, day=today).exists():
        shifts = []
        for member in staff:
            for room in member.rooms.all():
                early = rng.random() < 0.5
                shifts.append(
                    StaffShift(
                        setting=setting,
                        staff=member,
                        room=room,
                        day=today,
                        starts_at=dt.time(7, 30) if early else dt.time(9, 30),
                        ends_at=dt.time(16, 0) if early else dt.time(18, 0),
                    )
                )
                break  # one room each
        StaffShift.objects.bulk_create(shifts)

    if not Attendance.objects.filter(setting=setting, day=today).exists():
        stays = []
        for child in children:
            if rng.random() < 0.12:
                continue  # not in today
            arrive = dt.datetime.combine(today, dt.time(7, 30), tzinfo=tz) + dt.timedelta(minutes=rng.randint(0, 105))
            if arrive > now:
                arrive = now - dt.timedelta(minutes=rng.randint(5, 90))
            if arrive.date() != today:
                continue
            guardians = links.get(child.pk, [])
            guardian = rng.choice(guardians) if guardians else None
            stay = Attendance(
                setting=setting,
                child=child,
                day=today,
                signed_in_at=arrive,
                dropped_off_by=guardian.full_name if guardian else "",
                dropped_off_by_guardian=guardian,
                signed_in_by=rng.choice(staff).user,
            )
            leave = arrive + dt.timedelta(hours=rng.randint(3, 5))
            if rng.random() < 0.15 and leave < now:
                stay.signed_out_at = leave
                stay.collected_by = guardian.full_name if guardian else ""
                stay.collected_by_guardian = guardian
                stay.signed_out_by = rng.choice(staff).user
            stays.append(stay)
        Attendance.objects.bulk_create(stays)

    if not AuthorisedCollector.objects.filter(setting=setting).exists():
        for child in children:
            if rng.random() > 0.4:
                continue
            for relationship, first in rng.sample(COLLECTORS, rng.randint(1, 2)):
                name = (
                    f"{first} {child.last_name}"
                    if relationship.startswith("Grand")
                    else f"{first} {rng.choice(['Hill', 'Okafor', 'Nowak', 'Shah'])}"
                )
                collector = AuthorisedCollector(
                    setting=setting,
                    child=child,
                    name=name,
                    relationship=relationship,
                    phone=f"07700 900{rng.randint(0, 999):03d}",
                    password_hash=make_password(rng.choice(["bluebird", "sunflower", "kestrel", "maple"]))
                    if rng.random() < 0.7
                    else "",
                )
                collector.photo.save("photo.jpg", _photo(name, rng), save=False)
                collector.save()
