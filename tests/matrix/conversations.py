"""Conversations pages and API (tandem.conversations, tandem.api.routers.conversations).

Staff: every Oak Tree role in the cast has can_message_families (alice manages, bob is Ada's
key person, adam the administrator), so they open the inbox and dora's thread; charlie, olive,
dora and ed get 404. A staff member without the flag (a translator) gets 403: see
tests/conversations/test_views.py. Editing or withdrawing a message is for its author only: the
others of the team get 404 for bob's message. Families: dora opens her thread about Ada;
everyone else gets 404 (ed sees his own inbox, empty, but never dora's thread)."""

from tests.matrix import PEOPLE, Entry, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/conversations"


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _thread(c):
    """dora's thread about Ada (made on first use in each case), with one message from bob."""
    from tandem.conversations import services
    from tandem.conversations.models import Conversation

    existing = Conversation.objects.filter(child=c["ada"]).first()
    if existing:
        return existing
    guardian = c["dora"].guardianships.get()
    conversation = services.conversation_start_for_family(
        user=c["dora"], guardian=guardian, child=c["ada"], subject="Sleep", body="Ada spała źle."
    )
    services.message_post(
        conversation=conversation, user=c["bob"], staff=c["bob"].staff_memberships.get(), body="Thanks, noted."
    )
    return conversation


def _message(c, *, by_family: bool):
    conversation = _thread(c)
    return (
        conversation.messages.filter(kind="message", author_guardian__isnull=not by_family)
        .order_by("created_at")
        .first()
    )


def _thread_kwargs(c):
    return {"setting_slug": OAK, "conversation_id": _thread(c).pk}


def _staff_message_kwargs(c):
    return {**_thread_kwargs(c), "message_id": _message(c, by_family=False).pk}


def _family_message_kwargs(c):
    return {"conversation_id": _thread(c).pk, "message_id": _message(c, by_family=True).pk}


def _author_only(ok: int) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect["bob"] = ok
    expect[None] = 302
    return expect


def _family_both(ok: int, ed: int | None = None) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect["dora"] = ok
    expect["ed"] = ok if ed is None else ed
    expect[None] = 302
    return expect


ENTRIES = [
    staff_page("conversations:index"),
    staff_page("conversations:start"),
    staff_page(
        "conversations:start",
        method="POST",
        data=lambda c: {
            "children": [str(c["ada"].pk)],
            "subject": "Trip",
            "body": "Farm on Friday",
            "audience": "key_person",
        },
        ok=302,
    ),
    staff_page("conversations:hours", allowed=("alice", "adam"), forbidden=("bob",)),
    staff_page(
        "conversations:hours",
        method="POST",
        data=lambda c: {"opens_0": "07:30", "closes_0": "18:00", "closed_days": "2026-12-25 Christmas Day"},
        allowed=("alice", "adam"),
        forbidden=("bob",),
        ok=302,
    ),
    staff_page("conversations:detail", kwargs=_thread_kwargs),
    staff_page("conversations:detail", kwargs=_thread_kwargs, method="POST", data=lambda c: {"body": "Hello"}, ok=302),
    staff_page(
        "conversations:status", kwargs=_thread_kwargs, method="POST", data=lambda c: {"status": "closed"}, ok=302
    ),
    Entry(name="conversations:message-edit", kwargs=_staff_message_kwargs, expect=_author_only(200)),
    Entry(
        name="conversations:message-edit",
        kwargs=_staff_message_kwargs,
        method="POST",
        data=lambda c: {"body": "Thanks, noted!"},
        expect=_author_only(302),
    ),
    Entry(name="conversations:message-withdraw", kwargs=_staff_message_kwargs, method="POST", expect=_author_only(302)),
    Entry(name="conversations_family:index", expect=_family_both(200)),
    Entry(name="conversations_family:start", expect=_family_both(200)),
    Entry(
        name="conversations_family:start",
        method="POST",
        data=lambda c: {"child": str(c["ada"].pk), "subject": "Hi", "body": "Cześć", "audience": "key_person"},
        expect=_family_both(302, ed=400),
        note="ed may write, but not about Ada: the form refuses the child (400)",
    ),
    family_page("conversations_family:detail", kwargs=lambda c: {"conversation_id": _thread(c).pk}),
    family_page(
        "conversations_family:detail",
        kwargs=lambda c: {"conversation_id": _thread(c).pk},
        method="POST",
        data=lambda c: {"body": "Dziękuję"},
        ok=302,
    ),
    family_page("conversations_family:message-edit", kwargs=_family_message_kwargs),
    family_page(
        "conversations_family:message-edit",
        kwargs=_family_message_kwargs,
        method="POST",
        data=lambda c: {"body": "Ada spała dobrze."},
        ok=302,
    ),
    family_page("conversations_family:message-withdraw", kwargs=_family_message_kwargs, method="POST", ok=302),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/conversations"),
        path=lambda c: API_OAK,
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/conversations"),
        path=lambda c: API_OAK,
        method="POST",
        data=lambda c: {"child_ids": [str(c["ada"].pk)], "subject": "Trip", "body": "Farm on Friday"},
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/conversations/{conversation_id}"),
        path=lambda c: f"{API_OAK}/{_thread(c).pk}",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/conversations/{conversation_id}/messages"),
        path=lambda c: f"{API_OAK}/{_thread(c).pk}/messages",
        method="POST",
        data=lambda c: {"body": "Hello"},
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/conversations/{conversation_id}/read"),
        path=lambda c: f"{API_OAK}/{_thread(c).pk}/read",
        method="POST",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/family/conversations"),
        path=lambda c: "/api/v1/family/conversations",
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("POST", "/family/conversations"),
        path=lambda c: "/api/v1/family/conversations",
        method="POST",
        data=lambda c: {"child_id": str(c["ada"].pk), "subject": "Hi", "body": "Cześć"},
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("GET", "/family/conversations/{conversation_id}"),
        path=lambda c: f"/api/v1/family/conversations/{_thread(c).pk}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/conversations/{conversation_id}/messages"),
        path=lambda c: f"/api/v1/family/conversations/{_thread(c).pk}/messages",
        method="POST",
        data=lambda c: {"body": "Dziękuję"},
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("POST", "/family/conversations/{conversation_id}/read"),
        path=lambda c: f"/api/v1/family/conversations/{_thread(c).pk}/read",
        method="POST",
        expect=_expect({"dora": 200}),
    ),
]
