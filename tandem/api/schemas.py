"""The shapes the API reads and writes. One output shape per kind of reader: a member of staff
sees a child's record as access allows (medical notes and restrictions are None without the
flag); a guardian sees their own child; an organisation lead sees numbers only."""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema
from pydantic import field_validator

from tandem.core.models import ConsentEvent, ConsentKind, SenStatus


class RoleOut(Schema):
    code: str
    name: str


class OrganisationRef(Schema):
    slug: str
    name: str


class SettingRef(Schema):
    slug: str
    name: str


class MembershipOut(Schema):
    setting: SettingRef
    organisation: OrganisationRef
    job_title: str
    roles: list[RoleOut]
    permissions: dict[str, bool] = Field(description="The named flags the person's roles give them here.")


class MeOut(Schema):
    id: UUID
    display_name: str
    email: str
    language: str
    is_guardian: bool
    settings: list[MembershipOut]
    organisations_led: list[OrganisationRef]


class SettingOut(Schema):
    slug: str
    name: str
    organisation: OrganisationRef
    kind: str
    kind_name: str
    timezone: str
    address: str
    postcode: str
    phone: str
    email: str
    inspectorate: str
    inspection_reference: str
    curriculum_framework: str
    require_mfa_for_leaders: bool
    my_roles: list[RoleOut]
    my_permissions: dict[str, bool]


class RoomOut(Schema):
    id: UUID
    name: str
    age_from_months: int
    age_to_months: int
    capacity: int
    is_active: bool


class RoomRef(Schema):
    id: UUID
    name: str


class StaffRef(Schema):
    id: UUID
    display_name: str


class ChildSummaryOut(Schema):
    """A row of the children list: what every member who may see the child may see."""

    id: UUID
    first_name: str
    last_name: str
    preferred_name: str
    display_name: str
    date_of_birth: dt.date
    start_date: dt.date | None
    leave_date: dt.date | None
    room: RoomRef | None
    key_person: StaffRef | None

    # Read straight from a Child the selector loaded with room and key_person__user.
    @staticmethod
    def resolve_key_person(obj) -> dict | None:
        if isinstance(obj, dict):
            return obj["key_person"]
        member = obj.key_person
        return None if member is None else {"id": member.pk, "display_name": member.user.display_name}


class GuardianLinkOut(Schema):
    guardian_id: UUID
    name: str
    relationship: str
    parental_responsibility: bool
    lives_with_child: bool
    may_collect: bool
    is_emergency_contact: bool
    email: str
    phone: str
    uses_tandem: bool
    restrictions: str | None = Field(description="Only for those who may read restrictions; otherwise null.")


class ChildPermissionsOut(Schema):
    is_key_person: bool
    can_edit: bool
    can_read_medical: bool
    can_read_restrictions: bool
    can_change_consents: bool


class ChildDetailOut(ChildSummaryOut):
    family_id: UUID | None
    backup_key_person: StaffRef | None
    home_languages: list[str]
    allergies: str
    dietary_needs: str
    medical_notes: str | None = Field(description="Only for those who may read medical notes; otherwise null.")
    funded_hours: Decimal
    eypp: bool
    sen_status: str
    eal: bool
    guardians: list[GuardianLinkOut]
    permissions: ChildPermissionsOut


class FamilyChildOut(Schema):
    """A guardian's view of their own child."""

    id: UUID
    first_name: str
    last_name: str
    preferred_name: str
    display_name: str
    date_of_birth: dt.date
    setting: SettingRef
    room: RoomRef | None
    key_person_name: str | None
    allergies: str
    dietary_needs: str

    # Read straight from a Child the selector loaded with setting, room and key_person__user.
    @staticmethod
    def resolve_key_person_name(obj) -> str | None:
        if isinstance(obj, dict):
            return obj["key_person_name"]
        return obj.key_person.user.display_name if obj.key_person else None


class FamilyChildDetailOut(FamilyChildOut):
    medical_notes: str
    can_change_consents: bool
    consents: list["ConsentOut"]


class ConsentOut(Schema):
    kind: str
    name: str
    granted: bool | None = Field(description="null: never asked")
    updated_at: dt.datetime | None


class ConsentEventOut(Schema):
    kind: str
    decision: str
    given_by: str | None
    recorded_by: str
    at: dt.datetime


class ConsentsOut(Schema):
    current: list[ConsentOut]
    history: list[ConsentEventOut]


class ConsentIn(Schema):
    kind: ConsentKind
    decision: ConsentEvent.Decision
    given_by: UUID | None = Field(None, description="The guardian who gave or withdrew it, if any.")
    note: str = Field("", max_length=300)


class ChildIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    preferred_name: str = Field("", max_length=100)
    date_of_birth: dt.date
    start_date: dt.date | None = None
    room: UUID | None = None
    family: UUID | None = None
    key_person: UUID | None = None
    backup_key_person: UUID | None = None
    home_languages: list[str] = Field(default_factory=list)
    dietary_needs: str = ""
    allergies: str = ""
    medical_notes: str = ""
    funded_hours: Decimal = Field(Decimal("0"), ge=0, le=99)
    eypp: bool = False
    sen_status: SenStatus = SenStatus.NONE
    eal: bool = False

    @field_validator("first_name", "last_name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class ChildPatch(Schema):
    """Only the fields sent are changed; null clears a room, family or key person. The leaving
    date has its own verb (not in this API yet)."""

    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    preferred_name: str | None = Field(None, max_length=100)
    date_of_birth: dt.date | None = None
    start_date: dt.date | None = None
    room: UUID | None = None
    family: UUID | None = None
    key_person: UUID | None = None
    backup_key_person: UUID | None = None
    home_languages: list[str] | None = None
    dietary_needs: str | None = None
    allergies: str | None = None
    medical_notes: str | None = None
    funded_hours: Decimal | None = Field(None, ge=0, le=99)
    eypp: bool | None = None
    sen_status: SenStatus | None = None
    eal: bool | None = None


class SettingNumbersOut(Schema):
    setting: SettingRef
    children: int
    rooms: int
    staff: int
    families: int
    guardians_signed_in: int
    eal: int | None = Field(description="null: fewer than 5, hidden so no child can be singled out")
    eypp: int | None
    send: int | None


class OrganisationNumbersOut(Schema):
    organisation: OrganisationRef
    settings: list[SettingNumbersOut]


FamilyChildDetailOut.model_rebuild()
