"""In a real browser under the strict CSP, on a 360 px phone for the parent: dora writes to the
setting about Ada, bob (Ada's key person) finds it first in his inbox and replies, dora sees the
reply and that the setting read her message. The pages pass axe."""

import pytest
from playwright.sync_api import Page, expect

from tandem.conversations.models import Conversation, Message
from tandem.notify.models import NoticeRecipient
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_sends_a_message_and_the_key_person_replies(page: Page, dora, bob, ada, console: Console) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "dora@home.test")
    page.goto("/family/conversations/")
    assert axe(page) == []
    page.click("text=Write to the setting")
    page.fill("#id_subject", "Sleep")
    page.fill("#id_body", "Ada slept badly, can she nap longer today?")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Your message is sent")
    expect(page.locator(".conv-thread")).to_contain_text("Ada slept badly")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
    conversation = Conversation.objects.get()
    assert NoticeRecipient.objects.filter(staff__user=bob).count() == 1

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1024, "height": 800})
    sign_in(page, "bob@oak.test")
    page.goto("/s/oak-tree/conversations/")
    expect(page.locator(".conv-unread")).to_contain_text("Sleep")
    assert axe(page) == []
    page.click("text=Sleep")
    page.fill("#id_body", "Of course, we will let her sleep.")
    assert axe(page) == []
    with page.expect_navigation():
        page.click(".conv-composer button[type=submit]")
    expect(page.locator(".conv-thread")).to_contain_text("Of course, we will let her sleep.")
    assert Message.objects.filter(conversation=conversation).count() == 2

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/conversations/{conversation.pk}/")
    expect(page.locator(".conv-thread")).to_contain_text("Of course, we will let her sleep.")
    expect(page.locator(".conv-thread")).to_contain_text("Read by the setting")
    assert axe(page) == []

    page.context.clear_cookies()
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/conversations/{conversation.pk}/")
    expect(page.locator(".conv-thread")).to_contain_text("Read by Dora Lovelace at")
    assert not console.csp_violations


def test_the_start_and_opening_hours_pages_are_accessible(page: Page, alice, ada, dora, console: Console) -> None:
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/conversations/start/")
    assert axe(page) == []
    page.check(f"input[value='{ada.pk}']")
    page.fill("#id_subject", "Farm trip")
    page.fill("#id_body", "We go on **Friday**.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator(".conv-body strong")).to_have_text("Friday")
    page.goto("/s/oak-tree/conversations/opening-hours/")
    page.fill("#id_opens_0", "07:30")
    page.fill("#id_closes_0", "07:00")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("The closing time must be after the opening time.")
    assert axe(page) == []
    assert not console.csp_violations
