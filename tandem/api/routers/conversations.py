"""API for conversations: staff paths under /api/v1/settings/{setting_slug}/conversations/...,
family paths under /api/v1/family/conversations/... Same access rules as the pages (the app's
selectors, which start from tandem.access): another family or setting gets 404, staff without
can_message_families 403. Writes go through tandem.conversations.services; a refusal (empty
message, closed conversation) is a 422 validation_error with the reason. Attachments are sent
through the pages (multipart); the API lists them with private, signed, short-lived links."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.accounts.services import guardian_language
from tandem.api.pagination import Pagination
from tandem.conversations import selectors, services
from tandem.conversations.models import Audience

router = Router(tags=["conversations"])

ConversationId = Annotated[str, Path(description="The conversation's id (a UUID).")]


class ConversationOut(Schema):
    id: UUID
    subject: str
    child_id: UUID | None
    child_name: str
    family_id: UUID
    audience: str
    status: str
    last_message_at: dt.datetime
    unread_count: int = 0


class AttachmentOut(Schema):
    kind: str
    name: str
    size: int
    url: str = Field(description="A private link for you, valid for five minutes.")


class MessageOut(Schema):
    id: UUID
    kind: str
    author: str
    by_family: bool
    language: str
    body: str = Field(description="The text in your language when a translation is ready, else the original.")
    original: str | None = Field(None, description="The original text, when `body` is a translation.")
    created_at: dt.datetime
    edited_at: dt.datetime | None
    withdrawn: bool
    attachments: list[AttachmentOut]
    read_by: list[str] = Field(default_factory=list, description="Staff only: who read it.")
    read_by_setting: bool = Field(False, description="Someone in the setting's team has read it.")


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut]


class MessageIn(Schema):
    body: str = Field(max_length=services.MAX_BODY)


class StaffStartIn(Schema):
    child_ids: list[UUID] = Field(default_factory=list, description="One thread per family of these children.")
    room_id: UUID | None = Field(None, description="Or: every child of this room.")
    subject: str = Field(max_length=150)
    body: str = Field(max_length=services.MAX_BODY)
    audience: Audience = Audience.KEY_PERSON


class FamilyStartIn(Schema):
    child_id: UUID
    subject: str = Field(max_length=150)
    body: str = Field(max_length=services.MAX_BODY)
    audience: Audience = Audience.KEY_PERSON


class ReadOut(Schema):
    marked: int


def _conversation(c) -> dict:
    return {
        "id": c.pk,
        "subject": c.subject,
        "child_id": c.child_id,
        "child_name": c.child.known_as if c.child_id else "",
        "family_id": c.family_id,
        "audience": c.audience,
        "status": c.status,
        "last_message_at": c.last_message_at,
        "unread_count": getattr(c, "unread_count", 0),
    }


def _detail(request, conversation, *, as_staff: bool) -> dict:
    from django.utils.html import strip_tags

    language = (get_language() or "en").split("-")[0]
    if not as_staff:  # a family reads in the language they chose
        language = guardian_language(selectors.guardian_for_conversation(user=request.auth, conversation=conversation))
    shown = selectors.thread(conversation=conversation, viewer=request.auth, language=language, as_staff=as_staff)
    messages = []
    for item in shown:
        m = item.message
        body = "" if m.is_withdrawn else (m.body if not item.original_html else strip_tags(item.html).strip())
        if m.is_auto_reply and m.body == "auto":
            body = selectors.auto_reply_wording(m, conversation.setting)
        messages.append(
            {
                "id": m.pk,
                "kind": m.kind,
                "author": item.author_label,
                "by_family": m.by_family,
                "language": m.language,
                "body": body,
                "original": (m.body if item.original_html and not m.is_withdrawn else None),
                "created_at": m.created_at,
                "edited_at": m.edited_at,
                "withdrawn": m.is_withdrawn,
                "attachments": [
                    {
                        "kind": a["media"].kind,
                        "name": a["media"].original_name,
                        "size": a["media"].size,
                        "url": a["url"],
                    }
                    for a in item.attachments
                ],
                "read_by": [name for name, _at in item.receipts],
                "read_by_setting": item.seen_by_setting,
            }
        )
    return {**_conversation(conversation), "messages": messages}


def _membership(request, setting_slug):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_message_families")
    return membership


# --- staff ----------------------------------------------------------------------------------------


class ConversationPage(Schema):
    items: list[ConversationOut]
    count: int


def _page(qs, request, page: Pagination.Input, *, unread_from_family: bool) -> dict:
    items = selectors.inbox_page(
        qs, user=request.auth, unread_from_family=unread_from_family, limit=page.limit, offset=page.offset
    )
    return {"items": [_conversation(c) for c in items], "count": qs.count()}


@router.get("/settings/{setting_slug}/conversations", response=ConversationPage, summary="The staff inbox")
def staff_list(
    request: HttpRequest, setting_slug: str, page: Query[Pagination.Input], unread: bool = False, q: str = ""
) -> dict:
    """Conversations about children you can see (managers: all), unread first, with the number
    of family messages you have not read. Paged with limit (at most 200) and offset."""
    membership = _membership(request, setting_slug)
    qs = selectors.conversations_for_staff(user=request.auth, setting=membership.setting, unread_only=unread, q=q)
    return _page(qs, request, page, unread_from_family=True)


@router.post(
    "/settings/{setting_slug}/conversations", response={201: list[ConversationOut]}, summary="Start conversations"
)
def staff_start(request: HttpRequest, setting_slug: str, payload: StaffStartIn) -> Status:
    """One conversation per family of the children (or of the room): each family sees only its own."""
    membership = _membership(request, setting_slug)
    visible = rules.children_visible_to(request.auth, setting=membership.setting).filter(leave_date__isnull=True)
    if payload.room_id:
        room = rules.room_for_user(request.auth, setting=membership.setting, room_id=payload.room_id)
        children = visible.filter(room=room)
    else:
        children = visible.filter(pk__in=payload.child_ids)
        if children.count() != len(set(payload.child_ids)):
            raise Http404
    started = services.conversation_start_for_staff(
        user=request.auth,
        staff=membership.staff,
        children=children.select_related("family", "setting"),
        subject=payload.subject,
        body=payload.body,
        audience=payload.audience,
    )
    return Status(201, [_conversation(c) for c in started])


@router.get(
    "/settings/{setting_slug}/conversations/{conversation_id}",
    response=ConversationDetailOut,
    summary="A conversation with its messages",
)
def staff_detail(request: HttpRequest, setting_slug: str, conversation_id: ConversationId) -> dict:
    membership = _membership(request, setting_slug)
    conversation = selectors.conversation_for_staff(
        user=request.auth, setting=membership.setting, conversation_id=conversation_id
    )
    return _detail(request, conversation, as_staff=True)


@router.post(
    "/settings/{setting_slug}/conversations/{conversation_id}/messages",
    response={201: MessageOut},
    summary="Send a message to the family",
)
def staff_post(request: HttpRequest, setting_slug: str, conversation_id: ConversationId, payload: MessageIn) -> Status:
    membership = _membership(request, setting_slug)
    conversation = selectors.conversation_for_staff(
        user=request.auth, setting=membership.setting, conversation_id=conversation_id
    )
    message = services.message_post(
        conversation=conversation, user=request.auth, staff=membership.staff, body=payload.body
    )
    return Status(201, _one(request, conversation, message, as_staff=True))


@router.post(
    "/settings/{setting_slug}/conversations/{conversation_id}/read",
    response=ReadOut,
    summary="Mark the conversation read",
)
def staff_read(request: HttpRequest, setting_slug: str, conversation_id: ConversationId) -> dict:
    membership = _membership(request, setting_slug)
    conversation = selectors.conversation_for_staff(
        user=request.auth, setting=membership.setting, conversation_id=conversation_id
    )
    return {"marked": services.conversation_mark_read(conversation=conversation, user=request.auth, by_staff=True)}


def _one(request, conversation, message, *, as_staff: bool) -> dict:
    detail = _detail(request, conversation, as_staff=as_staff)
    return next(m for m in detail["messages"] if m["id"] == message.pk)


# --- families -------------------------------------------------------------------------------------


@router.get("/family/conversations", response=ConversationPage, summary="Your conversations with the setting")
def family_list(request: HttpRequest, page: Query[Pagination.Input]) -> dict:
    """Newest first, unread first, with the number of messages from the setting you have not read."""
    if not rules.is_guardian(request.auth):
        raise Http404  # staff use the settings endpoints
    return _page(selectors.conversations_for_guardian(user=request.auth), request, page, unread_from_family=False)


@router.post("/family/conversations", response={201: ConversationOut}, summary="Write to the setting")
def family_start(request: HttpRequest, payload: FamilyStartIn) -> Status:
    children = {str(c.pk): (c, g) for c, g in selectors.guardian_children(user=request.auth)}
    if str(payload.child_id) not in children:
        raise Http404
    child, guardian = children[str(payload.child_id)]
    conversation = services.conversation_start_for_family(
        user=request.auth,
        guardian=guardian,
        child=child,
        subject=payload.subject,
        body=payload.body,
        audience=payload.audience,
    )
    return Status(201, _conversation(conversation))


@router.get("/family/conversations/{conversation_id}", response=ConversationDetailOut, summary="One conversation")
def family_detail(request: HttpRequest, conversation_id: ConversationId) -> dict:
    conversation = selectors.conversation_for_guardian(user=request.auth, conversation_id=conversation_id)
    return _detail(request, conversation, as_staff=False)


@router.post("/family/conversations/{conversation_id}/messages", response={201: MessageOut}, summary="Send a message")
def family_post(request: HttpRequest, conversation_id: ConversationId, payload: MessageIn) -> Status:
    conversation = selectors.conversation_for_guardian(user=request.auth, conversation_id=conversation_id)
    guardian = selectors.guardian_for_conversation(user=request.auth, conversation=conversation)
    message = services.message_post(conversation=conversation, user=request.auth, guardian=guardian, body=payload.body)
    return Status(201, _one(request, conversation, message, as_staff=False))


@router.post("/family/conversations/{conversation_id}/read", response=ReadOut, summary="Mark it read")
def family_read(request: HttpRequest, conversation_id: ConversationId) -> dict:
    conversation = selectors.conversation_for_guardian(user=request.auth, conversation_id=conversation_id)
    return {"marked": services.conversation_mark_read(conversation=conversation, user=request.auth, by_staff=False)}
