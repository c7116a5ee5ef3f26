"""In a real browser: dora reads the code of conduct on a phone and acknowledges it with the
keyboard; alice sees who has not read it. Axe finds no serious problem."""

import pytest
from playwright.sync_api import Page, expect

from tandem.policies.models import PolicyAcknowledgement
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_acknowledges_the_code_of_conduct(page: Page, code_of_conduct, dora, ed, alice, console: Console):
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "dora@home.test")
    page.goto("/family/policies/")
    assert axe(page) == []
    page.click("text=Code of conduct for families")
    expect(page.locator("main")).to_contain_text("photos of other children")
    assert axe(page) == []
    page.focus("#id_understood")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".message")).to_contain_text("read and understood")
    assert PolicyAcknowledgement.objects.get().guardian.user == dora
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto(f"/s/oak-tree/policies/{code_of_conduct.pk}/acknowledgements/")
    expect(page.locator("ul.waiting")).to_contain_text("Ed Babbage")
    expect(page.locator("ul.done")).to_contain_text("Dora Lovelace")
    assert axe(page) == []
    page.goto("/s/oak-tree/policies/")
    assert axe(page) == []
    assert not console.csp_violations
