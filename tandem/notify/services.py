"""The one way any app tells people something. A service of another app calls, inside its own
transaction:

    from tandem.notify.services import notify_guardians
    notify_guardians(
        setting=complaint.setting,
        guardians=[complaint.raised_by],            # Guardian instances (or a queryset)
        kind="concerns.acknowledged",               # dotted, prefixed with the sending app
        template="concerns/notices/acknowledged",   # templates/concerns/notices/acknowledged.subject.txt, .body.txt
        context={"reference": complaint.reference}, # JSON only; rendered later in each reader's language
        url=reverse("concerns_family:detail", args=[complaint.pk]),
        source=complaint, child=complaint.child, sent_by=user,
    )

The rows are written now; the routing (which channel for whom, quiet hours, digests, the
delivery log) runs in a background task after the transaction commits, never in the request."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.notify.models import DeliveryChannel, Notice, NoticeRecipient


def _unique(people: Iterable) -> list:
    seen, result = set(), []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            result.append(person)
    return result


def check_urgent(*, setting, sent_by) -> None:
    """Only a member of staff whose roles give can_send_urgent may mark a notice urgent
    (urgent notices skip digests and quiet hours)."""
    from django.http import Http404

    from tandem.access import rules

    if sent_by is None or not getattr(sent_by, "is_authenticated", False):
        raise ValidationError({"urgent": _("Only a manager can send an urgent message.")})
    try:
        membership = rules.membership_for_user(sent_by, setting_slug=setting.slug)
    except Http404:
        membership = None
    if membership is None or not membership.perms.can_send_urgent:
        raise ValidationError({"urgent": _("Only a manager can send an urgent message.")})


def _notice(
    *, setting, kind, template, context, url, urgent, source, child, sent_by, send_after, channels=()
) -> Notice:
    if urgent:
        check_urgent(setting=setting, sent_by=sent_by)
    return Notice.objects.create(
        setting=setting,
        kind=kind,
        template=template,
        context=context or {},
        url=url,
        urgent=urgent,
        source_type=source._meta.label_lower if isinstance(source, models.Model) else "",
        source_id=str(source.pk) if isinstance(source, models.Model) else "",
        child=child,
        sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
        send_after=send_after,
        channels=list(channels or ()),
    )


def _route_after_commit(notice: Notice) -> None:
    from tandem.notify.tasks import route_notice

    transaction.on_commit(lambda: route_notice.enqueue(str(notice.pk)))


def _notify(*, setting, people: Iterable, field: str, **notice_fields) -> Notice:
    """One notice, and a recipient row for each of PEOPLE who belongs to SETTING (as FIELD:
    "guardian" or "staff"), routed after the transaction commits."""
    notice = _notice(setting=setting, **notice_fields)
    now = timezone.now()
    NoticeRecipient.objects.bulk_create(
        [
            NoticeRecipient(notice=notice, setting=setting, created_at=now, **{field: person})
            for person in _unique(people)
            if person.setting_id == setting.pk
        ]
    )
    _route_after_commit(notice)
    return notice


@transaction.atomic
def notify_guardians(
    *,
    setting,
    guardians: Iterable,
    kind: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    urgent: bool = False,
    source: models.Model | None = None,
    child=None,
    sent_by=None,
    send_after: datetime | None = None,
    channels: Iterable[str] | None = None,
) -> Notice:
    """A notice to each of GUARDIANS (of SETTING; others are ignored), routed after commit.
    CHANNELS, when given, replaces each guardian's own choice (["face_to_face"]: the key person
    tells them at drop-off or pick-up)."""
    unknown = set(channels or ()) - set(DeliveryChannel.values)
    if unknown:
        raise ValueError(f"unknown channels: {sorted(unknown)}")
    return _notify(
        setting=setting,
        people=guardians,
        field="guardian",
        kind=kind,
        template=template,
        context=context,
        url=url,
        urgent=urgent,
        source=source,
        child=child,
        sent_by=sent_by,
        send_after=send_after,
        channels=channels,
    )


@transaction.atomic
def notify_staff(
    *,
    setting,
    staff: Iterable,
    kind: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    urgent: bool = False,
    source: models.Model | None = None,
    child=None,
    sent_by=None,
    send_after: datetime | None = None,
) -> Notice:
    """A notice to each of STAFF (StaffMember rows of SETTING), routed after commit."""
    return _notify(
        setting=setting,
        people=staff,
        field="staff",
        kind=kind,
        template=template,
        context=context,
        url=url,
        urgent=urgent,
        source=source,
        child=child,
        sent_by=sent_by,
        send_after=send_after,
    )


# --- what the people reached do -------------------------------------------------------------------


@transaction.atomic
def notice_mark_read(*, recipient: NoticeRecipient, by) -> NoticeRecipient:
    """RECIPIENT (the caller's own, from selectors) opened the notice: read once, kept."""
    from tandem.notify.sending import mark_read

    now = timezone.now()
    if recipient.read_at is None:
        NoticeRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=now)
        recipient.read_at = now
        mark_read(recipient, now=now)
    return recipient


