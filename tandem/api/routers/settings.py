"""A member of staff's view of one setting: the setting, its rooms, its children, one child's
record and consents. Every endpoint starts from rules.membership_for_user (404 for anyone who
does not work there) and reads through tandem.access / tandem.core.selectors. The path
parameter is called `setting_slug` because SettingScopeMiddleware opens the scope from it."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api import present
from tandem.api import selectors as api_selectors
from tandem.api.pagination import Pagination
from tandem.api.schemas import (
    ChildDetailOut,
    ChildIn,
    ChildPatch,
    ChildSummaryOut,
    ConsentEventOut,
    ConsentIn,
    ConsentsOut,
    RoomOut,
    SettingOut,
)
from tandem.core import selectors, services
from tandem.core.models import Child, Setting

router = Router(tags=["settings"])

# A plain string, not UUID: a malformed id must be a 404 like any id you may not see (the
# access layer checks it), not a 422 that tells the caller the shape was wrong.
ChildId = Annotated[str, Path(description="The child's id (a UUID).")]


class ChildFilters(Schema):
    room: str | None = Field(None, description="Only children in this room (its id).")
    q: str = Field("", max_length=100, description="Part of a first, last or preferred name.")


@router.get("/{setting_slug}", response=SettingOut, summary="A setting, as its member sees it")
def setting_detail(request: HttpRequest, setting_slug: str) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return present.setting_for_member(membership)


@router.get("/{setting_slug}/rooms", response=list[RoomOut], summary="The setting's rooms")
def room_list(request: HttpRequest, setting_slug: str) -> QuerySet:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return rules.rooms_visible_to(request.auth, setting=membership.setting)


@router.get("/{setting_slug}/children", response=list[ChildSummaryOut], summary="Children you may see")
@paginate(Pagination)
def child_list(request: HttpRequest, setting_slug: str, filters: Query[ChildFilters]) -> QuerySet[Child]:
    """Children of the setting you may see (every child with can_view_children, otherwise your
    key children), by name. Two queries whatever the number of children: the count and the page."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    setting = membership.setting
    room = rules.room_for_user(request.auth, setting=setting, room_id=filters.room) if filters.room else None
    return selectors.child_list_for_staff(user=request.auth, setting=setting, room=room, query=filters.q.strip())


@router.get("/{setting_slug}/children/{child_id}", response=ChildDetailOut, summary="A child's record")
def child_detail(request: HttpRequest, setting_slug: str, child_id: ChildId) -> dict:
    """What you may see of the child's record: medical notes only with can_read_medical (or as
    their key person), guardians' restrictions only with can_read_restrictions. The read is
    written to the audit log by the access layer."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    links = selectors.guardian_links_for_child(child=child)
    return present.child_detail(child, perms, links)


@router.get("/{setting_slug}/children/{child_id}/consents", response=ConsentsOut, summary="A child's consents")
def child_consents(request: HttpRequest, setting_slug: str, child_id: ChildId) -> dict:
    """The current answer for every kind of consent (null: never asked) and the history of
    every decision, newest first."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return {
        "current": [present.consent(kind, label, c) for kind, label, c in selectors.consents_for_child(child=child)],
        "history": [present.consent_event(e) for e in api_selectors.consent_history_for_child(child=child)],
    }


@router.post("/{setting_slug}/children", response={201: ChildDetailOut}, summary="Add a child (can_edit_children)")
def child_create(request: HttpRequest, setting_slug: str, payload: ChildIn) -> Status:
    """Add a child to the setting. The room, family and key persons are ids from the same
    setting; the date of birth cannot be in the future."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_edit_children")
    fields = _resolve_references(request.auth, membership.setting, payload.dict())
    child = services.child_create(setting=membership.setting, by=request.auth, **fields)
    return Status(201, _child_detail_after_write(request, membership.setting, child))


@router.patch(
    "/{setting_slug}/children/{child_id}", response=ChildDetailOut, summary="Change a child's details (can_edit)"
)
def child_update(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: ChildPatch) -> dict:
    """Change only the fields sent. Medical notes can be changed only by someone who may read
    them, so nobody overwrites what they cannot see."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting, audit=False)
    rules.require(perms, "can_edit")
    changes = payload.dict(exclude_unset=True)
    if "medical_notes" in changes:
        rules.require(perms, "can_read_medical")
    empty = sorted(name for name in _REQUIRED_ON_CHILD if name in changes and changes[name] is None)
    if empty:
        raise ValidationError({name: _("This field cannot be empty.") for name in empty})
    changes = _resolve_references(request.auth, membership.setting, changes)
    child = services.child_update(child=child, by=request.auth, **changes)
    return _child_detail_after_write(request, membership.setting, child)


@router.post(
    "/{setting_slug}/children/{child_id}/consents",
    response={201: ConsentEventOut},
    summary="Record a consent decision (can_change_consents)",
)
def child_consent_record(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: ConsentIn) -> Status:
    """Record that a consent was given, refused or withdrawn. The history keeps every decision;
    GIVEN_BY, when sent, is a guardian of the child with parental responsibility."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting, audit=False)
    rules.require(perms, "can_change_consents")
    given_by = None
    if payload.given_by is not None:
        given_by = _in_setting(
            "given_by", rules.guardian_for_user, request.auth, membership.setting, guardian_id=payload.given_by
        )
    event = services.consent_record(
        child=child,
        kind=payload.kind.value,
        decision=payload.decision.value,
        given_by=given_by,
        by=request.auth,
        note=payload.note,
    )
    return Status(201, present.consent_event(event))


_REQUIRED_ON_CHILD = {
    "first_name",
    "last_name",
    "date_of_birth",
    "home_languages",
    "dietary_needs",
    "allergies",
    "medical_notes",
    "funded_hours",
    "eypp",
    "sen_status",
    "eal",
    "preferred_name",
}


def _in_setting(field: str, lookup, user, setting: Setting, **kwargs):
    """An object named by id in the body, through access: one outside the setting (or that the
    person may not see) is bad input on that field, not a 404 of the whole request."""
    try:
        return lookup(user, setting=setting, **kwargs)
    except Http404:
        raise ValidationError({field: _("There is no such choice in this setting.")}) from None


def _resolve_references(user, setting: Setting, fields: dict) -> dict:
    """Turn the ids of room, family and key persons into objects the person may see in SETTING."""
    fields = dict(fields)
    if fields.get("room") is not None:
        fields["room"] = _in_setting("room", rules.room_for_user, user, setting, room_id=fields["room"])
    if fields.get("family") is not None:
        fields["family"] = _in_setting("family", rules.family_for_user, user, setting, family_id=fields["family"])
    for name in ("key_person", "backup_key_person"):
        if fields.get(name) is not None:
            fields[name] = _in_setting(name, rules.staff_member_for_user, user, setting, staff_id=fields[name])
    return fields


def _child_detail_after_write(request: HttpRequest, setting: Setting, child: Child) -> dict:
    # Fetched again through access (not audited: the write itself is) so the answer shows only
    # what this person may see, with the same joins as a read.
    child, perms = rules.child_for_user(request.auth, child_id=child.pk, setting=setting, audit=False)
    return present.child_detail(child, perms, selectors.guardian_links_for_child(child=child))
