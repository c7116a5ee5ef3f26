"""Routing and sending against real servers: aiosmtpd for e-mail, a local HTTP server speaking
Twilio's Messages API for SMS. Tasks run inline (the immediate backend)."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from tandem.notify import digests, sending
from tandem.notify.models import Delivery, DeliveryEvent, FaceToFaceTask, NoticeRecipient, PrintQueueItem
from tests.notify.conftest import guardian, send, set_prefs

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def deliveries(notice):
    return {
        (d.recipient.guardian_id, d.channel): d
        for d in Delivery.objects.filter(notice=notice).select_related("recipient")
    }


def statuses(notice, g):
    return {d.channel: d.status for d in Delivery.objects.filter(notice=notice, recipient__guardian=g)}


def test_no_preferences_app_and_email_through_smtp(oak_tree, smtp_server, dora, dora_guardian):
    g = guardian(oak_tree, email="gina@home.test")  # no preferences, no account
    notice = send([g, dora_guardian], subject="Trip on Friday")
    assert statuses(notice, g) == {"email": "sent"}
    assert statuses(notice, dora_guardian) == {"app": "sent", "email": "sent"}
    (msg,) = smtp_server.to("gina@home.test")
    assert msg["Subject"] == "Trip on Friday"
    parts = {part.get_content_type() for part in msg.walk()}
    assert {"text/plain", "text/html"} <= parts
    assert msg["Message-ID"] == f"<{Delivery.objects.get(notice=notice, recipient__guardian=g).pk}@tandem.notify>"


def test_email_in_readers_language(oak_tree, smtp_server, dora_guardian):
    """dora reads Polish: the greeting of the plain template comes out in Polish."""
    set_prefs(dora_guardian, channels=["email"], language="pl")
    send([dora_guardian])
    (msg,) = smtp_server.to(dora_guardian.email)
    assert msg["Content-Language"] == "pl"


def test_paper_family_gets_print_queue_item_and_no_email(oak_tree, smtp_server):
    g = guardian(oak_tree, email="paper@home.test", channels=["letter"], language="pl")
    notice = send([g], subject="Wycieczka")
    assert statuses(notice, g) == {"letter": "sent"}
    assert smtp_server.messages == []
    item = PrintQueueItem.objects.get(guardian=g)
    assert item.language == "pl" and item.printed_at is None
    from tandem.notify.channels import letters_pdf

    pdf = letters_pdf([item])
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Wycieczka" in text and "Bring a coat." in text


def test_quiet_hours_hold_until_morning(oak_tree, smtp_server):
    g = guardian(
        oak_tree,
        email="sleepy@home.test",
        channels=["email"],
        quiet_hours_start=dt.time(21),
        quiet_hours_end=dt.time(7),
    )
    late = dt.datetime(2026, 12, 3, 22, 30, tzinfo=LONDON)
    from tandem.notify import routing

    notice = send([g], send_after=late)  # scheduled for 22:30, routed then
    assert routing.route(notice, now=late) == 1
    delivery = Delivery.objects.get(notice=notice)
    assert delivery.status == "held"
    assert delivery.next_attempt_at == dt.datetime(2026, 12, 4, 7, 0, tzinfo=LONDON)
    assert sending.send_due(now=late + dt.timedelta(hours=3)) == 0
    assert smtp_server.messages == []
    assert sending.send_due(now=dt.datetime(2026, 12, 4, 7, 1, tzinfo=LONDON)) == 1
    assert len(smtp_server.to("sleepy@home.test")) == 1
    assert list(delivery.events.values_list("kind", flat=True)) == ["held", "sent"]


def test_quiet_hours_within_one_day(oak_tree):
    from tandem.notify.routing import quiet_until

    class P:
        quiet_hours_start, quiet_hours_end = dt.time(13), dt.time(15)

    assert quiet_until(P, LONDON, dt.datetime(2026, 6, 1, 14, 0, tzinfo=LONDON)) == dt.datetime(
        2026, 6, 1, 15, tzinfo=LONDON
    )
    assert quiet_until(P, LONDON, dt.datetime(2026, 6, 1, 15, 0, tzinfo=LONDON)) is None
    P.quiet_hours_start, P.quiet_hours_end = dt.time(21), dt.time(7)
    assert quiet_until(P, LONDON, dt.datetime(2026, 6, 1, 6, 0, tzinfo=LONDON)) == dt.datetime(
        2026, 6, 1, 7, tzinfo=LONDON
    )
    assert quiet_until(P, LONDON, dt.datetime(2026, 6, 1, 12, 0, tzinfo=LONDON)) is None


def test_scheduled_notice_not_routed_before_its_time(oak_tree, smtp_server):
    from tandem.notify.tasks import route_due

    g = guardian(oak_tree, email="later@home.test")
    later = timezone.now() + dt.timedelta(hours=2)
    notice = send([g], send_after=later)
    assert not Delivery.objects.filter(notice=notice).exists()
    assert route_due(now=later - dt.timedelta(minutes=1)) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert route_due(now=later + dt.timedelta(minutes=1)) == 1
    assert len(smtp_server.to("later@home.test")) == 1


def test_daily_digest_gathers_a_days_messages_into_one_email(oak_tree, smtp_server):
    g = guardian(oak_tree, email="digest@home.test", channels=["email"], digest="daily")
    notices = [send([g], subject=f"Message {i}", body=f"Body {i}") for i in range(3)]
    assert smtp_server.messages == []
    assert {d.status for d in Delivery.objects.filter(recipient__guardian=g)} == {"digested"}
    due = Delivery.objects.filter(recipient__guardian=g).first().next_attempt_at
    assert due.astimezone(LONDON).hour == 7
    assert digests.send_digests(now=due - dt.timedelta(minutes=1)) == 0
    assert digests.send_digests(now=due) == 1
    assert digests.send_digests(now=due + dt.timedelta(hours=1)) == 0  # never twice
    (msg,) = smtp_server.to("digest@home.test")
    text = msg.get_payload()[0].get_payload(decode=True).decode()
    for i in range(3):
        assert f"Message {i}" in text and f"Body {i}" in text
    assert all(statuses(n, g) == {"email": "sent"} for n in notices)


def test_urgent_bypasses_digest_and_quiet_hours(oak_tree, smtp_server, alice):
    g = guardian(
        oak_tree, email="urgent@home.test", channels=["email"], digest="daily",
        quiet_hours_start=dt.time(0), quiet_hours_end=dt.time(23, 59),
    )  # fmt: skip
    notice = send([g], subject="Nursery closed today", urgent=True, sent_by=alice)
    assert statuses(notice, g) == {"email": "sent"}
    assert len(smtp_server.to("urgent@home.test")) == 1


def test_only_can_send_urgent_may_send_urgent(oak_tree, bob, alice):
    g = guardian(oak_tree, email="x@home.test")
    with pytest.raises(ValidationError):
        send([g], urgent=True, sent_by=bob)  # a practitioner
    with pytest.raises(ValidationError):
        send([g], urgent=True)  # nobody
    assert not NoticeRecipient.objects.filter(guardian=g).exists()


def test_email_rejected_by_smtp_falls_back_to_sms(oak_tree, smtp_server, sms):
    g = guardian(oak_tree, email="gone@home.test", phone="07911 123456", channels=["email"])
    smtp_server.refuse.add("gone@home.test")
    notice = send([g])
    assert statuses(notice, g) == {"email": "failed", "sms": "sent"}
    email = Delivery.objects.get(notice=notice, channel="email")
    assert "550" in email.last_error and "gone@" not in email.last_error
    assert "E-mail failed: sent by text message instead." in email.events.values_list("message", flat=True)
    (request,) = [r for r in sms.requests if "Messages.json" in r["path"]]
    assert b"To=%2B447911123456" in request["body"]
    sms_delivery = Delivery.objects.get(notice=notice, channel="sms")
    assert sms_delivery.address == "+447911123456" and sms_delivery.provider_id.startswith("SM")
    assert sms_delivery.fallback_of == email


def test_email_rejected_without_number_goes_to_print_queue(oak_tree, smtp_server):
    g = guardian(oak_tree, email="gone@home.test", channels=["email"])
    smtp_server.refuse.add("gone@home.test")
    notice = send([g])
    assert statuses(notice, g) == {"email": "failed", "letter": "sent"}
    assert PrintQueueItem.objects.filter(guardian=g).count() == 1


def test_invalid_sms_number_fails_with_clear_reason_and_falls_back(oak_tree, sms):
    g = guardian(oak_tree, phone="12345", channels=["sms"])
    notice = send([g])
    assert statuses(notice, g) == {"sms": "failed", "letter": "sent"}
    failed = Delivery.objects.get(notice=notice, channel="sms")
    assert failed.last_error == "The mobile number is not a valid phone number."
    assert sms.requests == []  # never handed to the provider
    assert PrintQueueItem.objects.filter(guardian=g).exists()


def test_sms_timeout_retried_with_backoff_then_falls_back(oak_tree, sms, settings):
    settings.TANDEM_NOTIFY_MAX_ATTEMPTS = 3
    settings.TANDEM_NOTIFY_BACKOFF_SECONDS = 60
    sms.delay = 1.5  # longer than the 0.5 s time-out
    g = guardian(oak_tree, phone="+44 7911 123457", channels=["sms"])
    notice = send([g])
    delivery = Delivery.objects.get(notice=notice, channel="sms")
    assert delivery.status == "queued" and delivery.attempts == 1
    first_wait = delivery.next_attempt_at - delivery.updated_at
    assert first_wait == dt.timedelta(seconds=60)
    assert sending.send_due(now=delivery.next_attempt_at - dt.timedelta(seconds=1)) == 0  # not yet
    sending.send_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at - delivery.updated_at == dt.timedelta(seconds=120)
    sending.send_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 3
    assert statuses(notice, g)["letter"] == "sent"
    log = list(delivery.events.values_list("kind", "message"))
    assert [k for k, _m in log] == ["queued", "retry", "retry", "failed", "fallback"]
    assert "did not answer in time" in log[1][1] and "Trying again in 60 s" in log[1][1]
    assert "Trying again in 120 s" in log[2][1]
    assert "Gave up after 3 attempts" in log[3][1]
    assert "sent by printed letter instead" in log[4][1]
    assert len([r for r in sms.requests if "Messages.json" in r["path"]]) == 3


def test_restart_mid_batch_sends_nothing_twice(oak_tree, smtp_server, settings):
    """The worker dies after 4 of the 10 messages of its batch. Restarted at once it sends
    nothing (the other 6 are still claimed by the dead batch); once their claim has timed out,
    it sends those 6: the SMTP server has each message exactly once."""
    from tests.notify.conftest import DyingSMTPBackend, WorkerKilled

    gs = [guardian(oak_tree, email=f"p{i}@home.test", name=f"P{i}", channels=["email"]) for i in range(10)]
    notice = send(gs, route=False)
    from tandem.notify import routing

    routing.route(notice)  # the deliveries, without the after-commit sending task
    assert Delivery.objects.filter(notice=notice, status="queued").count() == 10
    options = settings.MAILERS["default"]["OPTIONS"]
    settings.MAILERS = {"default": {"BACKEND": "tests.notify.conftest.DyingSMTPBackend", "OPTIONS": options}}
    DyingSMTPBackend.kill_after, DyingSMTPBackend.sent = 4, 0
    with pytest.raises(WorkerKilled):
        sending.send_due(notice_id=notice.pk)
    assert len(smtp_server.messages) == 4
    assert Delivery.objects.filter(notice=notice, status="sending").count() == 6
    assert Delivery.objects.filter(notice=notice, status="sent").count() == 4
    DyingSMTPBackend.kill_after = None
    sending.send_due(notice_id=notice.pk)  # restarted at once: the dead batch's claim is not stale yet
    assert len(smtp_server.messages) == 4
    later = timezone.now() + dt.timedelta(seconds=settings.TANDEM_NOTIFY_CLAIM_TIMEOUT_SECONDS + 1)
    sending.send_due(notice_id=notice.pk, now=later)
    received = sorted(m["to"][0] for m in smtp_server.messages)
    assert received == sorted(g.email for g in gs)  # each exactly once
    assert Delivery.objects.filter(notice=notice, status="sent").count() == 10
    interrupted = DeliveryEvent.objects.filter(delivery__notice=notice, kind="retry")
    assert interrupted.count() == 6
    assert all("worker stopped while sending" in e.message for e in interrupted)


def test_face_to_face_goes_to_childs_key_person(oak_tree, ada, dora_guardian, bob_staff):
    set_prefs(dora_guardian, channels=["face_to_face"])
    notice = send([dora_guardian], child=ada)
    task = FaceToFaceTask.objects.get(guardian=dora_guardian)
    assert task.key_person == bob_staff and task.child == ada and task.due_on == oak_tree.today()
    assert statuses(notice, dora_guardian) == {"face_to_face": "sent"}


def test_face_to_face_without_child_uses_guardians_childs_key_person(oak_tree, dora_guardian, bob_staff):
    set_prefs(dora_guardian, channels=["face_to_face"])
    send([dora_guardian])
    assert FaceToFaceTask.objects.get(guardian=dora_guardian).key_person == bob_staff


def test_face_to_face_could_not_falls_back_to_letter(oak_tree, dora_guardian, bob):
    from tandem.notify.services import face_to_face_complete

    set_prefs(dora_guardian, channels=["face_to_face"])
    notice = send([dora_guardian])
    task = FaceToFaceTask.objects.get(guardian=dora_guardian)
    face_to_face_complete(task=task, by=bob, done=False, note="Grandma collected")
    assert statuses(notice, dora_guardian) == {"face_to_face": "failed", "letter": "sent"}
    with pytest.raises(ValidationError):
        face_to_face_complete(task=task, by=bob, done=True)


def test_sms_status_callback_marks_delivered_and_failed(oak_tree, sms):
    from tandem.notify.services import sms_status

    g = guardian(oak_tree, phone="+447911123458", channels=["sms"])
    notice = send([g])
    delivery = Delivery.objects.get(notice=notice, channel="sms")
    assert sms_status(provider_id=delivery.provider_id, status="delivered")
    assert statuses(notice, g) == {"sms": "delivered"}
    assert sms_status(provider_id=delivery.provider_id, status="undelivered", error_code="30005")
    assert statuses(notice, g) == {"sms": "failed", "letter": "sent"}
    assert "30005" in Delivery.objects.get(pk=delivery.pk).last_error


def test_staff_get_app_and_email(oak_tree, alice_staff, smtp_server):
    from tandem.notify.services import notify_staff

    with TestCase.captureOnCommitCallbacks(execute=True):
        notice = notify_staff(
            setting=oak_tree, staff=[alice_staff], kind="notify.test", template="notify/notices/plain",
            context={"subject": "Rota", "body": "Changed"},
        )  # fmt: skip
    assert {d.channel: d.status for d in Delivery.objects.filter(notice=notice)} == {"app": "sent", "email": "sent"}
    assert len(smtp_server.to("alice@oak.test")) == 1


def test_delivery_events_are_append_only(oak_tree, smtp_server):
    g = guardian(oak_tree, email="e@home.test")
    send([g])
    ev = DeliveryEvent.objects.first()
    ev.message = "changed"
    with pytest.raises(ValueError):
        ev.save()


def test_routing_uses_bulk_queries(oak_tree, django_assert_max_num_queries, settings):
    from tandem.notify import routing

    gs = [guardian(oak_tree, email=f"b{i}@home.test", name=f"B{i}", channels=["email", "app"]) for i in range(30)]
    notice = send(gs, route=False)
    with django_assert_max_num_queries(8):
        assert routing.route(notice) == 30


def test_weekly_digest_waits_for_monday_morning():
    from tandem.notify.routing import next_digest_at

    thursday = dt.datetime(2026, 12, 3, 12, 0, tzinfo=LONDON)
    assert next_digest_at("weekly", LONDON, thursday) == dt.datetime(2026, 12, 7, 7, 0, tzinfo=LONDON)
    assert next_digest_at("daily", LONDON, thursday) == dt.datetime(2026, 12, 4, 7, 0, tzinfo=LONDON)
    early = dt.datetime(2026, 12, 3, 6, 0, tzinfo=LONDON)
    assert next_digest_at("daily", LONDON, early) == dt.datetime(2026, 12, 3, 7, 0, tzinfo=LONDON)
