"""Structured conversation pages and API (tandem.meetings, tandem.api.routers.meetings).

Staff: a child's conversations are for the child's key person (bob, for Ada) and staff with
can_oversee_progress (alice, the manager). adam, the administrator, can see Ada's profile but
is neither, so he gets 404, as does every other setting (charlie), olive and the families.
Families: dora reads Ada's plans and comments on them; ed (Ben's father) gets 404."""

import datetime as dt

from tests.matrix import PEOPLE, Entry, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/meetings"
FOLLOWERS = ("alice", "bob")


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _bob(c):
    from tandem.core.models import StaffMember

    return StaffMember.objects.get(user=c["bob"])


def _plan(c):
    """A recorded plan about Ada (made on first use in each case)."""
    from tandem.meetings.models import Conversation, Priority

    ada = c["ada"]
    existing = Conversation.objects.filter(child=ada, status="held").first()
    if existing:
        return existing
    today = ada.setting.today()
    conversation = Conversation.objects.create(
        setting=ada.setting,
        child=ada,
        key_person=_bob(c),
        status="held",
        meeting_on=today - dt.timedelta(days=1),
        family_words="She sings at home.",
        focus="Words",
        review_on=today + dt.timedelta(days=30),
        staff_notes="internal",
        created_by=c["bob"],
    )
    Priority.objects.create(
        setting=ada.setting, conversation=conversation, text="Two words", at_home="Bath time", in_setting="Snack"
    )
    return conversation


def _planned(c):
    from tandem.meetings.models import Conversation

    ada = c["ada"]
    return Conversation.objects.create(
        setting=ada.setting,
        child=ada,
        key_person=_bob(c),
        status="planned",
        meeting_on=ada.setting.today(),
        created_by=c["bob"],
    )


def _child(c):
    return {"setting_slug": OAK, "child_id": c["ada"].pk}


def _conv(c):
    return {"setting_slug": OAK, "conversation_id": _plan(c).pk}


def _form(c) -> dict:
    today = c["ada"].setting.today()
    return {
        "meeting_on": today.isoformat(),
        "mode": "face",
        "attendees": "Dora, Bob",
        "family_words": "She sings at home.",
        "focus": "Words",
        "p1_text": "Two words",
        "p1_at_home": "Bath time",
        "p1_in_setting": "Snack",
        "review_on": (today + dt.timedelta(days=30)).isoformat(),
    }


def _review_form(c) -> dict:
    priority = _plan(c).priorities.get()
    return {
        "reviewed_on": c["ada"].setting.today().isoformat(),
        "summary": "Went well",
        f"progress_{priority.pk}": "good",
    }


def _edit_form(c) -> dict:
    plan = _plan(c)
    return {
        "meeting_on": plan.meeting_on.isoformat(),
        "mode": "phone",
        "focus": "Words and signs",
        "review_on": plan.review_on.isoformat(),
    }


ENTRIES = [
    staff_page("meetings:index"),
    Entry(
        name="meetings_family:index",
        expect={**{p: 404 for p in PEOPLE}, "dora": 200, "ed": 200, None: 302},
        note="every guardian gets a list of their own children's plans; no one else has one",
    ),
    staff_page("meetings:child", kwargs=_child, allowed=FOLLOWERS),
    staff_page("meetings:plan", kwargs=_child, allowed=FOLLOWERS),
    staff_page(
        "meetings:plan",
        kwargs=_child,
        method="POST",
        data=lambda c: {"meeting_on": c["ada"].setting.today().isoformat(), "mode": "video"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page("meetings:new", kwargs=_child, allowed=FOLLOWERS),
    staff_page("meetings:new", kwargs=_child, method="POST", data=_form, allowed=FOLLOWERS, ok=302),
    staff_page("meetings:detail", kwargs=_conv, allowed=FOLLOWERS),
    staff_page(
        "meetings:record", kwargs=lambda c: {"setting_slug": OAK, "conversation_id": _planned(c).pk}, allowed=FOLLOWERS
    ),
    staff_page(
        "meetings:record",
        kwargs=lambda c: {"setting_slug": OAK, "conversation_id": _planned(c).pk},
        method="POST",
        data=_form,
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page("meetings:edit", kwargs=_conv, allowed=FOLLOWERS),
    staff_page("meetings:edit", kwargs=_conv, method="POST", data=_edit_form, allowed=FOLLOWERS, ok=302),
    staff_page("meetings:review", kwargs=_conv, method="POST", data=_review_form, allowed=FOLLOWERS, ok=302),
    family_page("meetings_family:child", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("meetings_family:detail", kwargs=lambda c: {"conversation_id": _plan(c).pk}),
    family_page(
        "meetings_family:detail",
        kwargs=lambda c: {"conversation_id": _plan(c).pk},
        method="POST",
        data=lambda c: {"text": "We will try"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/meetings/children/{child_id}/conversations"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/conversations",
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/meetings/children/{child_id}/conversations"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/conversations",
        method="POST",
        data=lambda c: {
            "meeting_on": c["ada"].setting.today().isoformat(),
            "family_words": "She sings at home.",
            "focus": "Words",
            "priorities": [{"text": "Two words", "at_home": "Bath time", "in_setting": "Snack"}],
            "review_on": (c["ada"].setting.today() + dt.timedelta(days=30)).isoformat(),
        },
        expect=_expect({"alice": 201, "bob": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/meetings/conversations/{conversation_id}"),
        path=lambda c: f"{API_OAK}/conversations/{_plan(c).pk}",
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/meetings/conversations/{conversation_id}/review"),
        path=lambda c: f"{API_OAK}/conversations/{_plan(c).pk}/review",
        method="POST",
        data=lambda c: {
            "reviewed_on": c["ada"].setting.today().isoformat(),
            "summary": "Went well",
            "progress": [{"priority_id": str(_plan(c).priorities.get().pk), "progress": "good"}],
        },
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("GET", "/family/meetings/children/{child_id}/conversations"),
        path=lambda c: f"/api/v1/family/meetings/children/{c['ada'].pk}/conversations",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("GET", "/family/meetings/conversations/{conversation_id}"),
        path=lambda c: f"/api/v1/family/meetings/conversations/{_plan(c).pk}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/meetings/conversations/{conversation_id}/comments"),
        path=lambda c: f"/api/v1/family/meetings/conversations/{_plan(c).pk}/comments",
        method="POST",
        data=lambda c: {"text": "We will try"},
        expect=_expect({"dora": 201}),
    ),
]
