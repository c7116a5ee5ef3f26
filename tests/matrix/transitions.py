"""Settling-in and transition pages and API (tandem.transitions, tandem.api.routers.transitions).

Staff: alice, bob (Ada's key person) and adam (edits children's records) see and change Ada's
checklist and moves; charlie, olive and the families get 404. Families: dora reads Ada's
checklist and moves, and the summary once given to her, and adds her comments; ed and everyone
else get 404. Each case runs on a fresh database."""

import datetime as dt

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/transitions"


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _move(c, *, shared: bool = True):
    """Ada's move to Pre-school, with a summary given to dora (made on first use)."""
    from tandem.core.models import Room
    from tandem.transitions import services
    from tandem.transitions.models import Transition

    existing = Transition.objects.filter(child=c["ada"]).first()
    if existing:
        return existing
    ada = c["ada"]
    to_room = (
        Room.objects.get(setting=ada.setting, name="Pre-school")
        if Room.objects.filter(setting=ada.setting, name="Pre-school").exists()
        else Room.objects.create(setting=ada.setting, name="Pre-school", age_from_months=36)
    )
    t = services.transition_plan(
        child=ada, by=c["alice"], kind="room", planned_date=ada.setting.today() + dt.timedelta(days=20), to_room=to_room
    )
    t = services.transition_summary_write(transition_=t, by=c["bob"], summary="Ada loves the sand tray.")
    if shared:
        t = services.transition_summary_share_with_family(transition_=t, by=c["bob"])
    return t


def _child(c):
    _move(c)
    return {"setting_slug": OAK, "child_id": c["ada"].pk}


def _tk(c):
    return {"setting_slug": OAK, "transition_id": _move(c).pk}


def _ftk(c):
    return {"transition_id": _move(c).pk}


ENTRIES = [
    staff_page("transitions:index"),
    staff_page("transitions:child", kwargs=_child),
    staff_page(
        "transitions:step-tick",
        kwargs=_child,
        method="POST",
        data=lambda c: {"step": "home_visit", "done_on": c["ada"].setting.today().isoformat()},
        ok=302,
    ),
    staff_page("transitions:transition-new", kwargs=_child),
    staff_page(
        "transitions:transition-new",
        kwargs=_child,
        method="POST",
        data=lambda c: {"kind": "school", "destination": "Oak Primary", "planned_date": "2027-09-05"},
        ok=302,
    ),
    staff_page("transitions:transition", kwargs=_tk),
    staff_page(
        "transitions:transition",
        kwargs=_tk,
        method="POST",
        data=lambda c: {"summary": "Ada loves the sand tray and the garden."},
        ok=302,
    ),
    staff_page(
        "transitions:transition-visit",
        kwargs=_tk,
        method="POST",
        data=lambda c: {"visit_on": c["ada"].setting.today().isoformat(), "note": "Happy"},
        ok=302,
    ),
    staff_page(
        "transitions:transition-share-family",
        kwargs=lambda c: {"setting_slug": OAK, "transition_id": _move(c, shared=False).pk},
        method="POST",
        ok=302,
    ),
    staff_page(
        "transitions:transition-share-onward",
        kwargs=_tk,
        method="POST",
        data=lambda c: {"shared_to": "Pre-school team"},
        ok=302,
    ),
    staff_page("transitions:transition-pdf", kwargs=_tk),
    family_page("transitions_family:child", kwargs=lambda c: {"child_id": _child(c)["child_id"]}),
    family_page("transitions_family:transition", kwargs=_ftk),
    family_page(
        "transitions_family:transition",
        kwargs=_ftk,
        method="POST",
        data=lambda c: {"comment": "She is excited about the bikes"},
        ok=302,
    ),
    family_page("transitions_family:transition-pdf", kwargs=_ftk),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/transitions/children/{child_id}/checklist"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}/checklist",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/transitions/children/{child_id}/checklist/{step}"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}/checklist/info_pack",
        method="POST",
        data=lambda c: {"done_on": c["ada"].setting.today().isoformat()},
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/transitions/children/{child_id}/moves"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}/moves",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("PUT", "/settings/{setting_slug}/transitions/moves/{transition_id}/summary"),
        path=lambda c: f"{API_OAK}/moves/{_move(c).pk}/summary",
        method="PUT",
        data=lambda c: {"summary": "A new summary"},
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/transitions/moves/{transition_id}/share-with-family"),
        path=lambda c: f"{API_OAK}/moves/{_move(c, shared=False).pk}/share-with-family",
        method="POST",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/transitions/moves/{transition_id}/share-onward"),
        path=lambda c: f"{API_OAK}/moves/{_move(c).pk}/share-onward",
        method="POST",
        data=lambda c: {"shared_to": "Pre-school"},
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/family/transitions/children/{child_id}/moves"),
        path=lambda c: f"/api/v1/family/transitions/children/{_child(c)['child_id']}/moves",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/transitions/moves/{transition_id}/response"),
        path=lambda c: f"/api/v1/family/transitions/moves/{_move(c).pk}/response",
        method="POST",
        data=lambda c: {"comment": "Thank you"},
        expect=_expect({"dora": 200}),
    ),
]
