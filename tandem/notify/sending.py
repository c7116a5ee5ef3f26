"""Sending deliveries, channel by channel, from background tasks only.

Each delivery is claimed just before it is sent, with a conditional UPDATE (queued or held, and
due -> sending, with the claim time). Two workers never send the same delivery, and a worker
that is killed mid-batch leaves at most the one delivery it was sending in "sending"; the
others stay queued and are sent by the next run. A claim older than
TANDEM_NOTIFY_CLAIM_TIMEOUT_SECONDS is given back to the queue (that one message may, in the
rare case the worker died between the provider accepting it and our write, go twice).

Outcomes:
- sent: the provider (SMTP server, SMS provider, push service) accepted it.
- rejected (SMTP 5xx, an invalid number, the provider refusing it): failed, with the reason,
  and a fallback: e-mail -> SMS (with a valid number) -> the office's print queue; SMS ->
  print queue; face to face -> print queue. Staff have no fallback: the app has it.
- temporary (time-outs, 4xx, a dropped connection): retried with exponential back-off
  (TANDEM_NOTIFY_BACKOFF_SECONDS x 2^n), and after TANDEM_NOTIFY_MAX_ATTEMPTS it fails and falls back.
Reasons in last_error and events never contain an address, a number or a child's name."""

import datetime as dt
import logging
import secrets
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from tandem.notify import channels
from tandem.notify.models import (
    REACHED,
    WAITING,
    Delivery,
    DeliveryChannel,
    DeliveryEvent,
    DeliveryStatus,
)

logger = logging.getLogger(__name__)

CHUNK = 200
FALLBACKS = {
    DeliveryChannel.EMAIL: [DeliveryChannel.SMS, DeliveryChannel.LETTER],
    DeliveryChannel.SMS: [DeliveryChannel.LETTER],
    DeliveryChannel.FACE_TO_FACE: [DeliveryChannel.LETTER],
}
CHANNEL_NAMES = {
    DeliveryChannel.EMAIL: "e-mail",
    DeliveryChannel.SMS: "text message",
    DeliveryChannel.LETTER: "printed letter",
    DeliveryChannel.FACE_TO_FACE: "face to face",
    DeliveryChannel.PUSH: "push notification",
    DeliveryChannel.APP: "app",
}


class Rejected(Exception):
    """The provider will never take this one (a reason safe to store)."""


class Temporary(Exception):
    """Try again later (a reason safe to store)."""


def event(delivery: Delivery, kind: str, message: str = "", *, now=None) -> None:
    DeliveryEvent.objects.create(
        setting_id=delivery.setting_id, delivery=delivery, kind=kind, message=message[:300], at=now or timezone.now()
    )


def claim(delivery_id, *, now: dt.datetime) -> bool:
    """Queued (or held) and due -> sending. True for the one worker whose UPDATE matched."""
    return (
        Delivery.objects.filter(pk=delivery_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.HELD])
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now)
        == 1
    )


def claim_batch(ids, *, now: dt.datetime) -> set:
    """Claim many at once (one UPDATE); returns the ids this call claimed."""
    token = secrets.token_hex(16)
    Delivery.objects.filter(pk__in=ids, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.HELD]).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ).update(status=DeliveryStatus.SENDING, claimed_at=now, claim=token, attempts=F("attempts") + 1, updated_at=now)
    return set(Delivery.objects.filter(pk__in=ids, claim=token).values_list("pk", flat=True))


@transaction.atomic
def mark_sent(delivery: Delivery, *, provider_id: str = "", address: str = "", message: str = "", now=None) -> None:
    now = now or timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=now, provider_id=provider_id[:100], address=address[:254],
        last_error="", updated_at=now,
    )  # fmt: skip
    delivery.status, delivery.provider_id = DeliveryStatus.SENT, provider_id
    event(delivery, DeliveryEvent.Kind.SENT, message, now=now)


