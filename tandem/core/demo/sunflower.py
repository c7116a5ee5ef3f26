"""Sunflower Early Years: the hand-written demo organisation. Sunflower Nursery has three rooms,
a full team and forty children from the kinds of families a nursery in an English city knows;
Sunflower Pre-school Riverside is a small second setting so the organisation lead sees two."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from tandem.core.demo.common import CONSENT_KINDS, Rows, months_ago, new_user, seeded_uuid
from tandem.core.demo.generated import PRE_SCHOOL_ROOMS, add_generated_setting, ascii_slug
from tandem.core.models import (
    Child,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    Family,
    Guardian,
    Organisation,
    OrganisationLead,
    Room,
    SenStatus,
    Setting,
    StaffMember,
    StaffRole,
)

ORGANISATION_SLUG = "sunflower-early-years"
SETTING_SLUG = "sunflower"
SECOND_SETTING_SLUG = "sunflower-riverside"
DOMAIN = "demo.tandem.test"

# The sign-ins printed by `manage.py demo` and listed in README.md.
SIGN_INS = [
    ("lead@demo.tandem.test", "organisation lead of Sunflower Early Years (numbers only)"),
    ("manager@demo.tandem.test", "manager and DSL of Sunflower Nursery"),
    ("keyperson@demo.tandem.test", "practitioner in Toddlers, key person of seven children"),
    ("parent@demo.tandem.test", "Sarah Taylor: mother of Oliver (Pre-school) and Poppy (Babies)"),
    ("otherparent@demo.tandem.test", "Agnieszka Nowak: mother of Zofia (Toddlers), Polish"),
]
MORE_SIGN_INS = ["owner@", "senco@", "admin@", "riverside.manager@"]

# Rooms: name, youngest and oldest age in months, places.
ROOMS = [("Babies", 0, 24, 9), ("Toddlers", 24, 36, 15), ("Pre-school", 36, 60, 24)]

# Staff: local part of the e-mail, first name, last name, roles, rooms, job title.
STAFF = [
    ("owner", "Helen", "Fairweather", [StaffRole.OWNER], [], "Owner"),
    ("manager", "Rachel", "Hughes", [StaffRole.MANAGER, StaffRole.DSL], [], "Nursery manager"),
    ("senco", "Nadia", "Malik", [StaffRole.SENCO, StaffRole.PRACTITIONER], ["Pre-school"], "SENCO"),
    ("admin", "Joanne", "Price", [StaffRole.ADMINISTRATOR], [], "Administrator"),
    ("keyperson", "Aleksandra", "Nowicka", [StaffRole.PRACTITIONER], ["Toddlers"], "Room leader, Toddlers"),
    ("tom.bevan", "Tom", "Bevan", [StaffRole.PRACTITIONER], ["Babies"], "Room leader, Babies"),
    ("shirin.begum", "Shirin", "Begum", [StaffRole.PRACTITIONER], ["Babies"], "Nursery practitioner"),
    ("megan.rees", "Megan", "Rees", [StaffRole.PRACTITIONER], ["Toddlers"], "Nursery practitioner"),
    ("farah.iqbal", "Farah", "Iqbal", [StaffRole.PRACTITIONER], ["Pre-school"], "Room leader, Pre-school (EYTS)"),
    ("daniel.osei", "Daniel", "Osei", [StaffRole.PRACTITIONER], ["Pre-school"], "Nursery practitioner"),
    ("ioana.radu", "Ioana", "Radu", [StaffRole.PRACTITIONER], ["Pre-school", "Toddlers"], "Apprentice"),
]


@dataclass
class C:
    """A child: first name, room, age in months, key person (staff e-mail local part)."""

    first: str
    room: str
    months: int
    key: str
    last: str = ""  # when it differs from the family name
    eal: bool = False
    eypp: bool = False
    sen: str = SenStatus.NONE
    allergies: str = ""
    diet: str = ""
    medical: str = ""
    hours: int = 15
    refused: tuple[str, ...] = ()
    birthday_today: bool = False
    starts_today: bool = False


@dataclass
class G:
    """A guardian: first name, relationship, how to reach them."""

    first: str
    relationship: str
    channels: tuple[str, ...]
    last: str = ""
    language: str = ""  # the family's language unless given
    email: str | None = None  # None: made up from the name when the channels use e-mail or the app
    account: bool = False
    pr: bool = True
    lives_with: bool = True
    may_collect: bool = True
    emergency: bool = True
    restrictions: str = ""
    reading_help: bool = False
    accessibility: str = ""
    digest: str = "immediate"
    best_times: str = ""


@dataclass
class F:
    name: str
    language: str
    children: list[C]
    guardians: list[G]
    diet: str = ""
    consent_note: str = ""
    consent_by_local_authority: bool = False
    withdrawn: tuple[str, str, str] | None = None  # child, consent kind, note


HALAL = "Halal meat only"
FAMILIES = [
    F("Taylor", "en", [
        C("Oliver", "Pre-school", 50, "farah.iqbal", allergies="Cow's milk protein", hours=30),
        C("Poppy", "Babies", 14, "tom.bevan", hours=0),
    ], [
        G("Sarah", "mother", ("app", "email"), email="parent@demo.tandem.test", account=True, digest="daily"),
        G("James", "father", ("email",), best_times="After 6pm"),
    ]),
    F("Nowak", "pl", [C("Zofia", "Toddlers", 30, "keyperson", eal=True)], [
        G("Agnieszka", "mother", ("app", "email"), email="otherparent@demo.tandem.test", account=True),
        G("Tomasz", "father", ("sms",), email=""),
    ]),
    F("Kowalski", "pl", [C("Antoni", "Pre-school", 44, "daniel.osei", eal=True, refused=("sun_cream",))], [
        G("Katarzyna", "mother", ("letter", "face_to_face"), last="Kowalska", email=""),
    ], consent_note="We put sun cream on at home in the morning."),
    F("Wiśniewski", "pl", [
        C("Lena", "Toddlers", 27, "keyperson", last="Wiśniewska", eal=True),
        C("Szymon", "Pre-school", 55, "ioana.radu", eal=True, hours=30),
    ], [
        G("Magdalena", "mother", ("app", "email"), last="Wiśniewska", account=True),
        G("Piotr", "father", ("sms",), email=""),
    ]),
    F("Zieliński", "pl", [C("Maja", "Babies", 5, "tom.bevan", last="Zielińska", hours=0, starts_today=True)], [
        G("Joanna", "mother", ("app", "email"), last="Zielińska", account=True),
    ]),
    F("Popescu", "ro", [C("Andrei", "Pre-school", 41, "farah.iqbal", eal=True, eypp=True)], [
        G("Elena", "mother", ("app", "email"), account=True),
        G("Mihai", "father", ("sms",), email=""),
    ]),
    F("Ionescu", "ro", [
        C("Ioana", "Babies", 11, "shirin.begum"),
        C("Matei", "Toddlers", 33, "keyperson", eal=True, sen=SenStatus.SEN_SUPPORT),
    ], [
        G("Cristina", "mother", ("sms", "face_to_face"), email="", reading_help=True, best_times="Pick-up, 5pm"),
    ]),
    F("Dumitru", "ro", [C("Sofia", "Pre-school", 38, "senco", eal=True)], [
        G("Adrian", "father", ("app", "email"), account=True),
        G("Alina", "mother", ("app",), account=True, email=""),
    ]),
    F("Khan", "ur", [
        C("Ayaan", "Pre-school", 52, "farah.iqbal", eal=True, hours=30,
          medical="Eczema: emollient cream after handwashing (parental permission on file)."),
        C("Zara", "Babies", 9, "tom.bevan", hours=0),
    ], [
        G("Ayesha", "mother", ("app", "sms"), account=True),
        G("Imran", "father", ("email",), language="en"),
    ], diet=HALAL),
    F("Hussain", "ur", [C("Hamza", "Toddlers", 29, "megan.rees", eal=True, eypp=True, refused=("website_social",))], [
        G("Sana", "mother", ("letter", "face_to_face"), email="", reading_help=True,
          accessibility="Prefers letters read through with her at pick-up"),
        G("Bilal", "father", ("sms",), email=""),
    ], diet=HALAL),
    F("Raza", "ur", [C("Inaya", "Pre-school", 47, "daniel.osei", eal=True, allergies="Sesame")], [
        G("Fatima", "mother", ("app", "email"), account=True),
    ], diet=HALAL),
    F("Ahmed", "ur", [C("Musa", "Toddlers", 30, "megan.rees", eal=True)], [
        G("Saima", "mother", ("app",), account=True),
        G("Tariq", "father", ("email",), language="en"),
    ], diet=HALAL),
    F("Rahman", "bn", [
        C("Rayyan", "Pre-school", 57, "ioana.radu", eal=True, eypp=True, hours=30),
        C("Safa", "Toddlers", 25, "megan.rees", eal=True, eypp=True),
    ], [
        G("Nasima", "mother", ("face_to_face", "sms"), email="", reading_help=True),
        G("Shahid", "father", ("app", "email"), account=True, language="en", best_times="Weekends"),
    ], diet=HALAL),
    F("Chowdhury", "bn", [C("Tahmid", "Babies", 19, "shirin.begum")], [
        G("Rumana", "mother", ("app", "email"), account=True, digest="weekly"),
    ], diet=HALAL),
    F("Uddin", "bn", [
        C("Aaliyah", "Pre-school", 43, "senco", eal=True, eypp=True, sen=SenStatus.EHC_PLAN,
          medical="Hearing aids in both ears; audiology review every six months."),
    ], [
        G("Jamal", "father", ("sms",), email=""),
        G("Runa", "mother", ("letter",), email="", reading_help=True),
    ], diet=HALAL),
    F("Singh", "pa", [
        C("Arjun", "Pre-school", 49, "farah.iqbal", eal=True, hours=30),
        C("Harleen", "Toddlers", 31, "keyperson", last="Kaur"),
    ], [
        G("Manpreet", "mother", ("app", "email"), last="Kaur", account=True),
        G("Harjit", "father", ("sms",), email=""),
    ], diet="Vegetarian: no meat, fish or eggs"),
    F("Sandhu", "pa", [C("Gurveer", "Babies", 16, "tom.bevan", allergies="Egg")], [
        G("Navdeep", "mother", ("email",)),
        G("Rajinder", "grandparent", ("face_to_face",), email="", pr=False, lives_with=False,
          best_times="Collects on Tuesdays and Thursdays"),
    ]),
    F("Gill", "pa", [C("Jasleen", "Pre-school", 40, "daniel.osei")], [
        G("Jaspreet", "mother", ("app", "email"), account=True, language="en"),
    ]),
    F("Haddad", "ar", [
        C("Yousef", "Pre-school", 53, "ioana.radu", eal=True, hours=30),
        C("Layla", "Babies", 7, "shirin.begum", hours=0),
    ], [
        G("Rania", "mother", ("app", "sms"), account=True),
        G("Khaled", "father", ("email",)),
    ], diet=HALAL),
    F("Mansour", "ar", [
        C("Omar", "Toddlers", 34, "megan.rees", eal=True, eypp=True, sen=SenStatus.SEN_SUPPORT,
          refused=("website_social",)),
    ], [
        G("Huda", "mother", ("sms", "face_to_face"), email="", reading_help=True),
    ], diet=HALAL),
    F("Al-Sayed", "ar", [
        C("Mariam", "Pre-school", 46, "farah.iqbal", eal=True, allergies="Peanuts and tree nuts (anaphylaxis)",
          medical="Two adrenaline auto-injectors in the office medicine box; allergy plan reviewed each term."),
    ], [
        G("Samir", "father", ("app", "email"), account=True),
        G("Noor", "mother", ("app",), account=True, email=""),
    ], diet=HALAL),
    F("Jones", "cy", [
        C("Cerys", "Pre-school", 48, "senco", birthday_today=True, hours=30),
        C("Osian", "Toddlers", 26, "keyperson"),
    ], [
        G("Rhian", "mother", ("app", "email"), account=True),
        G("Dafydd", "father", ("email",)),
    ]),
    F("Evans", "cy", [C("Macsen", "Babies", 21, "tom.bevan")], [
        G("Siân", "mother", ("app", "email"), account=True),
    ]),
    F("Pritchard", "cy", [C("Elin", "Pre-school", 39, "daniel.osei")], [
        G("Gethin", "father", ("sms",), email="", language="en"),
    ]),
    F("Wilson", "en", [
        C("Freddie", "Toddlers", 28, "keyperson", eypp=True, refused=("website_social", "group_photos")),
    ], [
        G("Gemma", "mother", ("app", "email"), account=True),
        G("Mark", "father", ("letter",), email="", lives_with=False, may_collect=False, emergency=False,
          restrictions=(
              "Prohibited steps order (family court, 2025): Mark must not collect Freddie or take him "
              "from the nursery. If he arrives, keep Freddie inside and call the manager. Copy on file."
          )),
    ], consent_note="Mother asked that Freddie never appears where others can see him online."),
    F("Brown", "en", [
        C("Alfie", "Pre-school", 48, "farah.iqbal", last="Morgan", eypp=True, sen=SenStatus.SEN_SUPPORT,
          refused=("website_social", "group_photos", "display_boards"), hours=30),
    ], [
        G("Denise", "foster_carer", ("app", "email"), account=True, pr=False),
    ], consent_by_local_authority=True,
       consent_note="Given by the local authority's social worker, who holds parental responsibility."),
    F("Clarke", "en", [
        C("Isla", "Toddlers", 35, "megan.rees"),
        C("George", "Babies", 12, "shirin.begum", hours=0),
    ], [
        G("Laura", "mother", ("app", "email"), account=True),
        G("Chris", "father", ("app", "email"), account=True),
    ], withdrawn=("Isla", "group_photos", "Her grandparents asked that her photo is not shown to other families.")),
    F("Thompson", "en", [C("Ivy", "Toddlers", 32, "megan.rees", eypp=True)], [
        G("Natalie", "mother", ("sms",), email="", reading_help=True, accessibility="Dyslexia: short messages, please"),
    ]),
    F("Harris", "en", [C("Theo", "Pre-school", 44, "ioana.radu")], [
        G("Liam", "father", ("app", "email"), account=True),
        G("Emma", "mother", ("email",), lives_with=False, best_times="She has Theo every other weekend"),
    ]),
    F("Bennett", "en", [C("Florence", "Toddlers", 25, "keyperson", diet="Gluten-free (coeliac disease)")], [
        G("Chloe", "mother", ("app", "email"), account=True, digest="daily"),
    ]),
    F("Wright", "en", [C("Amelia", "Pre-school", 58, "senco", hours=30)], [
        G("Kirsty", "mother", ("app",), account=True, email=""),
        G("Paul", "father", ("email",)),
    ]),
]  # fmt: skip


def exists() -> bool:
    return Organisation.objects.filter(slug=ORGANISATION_SLUG).exists()


def build(*, today: dt.date) -> Rows:
    """Collect the demo organisation into rows (unsaved)."""
    rng = random.Random("tandem-demo:sunflower")
    now = timezone.now()
    rows = Rows()

    organisation = Organisation(
        id=seeded_uuid(rng), name="Sunflower Early Years", slug=ORGANISATION_SLUG, kind=Organisation.Kind.GROUP
    )
    organisation.save()  # the settings below point at it; the rest goes in with bulk_create
    lead = new_user(rng, username="lead@" + DOMAIN, email="lead@" + DOMAIN, first_name="Margaret", last_name="Lloyd")
    rows.users.append(lead)
    rows.organisation_leads.append(OrganisationLead(organisation=organisation, user=lead))

    setting = Setting(
        id=seeded_uuid(rng),
        organisation=organisation,
        name="Sunflower Nursery",
        slug=SETTING_SLUG,
        kind=Setting.Kind.DAY_NURSERY,
        timezone="Europe/London",
        address="14 Meadow Lane\nLeicester",
        postcode="LE2 1SF",
        phone="0116 496 0123",
        email="hello@sunflower.demo.tandem.test",
        inspectorate=Setting.Inspectorate.OFSTED,
        inspection_reference="EY561234",
        curriculum_framework=Setting.Framework.EYFS_DM,
    )
    rows.settings.append(setting)
    rooms = {}
    for name, age_from, age_to, places in ROOMS:
        rooms[name] = Room(
            id=seeded_uuid(rng),
            setting=setting,
            name=name,
            age_from_months=age_from,
            age_to_months=age_to,
            capacity=places,
        )
        rows.rooms.append(rooms[name])

    staff: dict[str, StaffMember] = {}
    for local, first, last, roles, room_names, title in STAFF:
        user = new_user(rng, username=f"{local}@{DOMAIN}", email=f"{local}@{DOMAIN}", first_name=first, last_name=last)
        rows.users.append(user)
        member = StaffMember(id=seeded_uuid(rng), setting=setting, user=user, roles=list(roles), job_title=title)
        rows.staff.append(member)
        for room_name in room_names:
            rows.staff_rooms.append(StaffMember.rooms.through(staffmember_id=member.id, room_id=rooms[room_name].id))
        staff[local] = member
    room_teams = {
        name: [staff[s[0]] for s in STAFF if name in s[4] and StaffRole.PRACTITIONER in s[3]] for name in rooms
    }
    admin_user = staff["admin"].user
    manager_user = staff["manager"].user

    for fam in FAMILIES:
        family = Family(id=seeded_uuid(rng), setting=setting, name=fam.name, address=f"{rng.randint(2, 90)} Rowan Road")
        rows.families.append(family)
        children = []
        for c in fam.children:
            if c.birthday_today:
                dob = _years_ago(today, c.months // 12)
            else:
                dob = months_ago(today, c.months, rng.randint(1, 27))
            settled = dob + dt.timedelta(days=rng.randint(120, 400))
            start = today if c.starts_today else max(dob, min(today - dt.timedelta(days=rng.randint(14, 40)), settled))
            team = [m for m in room_teams[c.room] if m is not staff[c.key]]
            child = Child(
                id=seeded_uuid(rng),
                setting=setting,
                family=family,
                first_name=c.first,
                last_name=c.last or fam.name,
                date_of_birth=dob,
                start_date=start,
                room=rooms[c.room],
                key_person=staff[c.key],
                backup_key_person=team[0] if team else None,
                home_languages=[fam.language, "en"] if fam.language != "en" else ["en"],
                dietary_needs=c.diet or fam.diet,
                allergies=c.allergies,
                medical_notes=c.medical,
                funded_hours=Decimal(c.hours),
                eypp=c.eypp,
                sen_status=c.sen,
                eal=c.eal,
            )
            rows.children.append(child)
            children.append(child)

        guardians = []
        for g in fam.guardians:
            last = g.last or fam.name
            language = g.language or fam.language
            if g.email is None:
                email = f"{ascii_slug(g.first + ' ' + last)}@{DOMAIN}" if set(g.channels) & {"email", "app"} else ""
            else:
                email = g.email
            user = None
            if g.account:
                username = email or f"{ascii_slug(g.first)}.{ascii_slug(last)}"
                user = new_user(
                    rng,
                    username=username,
                    email=email,
                    first_name=g.first,
                    last_name=last,
                    language="en" if email.startswith("parent@") else language,
                )
                rows.users.append(user)
            # Seed data links the account directly; in the product only an invitation does.
            guardian = Guardian(
                id=seeded_uuid(rng),
                setting=setting,
                family=family,
                user=user,
                first_name=g.first,
                last_name=last,
                email=email,
                phone=f"07700 900{rng.randint(0, 999):03d}",
                address="" if g.lives_with else f"{rng.randint(1, 60)} Harbour Street\nLeicester",
            )
            rows.guardians.append(guardian)
            guardians.append(guardian)
            for child in children:
                rows.links.append(
                    ChildGuardian(
                        setting=setting,
                        child=child,
                        guardian=guardian,
                        relationship=g.relationship,
                        parental_responsibility=g.pr,
                        lives_with_child=g.lives_with,
                        may_collect=g.may_collect,
                        is_emergency_contact=g.emergency,
                        restrictions=g.restrictions,
                    )
                )
            rows.preferences.append(
                CommunicationPreference(
                    setting=setting,
                    guardian=guardian,
                    language=language,
                    channels=list(g.channels),
                    digest=g.digest,
                    best_times=g.best_times,
                    needs_reading_help=g.reading_help,
                    accessibility_needs=g.accessibility,
                    quiet_hours_start=dt.time(20, 0) if "app" in g.channels else None,
                    quiet_hours_end=dt.time(7, 0) if "app" in g.channels else None,
                )
            )

        # Consents asked at registration; one family later withdrew one, which keeps its history.
        giver = (
            None
            if fam.consent_by_local_authority
            else next(gd for gd, g in zip(guardians, fam.guardians, strict=True) if g.pr)
        )
        for c, child in zip(fam.children, children, strict=True):
            asked = dt.datetime.combine(child.start_date, dt.time(9, 30), tzinfo=dt.UTC)
            asked = min(asked, now)
            kinds = CONSENT_KINDS[:5] if c.starts_today else CONSENT_KINDS  # the rest at the settling-in visit
            for kind in kinds:
                granted = kind not in c.refused
                rows.consent_events.append(
                    ConsentEvent(
                        setting=setting,
                        child=child,
                        kind=kind,
                        decision="given" if granted else "refused",
                        given_by=giver,
                        recorded_by=admin_user,
                        note=fam.consent_note if (not granted or fam.consent_by_local_authority) else "",
                        at=asked,
                    )
                )
                at = asked
                if fam.withdrawn and fam.withdrawn[0] == c.first and fam.withdrawn[1] == kind:
                    at = min(now, now - dt.timedelta(days=21))
                    granted = False
                    rows.consent_events.append(
                        ConsentEvent(
                            setting=setting,
                            child=child,
                            kind=kind,
                            decision="withdrawn",
                            given_by=giver,
                            recorded_by=manager_user,
                            note=fam.withdrawn[2],
                            at=at,
                        )
                    )
                rows.consents.append(Consent(setting=setting, child=child, kind=kind, granted=granted, updated_at=at))

    # A small second setting, generated like the scale settings, with a known manager.
    riverside = add_generated_setting(
        rows,
        organisation=organisation,
        slug=SECOND_SETTING_SLUG,
        name="Sunflower Pre-school Riverside",
        n_children=14,
        today=today,
        kind=Setting.Kind.PRE_SCHOOL,
        room_plans=PRE_SCHOOL_ROOMS,
    )
    manager = next(m for m in rows.staff if m.setting is riverside and StaffRole.MANAGER in m.roles)
    manager.user.username = manager.user.email = f"riverside.manager@{DOMAIN}"
    return rows


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
