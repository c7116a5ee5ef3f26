"""Turn the objects access and the selectors hand back into the API's output shapes. Only what
the caller may see goes in: medical notes and restrictions are left out (None) here, from the
ChildPermissions that access worked out, never from a role name."""

from dataclasses import asdict

from tandem.access.permissions import ChildPermissions
from tandem.access.rules import Membership
from tandem.core.models import Child, ChildGuardian, Consent, ConsentEvent, Organisation, Room, Setting, StaffMember


def setting_ref(setting: Setting) -> dict:
    return {"slug": setting.slug, "name": setting.name}


def organisation_ref(organisation: Organisation) -> dict:
    return {"slug": organisation.slug, "name": organisation.name}


def roles(staff: StaffMember) -> list[dict]:
    labels = staff.role_labels()
    return [{"code": code, "name": name} for code, name in zip(staff.roles, labels, strict=False)]


def membership(m: Membership, organisation: Organisation) -> dict:
    return {
        "setting": setting_ref(m.setting),
        "organisation": organisation_ref(organisation),
        "job_title": m.staff.job_title,
        "roles": roles(m.staff),
        "permissions": asdict(m.perms),
    }


def setting_for_member(m: Membership) -> dict:
    s = m.setting
    return {
        "slug": s.slug,
        "name": s.name,
        "organisation": organisation_ref(s.organisation),
        "kind": s.kind,
        "kind_name": str(s.get_kind_display()),
        "timezone": s.timezone,
        "address": s.address,
        "postcode": s.postcode,
        "phone": s.phone,
        "email": s.email,
        "inspectorate": s.inspectorate,
        "inspection_reference": s.inspection_reference,
        "curriculum_framework": s.curriculum_framework,
        "require_mfa_for_leaders": s.require_mfa_for_leaders,
        "my_roles": roles(m.staff),
        "my_permissions": asdict(m.perms),
    }


def room_ref(room: Room | None) -> dict | None:
    return None if room is None else {"id": room.pk, "name": room.name}


def staff_ref(member: StaffMember | None) -> dict | None:
    return None if member is None else {"id": member.pk, "display_name": member.user.display_name}


def child_summary(child: Child) -> dict:
    """Needs child.room and child.key_person.user loaded (selectors.child_list_for_staff does)."""
    return {
        "id": child.pk,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "preferred_name": child.preferred_name,
        "display_name": child.display_name,
        "date_of_birth": child.date_of_birth,
        "start_date": child.start_date,
        "leave_date": child.leave_date,
        "room": room_ref(child.room),
        "key_person": staff_ref(child.key_person),
    }


def guardian_link(link: ChildGuardian, perms: ChildPermissions) -> dict:
    g = link.guardian
    return {
        "guardian_id": g.pk,
        "name": g.full_name,
        "relationship": link.relationship,
        "parental_responsibility": link.parental_responsibility,
        "lives_with_child": link.lives_with_child,
        "may_collect": link.may_collect,
        "is_emergency_contact": link.is_emergency_contact,
        "email": g.email,
        "phone": g.phone,
        "uses_tandem": g.user_id is not None,
        "restrictions": link.restrictions if perms.can_read_restrictions else None,
    }


def child_detail(child: Child, perms: ChildPermissions, links) -> dict:
    return {
        **child_summary(child),
        "family_id": child.family_id,
        "backup_key_person": staff_ref(child.backup_key_person),
        "home_languages": list(child.home_languages or []),
        "allergies": child.allergies,
        "dietary_needs": child.dietary_needs,
        "medical_notes": child.medical_notes if perms.can_read_medical else None,
        "funded_hours": child.funded_hours,
        "eypp": child.eypp,
        "sen_status": child.sen_status,
        "eal": child.eal,
        "guardians": [guardian_link(link, perms) for link in links],
        "permissions": {
            "is_key_person": perms.is_key_person,
            "can_edit": perms.can_edit,
            "can_read_medical": perms.can_read_medical,
            "can_read_restrictions": perms.can_read_restrictions,
            "can_change_consents": perms.can_change_consents,
        },
    }


def family_child(child: Child, perms: ChildPermissions, consents) -> dict:
    """A guardian's view of their own child (child_for_user loads what this reads)."""
    return {
        "id": child.pk,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "preferred_name": child.preferred_name,
        "display_name": child.display_name,
        "date_of_birth": child.date_of_birth,
        "setting": setting_ref(child.setting),
        "room": room_ref(child.room),
        "key_person_name": child.key_person.user.display_name if child.key_person else None,
        "allergies": child.allergies,
        "dietary_needs": child.dietary_needs,
        "medical_notes": child.medical_notes,
        "can_change_consents": perms.can_change_consents,
        "consents": [consent(kind, label, c) for kind, label, c in consents],
    }


def consent(kind: str, label, current: Consent | None) -> dict:
    return {
        "kind": kind,
        "name": str(label),
        "granted": None if current is None else current.granted,
        "updated_at": None if current is None else current.updated_at,
    }


def consent_event(event: ConsentEvent) -> dict:
    return {
        "kind": event.kind,
        "decision": event.decision,
        "given_by": event.given_by.full_name if event.given_by else None,
        "recorded_by": event.recorded_by.display_name,
        "at": event.at,
    }
