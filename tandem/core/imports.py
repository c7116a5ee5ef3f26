"""Importing children and their families from a CSV file, in two steps.

1. `import_preview` parses and checks every row and reports every problem with its line
   number, so a setting fixes its spreadsheet once, not row by row.
2. `import_run` imports only when every row is valid, in one transaction, through
   tandem.core.services (the same rules as the forms).

Between the steps the file travels back to the browser as a signed, compressed hidden field
(`sign_payload`), so no child's data is written to the server's logs, sessions or disk; the
signature is bound to the setting and the person, and expires after an hour. The run checks
everything again, because the setting may have changed in between."""

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings as django_settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core import services
from tandem.core.audit import audit_log
from tandem.core.models import Guardian, Relationship, Room, Setting, StaffMember

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
PAYLOAD_MAX_AGE = 3600  # seconds between preview and import

GUARDIAN_SLOTS = (1, 2)

# (column, required, what it holds): shown on the page and written into the template CSV.
COLUMNS: list[tuple[str, bool, Any]] = [
    ("child_first_name", True, gettext_lazy("Child's first name")),
    ("child_last_name", True, gettext_lazy("Child's last name")),
    ("child_preferred_name", False, gettext_lazy("Name the child is known by")),
    ("date_of_birth", True, gettext_lazy("Date of birth: YYYY-MM-DD or DD/MM/YYYY")),
    ("start_date", False, gettext_lazy("First day at the setting: YYYY-MM-DD or DD/MM/YYYY")),
    ("room", False, gettext_lazy("Room name, exactly as in Tandem")),
    ("key_person_email", False, gettext_lazy("Key person's e-mail (a member of staff)")),
    ("home_languages", False, gettext_lazy("Languages spoken at home, separated by semicolons")),
    ("allergies", False, gettext_lazy("Allergies")),
    ("dietary_needs", False, gettext_lazy("Dietary needs")),
    ("eal", False, gettext_lazy("English as an additional language: yes or no")),
    ("eypp", False, gettext_lazy("Early Years Pupil Premium: yes or no")),
    ("family_reference", False, gettext_lazy("Same text on the rows of brothers and sisters: one family")),
    ("family_name", False, gettext_lazy("Family name (the child's last name if empty)")),
    ("family_address", False, gettext_lazy("Home address")),
]
for _slot in GUARDIAN_SLOTS:
    _required = _slot == 1
    COLUMNS += [
        (f"guardian{_slot}_first_name", _required, gettext_lazy("Parent or carer: first name")),
        (f"guardian{_slot}_last_name", _required, gettext_lazy("Parent or carer: last name")),
        (f"guardian{_slot}_email", False, gettext_lazy("Parent or carer: e-mail")),
        (f"guardian{_slot}_phone", False, gettext_lazy("Parent or carer: mobile phone")),
        (
            f"guardian{_slot}_relationship",
            _required,
            gettext_lazy("Relationship: mother, father, parent, step_parent, grandparent, foster_carer, …"),
        ),
        (
            f"guardian{_slot}_parental_responsibility",
            False,
            gettext_lazy("Has parental responsibility: yes or no (yes if empty)"),
        ),
        (f"guardian{_slot}_language", False, gettext_lazy("Language for messages: en, pl, ro, ur, …")),
    ]
COLUMN_NAMES = [c[0] for c in COLUMNS]
REQUIRED = [c[0] for c in COLUMNS if c[1]]
# The second guardian's columns are required only when any of them is filled in.
GUARDIAN_REQUIRED = ("first_name", "last_name", "relationship")

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str) -> dt.date:
    """A date written as YYYY-MM-DD (ISO) or DD/MM/YYYY (UK style). ValueError otherwise."""
    text = text.strip()
    if m := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _UK_DATE.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def parse_yes_no(text: str, *, default: bool = False) -> bool:
    value = text.strip().lower()
    if value == "":
        return default
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(text)


def _language_code(text: str) -> str | None:
    """A language Tandem offers, given as its code or its English name; None if unknown."""
    value = text.strip().lower()
    if not value:
        return "en"
    for code, name in django_settings.LANGUAGES:
        if value in (code, str(name).lower()):
            return code
    return None


def _relationship(text: str) -> str | None:
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    for code, label in Relationship.choices:
        if value in (code, str(label).lower().replace("-", "_").replace(" ", "_")):
            return code
    return None


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class GuardianRow:
    first_name: str
    last_name: str
    email: str
    phone: str
    relationship: str
    parental_responsibility: bool
    language: str


@dataclass
class ChildRow:
    line: int
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: dt.date
    start_date: dt.date | None
    room: Room | None
    key_person: StaffMember | None
    home_languages: list[str]
    allergies: str
    dietary_needs: str
    eal: bool
    eypp: bool
    family_key: str
    family_name: str
    family_address: str
    guardians: list[GuardianRow] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[ChildRow]
    errors: list[RowError]
    text: str

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def families(self) -> int:
        return len({r.family_key for r in self.rows})


