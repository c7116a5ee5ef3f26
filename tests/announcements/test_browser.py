"""In a real browser under the strict CSP, on a 360 px phone for the parent: alice writes and
sends an announcement with a question, dora reads it and answers, alice sees the read and the
answer. Each main page passes an axe check."""

import pytest
from playwright.sync_api import Page, expect

from tandem.announcements.models import Announcement, QuestionAnswer
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_send_a_parent_reads_and_answers(page: Page, alice, dora, ed, console: Console) -> None:
    page.set_viewport_size({"width": 1000, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/announcements/new/")
    page.check("input[name=kind][value=newsletter]")
    page.fill("#id_title", "Trip to the farm")
    page.fill("#id_body_markdown", "We go on **Friday**. Bring wellies.")
    page.check("input[name=audience][value=setting]")
    expect(page.locator("#id_rooms")).to_be_hidden()  # compose.js hides the rooms until chosen
    page.fill("#id_question", "Can you help on the trip?")
    with page.expect_navigation():
        page.click("button[name=preview]")
    expect(page.locator("#h-preview")).to_be_visible()
    expect(page.locator(".announcement-body strong")).to_have_text("Friday")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("button[name=save]")
    expect(page.locator(".message")).to_contain_text("saved")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("#send-now")
    expect(page.locator(".stat").first).to_contain_text("Sent to 2 families, read by 0.")
    announcement = Announcement.objects.get()
    assert announcement.status == "sent"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "dora@home.test")
    page.goto("/family/announcements/")
    expect(page.locator(".badge-warn")).to_have_count(1)
    assert axe(page) == []
    page.click("text=Trip to the farm")
    expect(page.locator("h1")).to_have_text("Trip to the farm")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
    with page.expect_navigation():
        page.click("form.answer-form button[value=yes]")
    expect(page.locator(".message")).to_contain_text("Your answer is saved")
    assert QuestionAnswer.objects.get().answer == "yes"
    expect(page.locator("form.answer-form button[value=yes]")).to_have_attribute("aria-pressed", "true")
    page.goto("/family/setting-info/")
    expect(page.locator("h1")).to_have_text("Oak Tree Nursery")
    assert axe(page) == []

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1000, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto(f"/s/oak-tree/announcements/{announcement.pk}/")
    expect(page.locator(".stat").first).to_contain_text("Sent to 2 families, read by 1.")
    expect(page.locator("#h-not-seen + p + form + .table-wrap, .table-wrap").last).to_contain_text("Babbage")
    expect(page.locator("text=Yes: 1 · No: 0")).to_be_visible()
    assert axe(page) == []

    # the setting's information page, as the manager changes it
    page.goto("/s/oak-tree/setting-info/edit/")
    page.fill("#id_opening_times", "Monday to Friday, 7:30 to 18:00")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("7:30 to 18:00")
    assert axe(page) == []
    page.goto("/s/oak-tree/setting-info/menu/")
    page.fill("#id_meals_0", "Fish pie and peas")
    page.fill("#id_allergens_0", "fish, milk")
    assert axe(page) == []
    assert not console.csp_violations
