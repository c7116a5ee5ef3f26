"""Announcements pages and API (tandem.announcements, tandem.api.routers.announcements).

Staff: every Oak Tree role sees the list, an announcement's read tracking and its PDF, and may
ask for pick-up reminders (can_message_families); only alice (manager) and adam (administrator)
write, schedule and send (can_send_announcements: bob 403). Families: the sent announcement is
for the Babies room, so dora (Ada's mother) opens and answers it; ed (Ben, Pre-school) and
everyone else get 404. Each case runs on a fresh database."""

import datetime as dt

from django.utils import timezone

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/announcements"
SENDERS = ("alice", "adam")


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _draft(c):
    from tandem.announcements import services
    from tandem.announcements.models import Announcement

    existing = Announcement.objects.filter(title="Draft news").first()
    if existing:
        return existing
    return services.announcement_create(
        setting=c["ada"].setting, by=c["alice"], title="Draft news", body_markdown="Hello"
    )


def _sent(c):
    """A sent announcement for the Babies room, with a question open for a week."""
    from tandem.announcements import services
    from tandem.announcements.models import Announcement

    existing = Announcement.objects.filter(title="Babies trip").first()
    if existing:
        return existing
    announcement = services.announcement_create(
        setting=c["ada"].setting,
        by=c["alice"],
        title="Babies trip",
        body_markdown="To the park.",
        audience="rooms",
        rooms=[c["ada"].room],
        question="Can you help?",
        question_closes_at=timezone.now() + dt.timedelta(days=7),
    )
    return services.announcement_send(announcement=announcement, by=c["alice"])


def _staff(c, announcement):
    return {"setting_slug": OAK, "announcement_id": announcement.pk}


def _form(c) -> dict:
    return {
        "kind": "announcement",
        "title": "Snow day",
        "body_markdown": "We are **closed** today.",
        "language": "en",
        "audience": "setting",
        "question": "",
        "question_closes_at": "",
        "save": "1",
    }


def _future() -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


ENTRIES = [
    staff_page("announcements:index"),
    staff_page("announcements:create", allowed=SENDERS, forbidden=("bob",)),
    staff_page("announcements:create", method="POST", data=_form, ok=302, allowed=SENDERS, forbidden=("bob",)),
    staff_page("announcements:detail", kwargs=lambda c: _staff(c, _sent(c))),
    staff_page("announcements:edit", kwargs=lambda c: _staff(c, _draft(c)), allowed=SENDERS, forbidden=("bob",)),
    staff_page(
        "announcements:edit",
        kwargs=lambda c: _staff(c, _draft(c)),
        method="POST",
        data=_form,
        ok=302,
        allowed=SENDERS,
        forbidden=("bob",),
    ),
    staff_page(
        "announcements:send",
        kwargs=lambda c: _staff(c, _draft(c)),
        method="POST",
        ok=302,
        allowed=SENDERS,
        forbidden=("bob",),
    ),
    staff_page(
        "announcements:schedule",
        kwargs=lambda c: _staff(c, _draft(c)),
        method="POST",
        data=lambda c: {"send_at": _future()},
        ok=302,
        allowed=SENDERS,
        forbidden=("bob",),
    ),
    staff_page(
        "announcements:unschedule",
        kwargs=lambda c: _staff(c, _draft(c)),
        method="POST",
        ok=302,
        allowed=SENDERS,
        forbidden=("bob",),
    ),
    staff_page("announcements:remind", kwargs=lambda c: _staff(c, _sent(c)), method="POST", ok=302),
    staff_page("announcements:pdf", kwargs=lambda c: _staff(c, _sent(c))),
    staff_page("announcements:pdf-families", kwargs=lambda c: _staff(c, _sent(c))),
    family_page("announcements_family:index", others=200),
    family_page("announcements_family:detail", kwargs=lambda c: {"announcement_id": _sent(c).pk}),
    family_page(
        "announcements_family:answer",
        kwargs=lambda c: {"announcement_id": _sent(c).pk},
        method="POST",
        data=lambda c: {"answer": "yes"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/announcements"),
        path=lambda c: API_OAK,
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/announcements"),
        path=lambda c: API_OAK,
        method="POST",
        data=lambda c: {
            "title": "Snow day",
            "body_markdown": "Closed",
            "audience": "rooms",
            "room_ids": [str(c["ada"].room_id)],
        },
        expect=_expect({"alice": 201, "bob": 403, "adam": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/announcements/{announcement_id}"),
        path=lambda c: f"{API_OAK}/{_sent(c).pk}",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/announcements/{announcement_id}/schedule"),
        path=lambda c: f"{API_OAK}/{_draft(c).pk}/schedule",
        method="POST",
        data=lambda c: {"send_at": (timezone.now() + dt.timedelta(days=1)).isoformat()},
        expect=_expect({"alice": 200, "bob": 403, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/announcements/{announcement_id}/send"),
        path=lambda c: f"{API_OAK}/{_draft(c).pk}/send",
        method="POST",
        expect=_expect({"alice": 200, "bob": 403, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/announcements/{announcement_id}/reads"),
        path=lambda c: f"{API_OAK}/{_sent(c).pk}/reads",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/family/announcements"),
        path=lambda c: "/api/v1/family/announcements",
        expect=_expect({}, others=200),
    ),
    api_entry(
        _op("GET", "/family/announcements/{announcement_id}"),
        path=lambda c: f"/api/v1/family/announcements/{_sent(c).pk}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/announcements/{announcement_id}/answer"),
        path=lambda c: f"/api/v1/family/announcements/{_sent(c).pk}/answer",
        method="POST",
        data=lambda c: {"answer": "yes"},
        expect=_expect({"dora": 200}),
    ),
]
