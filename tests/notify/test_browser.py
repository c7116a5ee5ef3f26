"""In a real browser under the strict CSP: dora reads her notification, bob ticks off the
face-to-face reminder at pick-up, alice sees the delivery log and the print queue; the pages
have no serious accessibility problems."""

import pytest
from playwright.sync_api import Page, expect

from tandem.notify.models import Delivery, FaceToFaceTask, NoticeRecipient
from tests.e2e.conftest import Console, axe, sign_in
from tests.notify.conftest import set_prefs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_notice_reaches_family_key_person_and_office(page: Page, alice, bob, dora, ada, console: Console) -> None:
    from tandem.notify.services import notify_guardians

    guardian = dora.guardianships.get()
    set_prefs(guardian, channels=["app", "letter", "face_to_face"], language="en")
    notice = notify_guardians(
        setting=ada.setting,
        guardians=[guardian],
        kind="notify.test",
        template="notify/notices/plain",
        context={"subject": "Trip to the farm on Friday", "body": "Bring wellies."},
        url="/family/",
        child=ada,
        sent_by=alice,
    )
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "dora@home.test")
    page.goto("/family/notify/")
    expect(page.locator("h1")).to_have_text("Notifications")
    expect(page.locator(".card.unread")).to_contain_text("Trip to the farm on Friday")
    assert axe(page) == []
    with page.expect_navigation():
        page.locator(".card.unread form button").click()
    assert page.url.endswith("/family/")
    assert NoticeRecipient.objects.get(notice=notice).read_at is not None

    page.context.clear_cookies()
    sign_in(page, "bob@oak.test")
    page.goto("/s/oak-tree/notify/face-to-face/")
    expect(page.locator(".card")).to_contain_text("Trip to the farm on Friday")
    assert axe(page) == []
    page.fill("input[name=note]", "Told mum at pick-up")
    with page.expect_navigation():
        page.get_by_role("button", name="Done").click()
    expect(page.locator(".message")).to_contain_text("ticked off")
    assert FaceToFaceTask.objects.get().status == "done"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1000, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto(f"/s/oak-tree/notify/notices/{notice.pk}/deliveries/")
    expect(page.locator("h1")).to_have_text("Who has been reached")
    assert axe(page) == []
    page.goto("/s/oak-tree/notify/print-queue/")
    expect(page.locator("main fieldset")).to_contain_text("Dora")
    assert axe(page) == []
    assert Delivery.objects.get(notice=notice, channel="face_to_face").status == "delivered"
    assert not console.csp_violations
