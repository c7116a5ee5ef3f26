"""Accidents, incidents and existing injuries (tandem.incidents): staff pages under
/s/<setting_slug>/incidents/, family pages under /family/incidents/ and the API.

Every member of Oak Tree's staff (alice, bob, adam) can see Ada, so they may record and read;
bob recorded the accident used here, so he may correct it, and so may alice (a manager); adam
may not (403). The follow-up list and "Ofsted told" are for managers and safeguarding leads
(alice); bob and adam get 403. Only dora, Ada's mother, sees the family pages; everyone else 404."""

import datetime as dt

from django.utils import timezone

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
STAFF = ("alice", "bob", "adam")
OVERSIGHT = {"allowed": ("alice",), "forbidden": ("bob", "adam")}
EDITORS = {"allowed": ("alice", "bob"), "forbidden": ("adam",)}


def ada_accident(c: dict):
    """An accident to Ada recorded by bob an hour ago, notifiable, not yet acknowledged (made once per test)."""
    if "_incident" not in c:
        from tandem.incidents.models import Incident

        bob = c["bob"]
        c["_incident"] = Incident.objects.create(
            setting=c["ada"].setting,
            child=c["ada"],
            kind="accident",
            occurred_at=timezone.now() - dt.timedelta(hours=1),
            description="Fell from the low climbing frame onto the mat.",
            location="Garden",
            marks=[{"view": "front", "x": 41, "y": 72, "note": "Graze"}],
            recorded_by=bob,
            is_serious=True,
            notifiable=True,
            notifiable_reason="serious_injury",
        )
    return c["_incident"]


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _ada(c):
    return c["ada"].pk


def _incident(c):
    return ada_accident(c).pk


def _local(minutes_ago: int = 60) -> str:
    return timezone.localtime(timezone.now() - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M")


def _record_data(c) -> dict:
    return {
        "kind": "accident",
        "occurred_at": _local(),
        "location": "Garden",
        "description": "Tripped on the path and grazed her knee.",
        "regions": ["front-right-knee"],
        "first_aid": "Cleaned with water, plaster.",
    }


def _existing_data(c) -> dict:
    return {
        "occurred_at": _local(10),
        "description": "Small bruise on the shin from the park.",
        "regions": ["front-left-leg"],
    }


def _edit_data(c) -> dict:
    return {
        "occurred_at": _local(),
        "location": "Garden",
        "description": "Fell from the low climbing frame onto the mat and bumped her knee.",
        "marks": '[{"view": "front", "x": 41, "y": 72, "note": "Graze"}]',
        "is_serious": "on",
        "notifiable": "on",
        "notifiable_reason": "serious_injury",
    }


def _family_injury_data(c) -> dict:
    return {**_existing_data(c), "signature": "Dora Lovelace"}


ENTRIES = [
    staff_page("incidents:overview", **OVERSIGHT),
    staff_page("incidents:child-incidents", kwargs=_oak(child_id=_ada)),
    staff_page("incidents:record", kwargs=_oak(child_id=_ada)),
    staff_page("incidents:record", kwargs=_oak(child_id=_ada), method="POST", data=_record_data, ok=302),
    staff_page("incidents:existing-injury", kwargs=_oak(child_id=_ada)),
    staff_page("incidents:existing-injury", kwargs=_oak(child_id=_ada), method="POST", data=_existing_data, ok=302),
    staff_page("incidents:detail", kwargs=_oak(incident_id=_incident)),
    staff_page("incidents:edit", kwargs=_oak(incident_id=_incident), **EDITORS),
    staff_page("incidents:edit", kwargs=_oak(incident_id=_incident), method="POST", data=_edit_data, ok=302, **EDITORS),
    staff_page(
        "incidents:informed",
        kwargs=_oak(incident_id=_incident),
        method="POST",
        data=lambda c: {"how": "in_person"},
        ok=302,
    ),
    staff_page("incidents:notified", kwargs=_oak(incident_id=_incident), **OVERSIGHT),
    staff_page(
        "incidents:notified",
        kwargs=_oak(incident_id=_incident),
        method="POST",
        data=lambda c: {"notified_on": timezone.localdate().isoformat(), "reference": "OF-123"},
        ok=302,
        **OVERSIGHT,
    ),
    staff_page("incidents:pdf", kwargs=_oak(incident_id=_incident)),
    family_page("incidents_family:child-incidents", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("incidents_family:report-injury", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page(
        "incidents_family:report-injury",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=_family_injury_data,
        ok=302,
    ),
    family_page("incidents_family:detail", kwargs=lambda c: {"incident_id": _incident(c)}),
    family_page(
        "incidents_family:acknowledge",
        kwargs=lambda c: {"incident_id": _incident(c)},
        method="POST",
        data=lambda c: {"signature": "Dora Lovelace"},
        ok=302,
    ),
    family_page("incidents_family:pdf", kwargs=lambda c: {"incident_id": _incident(c)}),
]


# --- the API --------------------------------------------------------------------------------------

API = "/api/v1"


def _staff(ok: int = 200, allowed=STAFF, forbidden=()) -> dict:
    return _expect({**{p: ok for p in allowed}, **{p: 403 for p in forbidden}})


def _op(method: str, path: str) -> str:
    return f"api:{method} {API}{path}"


def _api_record(c) -> dict:
    return {
        "kind": "accident",
        "occurred_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        "description": "Bumped her head on the table.",
        "marks": [{"view": "front", "x": 50, "y": 11, "note": "Red mark"}],
        "first_aid": "Cold compress.",
    }


ENTRIES += [
    api_entry(
        _op("GET", "/settings/{setting_slug}/incidents/follow-up"),
        path=lambda c: f"{API}/settings/{OAK}/incidents/follow-up",
        expect=_staff(allowed=("alice",), forbidden=("bob", "adam")),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/incidents/children/{child_id}"),
        path=lambda c: f"{API}/settings/{OAK}/incidents/children/{c['ada'].pk}",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/incidents/children/{child_id}"),
        path=lambda c: f"{API}/settings/{OAK}/incidents/children/{c['ada'].pk}",
        method="POST",
        data=_api_record,
        expect=_staff(201),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/incidents/{incident_id}"),
        path=lambda c: f"{API}/settings/{OAK}/incidents/{_incident(c)}",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/incidents/{incident_id}/ofsted"),
        path=lambda c: f"{API}/settings/{OAK}/incidents/{_incident(c)}/ofsted",
        method="POST",
        data=lambda c: {"notified_on": timezone.localdate().isoformat(), "reference": "OF-123"},
        expect=_staff(allowed=("alice",), forbidden=("bob", "adam")),
    ),
    api_entry(
        _op("GET", "/family/incidents/children/{child_id}"),
        path=lambda c: f"{API}/family/incidents/children/{c['ada'].pk}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("GET", "/family/incidents/{incident_id}"),
        path=lambda c: f"{API}/family/incidents/{_incident(c)}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/incidents/{incident_id}/acknowledge"),
        path=lambda c: f"{API}/family/incidents/{_incident(c)}/acknowledge",
        method="POST",
        data=lambda c: {"signature": "Dora Lovelace"},
        expect=_expect({"dora": 200}),
    ),
]