def decode_upload(uploaded) -> str:
    """The text of an uploaded CSV file; ValidationError when it is too big or not UTF-8."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(_("The file is too big: the limit is 2 MB."))
    raw = uploaded.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Save the file as CSV (UTF-8) and upload it again."))


def template_csv() -> str:
    """The header row and one example row, for people to fill in."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMN_NAMES)
    example = {
        "child_first_name": "Ada",
        "child_last_name": "Example",
        "date_of_birth": "2023-05-14",
        "start_date": "01/09/2025",
        "home_languages": "English; Polish",
        "eal": "yes",
        "eypp": "no",
        "guardian1_first_name": "Maria",
        "guardian1_last_name": "Example",
        "guardian1_email": "maria@example.com",
        "guardian1_relationship": "mother",
        "guardian1_parental_responsibility": "yes",
        "guardian1_language": "pl",
    }
    writer.writerow([example.get(name, "") for name in COLUMN_NAMES])
    return out.getvalue()


def import_preview(*, setting: Setting, text: str) -> Preview:
    """Parse TEXT and check every row against SETTING. Nothing is written."""
    errors: list[RowError] = []
    rows: list[ChildRow] = []
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing_columns = [c for c in REQUIRED if c not in header]
    if missing_columns:
        errors.append(
            RowError(1, _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing_columns)})
        )
        return Preview(rows=[], errors=errors, text=text)

    rooms = {r.name.strip().lower(): r for r in Room.objects.filter(setting=setting, is_active=True)}
    staff = {
        m.user.email.lower(): m
        for m in StaffMember.objects.filter(setting=setting, is_active=True).select_related("user")
        if m.user.email
    }
    known_emails = {
        e.lower() for e in Guardian.objects.filter(setting=setting).exclude(email="").values_list("email", flat=True)
    }
    today = timezone.localdate()
    email_family: dict[str, tuple[str, int]] = {}  # e-mail → (family key, first line)
    family_guardians: dict[str, list[GuardianRow]] = {}

    for index, raw in enumerate(reader):
        line = index + 2  # the header is line 1
        if index >= MAX_ROWS:
            errors.append(RowError(line, _("A file can hold at most %(n)s children.") % {"n": MAX_ROWS}))
            break
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue  # blank line
        before = len(errors)

        def problem(message: str, _line: int = line) -> None:
            errors.append(RowError(_line, message))

        for name in REQUIRED:
            if not row.get(name):
                problem(_("The column %(column)s is empty.") % {"column": name})

        dob = start = None
        if row.get("date_of_birth"):
            try:
                dob = parse_date(row["date_of_birth"])
            except ValueError:
                problem(_("%(value)s is not a date: use YYYY-MM-DD or DD/MM/YYYY.") % {"value": row["date_of_birth"]})
            else:
                if dob > today:
                    problem(_("The date of birth cannot be in the future."))
        if row.get("start_date"):
            try:
                start = parse_date(row["start_date"])
            except ValueError:
                problem(_("%(value)s is not a date: use YYYY-MM-DD or DD/MM/YYYY.") % {"value": row["start_date"]})
            else:
                if dob and start < dob:
                    problem(_("The start date is before the date of birth."))

        room = None
        if row.get("room"):
            room = rooms.get(row["room"].lower())
            if room is None:
                problem(_("There is no room called %(room)s in use at this setting.") % {"room": row["room"]})
        key_person = None
        if row.get("key_person_email"):
            key_person = staff.get(row["key_person_email"].lower())
            if key_person is None:
                problem(_("Nobody on the team has the e-mail %(email)s.") % {"email": row["key_person_email"]})

        flags = {}
        for name in ("eal", "eypp"):
            try:
                flags[name] = parse_yes_no(row.get(name, ""))
            except ValueError:
                problem(_("Write yes or no in the column %(column)s.") % {"column": name})

        family_key = row.get("family_reference", "").lower() or f"line-{line}"
        guardians: list[GuardianRow] = []
        for slot in GUARDIAN_SLOTS:
            prefix = f"guardian{slot}_"
            values = {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}
            if slot > 1 and not any(values.values()):
                continue
            if slot > 1:
                for name in GUARDIAN_REQUIRED:
                    if not values.get(name):
                        problem(_("The column %(column)s is empty.") % {"column": prefix + name})
            email = values.get("email", "").lower()
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    problem(_("%(email)s is not an e-mail address.") % {"email": email})
                else:
                    if email in known_emails:
                        problem(_("A parent or carer at this setting already uses %(email)s.") % {"email": email})
                    seen = email_family.get(email)
                    if seen and seen[0] != family_key:
                        problem(
                            _("%(email)s is also on line %(line)s, in another family.")
                            % {"email": email, "line": seen[1]}
                        )
                    elif seen is None:
                        email_family[email] = (family_key, line)
            relationship = _relationship(values.get("relationship", ""))
            if values.get("relationship") and relationship is None:
                problem(_("%(value)s is not a relationship Tandem knows.") % {"value": values["relationship"]})
            language = _language_code(values.get("language", ""))
            if language is None:
                problem(_("Tandem does not offer the language %(value)s yet.") % {"value": values["language"]})
            try:
                pr = parse_yes_no(values.get("parental_responsibility", ""), default=True)
            except ValueError:
                problem(_("Write yes or no in the column %(column)s.") % {"column": prefix + "parental_responsibility"})
                pr = True
            guardians.append(
                GuardianRow(
                    first_name=values.get("first_name", ""),
                    last_name=values.get("last_name", ""),
                    email=email,
                    phone=values.get("phone", ""),
                    relationship=relationship or Relationship.OTHER,
                    parental_responsibility=pr,
                    language=language or "en",
                )
            )
        emails_in_row = [g.email for g in guardians if g.email]
        if len(emails_in_row) != len(set(emails_in_row)):
            problem(_("Both parents or carers on this line have the same e-mail address."))

        if len(errors) > before:
            continue
        family_guardians.setdefault(family_key, guardians)
        rows.append(
            ChildRow(
                line=line,
                first_name=row["child_first_name"],
                last_name=row["child_last_name"],
                preferred_name=row.get("child_preferred_name", ""),
                date_of_birth=dob,
                start_date=start,
                room=room,
                key_person=key_person,
                home_languages=[p.strip() for p in row.get("home_languages", "").split(";") if p.strip()],
                allergies=row.get("allergies", ""),
                dietary_needs=row.get("dietary_needs", ""),
                eal=flags.get("eal", False),
                eypp=flags.get("eypp", False),
                family_key=family_key,
                family_name=row.get("family_name") or row["child_last_name"],
                family_address=row.get("family_address", ""),
                guardians=guardians,
            )
        )
    if not rows and not errors:
        errors.append(RowError(2, _("The file has no children in it.")))
    errors.sort(key=lambda e: e.line)
    return Preview(rows=rows, errors=errors, text=text)