@transaction.atomic
def fail(delivery: Delivery, reason: str, *, now=None, fall_back: bool = True) -> Delivery | None:
    """Mark DELIVERY failed with REASON and reach the person another way; returns the fallback."""
    now = now or timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error=reason[:300], updated_at=now
    )
    delivery.status, delivery.last_error = DeliveryStatus.FAILED, reason
    event(delivery, DeliveryEvent.Kind.FAILED, reason, now=now)
    return fallback(delivery, now=now) if fall_back else None


@transaction.atomic
def retry_or_fail(delivery: Delivery, reason: str, *, now=None) -> Delivery | None:
    now = now or timezone.now()
    attempts = Delivery.objects.values_list("attempts", flat=True).get(pk=delivery.pk)
    limit = settings.TANDEM_NOTIFY_MAX_ATTEMPTS
    if attempts >= limit:
        return fail(delivery, f"{reason} Gave up after {attempts} attempts.", now=now)
    wait = settings.TANDEM_NOTIFY_BACKOFF_SECONDS * 2 ** (attempts - 1)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.QUEUED, next_attempt_at=now + dt.timedelta(seconds=wait), last_error=reason[:300],
        updated_at=now,
    )  # fmt: skip
    event(
        delivery,
        DeliveryEvent.Kind.RETRY,
        f"{reason} Trying again in {wait} s (attempt {attempts} of {limit}).",
        now=now,
    )
    return None


def fallback(delivery: Delivery, *, now=None) -> Delivery | None:
    """The next channel for a failed DELIVERY, unless the person is already reached another way."""
    now = now or timezone.now()
    recipient = delivery.recipient
    if not recipient.guardian_id:
        return None
    guardian = recipient.guardian
    existing = {d.channel: d for d in Delivery.objects.filter(recipient=recipient)}
    for channel in FALLBACKS.get(delivery.channel, []):
        other = existing.get(channel)
        if other is not None:
            if other.status in REACHED or other.status in WAITING:
                event(delivery, DeliveryEvent.Kind.FALLBACK, f"Also sent by {CHANNEL_NAMES[channel]}.", now=now)
                return None
            continue  # that way failed too
        if channel == DeliveryChannel.SMS and channels.e164(guardian.phone) is None:
            continue
        if channel == DeliveryChannel.SMS and not channels.sms_provider():
            continue
        new = Delivery.objects.create(
            setting_id=delivery.setting_id,
            notice_id=delivery.notice_id,
            recipient=recipient,
            channel=channel,
            status=DeliveryStatus.QUEUED,
            fallback_of=delivery,
            created_at=now,
            updated_at=now,
        )
        new.recipient = recipient
        event(
            delivery,
            DeliveryEvent.Kind.FALLBACK,
            f"{CHANNEL_NAMES[delivery.channel].capitalize()} failed: sent by {CHANNEL_NAMES[channel]} instead.",
            now=now,
        )
        event(new, DeliveryEvent.Kind.QUEUED, f"Instead of the {CHANNEL_NAMES[delivery.channel]}.", now=now)
        if channel == DeliveryChannel.LETTER:
            send_one(new, now=now)
        return new
    return None


def recover_stale(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(seconds=settings.TANDEM_NOTIFY_CLAIM_TIMEOUT_SECONDS)
    stale = list(Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=cutoff))
    count = 0
    for delivery in stale:
        if (
            Delivery.objects.filter(
                pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=delivery.claimed_at
            ).update(status=DeliveryStatus.QUEUED, next_attempt_at=None, updated_at=now)
            == 1
        ):
            count += 1
            event(delivery, DeliveryEvent.Kind.RETRY, "The worker stopped while sending: sending again.", now=now)
    return count


def _due(*, now, notice_id=None, channel=None):
    qs = Delivery.objects.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.HELD]).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    if notice_id is not None:
        qs = qs.filter(notice_id=notice_id)
    if channel is not None:
        qs = qs.filter(channel=channel)
    return qs


ORDER = [
    DeliveryChannel.EMAIL,
    DeliveryChannel.SMS,
    DeliveryChannel.PUSH,
    DeliveryChannel.LETTER,
    DeliveryChannel.FACE_TO_FACE,
]


