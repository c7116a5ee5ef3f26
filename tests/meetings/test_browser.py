"""In a real browser under the strict CSP: bob (Ada's key person) records a structured
conversation on a phone-sized screen, with the keyboard for the priorities; dora reads the plan
and comments on it, in a right-to-left check too. The pages have no serious accessibility
problems."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tandem.meetings.models import Conversation, FamilyComment
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_key_person_records_a_conversation_and_the_parent_comments(
    page: Page, bob, dora, ada, console: Console
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/meetings/children/{ada.pk}/new/")
    assert axe(page) == []
    today = ada.setting.today()
    page.check("input[name=mode][value=video]")
    page.fill("#id_attendees", "Dora (mum), Bob (key person)")
    page.check("#id_interpreter_used")
    page.fill("#id_interpreter_language", "Polish")
    page.fill("#id_family_words", "Ada sings in the bath. We want her to say more words.")
    page.fill("#id_focus", "More words")
    page.fill("#id_p1_text", "Two words together")
    page.fill("#id_p1_at_home", "Dora names toys at bath time")
    page.fill("#id_p1_in_setting", "Bob models two words at snack")
    # A review date before the meeting is refused, with the reason, and nothing is saved.
    page.fill("#id_review_on", (today - dt.timedelta(days=1)).isoformat())
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("The review date must be after the meeting.")
    assert not Conversation.objects.exists()
    page.fill("#id_review_on", (today + dt.timedelta(days=42)).isoformat())
    page.focus("#id_review_on")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submit with the keyboard
    expect(page.locator(".message")).to_contain_text("The conversation is recorded")
    assert axe(page) == []
    conversation = Conversation.objects.get()
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= 360, "the page must not scroll sideways on a 360 px phone"

    page.context.clear_cookies()
    sign_in(page, "dora@home.test")
    page.goto(f"/family/meetings/children/{ada.pk}/")
    expect(page.locator("main")).to_contain_text("Dora names toys at bath time")
    page.click(f"a[href='/family/meetings/{conversation.pk}/']")
    expect(page.locator("h2").first).to_contain_text("What the family told us")
    assert axe(page) == []
    page.fill("#id_text", "We tried it tonight: she said 'more bubbles'!")
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("Your comment is kept with the plan")
    expect(page.locator(".comments")).to_contain_text("more bubbles")
    assert FamilyComment.objects.get().conversation == conversation
    page.evaluate("() => document.documentElement.setAttribute('dir', 'rtl')")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
    assert not console.csp_violations
