"""The verbs of tandem.core: every write to settings, rooms, staff, children, families,
guardians, consents and communication preferences goes through a function here, whether it
comes from a page, the API, an import or a task.

Each service is keyword-only, atomic, validates with `full_clean()` before saving, writes an
audit entry in the same transaction (changed field NAMES only, never their values) and keeps
the earlier state of a child, guardian, child-guardian link or preferences with `keep_version`.
The caller has already checked permission through tandem.access; services check the rules of
the data (same setting, dates in order, no duplicates) and raise CoreError with a message the
person can act on."""

import secrets
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.access.permissions import StaffPermissions
from tandem.core.audit import audit_log, keep_version
from tandem.core.models import (
    Channel,
    Child,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    ConsentKind,
    Digest,
    Family,
    Guardian,
    Room,
    Setting,
    StaffMember,
    StaffRole,
)

User = get_user_model()


class CoreError(ValidationError):
    """A rule of the setting's data was broken. The message is translated and says what to do;
    a dict message names the form field it belongs to."""


def _apply(obj: Any, changes: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set CHANGES on OBJ and return the names of fields whose value really changed."""
    allowed = set(allowed)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changed = []
    for name, value in changes.items():
        if getattr(obj, name) != value:
            changed.append(name)
    for name in changed:
        setattr(obj, name, changes[name])
    return sorted(changed)


def _clean_email(email: str) -> str:
    return (email or "").strip().lower()


# --- the setting ----------------------------------------------------------------------------------

SETTING_FIELDS = (
    "name",
    "kind",
    "address",
    "postcode",
    "phone",
    "email",
    "timezone",
    "inspectorate",
    "inspection_reference",
    "curriculum_framework",
    "require_mfa_for_leaders",
)


@transaction.atomic
def setting_update(*, setting: Setting, by: Any, **changes: Any) -> Setting:
    """Change the setting's own details (managers with can_manage_setting)."""
    before = {name: getattr(setting, name) for name in SETTING_FIELDS}
    changed = _apply(setting, changes, SETTING_FIELDS)
    if not changed:
        return setting
    try:
        setting.full_clean()
    except ValidationError:
        for name, value in before.items():
            setattr(setting, name, value)
        raise
    setting.save()
    audit_log("core.setting.updated", actor=by, obj=setting, setting=setting, data={"fields": changed})
    return setting


# --- rooms ----------------------------------------------------------------------------------------

ROOM_FIELDS = ("name", "age_from_months", "age_to_months", "capacity")


def _check_room(room: Room) -> None:
    errors = {}
    if room.age_to_months < room.age_from_months:
        errors["age_to_months"] = _("The oldest age must not be below the youngest age.")
    duplicate = Room.objects.filter(setting=room.setting, name__iexact=room.name.strip()).exclude(pk=room.pk)
    if duplicate.exists():
        errors["name"] = _("There is already a room called %(name)s.") % {"name": room.name}
    if errors:
        raise CoreError(errors)


def _check_room_is_empty(room: Room) -> None:
    if Child.objects.filter(room=room, leave_date__isnull=True).exists():
        raise CoreError(_("Move the children in %(room)s to another room first.") % {"room": room.name})


@transaction.atomic
def room_create(
    *, setting: Setting, by: Any, name: str, age_from_months: int = 0, age_to_months: int = 60, capacity: int = 12
) -> Room:
    """Add a room to SETTING (can_manage_rooms). Room names are unique within a setting."""
    room = Room(
        setting=setting,
        name=name.strip(),
        age_from_months=age_from_months,
        age_to_months=age_to_months,
        capacity=capacity,
    )
    _check_room(room)
    room.full_clean()
    room.save()
    audit_log("core.room.created", actor=by, obj=room, setting=setting)
    return room


@transaction.atomic
def room_update(*, room: Room, by: Any, **changes: Any) -> Room:
    """Rename a room or change its ages and places (can_manage_rooms)."""
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    if changes.get("is_active") is False and room.is_active:
        _check_room_is_empty(room)
    changed = _apply(room, changes, ROOM_FIELDS + ("is_active",))
    if not changed:
        return room
    _check_room(room)
    room.full_clean()
    room.save()
    audit_log("core.room.updated", actor=by, obj=room, setting=room.setting, data={"fields": changed})
    return room


@transaction.atomic
def room_archive(*, room: Room, by: Any) -> Room:
    """Take a room out of use. Its history stays; children still in it must move first."""
    _check_room_is_empty(room)
    if not room.is_active:
        return room
    room.is_active = False
    room.save(update_fields=["is_active"])
    audit_log("core.room.archived", actor=by, obj=room, setting=room.setting)
    return room


# --- staff ----------------------------------------------------------------------------------------


def _unique_username(email: str) -> str:
    base = email.split("@", 1)[0][:100] or "staff"
    candidate = base
    while User.objects.filter(username__iexact=candidate).exists():
        candidate = f"{base}-{secrets.token_hex(3)}"
    return candidate


def _send_password_setup(*, email: str, request: HttpRequest | None) -> None:
    """allauth's password-reset e-mail, so a new member of staff chooses their own password."""
    from allauth.account.forms import ResetPasswordForm
    from allauth.core import context

    request = request or context.request
    if request is None:
        return  # no request to build the link from (e.g. a command): they can use "forgot password"
    form = ResetPasswordForm(data={"email": email})
    with context.request_context(request):  # allauth builds the link from the current request
        if form.is_valid():
            form.save(request)


def _check_staff_rooms(setting: Setting, rooms: Iterable[Room]) -> list[Room]:
    rooms = list(rooms)
    if any(r.setting_id != setting.pk for r in rooms):
        raise CoreError({"rooms": _("Choose rooms of this setting.")})
    return rooms


def _check_roles(roles: list[str]) -> list[str]:
    valid = set(StaffRole.values)
    if not roles or any(r not in valid for r in roles):
        raise CoreError({"roles": _("Choose at least one role from the list.")})
    return list(dict.fromkeys(roles))


@transaction.atomic
def staff_member_add(
    *,
    setting: Setting,
    by: Any,
    email: str,
    first_name: str,
    last_name: str,
    roles: list[str],
    rooms: Iterable[Room] = (),
    job_title: str = "",
    request: HttpRequest | None = None,
) -> StaffMember:
    """Add a person to SETTING's team (can_manage_staff). A new e-mail gets an account with no
    usable password and allauth's password-reset e-mail, so only they ever know the password."""
    email = _clean_email(email)
    if not email:
        raise CoreError({"email": _("Enter an e-mail address.")})
    roles = _check_roles(roles)
    rooms = _check_staff_rooms(setting, rooms)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and StaffMember.objects.filter(setting=setting, user=user).exists():
        raise CoreError({"email": _("%(email)s is already on this setting's team.") % {"email": email}})
    new_user = user is None
    if new_user:
        user = User(
            username=_unique_username(email),
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    member = StaffMember(setting=setting, user=user, roles=roles, job_title=job_title.strip())
    member.full_clean()
    member.save()
    member.rooms.set(rooms)
    audit_log(
        "core.staff_member.added",
        actor=by,
        obj=member,
        setting=setting,
        data={"roles": roles, "new_account": new_user},
    )
    if new_user:
        transaction.on_commit(lambda: _send_password_setup(email=email, request=request))
    return member


def _still_has_staff_manager(setting: Setting, *, without: StaffMember, roles: list[str], is_active: bool) -> bool:
    if is_active and StaffPermissions.for_roles(roles).can_manage_staff:
        return True
    others = StaffMember.objects.filter(setting=setting, is_active=True).exclude(pk=without.pk)
    return any(StaffPermissions.for_roles(m.roles).can_manage_staff for m in others)


@transaction.atomic
def staff_member_update(
    *,
    member: StaffMember,
    by: Any,
    roles: list[str] | None = None,
    rooms: Iterable[Room] | None = None,
    job_title: str | None = None,
    is_active: bool | None = None,
) -> StaffMember:
    """Change a member of staff's roles, rooms, job title or whether they are active. A setting
    always keeps at least one active person who can manage staff, so nobody locks it out."""
    setting = member.setting
    new_roles = _check_roles(roles) if roles is not None else member.roles
    new_active = member.is_active if is_active is None else is_active
    if not _still_has_staff_manager(setting, without=member, roles=new_roles, is_active=new_active):
        raise CoreError(_("The setting needs at least one active person who can manage staff."))
    changed = []
    if new_roles != member.roles:
        changed.append("roles")
    if new_active != member.is_active:
        changed.append("is_active")
    if job_title is not None and job_title.strip() != member.job_title:
        changed.append("job_title")
        member.job_title = job_title.strip()
    member.roles = new_roles
    member.is_active = new_active
    member.full_clean()
    member.save()
    if rooms is not None:
        rooms = _check_staff_rooms(setting, rooms)
        if {r.pk for r in rooms} != set(member.rooms.values_list("pk", flat=True)):
            changed.append("rooms")
            member.rooms.set(rooms)
    if changed:
        audit_log(
            "core.staff_member.updated",
            actor=by,
            obj=member,
            setting=setting,
            data={"fields": sorted(changed)},
        )
    return member


# --- children -------------------------------------------------------------------------------------

CHILD_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "start_date",
    "room",
    "key_person",
    "backup_key_person",
    "family",
    "home_languages",
    "dietary_needs",
    "allergies",
    "medical_notes",
    "funded_hours",
    "eypp",
    "sen_status",
    "eal",
)


def _check_child(child: Child) -> None:
    """Rules Child.clean() does not know: the family belongs to the same setting, and the
    room is in use."""
    errors = {}
    if child.family_id and child.family.setting_id != child.setting_id:
        errors["family"] = _("This family belongs to another setting.")
    if child.room_id and not child.room.is_active and "room" not in errors:
        errors["room"] = _("This room is no longer in use.")
    if errors:
        raise CoreError(errors)


@transaction.atomic
def child_create(
    *,
    setting: Setting,
    by: Any,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    **details: Any,
) -> Child:
    """Add a child to SETTING (can_edit_children). The date of birth cannot be in the future;
    room, key person and family come from the same setting."""
    unknown = set(details) - set(CHILD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    child = Child(
        setting=setting,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        **details,
    )
    child.full_clean()
    _check_child(child)
    child.save()
    audit_log("core.child.created", actor=by, obj=child, setting=setting, child=child)
    return child


@transaction.atomic
def child_update(*, child: Child, by: Any, **changes: Any) -> Child:
    """Change a child's details (can_edit_children), keeping the earlier version."""
    original = Child.objects.get(pk=child.pk)
    changed = _apply(child, changes, CHILD_FIELDS)
    if not changed:
        return child
    child.full_clean()
    _check_child(child)
    keep_version(original, setting=child.setting, by=by)
    child.save()
    audit_log(
        "core.child.updated",
        actor=by,
        obj=child,
        setting=child.setting,
        child=child,
        data={"fields": changed},
    )
    return child


@transaction.atomic
def child_leave(*, child: Child, by: Any, leave_date: date) -> Child:
    """Record the date a child leaves. It must not be before they started."""
    if child.start_date and leave_date < child.start_date:
        raise CoreError({"leave_date": _("The leaving date must be after the start date.")})
    original = Child.objects.get(pk=child.pk)
    keep_version(original, setting=child.setting, by=by)
    child.leave_date = leave_date
    child.full_clean()
    child.save(update_fields=["leave_date", "updated_at"])
    audit_log("core.child.left", actor=by, obj=child, setting=child.setting, child=child)
    # The EYFS expects the learning journal to go home with the child: offer it once the
    # leaving date is saved (idempotent, so a second leave_date change offers nothing new).
    from tandem.journal_export.services import journal_export_offer_on_leaving

    transaction.on_commit(lambda: journal_export_offer_on_leaving(child=child, by=by))
    return child


# --- families and guardians -----------------------------------------------------------------------


@transaction.atomic
def family_create(*, setting: Setting, by: Any, name: str, address: str = "") -> Family:
    """Add a household to SETTING (can_edit_children)."""
    family = Family(setting=setting, name=name.strip(), address=address.strip())
    family.full_clean()
    family.save()
    audit_log("core.family.created", actor=by, obj=family, setting=setting)
    return family


GUARDIAN_FIELDS = ("first_name", "last_name", "email", "phone", "address")


def _check_guardian_email(*, setting: Setting, email: str, exclude_pk: Any = None) -> None:
    if not email:
        return
    qs = Guardian.objects.filter(setting=setting, email__iexact=email)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise CoreError(
            {"email": _("Another parent or carer at this setting already uses %(email)s.") % {"email": email}}
        )


@transaction.atomic
def guardian_create(
    *,
    family: Family,
    by: Any,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    address: str = "",
    language: str = "en",
) -> Guardian:
    """Add a parent or carer to FAMILY, with default communication preferences in LANGUAGE.
    An e-mail address is unique among a setting's guardians (it is how invitations find them)."""
    email = _clean_email(email)
    _check_guardian_email(setting=family.setting, email=email)
    guardian = Guardian(
        setting=family.setting,
        family=family,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone.strip(),
        address=address.strip(),
    )
    guardian.full_clean()
    guardian.save()
    prefs = CommunicationPreference(
        setting=family.setting,
        guardian=guardian,
        language=language,
        channels=[Channel.APP, Channel.EMAIL] if email else [Channel.FACE_TO_FACE],
    )
    prefs.full_clean()
    prefs.save()
    audit_log("core.guardian.created", actor=by, obj=guardian, setting=family.setting)
    return guardian


@transaction.atomic
def guardian_update(*, guardian: Guardian, by: Any, **changes: Any) -> Guardian:
    """Change a parent or carer's contact details, keeping the earlier version."""
    if "email" in changes:
        changes["email"] = _clean_email(changes["email"])
        _check_guardian_email(setting=guardian.setting, email=changes["email"], exclude_pk=guardian.pk)
    original = Guardian.objects.get(pk=guardian.pk)
    changed = _apply(guardian, changes, GUARDIAN_FIELDS)
    if not changed:
        return guardian
    guardian.full_clean()
    keep_version(original, setting=guardian.setting, by=by)
    guardian.save()
    audit_log(
        "core.guardian.updated",
        actor=by,
        obj=guardian,
        setting=guardian.setting,
        data={"fields": changed},
    )
    return guardian


LINK_FIELDS = (
    "relationship",
    "parental_responsibility",
    "lives_with_child",
    "may_collect",
    "is_emergency_contact",
    "restrictions",
)


@transaction.atomic
def child_guardian_link(
    *,
    child: Child,
    guardian: Guardian,
    by: Any,
    relationship: str,
    parental_responsibility: bool = True,
    lives_with_child: bool = True,
    may_collect: bool = True,
    is_emergency_contact: bool = True,
    restrictions: str = "",
) -> ChildGuardian:
    """Say how GUARDIAN stands to CHILD (EYFS 3.73: who has parental responsibility, who the
    child lives with, emergency contacts). Both must belong to the same setting."""
    if guardian.setting_id != child.setting_id:
        raise CoreError({"guardian": _("This parent or carer belongs to another setting.")})
    if ChildGuardian.objects.filter(child=child, guardian=guardian).exists():
        raise CoreError(
            {
                "guardian": _("%(guardian)s is already linked to %(child)s.")
                % {"guardian": guardian.full_name, "child": child.display_name}
            }
        )
    link = ChildGuardian(
        setting=child.setting,
        child=child,
        guardian=guardian,
        relationship=relationship,
        parental_responsibility=parental_responsibility,
        lives_with_child=lives_with_child,
        may_collect=may_collect,
        is_emergency_contact=is_emergency_contact,
        restrictions=restrictions.strip(),
    )
    link.full_clean()
    link.save()
    audit_log("core.child_guardian.linked", actor=by, obj=link, setting=child.setting, child=child)
    return link


@transaction.atomic
def child_guardian_update(*, link: ChildGuardian, by: Any, **changes: Any) -> ChildGuardian:
    """Change how a guardian stands to a child, keeping the earlier version."""
    if "restrictions" in changes:
        changes["restrictions"] = changes["restrictions"].strip()
    original = ChildGuardian.objects.get(pk=link.pk)
    changed = _apply(link, changes, LINK_FIELDS)
    if not changed:
        return link
    link.full_clean()
    keep_version(original, setting=link.setting, by=by)
    link.save()
    audit_log(
        "core.child_guardian.updated",
        actor=by,
        obj=link,
        setting=link.setting,
        child=link.child,
        data={"fields": changed},
    )
    return link


# --- consents -------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    child: Child,
    kind: str,
    decision: str,
    given_by: Guardian | None,
    by: Any,
    note: str = "",
) -> ConsentEvent:
    """Record a consent given, refused or withdrawn: appends a ConsentEvent (history is never
    overwritten) and sets the current Consent in the same transaction. The person giving it must
    be a guardian of the child with parental responsibility."""
    if kind not in ConsentKind.values:
        raise CoreError({"kind": _("Choose a consent from the list.")})
    if decision not in ConsentEvent.Decision.values:
        raise CoreError({"decision": _("Choose given, refused or withdrawn.")})
    if given_by is not None:
        has_pr = ChildGuardian.objects.filter(child=child, guardian=given_by, parental_responsibility=True).exists()
        if not has_pr:
            raise CoreError(
                {"given_by": _("Only a parent or carer with parental responsibility for this child can decide this.")}
            )
    current = Consent.objects.select_for_update().filter(child=child, kind=kind).first()
    if decision == ConsentEvent.Decision.WITHDRAWN and (current is None or not current.granted):
        raise CoreError({"decision": _("This consent has not been given, so there is nothing to withdraw.")})
    now = timezone.now()
    event = ConsentEvent(
        setting=child.setting,
        child=child,
        kind=kind,
        decision=decision,
        given_by=given_by,
        recorded_by=by,
        note=note.strip(),
        at=now,
    )
    event.full_clean()
    event.save()
    granted = decision == ConsentEvent.Decision.GIVEN
    if current is None:
        current = Consent(setting=child.setting, child=child, kind=kind)
    current.granted = granted
    current.updated_at = now
    current.full_clean()
    current.save()
    audit_log(
        f"core.consent.{decision}",
        actor=by,
        obj=event,
        setting=child.setting,
        child=child,
        data={"kind": kind, "given_by": str(given_by.pk) if given_by else None},
    )
    return event


# --- communication preferences --------------------------------------------------------------------


@transaction.atomic
def communication_preference_update(
    *,
    guardian: Guardian,
    by: Any,
    language: str,
    channels: list[str],
    best_times: str = "",
    quiet_hours_start: time | None = None,
    quiet_hours_end: time | None = None,
    digest: str = Digest.IMMEDIATE,
    needs_reading_help: bool = False,
    accessibility_needs: str = "",
) -> CommunicationPreference:
    """How a guardian wants to hear from the setting. The language must be one Tandem offers;
    quiet hours need both a start and an end."""
    errors = {}
    if language not in dict(django_settings.LANGUAGES):
        errors["language"] = _("Tandem does not offer this language yet.")
    if any(c not in Channel.values for c in channels):
        errors["channels"] = _("Choose channels from the list.")
    if (quiet_hours_start is None) != (quiet_hours_end is None):
        errors["quiet_hours_end"] = _("Give both the start and the end of quiet hours.")
    if digest not in Digest.values:
        errors["digest"] = _("Choose how often from the list.")
    if errors:
        raise CoreError(errors)
    prefs = CommunicationPreference.objects.filter(guardian=guardian).first()
    if prefs is None:
        prefs = CommunicationPreference(setting=guardian.setting, guardian=guardian)
        changed = ["created"]
    else:
        changed = None
    changes = {
        "language": language,
        "channels": list(dict.fromkeys(channels)),
        "best_times": best_times.strip(),
        "quiet_hours_start": quiet_hours_start,
        "quiet_hours_end": quiet_hours_end,
        "digest": digest,
        "needs_reading_help": needs_reading_help,
        "accessibility_needs": accessibility_needs.strip(),
    }
    if changed is None:
        original = CommunicationPreference.objects.get(pk=prefs.pk)
        changed = _apply(prefs, changes, changes.keys())
        if not changed:
            return prefs
        prefs.full_clean()
        keep_version(original, setting=guardian.setting, by=by)
    else:
        _apply(prefs, changes, changes.keys())
        prefs.full_clean()
    prefs.save()
    audit_log(
        "core.preferences.updated",
        actor=by,
        obj=prefs,
        setting=guardian.setting,
        data={"guardian": str(guardian.pk), "fields": changed},
    )
    return prefs
