"""Reads of notices and their deliveries. Every read starts from the person asking: a family
sees only their own notifications, a member of staff only their own setting's, and the
delivery log, print queue and face-to-face list only with the right flags (404 / 403 otherwise)."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.notify.models import (
    REACHED,
    Delivery,
    DeliveryChannel,
    DeliveryEvent,
    DeliveryStatus,
    FaceToFaceTask,
    Notice,
    NoticeRecipient,
    PrintQueueItem,
)


def notices_for_user(*, user) -> QuerySet[NoticeRecipient]:
    """The in-app notifications of USER: as a parent or carer, and as a member of staff."""
    if user is None or not user.is_authenticated:
        return NoticeRecipient.objects.none()
    return (
        NoticeRecipient.objects.filter(Q(guardian__user=user) | Q(staff__user=user, staff__is_active=True))
        .select_related("notice")
        .order_by("-created_at")
    )


def family_notices(*, user) -> QuerySet[NoticeRecipient]:
    """USER's notifications as a parent or carer, newest first (scheduled ones once they are due)."""
    if user is None or not user.is_authenticated:
        return NoticeRecipient.objects.none()
    return (
        NoticeRecipient.objects.filter(guardian__user=user, notice__routed_at__isnull=False)
        .select_related("notice__setting")
        .order_by("-created_at", "-pk")
    )


def family_notice(*, user, recipient_id) -> NoticeRecipient:
    found = family_notices(user=user).filter(pk=_int_or_404(recipient_id)).first()
    if found is None:
        raise Http404
    return found


def staff_notices(*, user, setting) -> QuerySet[NoticeRecipient]:
    return (
        NoticeRecipient.objects.filter(
            staff__user=user, staff__is_active=True, setting=setting, notice__routed_at__isnull=False
        )
        .select_related("notice")
        .order_by("-created_at", "-pk")
    )


def staff_notice(*, user, setting, recipient_id) -> NoticeRecipient:
    found = staff_notices(user=user, setting=setting).filter(pk=_int_or_404(recipient_id)).first()
    if found is None:
        raise Http404
    return found


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def notice_for_staff(*, user, setting, notice_id) -> Notice:
    """A notice of SETTING whose delivery log USER may see: with can_manage_deliveries, or the
    one who sent it (404 for another setting's, 403 for someone else's)."""
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    notice = Notice.objects.filter(pk=uuid_or_404(notice_id), setting=setting).first()
    if notice is None:
        raise Http404
    if not (membership.perms.can_manage_deliveries or (notice.sent_by_id == user.pk)):
        rules.require(membership.perms, "can_manage_deliveries")
    return notice


def delivery_counts(*, notice) -> dict:
    """{channel: {status: n}} and totals by status, in one query."""
    rows = Delivery.objects.filter(notice=notice).values("channel", "status").annotate(n=Count("pk"))
    by_channel: dict[str, dict[str, int]] = {}
    totals: Counter = Counter()
    for row in rows:
        by_channel.setdefault(row["channel"], {})[row["status"]] = row["n"]
        totals[row["status"]] += row["n"]
    return {"by_channel": by_channel, "totals": dict(totals)}


def is_reached(deliveries) -> bool:
    for d in deliveries:
        if d.status in (DeliveryStatus.DELIVERED, DeliveryStatus.READ):
            return True
        if d.status == DeliveryStatus.SENT and d.channel in (
            DeliveryChannel.EMAIL,
            DeliveryChannel.SMS,
            DeliveryChannel.PUSH,
        ):
            return True
    return False


def delivery_log(*, notice, limit: int = 500) -> list[dict]:
    """Each recipient with their deliveries and events, not-reached first."""
    recipients = list(
        NoticeRecipient.objects.filter(notice=notice)
        .select_related("guardian", "staff__user")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.order_by("created_at").prefetch_related(
                    Prefetch("events", queryset=DeliveryEvent.objects.order_by("at", "id"))
                ),
            )
        )
        .order_by("pk")[:limit]
    )
    rows = []
    for recipient in recipients:
        deliveries = list(recipient.deliveries.all())
        rows.append({"recipient": recipient, "deliveries": deliveries, "reached": is_reached(deliveries)})
    rows.sort(key=lambda row: row["reached"])
    return rows


def print_queue_for_staff(*, user, setting, printed: bool = False) -> QuerySet[PrintQueueItem]:
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    rules.require(membership.perms, "can_manage_deliveries")
    return (
        PrintQueueItem.objects.filter(setting=setting, printed_at__isnull=not printed)
        .select_related("guardian__family", "delivery__notice__setting", "printed_by")
        .order_by("created_at" if not printed else "-printed_at")
    )


def print_items_for_staff(*, user, setting, ids) -> list[PrintQueueItem]:
    clean = [uuid_or_404(i) for i in ids]
    return list(print_queue_for_staff(user=user, setting=setting).filter(pk__in=clean))


def print_item_for_staff(*, user, setting, item_id) -> PrintQueueItem:
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    rules.require(membership.perms, "can_manage_deliveries")
    item = (
        PrintQueueItem.objects.filter(setting=setting, pk=uuid_or_404(item_id))
        .select_related("guardian__family", "delivery__notice__setting")
        .first()
    )
    if item is None:
        raise Http404
    return item


def face_to_face_for_staff(*, user, setting, day) -> QuerySet[FaceToFaceTask]:
    """The key person's list: open reminders due by DAY, and what they did today."""
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        FaceToFaceTask.objects.filter(setting=setting, key_person=membership.staff)
        .filter(Q(status=FaceToFaceTask.Status.OPEN, due_on__lte=day) | Q(due_on=day))
        .select_related("guardian", "child", "delivery__notice")
        .order_by("status", "due_on", "guardian__last_name")
    )


def face_to_face_task_for_staff(*, user, setting, task_id) -> FaceToFaceTask:
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    task = (
        FaceToFaceTask.objects.filter(setting=setting, pk=uuid_or_404(task_id))
        .select_related("delivery__notice", "delivery__recipient__guardian")
        .first()
    )
    if task is None:
        raise Http404
    if task.key_person_id != membership.staff.pk:
        rules.require(membership.perms, "can_manage_deliveries")
    return task


__all__ = ["REACHED"]
