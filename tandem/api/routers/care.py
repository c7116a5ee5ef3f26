"""API for care: staff endpoints under /api/v1/settings/{setting_slug}/care/..., family endpoints
under /api/v1/family/care/... Same access rules as the pages (tandem.access, the app's selectors):
another setting or family is a 404, and every write goes through tandem.care.services.

Recording takes an `idempotency_key` made by the client: posting it again returns the entry
already recorded with 200 (201 when it is new), so a client may retry freely."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.care import selectors, services
from tandem.care.models import DiaryEntry, Eaten, FeedType, Kind, Mood, Nappy

router = Router(tags=["care"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
RoomId = Annotated[str, Path(description="The room's id (a UUID).")]


class DayQuery(Schema):
    day: dt.date | None = Field(None, description="The day (YYYY-MM-DD) in the setting's time zone; today if left out.")


class EntryIn(Schema):
    kind: Kind
    occurred_at: dt.datetime = Field(description="When it happened (with a time zone). Not in the future.")
    ended_at: dt.datetime | None = Field(None, description="For a sleep: when the child woke.")
    amount_ml: int | None = Field(None, description="For a feed or drink, at most 500 ml.")
    feed_type: FeedType | None = None
    offered: str = Field("", max_length=300)
    eaten: Eaten | None = None
    nappy: Nappy | None = None
    cream_applied: bool = False
    mood: Mood | None = None
    temperature_c: float | None = None
    notes: str = Field("", max_length=4000)
    idempotency_key: UUID = Field(description="Made by the client; the same key records the entry once.")


class ManyEntryIn(EntryIn):
    children: list[UUID] = Field(min_length=1, max_length=60, description="The children to record this for.")


class EntryOut(Schema):
    id: UUID
    child: UUID
    day: dt.date
    kind: str
    occurred_at: dt.datetime
    ended_at: dt.datetime | None
    amount_ml: int | None
    feed_type: str
    offered: str
    eaten: str
    nappy: str
    cream_applied: bool
    mood: str
    temperature_c: float | None
    notes: str
    source: str
    idempotency_key: UUID
    created_at: dt.datetime
    corrected: bool
    struck_out: bool
    struck_out_reason: str


class DiaryDayOut(Schema):
    child: UUID
    day: dt.date
    finalised: bool
    shown: bool = Field(description="For families: whether the day is shown yet (their chosen way of following it).")
    entries: list[EntryOut]


class DueOut(Schema):
    what: str
    at: dt.datetime
    state: str


class RoomChildOut(Schema):
    child: UUID
    name: str
    allergies: str
    dietary_needs: str
    last_feed_at: dt.datetime | None
    last_sleep_at: dt.datetime | None
    asleep_since: dt.datetime | None
    last_nappy_at: dt.datetime | None
    due: list[DueOut]
    handover: bool
    finalised: bool
    entries: int


class RoomDayOut(Schema):
    room: UUID
    day: dt.date
    sleep_check_minutes: int
    children: list[RoomChildOut]


class RecordedOut(Schema):
    created: bool
    entries: list[EntryOut]


def _entry(e: DiaryEntry, *, staff: bool = True) -> dict:
    return {
        "id": e.pk,
        "child": e.child_id,
        "day": e.day,
        "kind": e.kind,
        "occurred_at": e.occurred_at,
        "ended_at": e.ended_at,
        "amount_ml": e.amount_ml,
        "feed_type": e.feed_type,
        "offered": e.offered,
        "eaten": e.eaten,
        "nappy": e.nappy,
        "cream_applied": e.cream_applied,
        "mood": e.mood,
        "temperature_c": float(e.temperature_c) if e.temperature_c is not None else None,
        "notes": e.notes,
        "source": e.source,
        "idempotency_key": e.idempotency_key,
        "created_at": e.created_at,
        "corrected": e.corrected_at is not None,
        "struck_out": e.struck_out_at is not None,
        "struck_out_reason": e.struck_out_reason if staff else "",
    }


def _fields(payload: EntryIn) -> dict:
    data = payload.dict(exclude={"kind", "occurred_at", "idempotency_key", "children"})
    return {k: (v.value if hasattr(v, "value") else v) for k, v in data.items() if v is not None}


def _day(setting, day: dt.date | None) -> dt.date:
    return min(day, setting.today()) if day else setting.today()


@router.get(
    "/settings/{setting_slug}/care/children/{child_id}/diary",
    response=DiaryDayOut,
    summary="A child's diary for a day (staff)",
)
def child_diary(request: HttpRequest, setting_slug: str, child_id: ChildId, query: Query[DayQuery]) -> dict:
    """Every entry of the day, staff and family together, struck-out ones marked."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    day = _day(membership.setting, query.day)
    timeline = selectors.child_timeline_for_staff(child=child, day=day)
    return {
        "child": child.pk,
        "day": day,
        "finalised": timeline.finalised is not None,
        "shown": True,
        "entries": [_entry(e) for e in timeline.entries],
    }


