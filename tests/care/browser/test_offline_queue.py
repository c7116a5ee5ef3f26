"""In a real browser, under the real CSP: when the room's Wi-Fi drops, diary entries wait in the
browser and arrive exactly once when it comes back, even if the same queued post is sent twice."""

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tandem.care.models import DiaryEntry
from tests import factories as f
from tests.care.conftest import sign_in as register
from tests.e2e.conftest import Console, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUE = "tandem.care.queue"


def _count(**filters) -> int:
    return DiaryEntry.objects.filter(**filters).count()


def test_entries_made_offline_arrive_once_when_back_online(
    page: Page, context: BrowserContext, bob, ada, babies, console: Console
) -> None:
    register(ada, by=bob)
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/care/rooms/{babies.pk}/entries/?kind=note")
    status = page.locator("[data-diary-queue-status]")

    context.set_offline(True)
    page.get_by_label("Ada Lovelace").check()
    page.locator("#id_notes").fill("First offline")
    page.get_by_role("button", name="Record").click()
    expect(status).to_have_text("1 entry waiting to send. It will go when the connection is back.")
    page.locator("#id_notes").fill("Second offline")
    page.get_by_role("button", name="Record").click()
    expect(status).to_contain_text("2 entries waiting to send")
    assert _count(child=ada) == 0
    queued = page.evaluate(f"() => localStorage.getItem('{QUEUE}')")

    context.set_offline(False)
    page.wait_for_function("() => window.tandemDiaryQueue.size() === 0")
    expect(status).to_be_hidden()
    assert _count(child=ada, notes="First offline") == 1
    assert _count(child=ada, notes="Second offline") == 1

    # The same queued posts sent again (a flaky connection that delivered but never answered).
    page.evaluate(
        "async (q) => { localStorage.setItem('tandem.care.queue', q); await window.tandemDiaryQueue.flush(); }",
        queued,
    )
    page.wait_for_function("() => window.tandemDiaryQueue.size() === 0")
    assert _count(child=ada) == 2
    assert not console.csp_violations


def test_a_one_tap_nappy_made_offline_is_sent_when_back_online(
    page: Page, context: BrowserContext, bob, ada, babies, console: Console
) -> None:
    other = f.ChildFactory(room=babies, first_name="Cara")
    register(ada, other, by=bob)
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/care/rooms/{babies.pk}/")
    card = page.locator(f"#child-{ada.pk}")
    expect(card).to_contain_text("Peanuts")

    card.get_by_role("button", name="Nappy: wet").click()  # online: htmx swaps the card
    expect(page.locator(f"#child-{ada.pk}")).to_contain_text("Wet")
    assert _count(child=ada, kind="nappy") == 1

    context.set_offline(True)
    page.locator(f"#child-{ada.pk}").get_by_role("button", name="Nappy: soiled").click()
    expect(page.locator("[data-diary-queue-status]")).to_contain_text("1 entry waiting to send")
    context.set_offline(False)
    page.wait_for_function("() => window.tandemDiaryQueue.size() === 0")
    assert _count(child=ada, kind="nappy", nappy="soiled") == 1
    expect(page.locator(f"#child-{ada.pk}")).to_contain_text("Soiled")
    assert not console.csp_violations