@transaction.atomic
def notices_mark_all_read(*, recipients, by) -> int:
    from tandem.notify.sending import mark_read

    now = timezone.now()
    unread = [r for r in recipients if r.read_at is None]
    NoticeRecipient.objects.filter(pk__in=[r.pk for r in unread]).update(read_at=now)
    for recipient in unread:
        mark_read(recipient, now=now)
    return len(unread)


@transaction.atomic
def push_subscribe(*, user, endpoint: str, p256dh: str, auth: str, user_agent: str = ""):
    from tandem.notify.models import PushSubscription

    subscription = PushSubscription(
        user=user, endpoint=endpoint, p256dh=p256dh, auth=auth, user_agent=(user_agent or "")[:200]
    )
    existing = PushSubscription.objects.filter(endpoint=endpoint).first()
    if existing is not None:
        if existing.user_id != user.pk:
            existing.delete()  # the device changed hands: it now belongs to the one signed in
        else:
            subscription = existing
            subscription.p256dh, subscription.auth = p256dh, auth
    subscription.full_clean(validate_unique=existing is None or existing.user_id != user.pk)
    subscription.save()
    return subscription


@transaction.atomic
def push_unsubscribe(*, user, endpoint: str) -> int:
    from tandem.notify.models import PushSubscription

    deleted, _rows = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return deleted


@transaction.atomic
def print_items_mark_printed(*, items, by) -> int:
    """The office printed ITEMS (from selectors.print_queue_for_staff): their letters are delivered."""
    from tandem.core.audit import audit_log
    from tandem.notify.models import Delivery, DeliveryEvent, DeliveryStatus, PrintQueueItem
    from tandem.notify.sending import event

    now = timezone.now()
    items = [item for item in items if item.printed_at is None]
    for item in items:
        if PrintQueueItem.objects.filter(pk=item.pk, printed_at__isnull=True).update(printed_at=now, printed_by=by):
            Delivery.objects.filter(pk=item.delivery_id).update(status=DeliveryStatus.DELIVERED, updated_at=now)
            event(item.delivery, DeliveryEvent.Kind.PRINTED, "Printed by the office.", now=now)
            audit_log("notify.letter_printed", actor=by, obj=item, setting=item.delivery.notice.setting)
    return len(items)


@transaction.atomic
def face_to_face_complete(*, task, by, done: bool, note: str = ""):
    """The key person told the family (DONE) or could not; could not -> the office prints a letter."""
    from tandem.core.audit import audit_log
    from tandem.notify.models import Delivery, DeliveryEvent, DeliveryStatus, FaceToFaceTask
    from tandem.notify.sending import event, fail

    if task.status != FaceToFaceTask.Status.OPEN:
        raise ValidationError(_("This reminder is already done."))
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note under 300 characters.")})
    now = timezone.now()
    task.status = FaceToFaceTask.Status.DONE if done else FaceToFaceTask.Status.COULD_NOT
    task.note, task.done_at, task.done_by = note, now, by
    task.full_clean()
    task.save()
    audit_log("notify.face_to_face_" + task.status, actor=by, obj=task, setting=task.delivery.notice.setting)
    if done:
        Delivery.objects.filter(pk=task.delivery_id).update(status=DeliveryStatus.DELIVERED, updated_at=now)
        event(task.delivery, DeliveryEvent.Kind.DONE, "Told face to face by the key person.", now=now)
    else:
        fail(task.delivery, "The key person could not tell the family in person.", now=now)
    return task


def sms_status(*, provider_id: str, status: str, error_code: str = "") -> bool:
    """A status callback from the SMS provider: delivered, or failed (falls back to a letter)."""
    from tandem.notify.models import Delivery, DeliveryChannel, DeliveryEvent, DeliveryStatus
    from tandem.notify.sending import event, fail

    delivery = (
        Delivery.objects.filter(provider_id=provider_id, channel=DeliveryChannel.SMS)
        .select_related("recipient__guardian", "notice")
        .first()
    )
    if delivery is None or not provider_id:
        return False
    with transaction.atomic():
        if status == "delivered" and delivery.status == DeliveryStatus.SENT:
            Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DELIVERED, updated_at=timezone.now())
            event(delivery, DeliveryEvent.Kind.DELIVERED, "The phone network delivered the text.")
        elif status in ("failed", "undelivered") and delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED):
            code = "".join(ch for ch in error_code if ch.isalnum())[:12]
            fail(delivery, f"The phone network could not deliver the text (error {code or 'unknown'}).")
    return True