@router.post(
    "/settings/{setting_slug}/care/children/{child_id}/diary",
    response={200: EntryOut, 201: EntryOut},
    summary="Record a diary entry for a child (staff)",
)
def child_diary_record(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: EntryIn) -> Status:
    """201 with the new entry; 200 with the entry already recorded when the idempotency key was seen before."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting, audit=False)
    entry, created = services.diary_entry_record(
        child=child,
        by=request.auth,
        kind=payload.kind.value,
        occurred_at=payload.occurred_at,
        idempotency_key=payload.idempotency_key,
        **_fields(payload),
    )
    return Status(201 if created else 200, _entry(entry))


@router.post(
    "/settings/{setting_slug}/care/rooms/{room_id}/diary",
    response={200: RecordedOut, 201: RecordedOut},
    summary="Record the same entry for several children of a room (staff)",
)
def room_diary_record(request: HttpRequest, setting_slug: str, room_id: RoomId, payload: ManyEntryIn) -> Status:
    """One entry per child, all or nothing. Each child's key is derived from the post's key, so
    a repeated post records nothing and answers 200 with the entries already made."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    setting = membership.setting
    room = rules.room_for_user(request.auth, setting=setting, room_id=room_id)
    wanted = {str(c) for c in payload.children}
    children = list(
        selectors.children_present(user=request.auth, setting=setting, room=room, day=setting.today()).filter(
            pk__in=wanted
        )
    )
    if len(children) != len(wanted):
        raise Http404  # a child not in this room, or not one the caller may see
    entries, created = services.diary_entry_record_many(
        setting=setting,
        children=children,
        by=request.auth,
        kind=payload.kind.value,
        occurred_at=payload.occurred_at,
        idempotency_key=payload.idempotency_key,
        **_fields(payload),
    )
    return Status(201 if created else 200, {"created": created, "entries": [_entry(e) for e in entries]})


@router.get(
    "/settings/{setting_slug}/care/rooms/{room_id}/day",
    response=RoomDayOut,
    summary="The room's day: every child present, last feed, sleep and nappy, what is due (staff)",
)
def room_day(request: HttpRequest, setting_slug: str, room_id: RoomId, query: Query[DayQuery]) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    setting = membership.setting
    room = rules.room_for_user(request.auth, setting=setting, room_id=room_id)
    data = selectors.room_day(user=request.auth, setting=setting, room=room, day=_day(setting, query.day))
    return {
        "room": room.pk,
        "day": data.day,
        "sleep_check_minutes": data.care_settings.sleep_check_minutes,
        "children": [
            {
                "child": cd.child.pk,
                "name": cd.child.display_name,
                "allergies": cd.child.allergies,
                "dietary_needs": cd.child.dietary_needs,
                "last_feed_at": cd.last_feed.occurred_at if cd.last_feed else None,
                "last_sleep_at": cd.last_sleep.occurred_at if cd.last_sleep else None,
                "asleep_since": cd.ongoing_sleep.occurred_at if cd.ongoing_sleep else None,
                "last_nappy_at": cd.last_nappy.occurred_at if cd.last_nappy else None,
                "due": [{"what": d.what, "at": d.at, "state": d.state} for d in cd.due],
                "handover": cd.handover is not None,
                "finalised": cd.finalised is not None,
                "entries": cd.entry_count,
            }
            for cd in data.children
        ],
    }


@router.get("/family/care/children/{child_id}/diary", response=DiaryDayOut, summary="Your child's diary for a day")
def family_child_diary(request: HttpRequest, child_id: ChildId, query: Query[DayQuery]) -> dict:
    """As you chose to follow the day: live, or once the room finishes it (`shown`)."""
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    day = _day(child.setting, query.day)
    timeline = selectors.child_timeline_for_guardian(user=request.auth, child=child, day=day)
    return {
        "child": child.pk,
        "day": day,
        "finalised": timeline.finalised is not None,
        "shown": timeline.visible,
        "entries": [_entry(e, staff=False) for e in timeline.entries],
    }
