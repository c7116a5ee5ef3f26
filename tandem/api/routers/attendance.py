"""API for attendance: staff endpoints under /api/v1/settings/{setting_slug}/attendance/..., family endpoints
under /api/v1/family/attendance/... Same access rules as the pages (tandem.access, the app's selectors).
Collectors come out without their password hash, ever: only whether they have a password."""

import datetime as dt
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.api.routers.settings import ChildId
from tandem.attendance import selectors, services
from tandem.attendance.models import Attendance, AuthorisedCollector, CollectionEvent
from tandem.core.models import Guardian

router = Router(tags=["attendance"])
STAFF = "/settings/{setting_slug}/attendance"


class StayOut(Schema):
    id: UUID
    day: dt.date
    signed_in_at: dt.datetime
    dropped_off_by: str
    signed_out_at: dt.datetime | None
    collected_by: str


class RegisterRowOut(Schema):
    child_id: UUID
    child_name: str
    room: str | None
    status: str = Field(description="in, out (gone home) or absent")
    stays: list[StayOut]


class RegisterOut(Schema):
    day: dt.date
    present: int
    rows: list[RegisterRowOut]


class RegisterFilters(Schema):
    day: dt.date | None = Field(None, description="The day (YYYY-MM-DD); today if empty.")
    room: str | None = Field(None, description="Only children in this room (its id).")


class SignInIn(Schema):
    at: dt.datetime | None = Field(None, description="When; now if empty. Not in the future.")
    guardian_id: UUID | None = Field(None, description="The parent or carer dropping off, if one of the child's.")
    dropped_off_by: str = Field("", max_length=120, description="Name of whoever dropped off, if someone else.")
    notes: str = Field("", max_length=500)


class SignOutIn(Schema):
    at: dt.datetime | None = None
    collector_id: UUID | None = Field(None, description="An authorised collector of the child.")
    guardian_id: UUID | None = Field(None, description="A parent or carer of the child.")
    name: str = Field("", max_length=120, description="Someone else's name.")
    outcome: str = Field("", description="For someone else: password_confirmed or guardian_called_and_agreed.")
    password: str = Field("", max_length=100, description="The collection password they gave (never stored).")
    guardian_called_id: UUID | None = None
    guardian_said: str = Field("", max_length=300)
    notes: str = Field("", max_length=500)


class CollectionOut(Schema):
    id: UUID
    name: str
    on_list: bool
    outcome: str
    at: dt.datetime
    stay: StayOut


class RoomHeadcountOut(Schema):
    room_id: UUID
    room: str
    children_present: int
    staff_on_shift: int
    adults_required: int
    breached: bool


class CollectorOut(Schema):
    id: UUID
    name: str
    relationship: str
    phone: str
    is_active: bool
    has_photo: bool
    has_password: bool


def _stay(s: Attendance) -> dict:
    return {
        "id": s.pk,
        "day": s.day,
        "signed_in_at": s.signed_in_at,
        "dropped_off_by": s.dropped_off_by,
        "signed_out_at": s.signed_out_at,
        "collected_by": s.collected_by,
    }


def _collector(c: AuthorisedCollector) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "relationship": c.relationship,
        "phone": c.phone,
        "is_active": c.is_active,
        "has_photo": bool(c.photo),
        "has_password": c.has_password,
    }


def _guardian_of(child, guardian_id) -> Guardian | None:
    if guardian_id is None:
        return None
    found = next((link.guardian for link in child.guardian_links.all() if link.guardian_id == guardian_id), None)
    if found is None:
        raise Http404
    return found