def send_due(*, now: dt.datetime | None = None, notice_id=None) -> int:
    """Send every due delivery (of one notice, or all); returns how many were sent."""
    now = now or timezone.now()
    recover_stale(now=now)
    sent = 0
    for channel in ORDER:
        while True:
            batch = list(
                _due(now=now, notice_id=notice_id, channel=channel)
                .select_related(
                    "notice__setting", "recipient__guardian__preferences", "recipient__guardian__family",
                    "recipient__staff__user",
                )
                .order_by("created_at", "id")[:CHUNK]
            )  # fmt: skip
            if not batch:
                break
            sent += send_batch(channel, batch, now=now)
    return sent


def send_one(delivery: Delivery, *, now=None) -> int:
    now = now or timezone.now()
    return send_batch(delivery.channel, [delivery], now=now)


def send_batch(channel: str, batch: list[Delivery], *, now: dt.datetime) -> int:
    if channel == DeliveryChannel.EMAIL:
        return _send_emails(batch, now=now)
    sender = {
        DeliveryChannel.SMS: channels.send_sms,
        DeliveryChannel.PUSH: channels.send_push,
        DeliveryChannel.LETTER: channels.send_letter,
        DeliveryChannel.FACE_TO_FACE: channels.send_face_to_face,
    }[channel]
    sent = 0
    for delivery in batch:
        if not claim(delivery.pk, now=now):
            continue
        try:
            with transaction.atomic():
                provider_id, address, message = sender(delivery, now=now)
        except Rejected as exc:
            fail(delivery, str(exc), now=now)
        except Temporary as exc:
            retry_or_fail(delivery, str(exc), now=now)
        else:
            mark_sent(delivery, provider_id=provider_id, address=address, message=message, now=now)
            sent += 1
    return sent


def _send_emails(batch: list[Delivery], *, now: dt.datetime) -> int:
    """One SMTP connection for the whole batch, claimed with one UPDATE; each message is marked
    sent as soon as the server takes it, so a killed worker leaves only unsent ones claimed."""
    connection = channels.mail_connection()
    sent, opened = 0, False
    claimed = claim_batch([d.pk for d in batch], now=now)
    try:
        for delivery in batch:
            if delivery.pk not in claimed:
                continue
            try:
                message = channels.email_for(delivery, connection=connection)
            except Rejected as exc:
                fail(delivery, str(exc), now=now)
                continue
            try:
                if not opened:
                    connection.open()
                    opened = True
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as exc:
                codes = [code for code, _msg in exc.recipients.values()]
                if codes and all(code >= 500 for code in codes):
                    fail(delivery, f"The mail server refused the address (SMTP {codes[0]}).", now=now)
                else:
                    retry_or_fail(delivery, f"The mail server deferred the address (SMTP {codes[0]}).", now=now)
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                if exc.smtp_code >= 500:
                    fail(delivery, f"The mail server refused the message (SMTP {exc.smtp_code}).", now=now)
                else:
                    retry_or_fail(delivery, f"The mail server deferred the message (SMTP {exc.smtp_code}).", now=now)
            except (TimeoutError, smtplib.SMTPException, OSError) as exc:
                _drop(connection)
                opened = False
                retry_or_fail(delivery, f"The mail server could not be reached ({type(exc).__name__}).", now=now)
            else:
                mark_sent(delivery, provider_id=message.extra_headers["Message-ID"], now=now)
                sent += 1
    finally:
        _drop(connection)
    return sent


def _drop(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a dead connection cannot be closed politely
        if hasattr(connection, "connection"):
            connection.connection = None


def mark_read(recipient, *, now=None) -> None:
    now = now or timezone.now()
    ids = list(
        Delivery.objects.filter(recipient=recipient, channel=DeliveryChannel.APP)
        .exclude(status=DeliveryStatus.READ)
        .values_list("pk", flat=True)
    )
    if ids:
        Delivery.objects.filter(pk__in=ids).update(status=DeliveryStatus.READ, updated_at=now)
        for delivery in Delivery.objects.filter(pk__in=ids):
            event(delivery, DeliveryEvent.Kind.READ, gettext_noop("Opened in the app."), now=now)
