"""In a real browser under the strict CSP: bob flags a worry about Ada, tries to close it (refused
with the reason), records the conversation with the family and closes it; alice sees the
overseers' list; dora reads what was agreed. No serious accessibility problems on the way."""

import pytest
from playwright.sync_api import Page, expect

from tandem.worries.models import Worry
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worry_is_discussed_with_the_family_before_it_closes(page: Page, alice, bob, dora, ada, console: Console):
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/worries/children/{ada.pk}/new/")
    page.check("input[name=area][value=CL]")
    page.fill("#id_observed", "Ada uses few words and does not put two together yet.")
    page.fill("#id_staff_notes", "SECRET-STAFF-NOTE")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    worry = Worry.objects.get()
    page.fill("#id_outcome", "All fine")
    with page.expect_navigation():
        page.click("section[aria-labelledby=close] button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("cannot be closed yet")
    assert Worry.objects.get().is_open
    assert axe(page) == []
    page.fill("#id_family_views", "Dora sees the same at home; Ada talks more in Polish.")
    page.fill("#id_agreed_support", "Two-word phrases at snack and bath time; review in six weeks.")
    with page.expect_navigation():
        page.click("section[aria-labelledby=talk] form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("conversation with the family is recorded")
    page.fill("#id_outcome", "Support agreed with the family; progress to be reviewed")
    with page.expect_navigation():
        page.click("section[aria-labelledby=close] button[type=submit]")
    expect(page.locator(".message")).to_contain_text("The case is closed")
    assert not Worry.objects.get().is_open

    page.context.clear_cookies()
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/worries/open/")
    assert axe(page) == []

    page.context.clear_cookies()
    sign_in(page, "dora@home.test")
    page.goto(f"/family/worries/{worry.pk}/")
    expect(page.locator("main")).to_contain_text("Two-word phrases at snack")
    expect(page.locator("main")).not_to_contain_text("SECRET-STAFF-NOTE")
    expect(page.locator("main")).not_to_contain_text("does not put two together")
    assert axe(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert not console.csp_violations