@dataclass(frozen=True)
class ImportResult:
    children: int
    families: int
    guardians: int


class ImportNotValid(Exception):
    def __init__(self, preview: Preview) -> None:
        super().__init__("import has errors")
        self.preview = preview


@transaction.atomic
def import_run(*, setting: Setting, by: Any, text: str) -> ImportResult:
    """Import every child of TEXT into SETTING, or nothing: a single bad row stops the whole
    file (ImportNotValid carries the fresh preview). Only for can_import."""
    preview = import_preview(setting=setting, text=text)
    if not preview.ok:
        raise ImportNotValid(preview)
    by_family: dict[str, list[ChildRow]] = defaultdict(list)
    for row in preview.rows:
        by_family[row.family_key].append(row)
    n_children = n_guardians = 0
    line = 0
    try:
        for rows in by_family.values():
            first = rows[0]
            line = first.line
            family = services.family_create(
                setting=setting, by=by, name=first.family_name, address=first.family_address
            )
            guardians = []
            for g in first.guardians:
                guardian = services.guardian_create(
                    family=family,
                    by=by,
                    first_name=g.first_name,
                    last_name=g.last_name,
                    email=g.email,
                    phone=g.phone,
                    language=g.language,
                )
                guardians.append((guardian, g))
                n_guardians += 1
            for row in rows:
                line = row.line
                child = services.child_create(
                    setting=setting,
                    by=by,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    date_of_birth=row.date_of_birth,
                    preferred_name=row.preferred_name,
                    start_date=row.start_date,
                    room=row.room,
                    key_person=row.key_person,
                    family=family,
                    home_languages=row.home_languages,
                    allergies=row.allergies,
                    dietary_needs=row.dietary_needs,
                    eal=row.eal,
                    eypp=row.eypp,
                )
                n_children += 1
                for guardian, g in guardians:
                    services.child_guardian_link(
                        child=child,
                        guardian=guardian,
                        by=by,
                        relationship=g.relationship,
                        parental_responsibility=g.parental_responsibility,
                    )
    except ValidationError as exc:
        # A rule only the services know (e.g. a name too long): report it against the file.
        preview.errors.append(RowError(line, "; ".join(exc.messages)))
        raise ImportNotValid(preview) from exc
    result = ImportResult(children=n_children, families=len(by_family), guardians=n_guardians)
    audit_log(
        "core.import.completed",
        actor=by,
        obj=setting,
        setting=setting,
        data={"children": result.children, "families": result.families, "guardians": result.guardians},
    )
    return result


def _salt(setting: Setting, user: Any) -> str:
    return f"tandem.core.import:{setting.pk}:{user.pk}"


def sign_payload(*, setting: Setting, user: Any, text: str) -> str:
    return signing.dumps(text, salt=_salt(setting, user), compress=True)


def unsign_payload(*, setting: Setting, user: Any, payload: str) -> str:
    """The CSV text signed at the preview; ValidationError if tampered with, from someone else
    or older than an hour."""
    try:
        return signing.loads(payload, salt=_salt(setting, user), max_age=PAYLOAD_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("The preview is more than an hour old: upload the file again.")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("The file could not be checked: upload it again.")) from exc
