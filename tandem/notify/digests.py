"""Daily and weekly digests: the e-mails a family asked to get together, in one message.

Routing keeps such e-mails as DIGESTED deliveries due at the next digest time (the setting's
local TANDEM_NOTIFY_DIGEST_HOUR, Mondays for weekly). send_digests() gathers every due one per
recipient, claims them all with one conditional UPDATE (digested -> sending, with a claim time
that marks this run), sends one e-mail in the reader's language and marks them sent."""

import smtplib
from collections import defaultdict

from django.utils import timezone

from tandem.core.models import Digest
from tandem.notify import channels, sending
from tandem.notify.models import Delivery, DeliveryChannel, DeliveryEvent, DeliveryStatus
from tandem.notify.routing import preferences_of


def send_digests(*, now=None) -> int:
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(
            status=DeliveryStatus.DIGESTED, channel=DeliveryChannel.EMAIL, next_attempt_at__lte=now
        ).values_list("pk", "recipient__guardian_id")
    )
    by_guardian = defaultdict(list)
    for pk, guardian_id in due:
        by_guardian[guardian_id].append(pk)
    sent = 0
    connection = channels.mail_connection()
    with connection:
        for ids in by_guardian.values():
            claimed = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.DIGESTED).update(
                status=DeliveryStatus.SENDING, claimed_at=now, updated_at=now
            )
            if not claimed:
                continue  # another worker has them
            batch = list(
                Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING, claimed_at=now)
                .select_related("notice__setting", "recipient__guardian__preferences", "recipient__guardian__family")
                .order_by("notice__created_at")
            )
            if not batch:
                continue
            recipient = batch[0].recipient
            prefs = preferences_of(recipient.guardian)
            digest = prefs.digest if prefs is not None else Digest.DAILY
            message = channels.digest_email(recipient, batch, digest=digest, connection=connection)
            try:
                connection.send_messages([message])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
                code = getattr(exc, "smtp_code", None) or 550
                for delivery in batch:
                    sending.fail(delivery, f"The mail server refused the digest (SMTP {code}).", now=now)
                continue
            except (TimeoutError, smtplib.SMTPException, OSError):
                Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
                    status=DeliveryStatus.DIGESTED, claimed_at=None, updated_at=now
                )  # tried again at the next run
                continue
            label = "Sent in the daily digest." if digest == Digest.DAILY else "Sent in the weekly digest."
            for delivery in batch:
                sending.mark_sent(delivery, provider_id=message.extra_headers["Message-ID"], message=label, now=now)
            sent += 1
    return sent


__all__ = ["send_digests", "DeliveryEvent"]
