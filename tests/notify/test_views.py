"""Notify pages: the family inbox (own notices only, read on open, queries do not grow with
rows), the staff delivery log, the print queue (one PDF, read back), the face-to-face list
and the SMS provider's signed status callback."""

import io

import pytest
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from tandem.notify.channels import TwilioProvider
from tandem.notify.models import Delivery, FaceToFaceTask, NoticeRecipient, PrintQueueItem
from tests.notify.conftest import guardian, send, set_prefs

pytestmark = pytest.mark.django_db


def test_family_sees_only_their_own_notices(client, dora, dora_guardian, ed, ed_guardian):
    send([dora_guardian], subject="For dora only")
    send([ed_guardian], subject="For ed only")
    client.force_login(ed)
    page = client.get(reverse("notify_family:inbox")).content.decode()
    assert "For ed only" in page and "For dora only" not in page
    dora_row = NoticeRecipient.objects.get(guardian=dora_guardian)
    assert client.post(reverse("notify_family:open", args=[dora_row.pk])).status_code == 404
    dora_row.refresh_from_db()
    assert dora_row.read_at is None
    assert "For dora only" not in client.get("/api/v1/family/notify/notices").content.decode()


def test_opening_marks_read_and_follows_the_link(client, dora, dora_guardian):
    notice = send([dora_guardian])
    row = NoticeRecipient.objects.get(notice=notice)
    client.force_login(dora)
    response = client.post(reverse("notify_family:open", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == "/family/"
    row.refresh_from_db()
    assert row.read_at is not None
    assert Delivery.objects.get(notice=notice, channel="app").status == "read"


@pytest.mark.parametrize("rows", [3, 30])
def test_inbox_queries_do_not_grow_with_rows(client, dora, dora_guardian, rows, django_assert_max_num_queries):
    for i in range(rows):
        send([dora_guardian], subject=f"Notice {i}", route=False)
    from django.utils import timezone

    from tandem.notify.models import Notice

    Notice.objects.update(routed_at=timezone.now())
    client.force_login(dora)
    client.get(reverse("notify_family:inbox"))  # warm the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notify_family:inbox"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card unread"') == min(rows, 30)


def test_delivery_log_shows_who_is_not_reached(client, alice, oak_tree, smtp_server):
    reached = guardian(oak_tree, email="yes@home.test", name="Yasmin", channels=["email"])
    paper = guardian(oak_tree, name="Pat", channels=["letter"])
    notice = send([reached, paper], sent_by=alice)
    client.force_login(alice)
    page = client.get(reverse("notify:notice-deliveries", args=[oak_tree.slug, notice.pk])).content.decode()
    not_reached = page.split('id="not-reached"')[1].split('id="reached"')[0]
    assert "Pat" in not_reached and "Yasmin" not in not_reached
    assert "Added to the office&#x27;s print queue." in page or "print queue" in page


def test_print_batch_is_one_pdf_and_marks_printed(client, alice, oak_tree):
    a = guardian(oak_tree, name="Anna", channels=["letter"], language="pl")
    b = guardian(oak_tree, name="Bilal", channels=["letter"])
    send([a], subject="Wycieczka w piątek")
    send([b], subject="Trip on Friday")
    client.force_login(alice)
    page = client.get(reverse("notify:print-queue", args=[oak_tree.slug])).content.decode()
    assert "Anna" in page and "Bilal" in page
    response = client.post(reverse("notify:print-batch", args=[oak_tree.slug]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 2 and "Wycieczka w piątek" in text and "Trip on Friday" in text
    assert not PrintQueueItem.objects.filter(printed_at__isnull=True).exists()
    assert {d.status for d in Delivery.objects.filter(channel="letter")} == {"delivered"}
    again = client.post(reverse("notify:print-batch", args=[oak_tree.slug]))
    assert again.status_code == 302  # nothing left to print


def test_key_person_ticks_off_face_to_face(client, bob, dora_guardian, ada):
    set_prefs(dora_guardian, channels=["face_to_face"])
    send([dora_guardian], subject="Remind about Friday's trip", child=ada)
    client.force_login(bob)
    page = client.get(reverse("notify:face-to-face", args=["oak-tree"])).content.decode()
    assert "Remind about Friday" in page and "Ada" in page
    task = FaceToFaceTask.objects.get()
    response = client.post(reverse("notify:face-to-face-done", args=["oak-tree", task.pk]), {"outcome": "done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.done_by == bob
    assert Delivery.objects.get(channel="face_to_face").status == "delivered"


def test_sms_status_callback_needs_the_providers_signature(client, oak_tree, sms, settings):
    g = guardian(oak_tree, phone="07911 123999", channels=["sms"])
    notice = send([g])
    delivery = Delivery.objects.get(notice=notice, channel="sms")
    url = "http://testserver" + reverse("notify_family:sms-status")
    params = {"MessageSid": delivery.provider_id, "MessageStatus": "delivered"}
    forged = client.post(url, params, HTTP_X_TWILIO_SIGNATURE="forged")
    assert forged.status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    provider = TwilioProvider(url="", account="", token=settings.TANDEM_SMS_TOKEN, sender="", timeout=1)
    signed = client.post(url, params, HTTP_X_TWILIO_SIGNATURE=provider.signature(url, params))
    assert signed.status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_staff_inbox_lists_own_notices(client, alice, oak_tree):
    from tandem.core.models import StaffMember
    from tandem.notify.services import notify_staff

    with TestCase.captureOnCommitCallbacks(execute=True):
        notify_staff(
            setting=oak_tree,
            staff=[StaffMember.objects.get(user=alice)],
            kind="notify.test",
            template="notify/notices/plain",
            context={"subject": "Fire drill at ten", "body": "Thursday."},
        )
    client.force_login(alice)
    assert "Fire drill at ten" in client.get(reverse("notify:inbox", args=["oak-tree"])).content.decode()


def test_hub_links(client, alice, bob, dora):
    client.force_login(bob)
    page = client.get("/s/oak-tree/working-with-families/").content.decode()
    assert reverse("notify:face-to-face", args=["oak-tree"]) in page
    assert reverse("notify:print-queue", args=["oak-tree"]) not in page
    client.force_login(alice)
    assert (
        reverse("notify:print-queue", args=["oak-tree"])
        in client.get("/s/oak-tree/working-with-families/").content.decode()
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_staff_lists_queries_do_not_grow_with_rows(
    client, alice, bob, oak_tree, ada, rows, django_assert_max_num_queries
):
    """The print queue, the delivery log and the key person's list, with 3 and with 30 families."""
    from tandem.core.models import ChildGuardian

    families = []
    for i in range(rows):
        g = guardian(oak_tree, name=f"F{i}", channels=["letter", "face_to_face"])
        ChildGuardian.objects.create(setting=oak_tree, child=ada, guardian=g, relationship="parent")
        families.append(g)
    notice = send(families, sent_by=alice)
    assert FaceToFaceTask.objects.count() == rows and PrintQueueItem.objects.count() == rows
    client.force_login(alice)
    for url in (
        reverse("notify:print-queue", args=["oak-tree"]),
        reverse("notify:notice-deliveries", args=["oak-tree", notice.pk]),
    ):
        client.get(url)
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
    client.force_login(bob)
    url = reverse("notify:face-to-face", args=["oak-tree"])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.content.decode().count('name="outcome" value="done"') == rows
