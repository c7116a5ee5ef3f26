"""Which channels reach each recipient of a notice, and when (docs/notify.md).

route(notice) runs in a background task once the notice's transaction has committed (or, for
a scheduled notice, once its send_after has passed). It reads every recipient with their
communication preferences in a few bulk queries, decides the channels for each, and writes one
Delivery per recipient and channel with its first DeliveryEvent. The sending itself is done by
tandem.notify.sending, in tasks enqueued at the end.

For a parent or carer:
- their CommunicationPreference.channels (app, email, sms, letter, face_to_face); with no
  preferences (or none chosen): in the app when they have an account, and e-mail when we have
  an address. Someone we cannot reach any other way gets a printed letter.
- "in the app" is the NoticeRecipient row itself, plus web push to each PushSubscription of
  their account (when VAPID keys are set up).
- e-mail chosen without an address: a text message when they have a mobile number, else a letter.
- a daily or weekly digest keeps e-mails for the next digest; quiet hours (in the setting's
  time zone, also across midnight) hold e-mail, SMS and push until they end. Urgent notices
  skip both. Letters and face-to-face reminders are not held: the office and the key person
  pass them on in working hours.
For staff: in the app (and push), and e-mail when their account has an address."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from tandem.core.models import Channel, Digest
from tandem.notify.models import (
    Delivery,
    DeliveryChannel,
    DeliveryEvent,
    DeliveryStatus,
    Notice,
    NoticeRecipient,
    PushSubscription,
)

TIMED = {DeliveryChannel.EMAIL, DeliveryChannel.SMS, DeliveryChannel.PUSH}


def preferences_of(guardian):
    try:
        return guardian.preferences
    except Exception:  # RelatedObjectDoesNotExist: no preferences recorded
        return None


def quiet_until(prefs, tz: zoneinfo.ZoneInfo, now: dt.datetime) -> dt.datetime | None:
    """The end of the quiet hours NOW falls in (an aware datetime), or None."""
    start, end = getattr(prefs, "quiet_hours_start", None), getattr(prefs, "quiet_hours_end", None)
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(tz)
    t = local.time().replace(tzinfo=None)
    if start < end:
        if not (start <= t < end):
            return None
        day = local.date()
    else:  # spans midnight, e.g. 21:00 to 07:00
        if not (t >= start or t < end):
            return None
        day = local.date() + dt.timedelta(days=1) if t >= start else local.date()
    return dt.datetime.combine(day, end, tzinfo=tz)


def next_digest_at(digest: str, tz: zoneinfo.ZoneInfo, now: dt.datetime) -> dt.datetime:
    """When the next daily (or weekly, on Monday) digest goes out after NOW, in local time."""
    hour = dt.time(settings.TANDEM_NOTIFY_DIGEST_HOUR)
    local = now.astimezone(tz)
    day = local.date()
    candidate = dt.datetime.combine(day, hour, tzinfo=tz)
    if candidate <= local:
        day += dt.timedelta(days=1)
    if digest == Digest.WEEKLY:
        day += dt.timedelta(days=(7 - day.weekday()) % 7)
    return dt.datetime.combine(day, hour, tzinfo=tz)


def push_enabled() -> bool:
    return bool(settings.TANDEM_VAPID_PRIVATE_KEY and settings.TANDEM_VAPID_PUBLIC_KEY)


def _guardian_plan(guardian, prefs, has_push: bool) -> list[tuple[str, str]]:
    """[(channel, why)] for one guardian: WHY is an untranslated event message ("" if chosen)."""
    chosen = list(prefs.channels) if prefs is not None and prefs.channels else [Channel.APP, Channel.EMAIL]
    defaulted = not (prefs is not None and prefs.channels)
    plan: list[tuple[str, str]] = []
    if Channel.APP in chosen and guardian.user_id:
        plan.append((DeliveryChannel.APP, ""))
        if has_push:
            plan.append((DeliveryChannel.PUSH, ""))
    if Channel.EMAIL in chosen:
        if guardian.email:
            plan.append((DeliveryChannel.EMAIL, ""))
        elif not defaulted:
            if guardian.phone and Channel.SMS not in chosen:
                plan.append((DeliveryChannel.SMS, gettext_noop("No e-mail address: sent by text message instead.")))
            elif Channel.LETTER not in chosen:
                plan.append((DeliveryChannel.LETTER, gettext_noop("No e-mail address: a letter will be printed.")))
    if Channel.SMS in chosen:
        plan.append((DeliveryChannel.SMS, ""))
    if Channel.LETTER in chosen:
        plan.append((DeliveryChannel.LETTER, ""))
    if Channel.FACE_TO_FACE in chosen:
        plan.append((DeliveryChannel.FACE_TO_FACE, ""))
    if not plan:
        plan = [(DeliveryChannel.LETTER, gettext_noop("No other way to reach them: a letter will be printed."))]
    seen, unique = set(), []
    for channel, why in plan:
        if channel not in seen:
            seen.add(channel)
            unique.append((channel, why))
    return unique


def plan_for(recipient: NoticeRecipient, *, push_users: set) -> list[tuple[str, str]]:
    only = recipient.notice.channels
    if only and recipient.guardian_id:
        return [(channel, "") for channel in only]
    if recipient.guardian_id:
        guardian = recipient.guardian
        return _guardian_plan(guardian, preferences_of(guardian), guardian.user_id in push_users)
    user = recipient.staff.user
    plan = [(DeliveryChannel.APP, "")]
    if user.pk in push_users:
        plan.append((DeliveryChannel.PUSH, ""))
    if user.email:
        plan.append((DeliveryChannel.EMAIL, ""))
    return plan


def timing_for(channel: str, *, recipient, notice, tz, now) -> tuple[str, dt.datetime | None, str]:
    """(status, next_attempt_at, event message) for a new delivery."""
    if channel == DeliveryChannel.APP:
        return DeliveryStatus.SENT, None, gettext_noop("Shown in the app.")
    if notice.urgent or channel not in TIMED or not recipient.guardian_id:
        return DeliveryStatus.QUEUED, None, gettext_noop("Urgent: sent at once.") if notice.urgent else ""
    prefs = preferences_of(recipient.guardian)
    if channel == DeliveryChannel.EMAIL and prefs is not None and prefs.digest in (Digest.DAILY, Digest.WEEKLY):
        message = (
            gettext_noop("Kept for the daily digest.")
            if prefs.digest == Digest.DAILY
            else gettext_noop("Kept for the weekly digest.")
        )
        return DeliveryStatus.DIGESTED, next_digest_at(prefs.digest, tz, now), message
    until = quiet_until(prefs, tz, now)
    if until is not None:
        return DeliveryStatus.HELD, until, gettext_noop("Held until the family's quiet hours end.")
    return DeliveryStatus.QUEUED, None, ""


def route(notice: Notice, *, now: dt.datetime | None = None) -> int:
    """Write the deliveries of NOTICE (once) and start sending; returns how many it wrote."""
    from tandem.notify import tasks

    now = now or timezone.now()
    if notice.send_after is not None and notice.send_after > now:
        return 0  # tandem.notify.tasks.route_scheduled routes it when its time comes
    with transaction.atomic():
        # Routing happens once, even if two workers are given the same notice.
        if Notice.objects.filter(pk=notice.pk, routed_at__isnull=True).update(routed_at=now) != 1:
            return 0
        recipients = list(
            NoticeRecipient.objects.filter(notice=notice).select_related(
                "guardian__preferences", "staff__user", "notice__setting"
            )
        )
        user_ids = {r.guardian.user_id for r in recipients if r.guardian_id and r.guardian.user_id} | {
            r.staff.user_id for r in recipients if r.staff_id
        }
        push_users = (
            set(PushSubscription.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
            if push_enabled() and user_ids
            else set()
        )
        tz = zoneinfo.ZoneInfo(notice.setting.timezone)
        deliveries, events = [], []
        for recipient in recipients:
            for channel, why in plan_for(recipient, push_users=push_users):
                status, next_at, message = timing_for(channel, recipient=recipient, notice=notice, tz=tz, now=now)
                delivery = Delivery(
                    setting_id=notice.setting_id,
                    notice=notice,
                    recipient=recipient,
                    channel=channel,
                    status=status,
                    next_attempt_at=next_at,
                    sent_at=now if status == DeliveryStatus.SENT else None,
                    created_at=now,
                    updated_at=now,
                )
                deliveries.append(delivery)
                kind = {
                    DeliveryStatus.SENT: DeliveryEvent.Kind.SENT,
                    DeliveryStatus.HELD: DeliveryEvent.Kind.HELD,
                    DeliveryStatus.DIGESTED: DeliveryEvent.Kind.DIGESTED,
                }.get(status, DeliveryEvent.Kind.QUEUED)
                events.append(
                    DeliveryEvent(
                        setting_id=notice.setting_id,
                        delivery=delivery,
                        kind=kind,
                        message=" ".join(m for m in (why, message) if m),
                        at=now,
                    )
                )
        Delivery.objects.bulk_create(deliveries, batch_size=500)
        DeliveryEvent.objects.bulk_create(events, batch_size=500)
        if any(d.status == DeliveryStatus.QUEUED for d in deliveries):
            notice_id = str(notice.pk)
            senders = max(1, settings.TANDEM_NOTIFY_SENDERS)
            transaction.on_commit(lambda: [tasks.send_notice.enqueue(notice_id) for _ in range(senders)])
    return len(deliveries)
