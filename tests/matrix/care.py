"""The care diary (tandem.care), under /s/<setting_slug>/care/, /family/care/ and the API.

Every member of Oak Tree's staff records care (alice, bob and adam all have can_view_children);
the room's care settings are for those who manage rooms (alice; bob and adam get 403). charlie,
olive, dora and ed get 404 on staff pages. On family pages only dora (Ada's guardian) sees Ada.
POST data is valid for the allowed people; idempotency keys are fresh for each request."""

import datetime as dt
import uuid

from django.utils import timezone

from tandem.care.models import DiaryEntry
from tests.matrix import PEOPLE, Entry, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API = "/api/v1/settings/oak-tree/care"
ROOM_MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _room(c):
    return c["ada"].room.pk


def _ada(c):
    return c["ada"].pk


def _a_while_ago() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=30)


def _entry(c, kind="nappy", **fields):
    """An entry in Ada's diary, made fresh for each request (bob, her key person, recorded it)."""
    return DiaryEntry.objects.create(
        setting=c["ada"].setting,
        child=c["ada"],
        day=c["ada"].setting.today(),
        kind=kind,
        occurred_at=fields.pop("occurred_at", _a_while_ago()),
        recorded_by=c["bob"],
        **({"nappy": "wet"} if kind == "nappy" else {}),
        **fields,
    ).pk


def _sleep(c):
    return _entry(c, kind="sleep")


def _time() -> str:
    return timezone.localtime(_a_while_ago()).strftime("%H:%M")


def _present(c) -> None:
    """Ada is signed in on the register, so she is in the room's list of children present."""
    from tests.care.conftest import sign_in

    sign_in(c["ada"], by=c["bob"])


def _meal(c) -> dict:
    _present(c)
    return {
        "children": [str(c["ada"].pk)],
        "kind": "meal",
        "time": _time(),
        "offered": "Pasta",
        "eaten": "most",
        "idempotency_key": str(uuid.uuid4()),
    }


def _api_entry(c) -> dict:
    return {
        "kind": "nappy",
        "nappy": "wet",
        "occurred_at": _a_while_ago().isoformat(),
        "idempotency_key": str(uuid.uuid4()),
    }


def _api_many(c) -> dict:
    _present(c)
    return {**_api_entry(c), "children": [str(c["ada"].pk)]}


STAFF = {"alice": 200, "bob": 200, "adam": 200}

ENTRIES = [
    staff_page("care:room-list"),
    staff_page("care:room-day", kwargs=_oak(room_id=_room)),
    staff_page("care:entry-add", kwargs=_oak(room_id=_room)),
    staff_page("care:entry-add", kwargs=_oak(room_id=_room), method="POST", data=_meal, ok=302),
    staff_page(
        "care:quick-entry",
        kwargs=_oak(room_id=_room, child_id=_ada),
        method="POST",
        data=lambda c: {"preset": "nappy-wet", "idempotency_key": str(uuid.uuid4())},
        ok=302,
    ),
    staff_page("care:room-finalise", kwargs=_oak(room_id=_room), method="POST", ok=302),
    staff_page("care:room-settings", kwargs=_oak(room_id=_room), **ROOM_MANAGERS),
    staff_page(
        "care:room-settings",
        kwargs=_oak(room_id=_room),
        method="POST",
        data=lambda c: {"sleep_check_minutes": 10, "closing_time": "18:00"},
        ok=302,
        **ROOM_MANAGERS,
    ),
    staff_page("care:child-day", kwargs=_oak(child_id=_ada)),
    staff_page(
        "care:child-entry-add",
        kwargs=_oak(child_id=_ada),
        method="POST",
        data=lambda c: {**_meal(c), "kind": "note", "notes": "Painted with her feet"},
        ok=302,
    ),
    staff_page("care:child-finalise", kwargs=_oak(child_id=_ada), method="POST", ok=302),
    staff_page("care:routine", kwargs=_oak(child_id=_ada)),
    staff_page(
        "care:routine",
        kwargs=_oak(child_id=_ada),
        method="POST",
        data=lambda c: {"nap_times": "09:30, 13:00", "feed_interval_minutes": 180, "nappy_interval_minutes": 120},
        ok=302,
    ),
    staff_page("care:entry-correct", kwargs=_oak(entry_id=_entry)),
    staff_page(
        "care:entry-correct",
        kwargs=_oak(entry_id=_entry),
        method="POST",
        data=lambda c: {"time": _time(), "nappy": "soiled"},
        ok=302,
    ),
    staff_page("care:entry-strike-out", kwargs=_oak(entry_id=_entry)),
    staff_page(
        "care:entry-strike-out",
        kwargs=_oak(entry_id=_entry),
        method="POST",
        data=lambda c: {"reason": "Wrong child"},
        ok=302,
    ),
    staff_page("care:sleep-check", kwargs=_oak(entry_id=_sleep), method="POST", ok=302),
    staff_page("care:sleep-end", kwargs=_oak(entry_id=_sleep), method="POST", ok=302),
    # Family pages: Ada's diary is dora's alone. The diary home and the updates page are for
    # any guardian (ed has his own), and nobody else.
    Entry(
        name="care_family:home",
        expect={**{p: 404 for p in PEOPLE}, "dora": 302, "ed": 302, None: 302},
        note="one child: straight to their day",
    ),
    family_page("care_family:child-day", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("care_family:handover", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page(
        "care_family:handover",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=lambda c: {"mood": "happy", "collecting_today": "Grandma"},
        ok=302,
    ),
    family_page(
        "care_family:entry-add",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=lambda c: {
            "children": [str(c["ada"].pk)],
            "kind": "sleep",
            "time": _time(),
            "idempotency_key": str(uuid.uuid4()),
        },
        ok=302,
    ),
    Entry(name="care_family:updates", expect={**{p: 404 for p in PEOPLE}, "dora": 200, "ed": 200, None: 302}),
    Entry(
        name="care_family:updates",
        method="POST",
        data=lambda c: {"mode": "realtime"},
        expect={**{p: 404 for p in PEOPLE}, "dora": 302, "ed": 302, None: 302},
    ),
    # The API.
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/care/children/{child_id}/diary",
        path=lambda c: f"{API}/children/{c['ada'].pk}/diary",
        expect=_expect(STAFF),
    ),
    api_entry(
        "api:POST /api/v1/settings/{setting_slug}/care/children/{child_id}/diary",
        path=lambda c: f"{API}/children/{c['ada'].pk}/diary",
        method="POST",
        data=_api_entry,
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        "api:POST /api/v1/settings/{setting_slug}/care/rooms/{room_id}/diary",
        path=lambda c: f"{API}/rooms/{c['ada'].room.pk}/diary",
        method="POST",
        data=_api_many,
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/care/rooms/{room_id}/day",
        path=lambda c: f"{API}/rooms/{c['ada'].room.pk}/day",
        expect=_expect(STAFF),
    ),
    api_entry(
        "api:GET /api/v1/family/care/children/{child_id}/diary",
        path=lambda c: f"/api/v1/family/care/children/{c['ada'].pk}/diary",
        expect=_expect({"dora": 200}),
    ),
]
