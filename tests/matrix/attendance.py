"""The register and collection (tandem/attendance): every page and API operation, as each person
of the cast. Staff of Oak Tree sign children in and out; corrections need can_edit_children
(alice, adam), shifts need can_manage_staff (alice). Ada's family pages are dora's alone."""

import datetime as dt

from django.utils import timezone

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix.api import OAK, _expect, _staff

STAFF = ("alice", "bob", "adam")


def _oak(**extra):
    return lambda c: {"setting_slug": "oak-tree", **{k: v(c) for k, v in extra.items()}}


def _dora_guardian(c):
    from tandem.core.models import Guardian

    return Guardian.objects.get(user=c["dora"])


def _ada_in(c):
    """Ada signed in by bob an hour ago (or her open stay if she already is)."""
    from tandem.attendance import services
    from tandem.attendance.models import Attendance

    stay = Attendance.objects.filter(child=c["ada"], signed_out_at__isnull=True).first()
    return stay or services.attendance_sign_in(
        child=c["ada"], by=c["bob"], at=timezone.now() - dt.timedelta(hours=1), guardian=_dora_guardian(c)
    )


def _granny(c):
    from tandem.attendance import services
    from tandem.attendance.models import AuthorisedCollector
    from tests.attendance.conftest import upload

    found = AuthorisedCollector.objects.filter(child=c["ada"]).first()
    return found or services.collector_add(
        child=c["ada"], by=c["dora"], name="Grace", relationship="Grandmother", photo=upload(), password="bluebird"
    )


def _shift(c):
    from tandem.attendance import services

    return services.shift_create(
        setting=c["ada"].setting,
        by=c["alice"],
        staff=c["bob"].staff_memberships.get(),
        room=c["ada"].room,
        day=c["ada"].setting.today(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )


def _ada_id(c):
    return c["ada"].pk


SHIFT_DATA = lambda c: {  # noqa: E731
    "staff": str(c["bob"].staff_memberships.get().pk),
    "room": str(c["ada"].room_id),
    "starts_at": "08:00",
    "ends_at": "13:00",
}
COLLECTOR_DATA = {"name": "Uncle Joe", "relationship": "Uncle", "phone": "", "password": "kestrel"}

ENTRIES = [
    staff_page("attendance:register"),
    staff_page("attendance:register-pdf"),
    staff_page(
        "attendance:sign-in",
        kwargs=_oak(child_id=_ada_id),
        method="POST",
        data=lambda c: {"guardian": str(_dora_guardian(c).pk)},
        ok=302,
    ),
    staff_page("attendance:collect", kwargs=_oak(child_id=lambda c: (_ada_in(c), c["ada"].pk)[1])),
    staff_page(
        "attendance:collect",
        kwargs=_oak(child_id=lambda c: (_ada_in(c), c["ada"].pk)[1]),
        method="POST",
        data=lambda c: {"who": f"guardian:{_dora_guardian(c).pk}"},
        ok=302,
    ),
    staff_page("attendance:headcount"),
    staff_page("attendance:shifts"),
    staff_page(
        "attendance:shifts", method="POST", data=SHIFT_DATA, allowed=("alice",), forbidden=("bob", "adam"), ok=302
    ),
    staff_page(
        "attendance:shift-delete",
        kwargs=_oak(shift_id=lambda c: _shift(c).pk),
        method="POST",
        allowed=("alice",),
        forbidden=("bob", "adam"),
        ok=302,
    ),
    staff_page(
        "attendance:correct",
        kwargs=_oak(attendance_id=lambda c: _ada_in(c).pk),
        allowed=("alice", "adam"),
        forbidden=("bob",),
    ),
    staff_page(
        "attendance:correct",
        kwargs=_oak(attendance_id=lambda c: _ada_in(c).pk),
        method="POST",
        data=lambda c: {"signed_in_at": "00:01", "reason": "Typed the wrong time"},
        allowed=("alice", "adam"),
        forbidden=("bob",),
        ok=302,
    ),
    staff_page("attendance:collector-photo", kwargs=_oak(collector_id=lambda c: _granny(c).pk)),
    family_page("attendance_family:child", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("attendance_family:collector-add", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page(
        "attendance_family:collector-add",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=lambda c: COLLECTOR_DATA,
        ok=302,
    ),
    family_page("attendance_family:collector-edit", kwargs=lambda c: {"collector_id": _granny(c).pk}),
    family_page(
        "attendance_family:collector-edit",
        kwargs=lambda c: {"collector_id": _granny(c).pk},
        method="POST",
        data=lambda c: {**COLLECTOR_DATA, "name": "Grace Lovelace"},
        ok=302,
    ),
    family_page(
        "attendance_family:collector-deactivate",
        kwargs=lambda c: {"collector_id": _granny(c).pk},
        method="POST",
        ok=302,
    ),
    family_page("attendance_family:collector-photo", kwargs=lambda c: {"collector_id": _granny(c).pk}),
]


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


ATT = "/settings/{setting_slug}/attendance"
ENTRIES += [
    api_entry(_op("GET", f"{ATT}/register"), path=lambda c: f"{OAK}/attendance/register", expect=_staff()),
    api_entry(
        _op("POST", f"{ATT}/children/{{child_id}}/sign-in"),
        path=lambda c: f"{OAK}/attendance/children/{c['ada'].pk}/sign-in",
        method="POST",
        data=lambda c: {"dropped_off_by": "Grandad"},
        expect=_staff(201),
    ),
    api_entry(
        _op("POST", f"{ATT}/children/{{child_id}}/sign-out"),
        path=lambda c: (_ada_in(c), f"{OAK}/attendance/children/{c['ada'].pk}/sign-out")[1],
        method="POST",
        data=lambda c: {"guardian_id": str(_dora_guardian(c).pk)},
        expect=_staff(201),
    ),
    api_entry(_op("GET", f"{ATT}/headcount"), path=lambda c: f"{OAK}/attendance/headcount", expect=_staff()),
    api_entry(
        _op("GET", f"{ATT}/children/{{child_id}}/collectors"),
        path=lambda c: f"{OAK}/attendance/children/{c['ada'].pk}/collectors",
        expect=_staff(),
    ),
    api_entry(
        _op("GET", "/family/attendance/children/{child_id}/collectors"),
        path=lambda c: f"/api/v1/family/attendance/children/{c['ada'].pk}/collectors",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("GET", "/family/attendance/children/{child_id}/today"),
        path=lambda c: f"/api/v1/family/attendance/children/{c['ada'].pk}/today",
        expect=_expect({"dora": 200}),
    ),
]
