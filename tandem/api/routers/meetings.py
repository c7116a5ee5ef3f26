"""API for structured conversations: staff paths under /api/v1/settings/{setting_slug}/meetings/...,
family paths under /api/v1/family/meetings/... Same access rules as the pages (the child's key
person and staff with can_oversee_progress; a family only their own child's, never the
staff-only notes). Refusals of the services come back as 422 with the reason."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.meetings import selectors, services
from tandem.meetings.models import MAX_PRIORITIES, Conversation, Mode

router = Router(tags=["meetings"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
ConversationId = Annotated[str, Path(description="The structured conversation's id (a UUID).")]


class PriorityOut(Schema):
    id: UUID
    text: str
    at_home: str
    in_setting: str
    progress: str
    progress_notes: str
    carried_from_id: UUID | None


class CommentOut(Schema):
    id: UUID
    guardian: str
    text: str
    created_at: dt.datetime


class FamilyConversationOut(Schema):
    id: UUID
    child_id: UUID
    status: str
    meeting_on: dt.date
    mode: str
    attendees: str
    interpreter_used: bool
    interpreter_language: str
    family_words: str = Field(description="What the family told us, kept as written. Comes first.")
    practitioner_view: str
    focus: str
    priorities: list[PriorityOut]
    review_on: dt.date | None
    reviewed_on: dt.date | None
    review_summary: str
    comments: list[CommentOut]


class ConversationOut(FamilyConversationOut):
    key_person: str
    staff_notes: str = Field(description="Staff only: never in the family's API.")
    worry_id: UUID | None
    follows_id: UUID | None


class PriorityIn(Schema):
    text: str = Field(max_length=300)
    at_home: str
    in_setting: str
    carried_from: UUID | None = None


class ConversationIn(Schema):
    meeting_on: dt.date
    mode: Mode = Mode.FACE_TO_FACE
    attendees: str = Field("", max_length=300)
    interpreter_used: bool = False
    interpreter_language: str = Field("", max_length=60)
    family_words: str = Field(description="What the family told us, in their words (required).")
    practitioner_view: str = ""
    focus: str
    priorities: list[PriorityIn] = Field(description=f"One to {MAX_PRIORITIES} agreed priorities.")
    review_on: dt.date | None = None
    staff_notes: str = ""


class ProgressIn(Schema):
    priority_id: UUID
    progress: str = Field(description="not_yet, some, good or achieved")
    notes: str = ""


class ReviewIn(Schema):
    reviewed_on: dt.date
    summary: str
    progress: list[ProgressIn]


class CommentIn(Schema):
    text: str = Field(max_length=4000)


def _family(c: Conversation) -> dict:
    return {
        "id": c.pk,
        "child_id": c.child_id,
        "status": c.status,
        "meeting_on": c.meeting_on,
        "mode": c.mode,
        "attendees": c.attendees,
        "interpreter_used": c.interpreter_used,
        "interpreter_language": c.interpreter_language,
        "family_words": c.family_words,
        "practitioner_view": c.practitioner_view,
        "focus": c.focus,
        "priorities": [
            {
                "id": p.pk,
                "text": p.text,
                "at_home": p.at_home,
                "in_setting": p.in_setting,
                "progress": p.progress,
                "progress_notes": p.progress_notes,
                "carried_from_id": p.carried_from_id,
            }
            for p in c.priorities.all()
        ],
        "review_on": c.review_on,
        "reviewed_on": c.reviewed_on,
        "review_summary": c.review_summary,
        "comments": [
            {"id": m.pk, "guardian": m.guardian.full_name, "text": m.text, "created_at": m.created_at}
            for m in c.family_comments.all()
        ],
    }


def _staff(c: Conversation) -> dict:
    return {
        **_family(c),
        "key_person": c.key_person.user.display_name,
        "staff_notes": c.staff_notes,
        "worry_id": c.worry_id,
        "follows_id": c.follows_id,
    }


def _membership_child(request, setting_slug: str, child_id: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, _perms = selectors.child_for_staff(request.auth, membership=membership, child_id=child_id)
    return membership, child


@router.get(
    "/settings/{setting_slug}/meetings/children/{child_id}/conversations",
    response=list[ConversationOut],
    summary="A child's structured conversations",
)
def staff_conversation_list(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    _membership, child = _membership_child(request, setting_slug, child_id)
    return [_staff(c) for c in selectors.conversations_for_child(child=child)]


@router.post(
    "/settings/{setting_slug}/meetings/children/{child_id}/conversations",
    response={201: ConversationOut},
    summary="Record a structured conversation",
)
def staff_conversation_record(
    request: HttpRequest, setting_slug: str, child_id: ChildId, payload: ConversationIn
) -> Status:
    """The family's words first (required), the focus, 1–3 priorities and a review date after
    the meeting; refused with 422 and the reason otherwise, and nothing is saved."""
    _membership, child = _membership_child(request, setting_slug, child_id)
    data = payload.dict()
    data["mode"] = payload.mode.value
    data["priorities"] = [p.dict() for p in payload.priorities]
    conversation = services.conversation_record(child=child, by=request.auth, **data)
    conversation = selectors.conversations_for_child(child=child).get(pk=conversation.pk)
    return Status(201, _staff(conversation))


@router.get(
    "/settings/{setting_slug}/meetings/conversations/{conversation_id}",
    response=ConversationOut,
    summary="One structured conversation",
)
def staff_conversation_detail(request: HttpRequest, setting_slug: str, conversation_id: ConversationId) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return _staff(
        selectors.conversation_for_staff(request.auth, membership=membership, conversation_id=conversation_id)
    )


@router.post(
    "/settings/{setting_slug}/meetings/conversations/{conversation_id}/review",
    response=ConversationOut,
    summary="Review a plan: progress per priority",
)
def staff_conversation_review(
    request: HttpRequest, setting_slug: str, conversation_id: ConversationId, payload: ReviewIn
) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    conversation = selectors.conversation_for_staff(
        request.auth, membership=membership, conversation_id=conversation_id
    )
    services.conversation_review(
        conversation=conversation,
        by=request.auth,
        reviewed_on=payload.reviewed_on,
        summary=payload.summary,
        progress={str(p.priority_id): {"progress": p.progress, "notes": p.notes} for p in payload.progress},
    )
    return _staff(
        selectors.conversation_for_staff(request.auth, membership=membership, conversation_id=conversation_id)
    )


# --- families -------------------------------------------------------------------------------------


@router.get(
    "/family/meetings/children/{child_id}/conversations",
    response=list[FamilyConversationOut],
    summary="Your child's plans",
)
def family_conversation_list(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return [
        _family(c) for c in selectors.conversations_for_child(child=child).exclude(status=Conversation.Status.PLANNED)
    ]


@router.get(
    "/family/meetings/conversations/{conversation_id}",
    response=FamilyConversationOut,
    summary="One of your child's plans",
)
def family_conversation_detail(request: HttpRequest, conversation_id: ConversationId) -> dict:
    return _family(selectors.conversation_for_guardian(request.auth, conversation_id=conversation_id))


@router.post(
    "/family/meetings/conversations/{conversation_id}/comments",
    response={201: CommentOut},
    summary="Comment on your child's plan",
)
def family_comment_add(request: HttpRequest, conversation_id: ConversationId, payload: CommentIn) -> Status:
    conversation = selectors.conversation_for_guardian(request.auth, conversation_id=conversation_id)
    guardian = selectors.guardian_for_child(child=conversation.child, user=request.auth)
    comment = services.family_comment_add(
        conversation=conversation, guardian=guardian, by=request.auth, text=payload.text
    )
    return Status(
        201, {"id": comment.pk, "guardian": guardian.full_name, "text": comment.text, "created_at": comment.created_at}
    )
