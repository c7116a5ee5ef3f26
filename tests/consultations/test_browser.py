"""In a real browser: dora comments on a paragraph of the vision on a phone, alice reads the
comment and replies; both pages pass axe under the strict CSP."""

import pytest
from playwright.sync_api import Page, expect

from tandem.consultations.models import Comment, Reply
from tests.consultations.conftest import make_consultation
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_comments_and_the_manager_replies(page: Page, oak_tree, alice, dora, ada, console: Console) -> None:
    vision = make_consultation(oak_tree, alice)
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/consultations/{vision.pk}/")
    expect(page.locator(".paragraph").nth(1)).to_contain_text("We work with families as partners")
    page.select_option("#id_paragraph", "2")
    page.fill("#id_body", "Please add a word about grandparents.")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send my comment").click()
    expect(page.locator(".message").first).to_contain_text("Thank you")
    assert Comment.objects.get().paragraph == 2

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto(f"/s/oak-tree/consultations/{vision.pk}/")
    expect(page.locator(".comment").first).to_contain_text("grandparents")
    page.locator(".comment details summary").first.click()
    page.locator(".comment textarea").first.fill("We will, thank you.")
    page.locator(".comment input[value=everyone]").first.check()
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send the reply").click()
    assert Reply.objects.get().visibility == "everyone"
    assert not console.csp_violations
