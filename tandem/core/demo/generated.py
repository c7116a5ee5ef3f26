"""Generated settings: rooms, staff, families, guardians (about half with accounts), links,
communication preferences and consents, drawn from a seeded random generator so the same
slug always gives the same setting. Used for `demo --scale N` and for the small second
setting of the demo organisation."""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from tandem.core.demo.common import CONSENT_KINDS, Rows, months_ago, new_user, seeded_uuid
from tandem.core.demo.names import BACKGROUNDS, Background
from tandem.core.models import (
    Child,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    Family,
    Guardian,
    Organisation,
    Room,
    SenStatus,
    Setting,
    StaffMember,
    StaffRole,
)


@dataclass(frozen=True)
class RoomPlan:
    name: str
    age_from_months: int
    age_to_months: int
    share: float  # of the setting's children
    children_per_practitioner: int  # EYFS ratios: 1:3 under two, 1:5 two-year-olds, 1:8 over three


DAY_NURSERY_ROOMS = (
    RoomPlan("Babies", 0, 24, 0.2, 3),
    RoomPlan("Toddlers", 24, 36, 0.3, 5),
    RoomPlan("Pre-school", 36, 60, 0.5, 8),
)
PRE_SCHOOL_ROOMS = (RoomPlan("Pre-school", 36, 60, 1.0, 8),)

# How families told us to reach them, with how common each answer is. No e-mail at all for
# the SMS, letter and face-to-face answers.
CHANNEL_PROFILES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("app", "email"), 45),
    (("app",), 10),
    (("email",), 10),
    (("sms",), 15),
    (("sms", "face_to_face"), 8),
    (("letter",), 5),
    (("letter", "face_to_face"), 4),
    (("face_to_face",), 3),
)

HALAL_LANGUAGES = {"ur", "bn", "ar"}
ALLERGIES = ("Peanuts", "Egg", "Cow's milk protein", "Sesame", "Tree nuts", "Kiwi")


