"""API for vision, values and consultations: staff paths under /api/v1/settings/{setting_slug}/consultations/...,
family paths under /api/v1/family/consultations/... Same access rules as the pages (tandem.access
and tandem.consultations.selectors); writes go through tandem.consultations.services."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.consultations import selectors, services
from tandem.consultations.models import Audience, Kind, Reply

router = Router(tags=["consultations"])

ConsultationId = Annotated[str, Path(description="The consultation's id (a UUID).")]
CommentId = Annotated[str, Path(description="The comment's id (a UUID).")]


class VersionOut(Schema):
    number: int
    body: str
    paragraphs: list[str]
    summary_of_changes: str
    published_at: dt.datetime | None


class ConsultationOut(Schema):
    id: UUID
    kind: str
    title: str
    audience: str
    comments_close_on: dt.date | None
    review_due_on: dt.date | None
    versions: list[VersionOut]


class ConsultationIn(Schema):
    kind: Kind = Kind.VISION
    title: str = Field(min_length=1, max_length=200)
    audience: Audience = Audience.EVERYONE
    body: str = Field(min_length=1, max_length=20000)
    comments_close_on: dt.date | None = None
    publish: bool = False


class CommentIn(Schema):
    body: str = Field(min_length=1, max_length=5000)
    paragraph: int | None = Field(None, ge=1, description="Which paragraph (from 1); empty for the whole text.")


class ReplyOut(Schema):
    body: str
    visibility: str
    created_at: dt.datetime


class CommentOut(Schema):
    id: UUID
    version: int
    paragraph: int | None
    body: str
    language: str
    author: str | None = Field(None, description="Shown to managers only.")
    created_at: dt.datetime
    replies: list[ReplyOut]


class ReplyIn(Schema):
    body: str = Field(min_length=1, max_length=5000)
    visibility: Reply.Visibility = Reply.Visibility.COMMENTER


def _version(v) -> dict:
    return {
        "number": v.number,
        "body": v.body,
        "paragraphs": v.paragraphs(),
        "summary_of_changes": v.summary_of_changes,
        "published_at": v.published_at,
    }


def _consultation(c, *, drafts: bool) -> dict:
    versions = selectors.versions(c) if drafts else selectors.published_versions(c)
    return {
        "id": c.pk,
        "kind": c.kind,
        "title": c.title,
        "audience": c.audience,
        "comments_close_on": c.comments_close_on,
        "review_due_on": c.review_due_on,
        "versions": [_version(v) for v in versions],
    }


def _comment(c, *, with_author: bool) -> dict:
    return {
        "id": c.pk,
        "version": c.version.number,
        "paragraph": c.paragraph,
        "body": c.body,
        "language": c.language,
        "author": c.author_name if with_author else None,
        "created_at": c.created_at,
        "replies": [{"body": r.body, "visibility": r.visibility, "created_at": r.created_at} for r in c.replies.all()],
    }


def _manager(request, setting_slug):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_manage_partnership")
    return membership


# --- staff ----------------------------------------------------------------------------------------


@router.get("/settings/{setting_slug}/consultations", response=list[ConsultationOut], summary="Consultations")
def staff_consultation_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _manager(request, setting_slug)
    qs = selectors.consultations_for_staff(user=request.auth, setting=membership.setting, manager=True)
    return [_consultation(c, drafts=True) for c in qs.prefetch_related("versions")]


@router.post("/settings/{setting_slug}/consultations", response={201: ConsultationOut}, summary="Start a consultation")
def staff_consultation_create(request: HttpRequest, setting_slug: str, payload: ConsultationIn) -> Status:
    membership = _manager(request, setting_slug)
    consultation = services.consultation_create(
        setting=membership.setting,
        by=request.auth,
        title=payload.title,
        body=payload.body,
        kind=payload.kind.value,
        audience=payload.audience.value,
        comments_close_on=payload.comments_close_on,
        language=translation.get_language() or "en",
    )
    if payload.publish:
        services.version_publish(consultation=consultation, by=request.auth)
    return Status(201, _consultation(consultation, drafts=True))


@router.get(
    "/settings/{setting_slug}/consultations/{consultation_id}/comments",
    response=list[CommentOut],
    summary="Every comment, with replies",
)
def staff_comment_list(request: HttpRequest, setting_slug: str, consultation_id: ConsultationId) -> list[dict]:
    membership = _manager(request, setting_slug)
    consultation = selectors.consultation_for_staff(
        user=request.auth, setting=membership.setting, consultation_id=consultation_id, manager=True
    )
    return [_comment(c, with_author=True) for c in selectors.comments_for_staff(consultation)]


@router.post(
    "/settings/{setting_slug}/consultations/{consultation_id}/comments/{comment_id}/replies",
    response={201: ReplyOut},
    summary="Reply to a comment",
)
def staff_reply(
    request: HttpRequest, setting_slug: str, consultation_id: ConsultationId, comment_id: CommentId, payload: ReplyIn
) -> Status:
    membership = _manager(request, setting_slug)
    consultation = selectors.consultation_for_staff(
        user=request.auth, setting=membership.setting, consultation_id=consultation_id, manager=True
    )
    comment = selectors.comment_for_staff(consultation=consultation, comment_id=comment_id)
    reply = services.reply_add(
        comment=comment,
        by=request.auth,
        body=payload.body,
        visibility=payload.visibility.value,
        language=translation.get_language() or "en",
    )
    return Status(201, {"body": reply.body, "visibility": reply.visibility, "created_at": reply.created_at})


# --- families -------------------------------------------------------------------------------------


@router.get("/family/consultations", response=list[ConsultationOut], summary="What your setting asks you about")
def family_consultation_list(request: HttpRequest) -> list[dict]:
    return [_consultation(c, drafts=False) for c in selectors.family_consultations(user=request.auth)]


@router.get(
    "/family/consultations/{consultation_id}/comments",
    response=list[CommentOut],
    summary="Your comments, and shared replies",
)
def family_comment_list(request: HttpRequest, consultation_id: ConsultationId) -> list[dict]:
    consultation, _guardian = selectors.consultation_for_family(user=request.auth, consultation_id=consultation_id)
    own, public = selectors.visible_comments(consultation, author=request.auth)
    return [_comment(c, with_author=False) for c in own + public]


@router.post(
    "/family/consultations/{consultation_id}/comments", response={201: CommentOut}, summary="Comment, in your language"
)
def family_comment_add(request: HttpRequest, consultation_id: ConsultationId, payload: CommentIn) -> Status:
    consultation, guardian = selectors.consultation_for_family(user=request.auth, consultation_id=consultation_id)
    comment = services.comment_add(
        version=selectors.latest_version(consultation),
        by=request.auth,
        guardian=guardian,
        body=payload.body,
        paragraph=payload.paragraph,
        language=translation.get_language() or "en",
    )
    return Status(201, _comment(comment, with_author=False))