@router.get(f"{STAFF}/register", response=RegisterOut, summary="The register of a day")
def register(request: HttpRequest, setting_slug: str, filters: Query[RegisterFilters]) -> dict:
    """Every child on roll that day with their stays (times, who dropped off and collected)."""
    setting = rules.membership_for_user(request.auth, setting_slug=setting_slug).setting
    room = rules.room_for_user(request.auth, setting=setting, room_id=filters.room) if filters.room else None
    day = filters.day or setting.today()
    rows = selectors.register_for_day(user=request.auth, setting=setting, day=day, room=room)
    return {
        "day": day,
        "present": sum(1 for r in rows if r.status == "in"),
        "rows": [
            {
                "child_id": r.child.pk,
                "child_name": r.child.display_name,
                "room": r.child.room.name if r.child.room else None,
                "status": r.status,
                "stays": [_stay(s) for s in r.stays],
            }
            for r in rows
        ],
    }


@router.post(f"{STAFF}/children/{{child_id}}/sign-in", response={201: StayOut}, summary="Sign a child in")
def sign_in(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: SignInIn) -> Status:
    """Refused (422) when the child is already signed in or the time is in the future."""
    setting = rules.membership_for_user(request.auth, setting_slug=setting_slug).setting
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=setting, audit=False)
    stay = services.attendance_sign_in(
        child=child,
        by=request.auth,
        at=payload.at,
        guardian=_guardian_of(child, payload.guardian_id),
        dropped_off_by=payload.dropped_off_by,
        notes=payload.notes,
    )
    return Status(201, _stay(stay))


@router.post(f"{STAFF}/children/{{child_id}}/sign-out", response={201: CollectionOut}, summary="Sign a child out")
def sign_out(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: SignOutIn) -> Status:
    """Sign out to someone on the list, or to someone else after a check (the collection password
    or a parent called). Refused (422) when the child is not signed in or the check fails."""
    setting = rules.membership_for_user(request.auth, setting_slug=setting_slug).setting
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=setting, audit=False)
    collector = None
    if payload.collector_id is not None:
        collector = selectors.collectors_for_child(child=child).filter(pk=payload.collector_id).first()
        if collector is None:
            raise Http404
    event: CollectionEvent = services.attendance_sign_out(
        child=child,
        by=request.auth,
        at=payload.at,
        collector=collector,
        guardian=_guardian_of(child, payload.guardian_id),
        name=payload.name,
        outcome=payload.outcome,
        password=payload.password,
        guardian_called=_guardian_of(child, payload.guardian_called_id),
        guardian_said=payload.guardian_said,
        notes=payload.notes,
    )
    return Status(
        201,
        {
            "id": event.pk,
            "name": event.name,
            "on_list": event.on_list,
            "outcome": event.outcome,
            "at": event.at,
            "stay": _stay(event.attendance),
        },
    )


@router.get(f"{STAFF}/headcount", response=list[RoomHeadcountOut], summary="Children present against staff on shift")
def headcount(request: HttpRequest, setting_slug: str) -> list[dict]:
    setting = rules.membership_for_user(request.auth, setting_slug=setting_slug).setting
    return [
        {
            "room_id": c.room.pk,
            "room": c.room.name,
            "children_present": len(c.children),
            "staff_on_shift": c.staff_count,
            "adults_required": c.required,
            "breached": c.breached,
        }
        for c in selectors.headcount(user=request.auth, setting=setting, at=timezone.now())
    ]


@router.get(f"{STAFF}/children/{{child_id}}/collectors", response=list[CollectorOut], summary="A child's collectors")
def collectors(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    setting = rules.membership_for_user(request.auth, setting_slug=setting_slug).setting
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=setting, audit=False)
    return [_collector(c) for c in selectors.collectors_for_child(child=child)]


@router.get(
    "/family/attendance/children/{child_id}/collectors", response=list[CollectorOut], summary="Your child's collectors"
)
def family_collectors(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return [_collector(c) for c in selectors.collectors_for_child(child=child)]


@router.get("/family/attendance/children/{child_id}/today", response=list[StayOut], summary="Your child's day")
def family_today(request: HttpRequest, child_id: ChildId) -> list[dict]:
    """When your child was signed in and out today, and by whom."""
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return [_stay(s) for s in selectors.stays_for_child(child=child, day=child.setting.today())]