def ascii_slug(text: str) -> str:
    """'Siân Wiśniewska' -> 'sian.wisniewska', for made-up e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return ".".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _surname(bg: Background, surname: str, *, female: bool) -> str:
    if female and bg.female_surname:
        return bg.female_surname.get(surname, surname)
    return surname


def add_generated_setting(
    rows: Rows,
    *,
    organisation: Organisation,
    slug: str,
    name: str,
    n_children: int,
    today: dt.date,
    kind: str = Setting.Kind.DAY_NURSERY,
    room_plans: tuple[RoomPlan, ...] = DAY_NURSERY_ROOMS,
) -> Setting:
    """Collect one whole setting into ROWS (nothing is saved here). The generator is seeded
    with the slug, so the setting is the same on every machine and every run."""
    rng = random.Random(f"tandem-demo:{slug}")
    domain = f"{slug}.demo.tandem.test"
    now = timezone.now()

    setting = Setting(
        id=seeded_uuid(rng),
        organisation=organisation,
        name=name,
        slug=slug,
        kind=kind,
        timezone="Europe/London",
        address=f"{rng.randint(1, 120)} {rng.choice(['Station Road', 'Church Lane', 'Park Avenue', 'Mill Street'])}",
        postcode=f"LE{rng.randint(1, 9)} {rng.randint(1, 9)}{''.join(rng.choices('ABDEFGHJLNPQRSTUWXYZ', k=2))}",
        phone=f"0116 496 {rng.randint(0, 999):04d}",
        email=f"office@{domain}",
        inspection_reference=f"EY{rng.randint(100000, 999999)}",
        curriculum_framework=Setting.Framework.EYFS_DM,
    )
    rows.settings.append(setting)

    # Rooms and how many children each will hold.
    rooms: list[tuple[Room, RoomPlan, int]] = []
    remaining = n_children
    for i, plan in enumerate(room_plans):
        count = remaining if i == len(room_plans) - 1 else round(n_children * plan.share)
        remaining -= count
        room = Room(
            id=seeded_uuid(rng),
            setting=setting,
            name=plan.name,
            age_from_months=plan.age_from_months,
            age_to_months=plan.age_to_months,
            capacity=max(count + rng.randint(0, 6), 1),
        )
        rows.rooms.append(room)
        rooms.append((room, plan, count))

    # Staff: a manager who is also the DSL, a SENCO who works in the oldest room, an
    # administrator, and enough practitioners in each room for the EYFS ratio.
    staff_users = []

    def add_staff(roles: list[str], title: str, room_list: list[Room], local: str | None = None) -> StaffMember:
        bg = _weighted(rng, [(b, b.weight) for b in BACKGROUNDS])
        female = rng.random() < 0.85  # most early years staff are women
        first = rng.choice(bg.women if female else bg.men)
        last = _surname(bg, rng.choice(bg.surnames), female=female)
        n = len(staff_users) + 1
        email = f"{local}@{domain}" if local else f"{ascii_slug(first + ' ' + last)}.s{n}@{domain}"
        user = new_user(rng, username=email, email=email, first_name=first, last_name=last)
        staff_users.append(user)
        rows.users.append(user)
        member = StaffMember(id=seeded_uuid(rng), setting=setting, user=user, roles=roles, job_title=title)
        rows.staff.append(member)
        for room in room_list:
            rows.staff_rooms.append(StaffMember.rooms.through(staffmember_id=member.id, room_id=room.id))
        return member

    add_staff([StaffRole.MANAGER, StaffRole.DSL], "Nursery manager", [], local="manager")
    senco = add_staff([StaffRole.SENCO, StaffRole.PRACTITIONER], "SENCO", [rooms[-1][0]], local="senco")
    admin = add_staff([StaffRole.ADMINISTRATOR], "Administrator", [], local="admin")
    room_staff: dict = {}
    for room, plan, count in rooms:
        team = [senco] if room is rooms[-1][0] else []
        needed = max(1, -(-count // plan.children_per_practitioner)) - len(team)
        for _ in range(max(needed, 1)):
            team.append(add_staff([StaffRole.PRACTITIONER], "Nursery practitioner", [room]))
        room_staff[room.id] = team

    # Children, in families of one to three; siblings may be in different rooms.
    room_slots = [room for room, _plan, count in rooms for _ in range(count)]
    rng.shuffle(room_slots)
    plan_by_room = {room.id: plan for room, plan, _ in rooms}
    key_turn: dict = {}
    n_family = 0
    n_guardian = 0
    while room_slots:
        n_family += 1
        bg = _weighted(rng, [(b, b.weight) for b in BACKGROUNDS])
        surname = rng.choice(bg.surnames)
        family = Family(
            id=seeded_uuid(rng),
            setting=setting,
            name=surname,
            address=f"{rng.randint(1, 200)} {rng.choice(['Oak', 'Elm', 'Ash', 'Beech', 'Rowan'])} Road",
        )
        rows.families.append(family)
        siblings = min(len(room_slots), _weighted(rng, [(1, 70), (2, 25), (3, 5)]))
        family_children = []
        for _ in range(siblings):
            room = room_slots.pop()
            plan = plan_by_room[room.id]
            girl = rng.random() < 0.5
            age = rng.randint(max(plan.age_from_months, 4), max(plan.age_to_months - 1, plan.age_from_months + 1))
            dob = months_ago(today, age, rng.randint(0, 27))
            started = dob + dt.timedelta(days=rng.randint(max(120, age * 30 // 3), max(121, age * 30)))
            started = max(dob, min(today - dt.timedelta(days=rng.randint(3, 30)), started))
            team = room_staff[room.id]
            turn = key_turn.get(room.id, 0)
            key_turn[room.id] = turn + 1
            key_person = team[turn % len(team)]
            backup = team[(turn + 1) % len(team)] if len(team) > 1 else None
            eal = bg.language != "en" and rng.random() < 0.8
            child = Child(
                id=seeded_uuid(rng),
                setting=setting,
                family=family,
                first_name=rng.choice(bg.girls if girl else bg.boys),
                last_name=_surname(bg, surname, female=girl),
                date_of_birth=dob,
                start_date=started,
                room=room,
                key_person=key_person,
                backup_key_person=backup,
                home_languages=[bg.language, "en"] if bg.language != "en" else ["en"],
                dietary_needs="Halal meat only" if bg.language in HALAL_LANGUAGES and rng.random() < 0.8 else "",
                allergies=rng.choice(ALLERGIES) if rng.random() < 0.06 else "",
                funded_hours=Decimal(rng.choice([0, 15, 30]) if age >= 9 else 0),
                eypp=age >= 36 and rng.random() < 0.18,
                sen_status=_weighted(rng, [(SenStatus.NONE, 88), (SenStatus.SEN_SUPPORT, 10), (SenStatus.EHC_PLAN, 2)]),
                eal=eal,
            )
            rows.children.append(child)
            family_children.append(child)

        # One or two guardians; now and then a grandparent who collects but has no
        # parental responsibility.
        adults = [("mother", True)] if rng.random() < 0.9 else [("father", False)]
        if rng.random() < 0.7:
            second = [(("grandparent", True), 8), (("step_parent", False), 7)]
            second.append((("father", False) if adults[0][0] == "mother" else ("mother", True), 85))
            adults.append(_weighted(rng, second))
        for relationship, female in adults:
            n_guardian += 1
            first = rng.choice(bg.women if female else bg.men)
            last = _surname(bg, surname, female=female)
            channels = list(_weighted(rng, CHANNEL_PROFILES))
            has_account = "app" in channels or rng.random() < 0.1
            has_email = "email" in channels or ("app" in channels and rng.random() < 0.9)
            email = f"{ascii_slug(first + ' ' + last)}.g{n_guardian}@{domain}" if has_email else ""
            user = None
            if has_account:
                # Without e-mail, a guardian signs in with the username chosen when they
                # accepted a printed invitation letter.
                username = email or f"{ascii_slug(first)}{n_guardian}-{slug}"
                user = new_user(
                    rng,
                    username=username,
                    email=email,
                    first_name=first,
                    last_name=last,
                    language=bg.language if rng.random() < 0.6 else "en",
                )
                rows.users.append(user)
            # Seed data links accounts directly; in the product only an accepted invitation does.
            guardian = Guardian(
                id=seeded_uuid(rng),
                setting=setting,
                family=family,
                user=user,
                first_name=first,
                last_name=last,
                email=email,
                phone=f"07700 900{rng.randint(0, 999):03d}",
            )
            rows.guardians.append(guardian)
            for child in family_children:
                no_pr = relationship == "grandparent"
                rows.links.append(
                    ChildGuardian(
                        setting=setting,
                        child=child,
                        guardian=guardian,
                        relationship=relationship,
                        parental_responsibility=not no_pr,
                        lives_with_child=not no_pr,
                        may_collect=True,
                        is_emergency_contact=True,
                    )
                )
            reading_help = rng.random() < (0.3 if ("letter" in channels or "face_to_face" in channels) else 0.04)
            rows.preferences.append(
                CommunicationPreference(
                    setting=setting,
                    guardian=guardian,
                    language=bg.language if rng.random() < 0.75 else "en",
                    channels=channels,
                    digest=_weighted(rng, [("immediate", 60), ("daily", 30), ("weekly", 10)]),
                    needs_reading_help=reading_help,
                    best_times=rng.choice(["", "", "After 6pm", "Mornings at drop-off", "Weekends"]),
                )
            )

        # Consents: most given at the start, a few refused; now and then one withdrawn later.
        giver = rows.guardians[-len(adults)]
        for child in family_children:
            start = dt.datetime.combine(child.start_date, dt.time(9, 0), tzinfo=dt.UTC)
            for kind in CONSENT_KINDS:
                granted = rng.random() < (0.8 if kind in ("website_social", "group_photos") else 0.97)
                at = min(start, now)
                rows.consent_events.append(
                    ConsentEvent(
                        setting=setting,
                        child=child,
                        kind=kind,
                        decision="given" if granted else "refused",
                        given_by=giver,
                        recorded_by=admin.user,
                        at=at,
                    )
                )
                if granted and rng.random() < 0.003:
                    at = min(now, at + dt.timedelta(days=rng.randint(10, 200)))
                    granted = False
                    rows.consent_events.append(
                        ConsentEvent(
                            setting=setting,
                            child=child,
                            kind=kind,
                            decision="withdrawn",
                            given_by=giver,
                            recorded_by=admin.user,
                            note="Changed their mind at a parents' evening",
                            at=at,
                        )
                    )
                rows.consents.append(Consent(setting=setting, child=child, kind=kind, granted=granted, updated_at=at))
    return setting
