"""API for notifications: staff paths under /api/v1/settings/{setting_slug}/notify/...,
family paths under /api/v1/family/notify/... Same access rules as the pages (the app's
selectors, which start from tandem.access); writes go through tandem.notify.services."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.pagination import Pagination
from tandem.notify import selectors, services
from tandem.notify.rendering import render_notice

router = Router(tags=["notify"])

NoticeId = Annotated[str, Path(description="The notice's id (a UUID).")]
ItemId = Annotated[str, Path(description="The print queue item's id (a UUID).")]
TaskId = Annotated[str, Path(description="The face-to-face reminder's id (a UUID).")]


class NotificationOut(Schema):
    id: int
    notice_id: UUID
    kind: str
    subject: str
    text: str
    url: str
    urgent: bool
    created_at: dt.datetime
    read_at: dt.datetime | None


class PushIn(Schema):
    endpoint: str = Field(max_length=1000, pattern=r"^https://|^http://127\.0\.0\.1|^http://localhost")
    p256dh: str = Field(max_length=200, min_length=10)
    auth: str = Field(max_length=100, min_length=4)


class PushRemoveIn(Schema):
    endpoint: str = Field(max_length=1000)


class DeliveryEventOut(Schema):
    kind: str
    message: str
    at: dt.datetime


class DeliveryOut(Schema):
    channel: str
    status: str
    attempts: int
    last_error: str
    events: list[DeliveryEventOut]


class RecipientLogOut(Schema):
    recipient_id: int
    name: str
    is_guardian: bool
    reached: bool
    deliveries: list[DeliveryOut]


class DeliveryLogOut(Schema):
    notice_id: UUID
    totals: dict[str, int]
    by_channel: dict[str, dict[str, int]]
    recipients: list[RecipientLogOut]


class PrintItemOut(Schema):
    id: UUID
    guardian_name: str
    language: str
    created_at: dt.datetime
    printed_at: dt.datetime | None


class PrintedIn(Schema):
    items: list[UUID] = Field(min_length=1, max_length=500)


class FaceToFaceOut(Schema):
    id: UUID
    guardian_name: str
    child_name: str
    subject: str
    due_on: dt.date
    status: str
    note: str


class FaceToFaceIn(Schema):
    done: bool
    note: str = Field("", max_length=300)


def _notification(request, recipient) -> dict:
    try:
        rendered = render_notice(
            recipient.notice, language=getattr(request, "LANGUAGE_CODE", "en"), recipient_name=request.auth.first_name
        )
        subject, text = rendered.subject, rendered.text
    except Exception:  # noqa: BLE001 - a template another app has not written yet
        subject, text = "", ""
    return {
        "id": recipient.pk,
        "notice_id": recipient.notice_id,
        "kind": recipient.notice.kind,
        "subject": subject,
        "text": text,
        "url": recipient.notice.url,
        "urgent": recipient.notice.urgent,
        "created_at": recipient.created_at,
        "read_at": recipient.read_at,
    }


def _guardian_only(request):
    if not rules.is_guardian(request.auth):
        raise Http404


# --- family ---------------------------------------------------------------------------------------


@router.get("/family/notify/notices", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(Pagination)
def family_notice_list(request: HttpRequest) -> list[dict]:
    _guardian_only(request)
    return [_notification(request, r) for r in selectors.family_notices(user=request.auth)[:500]]


@router.post("/family/notify/notices/{recipient_id}/read", response=NotificationOut, summary="Mark one as read")
def family_notice_read(request: HttpRequest, recipient_id: str) -> dict:
    recipient = selectors.family_notice(user=request.auth, recipient_id=recipient_id)
    services.notice_mark_read(recipient=recipient, by=request.auth)
    return _notification(request, recipient)


@router.post(
    "/family/notify/push-subscriptions",
    response={201: dict},
    summary="Notify me on this device (web push)",
    url_name="notify_push_subscribe",
)
def push_subscribe(request: HttpRequest, payload: PushIn) -> Status:
    """Any signed-in person (family or staff) may sign up their own browser."""
    services.push_subscribe(
        user=request.auth,
        endpoint=payload.endpoint,
        p256dh=payload.p256dh,
        auth=payload.auth,
        user_agent=request.headers.get("User-Agent", ""),
    )
    return Status(201, {"subscribed": True})


@router.post(
    "/family/notify/push-subscriptions/remove",
    response=dict,
    summary="Stop notifications on this device",
    url_name="notify_push_unsubscribe",
)
def push_unsubscribe(request: HttpRequest, payload: PushRemoveIn) -> dict:
    return {"removed": services.push_unsubscribe(user=request.auth, endpoint=payload.endpoint)}


# --- staff ----------------------------------------------------------------------------------------


def _membership(request, setting_slug):
    return rules.membership_for_user(request.auth, setting_slug=setting_slug)


@router.get(
    "/settings/{setting_slug}/notify/notices/{notice_id}/deliveries",
    response=DeliveryLogOut,
    summary="A notice's delivery log",
)
def staff_delivery_log(request: HttpRequest, setting_slug: str, notice_id: NoticeId) -> dict:
    """Counts by channel and status, and each recipient with their deliveries (not reached first).
    For staff with can_manage_deliveries, or the one who sent the notice."""
    membership = _membership(request, setting_slug)
    notice = selectors.notice_for_staff(user=request.auth, setting=membership.setting, notice_id=notice_id)
    counts = selectors.delivery_counts(notice=notice)
    rows = selectors.delivery_log(notice=notice)
    return {
        "notice_id": notice.pk,
        "totals": counts["totals"],
        "by_channel": counts["by_channel"],
        "recipients": [
            {
                "recipient_id": row["recipient"].pk,
                "name": (
                    f"{row['recipient'].guardian.first_name} {row['recipient'].guardian.last_name}"
                    if row["recipient"].guardian_id
                    else row["recipient"].staff.user.display_name
                ),
                "is_guardian": bool(row["recipient"].guardian_id),
                "reached": row["reached"],
                "deliveries": [
                    {
                        "channel": d.channel,
                        "status": d.status,
                        "attempts": d.attempts,
                        "last_error": d.last_error,
                        "events": [{"kind": e.kind, "message": e.message, "at": e.at} for e in d.events.all()],
                    }
                    for d in row["deliveries"]
                ],
            }
            for row in rows
        ],
    }


def _print_item(item) -> dict:
    return {
        "id": item.pk,
        "guardian_name": f"{item.guardian.first_name} {item.guardian.last_name}",
        "language": item.language,
        "created_at": item.created_at,
        "printed_at": item.printed_at,
    }


@router.get("/settings/{setting_slug}/notify/print-queue", response=list[PrintItemOut], summary="Letters to print")
@paginate(Pagination)
def staff_print_queue(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _membership(request, setting_slug)
    return [_print_item(i) for i in selectors.print_queue_for_staff(user=request.auth, setting=membership.setting)]


@router.post(
    "/settings/{setting_slug}/notify/print-queue/printed", response=list[PrintItemOut], summary="Mark letters printed"
)
def staff_print_mark(request: HttpRequest, setting_slug: str, payload: PrintedIn) -> list[dict]:
    membership = _membership(request, setting_slug)
    items = selectors.print_items_for_staff(user=request.auth, setting=membership.setting, ids=payload.items)
    if len(items) != len(set(payload.items)):
        raise ValidationError({"items": _("Some of these letters are not waiting to be printed.")})
    services.print_items_mark_printed(items=items, by=request.auth)
    return [_print_item(i) for i in items]


def _task(request, task) -> dict:
    try:
        subject = render_notice(
            task.delivery.notice, language=getattr(request, "LANGUAGE_CODE", "en"), recipient_name=""
        ).subject
    except Exception:  # noqa: BLE001
        subject = ""
    return {
        "id": task.pk,
        "guardian_name": f"{task.guardian.first_name} {task.guardian.last_name}",
        "child_name": task.child.known_as if task.child_id else "",
        "subject": subject,
        "due_on": task.due_on,
        "status": task.status,
        "note": task.note,
    }


@router.get(
    "/settings/{setting_slug}/notify/face-to-face",
    response=list[FaceToFaceOut],
    summary="My face-to-face reminders for today",
)
def staff_face_to_face(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _membership(request, setting_slug)
    setting = membership.setting
    tasks = selectors.face_to_face_for_staff(user=request.auth, setting=setting, day=setting.today())
    return [_task(request, t) for t in tasks]


@router.post(
    "/settings/{setting_slug}/notify/face-to-face/{task_id}",
    response=FaceToFaceOut,
    summary="Done, or could not tell the family",
)
def staff_face_to_face_done(request: HttpRequest, setting_slug: str, task_id: TaskId, payload: FaceToFaceIn) -> dict:
    membership = _membership(request, setting_slug)
    task = selectors.face_to_face_task_for_staff(user=request.auth, setting=membership.setting, task_id=task_id)
    services.face_to_face_complete(task=task, by=request.auth, done=payload.done, note=payload.note)
    return _task(request, task)
