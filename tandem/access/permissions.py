"""What each staff role may do, as named flags (pretix's Team). Code asks `perms.can_x`; it
never compares role names. To change what a role may do, change ROLE_FLAGS and its test."""

from dataclasses import dataclass, fields

from tandem.core.models import StaffRole


@dataclass(frozen=True)
class StaffPermissions:
    """What one member of staff may do in one setting."""

    is_member: bool = False
    can_view_children: bool = False  # see every child of the setting (not only key children)
    can_edit_children: bool = False  # add and change children, families, guardians, consents
    can_read_medical: bool = False  # children's medical notes
    can_read_restrictions: bool = False  # court orders and other restrictions on a guardian
    can_manage_rooms: bool = False
    can_manage_staff: bool = False
    can_manage_setting: bool = False  # the setting's own details, MFA rule
    can_invite_families: bool = False
    # Structured conversations and progress worries: the key person (or back-up) and those who
    # oversee progress (managers, owners, the SENCO); other staff do not follow the child's.
    can_follow_progress: bool = False
    can_import: bool = False
    can_read_audit: bool = False
    can_read_safeguarding: bool = False  # for the safeguarding app (roadmap)
    can_read_sen: bool = False  # for the SEND records (roadmap)
    can_oversee_care: bool = False  # follow up medicines and accidents families have not acknowledged; Ofsted notices
    can_confirm_retention: bool = False  # archive or erase records that are past their retention period
    # Talking with families (issue 6)
    can_message_families: bool = False  # conversations with the families of children they can see
    can_send_announcements: bool = False  # announcements and newsletters to the setting, rooms or families
    can_send_urgent: bool = False  # urgent messages go at once, past digests and quiet hours
    can_manage_deliveries: bool = False  # the delivery log, the office's print queue, channel set-up
    can_translate: bool = False  # the translation queue (staff or volunteers who speak a language)
    can_manage_setting_info: bool = False  # the information page families always have
    # The partnership toolkit (issue 7)
    can_manage_partnership: bool = False  # surveys, policies, vision and values, engagement, evidence
    can_handle_concerns: bool = False  # concerns and complaints: see, assign, investigate, close
    can_oversee_progress: bool = False  # every open progress worry, the SEN graduated approach

    @property
    def can_manage_anything(self) -> bool:
        """Whether the "Manage" pages have anything for this person."""
        return any(
            getattr(self, flag)
            for flag in (
                "can_edit_children",
                "can_manage_rooms",
                "can_manage_staff",
                "can_manage_setting",
                "can_invite_families",
                "can_import",
                "can_read_audit",
                "can_oversee_care",
                "can_confirm_retention",
                "can_manage_deliveries",
                "can_manage_setting_info",
                "can_manage_partnership",
                "can_handle_concerns",
            )
        )

    @classmethod
    def for_roles(cls, roles: list[str]) -> "StaffPermissions":
        granted: set[str] = {"is_member"}
        for role in roles:
            granted |= ROLE_FLAGS.get(role, set())
        return cls(**{f.name: f.name in granted for f in fields(cls)})


_ALL = {f.name for f in fields(StaffPermissions)}

ROLE_FLAGS: dict[str, set[str]] = {
    StaffRole.OWNER: _ALL,
    StaffRole.MANAGER: _ALL,
    StaffRole.DSL: {
        "can_view_children",
        "can_read_medical",
        "can_read_restrictions",
        "can_read_safeguarding",
        "can_read_audit",
        "can_oversee_care",
        "can_message_families",
        "can_handle_concerns",
    },
    StaffRole.SENCO: {
        "can_view_children",
        "can_read_medical",
        "can_read_sen",
        "can_message_families",
        "can_oversee_progress",
    },
    # Practitioners see every child (they cover rooms) with allergies and dietary needs;
    # medical notes only for their key children (see access.rules.child_permissions).
    StaffRole.PRACTITIONER: {"can_view_children", "can_message_families"},
    StaffRole.ADMINISTRATOR: {
        "can_view_children",
        "can_edit_children",
        "can_invite_families",
        "can_import",
        "can_message_families",
        "can_send_announcements",
        "can_manage_deliveries",
        "can_manage_setting_info",
    },
    # A member of staff or a volunteer who translates messages; sees no child's record.
    StaffRole.TRANSLATOR: {"can_translate"},
}

# Roles whose members a setting can require to use two-factor sign-in.
LEADER_ROLES = {StaffRole.OWNER, StaffRole.MANAGER, StaffRole.DSL}


@dataclass(frozen=True)
class ChildPermissions:
    """What one user may do with one child's record."""

    is_guardian: bool = False
    is_key_person: bool = False
    can_view: bool = False
    can_edit: bool = False
    can_read_medical: bool = False
    can_read_restrictions: bool = False
    can_change_consents: bool = False
    can_invite_families: bool = False
    # Structured conversations and progress worries: the key person (or back-up) and those who
    # oversee progress (managers, owners, the SENCO); other staff do not follow the child's.
    can_follow_progress: bool = False
