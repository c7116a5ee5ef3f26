"""Demo notifications for Sunflower: a few notices to the demo families with their deliveries
and logs (one e-mail that bounced and went by text instead), a letter waiting in the office's
print queue and a face-to-face reminder on the key person's list. Written with the ORM
directly (nothing is sent); running it twice adds nothing."""

import datetime as dt
import random

from django.utils import timezone

from tandem.core.demo.common import seeded_uuid
from tandem.core.models import ChildGuardian, Guardian, Setting, StaffMember
from tandem.notify.models import (
    Delivery,
    DeliveryEvent,
    FaceToFaceTask,
    Notice,
    NoticeRecipient,
    PrintQueueItem,
)

NOTICES = [
    ("Trip to the farm on Friday", "Please bring wellies and a waterproof coat. We leave at 9:30.", 3),
    ("Photos from the sensory morning", "There are new photos in your child's journal.", 1),
    ("Nursery closed on Monday for staff training", "We open again on Tuesday at 8:00.", 0),
]


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Notice.objects.filter(setting=setting, kind="notify.demo").exists():
        return
    guardians = list(
        Guardian.objects.filter(setting=setting).select_related("user").order_by("last_name", "first_name")
    )
    if not guardians:
        return
    manager = (
        StaffMember.objects.filter(setting=setting, user__email="manager@demo.tandem.test")
        .select_related("user")
        .first()
    )
    now = timezone.now()
    paper = next((g for g in guardians if not g.user_id), guardians[-1])
    other = next((g for g in guardians if g.user and g.user.email == "otherparent@demo.tandem.test"), None)
    for index, (subject, body, days_ago) in enumerate(NOTICES):
        at = now - dt.timedelta(days=days_ago, hours=index)
        notice = Notice.objects.create(
            id=seeded_uuid(rng),
            setting=setting,
            kind="notify.demo",
            template="notify/notices/plain",
            context={"subject": subject, "body": body},
            url="/family/",
            sent_by=manager.user if manager else None,
            routed_at=at,
            created_at=at,
        )
        with_accounts = [g for g in guardians if g.user_id]
        chosen = list(dict.fromkeys([*with_accounts, *guardians[:12], paper]))
        for guardian in chosen:
            recipient = NoticeRecipient.objects.create(
                notice=notice, setting=setting, guardian=guardian, created_at=at, read_at=at if days_ago > 1 else None
            )
            if guardian.user_id:
                _delivery(notice, recipient, "app", "read" if days_ago > 1 else "sent", at, ["sent"])
            if guardian == paper:
                letter = _delivery(notice, recipient, "letter", "sent", at, ["queued", "sent"])
                if index == 0:
                    PrintQueueItem.objects.create(
                        setting=setting, delivery=letter, guardian=guardian, language="en", created_at=at
                    )
                continue
            if guardian.email:
                if index == 0 and other is not None and guardian == other:
                    email = _delivery(notice, recipient, "email", "failed", at, ["queued", "failed", "fallback"])
                    _delivery(
                        notice, recipient, "sms", "delivered", at, ["queued", "sent", "delivered"], fallback=email
                    )
                else:
                    _delivery(notice, recipient, "email", "sent", at, ["queued", "sent"])
        if index == 0:
            _face_to_face(setting, notice, today, at)


MESSAGES = {
    "queued": "",
    "sent": "Handed over.",
    "failed": "The mail server refused the address (SMTP 550).",
    "fallback": "E-mail failed: sent by text message instead.",
    "delivered": "The phone network delivered the text.",
}


def _delivery(notice, recipient, channel, status, at, steps, fallback=None) -> Delivery:
    delivery = Delivery.objects.create(
        setting=notice.setting,
        notice=notice,
        recipient=recipient,
        channel=channel,
        status=status,
        attempts=1 if channel != "app" else 0,
        sent_at=at if status in ("sent", "delivered", "read") else None,
        last_error=MESSAGES["failed"] if status == "failed" else "",
        fallback_of=fallback,
        created_at=at,
        updated_at=at,
    )
    for offset, step in enumerate(steps):
        DeliveryEvent.objects.create(
            setting=notice.setting,
            delivery=delivery,
            kind=step,
            message=MESSAGES.get(step, ""),
            at=at + dt.timedelta(seconds=offset * 20),
        )
    return delivery


def _face_to_face(setting, notice, today, at) -> None:
    key_person = StaffMember.objects.filter(setting=setting, user__email="keyperson@demo.tandem.test").first()
    if key_person is None:
        return
    link = (
        ChildGuardian.objects.filter(setting=setting, child__key_person=key_person)
        .select_related("child", "guardian")
        .order_by("child__first_name")
        .first()
    )
    if link is None:
        return
    recipient, _ = NoticeRecipient.objects.get_or_create(
        notice=notice, guardian=link.guardian, defaults={"setting": setting, "created_at": at}
    )
    delivery = _delivery(notice, recipient, "face_to_face", "sent", at, ["queued", "sent"])
    FaceToFaceTask.objects.create(
        setting=setting,
        delivery=delivery,
        guardian=link.guardian,
        child=link.child,
        key_person=key_person,
        due_on=today,
    )
