"""API for announcements and newsletters: staff paths under /api/v1/settings/{setting_slug}/announcements/...,
family paths under /api/v1/family/announcements/... Same access rules as the pages (tandem.access
and the app's selectors); writes go through tandem.announcements.services, whose refusals come
back as a 422 validation_error with the reason."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.announcements import selectors, services
from tandem.announcements.models import Announcement, QuestionAnswer
from tandem.api.pagination import Pagination

router = Router(tags=["announcements"])

AnnouncementId = Annotated[str, Path(description="The announcement's id (a UUID).")]


class AnnouncementOut(Schema):
    id: UUID
    kind: str
    title: str
    body_markdown: str
    body_html: str
    language: str
    audience: str
    room_ids: list[UUID]
    family_ids: list[UUID]
    urgent: bool
    status: str
    send_at: dt.datetime | None
    sent_at: dt.datetime | None
    question: str
    question_closes_at: dt.datetime | None
    family_count: int = Field(0, description="Families it was sent to.")
    read_family_count: int = Field(0, description="Families in which someone has opened it.")


class AnnouncementIn(Schema):
    kind: Announcement.Kind = Announcement.Kind.ANNOUNCEMENT
    title: str = Field(min_length=1, max_length=200)
    body_markdown: str = Field("", max_length=20000, description="Markdown; scripts and unsafe links are removed.")
    language: str = Field("en", max_length=10)
    audience: Announcement.Audience = Announcement.Audience.SETTING
    room_ids: list[UUID] = Field(default_factory=list)
    family_ids: list[UUID] = Field(default_factory=list)
    urgent: bool = False
    question: str = Field("", max_length=300)
    question_closes_at: dt.datetime | None = None


class ScheduleIn(Schema):
    send_at: dt.datetime


class NotSeenOut(Schema):
    family_id: UUID
    family_name: str
    children: list[dict] = Field(description="Each child's name, room and key person.")


class ReadsOut(Schema):
    sent: int
    read: int
    not_seen: list[NotSeenOut]
    yes: int
    no: int


class FamilyAnnouncementOut(Schema):
    id: UUID
    kind: str
    setting: str
    title: str
    body_html: str
    question: str
    question_open: bool
    your_answer: str | None
    translated: bool
    language: str
    urgent: bool
    sent_at: dt.datetime | None
    read_at: dt.datetime | None


class AnswerIn(Schema):
    answer: QuestionAnswer.Answer


def _out(a: Announcement) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "title": a.title,
        "body_markdown": a.body_markdown,
        "body_html": a.body_html,
        "language": a.language,
        "audience": a.audience,
        "room_ids": [r.pk for r in a.rooms.all()],
        "family_ids": [f.pk for f in a.families.all()],
        "urgent": a.urgent,
        "status": a.status,
        "send_at": a.send_at,
        "sent_at": a.sent_at,
        "question": a.question,
        "question_closes_at": a.question_closes_at,
        "family_count": getattr(a, "family_count", 0),
        "read_family_count": getattr(a, "read_family_count", 0),
    }


def _membership(request: HttpRequest, setting_slug: str, flag: str | None = None):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    if flag:
        rules.require(membership.perms, flag)
    return membership


def _announcement(request, membership, announcement_id) -> Announcement:
    return selectors.announcement_for_staff(
        user=request.auth, setting=membership.setting, announcement_id=announcement_id
    )


@router.get(
    "/settings/{setting_slug}/announcements",
    response=list[AnnouncementOut],
    summary="Announcements of the setting, newest first, with read counts",
)
@paginate(Pagination)
def staff_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _membership(request, setting_slug, "can_view_children")
    qs = selectors.announcements_for_staff(user=request.auth, setting=membership.setting).prefetch_related(
        "rooms", "families"
    )
    return [_out(a) for a in qs]


@router.post(
    "/settings/{setting_slug}/announcements",
    response={201: AnnouncementOut},
    summary="Write a draft announcement",
)
def staff_create(request: HttpRequest, setting_slug: str, payload: AnnouncementIn) -> Status:
    """A draft: nobody is told until it is sent (or its scheduled time comes). Urgent needs a
    manager (can_send_urgent)."""
    membership = _membership(request, setting_slug, "can_send_announcements")
    if payload.urgent and not membership.perms.can_send_urgent:
        raise PermissionDenied
    setting = membership.setting
    rooms = list(rules.rooms_visible_to(request.auth, setting=setting).filter(pk__in=payload.room_ids))
    families = list(rules.families_visible_to(request.auth, setting=setting).filter(pk__in=payload.family_ids))
    if len(rooms) != len(set(payload.room_ids)) or len(families) != len(set(payload.family_ids)):
        raise ValidationError(_("Choose rooms and families of this setting."))
    data = payload.dict(exclude={"room_ids", "family_ids"})
    data["kind"] = payload.kind.value
    data["audience"] = payload.audience.value
    announcement = services.announcement_create(
        setting=setting, by=request.auth, rooms=rooms, families=families, **data
    )
    return Status(201, _out(_announcement(request, membership, announcement.pk)))


@router.get(
    "/settings/{setting_slug}/announcements/{announcement_id}",
    response=AnnouncementOut,
    summary="One announcement",
)
def staff_detail(request: HttpRequest, setting_slug: str, announcement_id: AnnouncementId) -> dict:
    membership = _membership(request, setting_slug, "can_view_children")
    return _out(_announcement(request, membership, announcement_id))


@router.post(
    "/settings/{setting_slug}/announcements/{announcement_id}/schedule",
    response=AnnouncementOut,
    summary="Send it later",
)
def staff_schedule(
    request: HttpRequest, setting_slug: str, announcement_id: AnnouncementId, payload: ScheduleIn
) -> dict:
    membership = _membership(request, setting_slug, "can_send_announcements")
    announcement = _announcement(request, membership, announcement_id)
    services.announcement_schedule(announcement=announcement, send_at=payload.send_at, by=request.auth)
    return _out(_announcement(request, membership, announcement_id))


@router.post(
    "/settings/{setting_slug}/announcements/{announcement_id}/send",
    response=AnnouncementOut,
    summary="Send it now",
)
def staff_send(request: HttpRequest, setting_slug: str, announcement_id: AnnouncementId) -> dict:
    """Once: a second send is refused (422). Urgent ones need can_send_urgent (403)."""
    membership = _membership(request, setting_slug, "can_send_announcements")
    announcement = _announcement(request, membership, announcement_id)
    if announcement.urgent and not membership.perms.can_send_urgent:
        raise PermissionDenied
    services.announcement_send(announcement=announcement, by=request.auth)
    return _out(_announcement(request, membership, announcement_id))


@router.get(
    "/settings/{setting_slug}/announcements/{announcement_id}/reads",
    response=ReadsOut,
    summary="Who has seen it, and the answers",
)
def staff_reads(request: HttpRequest, setting_slug: str, announcement_id: AnnouncementId) -> dict:
    membership = _membership(request, setting_slug, "can_view_children")
    announcement = _announcement(request, membership, announcement_id)
    tracking = selectors.read_tracking(announcement)
    answers = selectors.answers_for_staff(announcement)
    return {
        "sent": tracking["sent"],
        "read": tracking["read"],
        "yes": answers["yes"],
        "no": answers["no"],
        "not_seen": [
            {
                "family_id": row["family"].pk,
                "family_name": row["family"].name,
                "children": [
                    {
                        "name": c.display_name,
                        "room": c.room.name if c.room else None,
                        "key_person": c.key_person.user.display_name if c.key_person else None,
                    }
                    for c in row["children"]
                ],
            }
            for row in tracking["not_seen"]
        ],
    }


# --- families -------------------------------------------------------------------------------------


def _family_out(recipient, language: str) -> dict:
    a = recipient.announcement
    text = selectors.translated(a, selectors.reader_language(recipient.guardian, language))
    answer = selectors.answer_for(recipient)
    return {
        "id": a.pk,
        "kind": a.kind,
        "setting": a.setting.name,
        "title": text["title"],
        "body_html": text["body_html"],
        "question": text["question"],
        "question_open": a.question_open(),
        "your_answer": answer.answer if answer else None,
        "translated": text["translated"],
        "language": text["language"],
        "urgent": a.urgent,
        "sent_at": a.sent_at,
        "read_at": recipient.read_at,
    }


@router.get("/family/announcements", response=list[FamilyAnnouncementOut], summary="Your announcements, newest first")
@paginate(Pagination)
def family_list(request: HttpRequest) -> list[dict]:
    """Titles in your language where translated; `read_at` is empty for ones you have not opened."""
    recipients = list(selectors.recipients_for_family(user=request.auth).select_related("guardian")[:500])
    language = selectors.family_language(user=request.auth, default=get_language())
    titles = selectors.translated_titles(recipients, language)
    return [
        {
            "id": r.announcement_id,
            "kind": r.announcement.kind,
            "setting": r.announcement.setting.name,
            "title": titles.get(r.announcement_id, r.announcement.title),
            "body_html": "",
            "question": r.announcement.question,
            "question_open": r.announcement.question_open(),
            "your_answer": None,
            "translated": r.announcement_id in titles,
            "language": language if r.announcement_id in titles else r.announcement.language,
            "urgent": r.announcement.urgent,
            "sent_at": r.announcement.sent_at,
            "read_at": r.read_at,
        }
        for r in recipients
    ]


@router.get(
    "/family/announcements/{announcement_id}",
    response=FamilyAnnouncementOut,
    summary="Read an announcement (marks it read)",
)
def family_detail(request: HttpRequest, announcement_id: AnnouncementId) -> dict:
    recipient = selectors.recipient_for_family(user=request.auth, announcement_id=announcement_id)
    services.announcement_mark_read(recipient=recipient, by=request.auth)
    return _family_out(recipient, get_language())


@router.post(
    "/family/announcements/{announcement_id}/answer",
    response=FamilyAnnouncementOut,
    summary="Answer the announcement's question (yes or no)",
)
def family_answer(request: HttpRequest, announcement_id: AnnouncementId, payload: AnswerIn) -> dict:
    """Changeable until the question closes; after that refused (422) with the reason."""
    recipient = selectors.recipient_for_family(user=request.auth, announcement_id=announcement_id)
    services.announcement_mark_read(recipient=recipient, by=request.auth)
    services.question_answer(recipient=recipient, answer=payload.answer.value, by=request.auth)
    return _family_out(recipient, get_language())
