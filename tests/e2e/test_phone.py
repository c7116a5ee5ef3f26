"""On a small phone (360 × 740 CSS pixels) no page scrolls sideways: wide tables scroll inside
their own box, and everything else wraps. Checked left to right and right to left."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Console, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def sideways_scroll(page: Page, paths: list[str]) -> dict[str, int]:
    """The document's scroll width on each path that is wider than the phone, in English and
    then in Arabic. (Right to left, the document scrolls towards the left, and scrollWidth
    counts that overflow too.)"""
    too_wide = {}
    for language in ("en", "ar"):
        if language != "en":
            switch_language(page, language)
        for path in paths:
            page.goto(path)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[f"{language} {path}"] = width
    return too_wide


def test_dora_family_pages_fit_a_phone(page: Page, dora, ada, console: Console) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "dora@home.test")
    assert sideways_scroll(page, ["/family/", f"/family/children/{ada.pk}/"]) == {}
    assert not console.csp_violations


def test_staff_pages_fit_a_phone(page: Page, alice, ada, ben, dora, console: Console) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "alice@oak.test")
    paths = [
        "/s/oak-tree/",
        "/s/oak-tree/children/",
        f"/s/oak-tree/children/{ada.pk}/",
        "/s/oak-tree/admin/children/",
        "/s/oak-tree/admin/families/",
        "/s/oak-tree/admin/staff/",
        "/s/oak-tree/admin/invitations/",
    ]
    assert sideways_scroll(page, paths) == {}
    assert not console.csp_violations


def test_the_login_page_fits_a_phone(page: Page, console: Console) -> None:
    page.set_viewport_size(PHONE)
    assert sideways_scroll(page, ["/accounts/login/"]) == {}
    assert not console.csp_violations
