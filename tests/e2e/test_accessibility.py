"""axe-core (WCAG 2 A and AA) finds no serious or critical problem on anyone's pages, in English
and then in Arabic (right to left), and no page breaks the Content Security Policy.

Each test signs in once, scans in English, switches language with the footer form as a person
would, and scans the same pages again: one sign-in per person keeps the browser suite fast."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Console, axe, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIRECTION = {"en": "ltr", "ar": "rtl"}


def scan(page: Page, paths: list[str], language: str) -> dict[str, list[dict]]:
    """Open each path and return the axe violations found, by language and path (empty when all pass)."""
    found = {}
    for path in paths:
        page.goto(path)
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", DIRECTION[language])
        violations = axe(page)
        if violations:
            found[f"{language} {path}"] = violations
    return found


def scan_in_english_and_arabic(page: Page, paths: list[str]) -> dict[str, list[dict]]:
    found = scan(page, paths, "en")
    switch_language(page, "ar")
    found.update(scan(page, paths, "ar"))
    return found


def test_the_login_page_is_accessible(page: Page, console: Console) -> None:
    page.goto("/accounts/login/")
    assert scan_in_english_and_arabic(page, ["/accounts/login/"]) == {}
    assert not console.csp_violations


def test_dora_pages_are_accessible(page: Page, dora, ada, console: Console) -> None:
    sign_in(page, "dora@home.test")
    assert scan_in_english_and_arabic(page, ["/family/", f"/family/children/{ada.pk}/"]) == {}
    assert not console.csp_violations


def test_bob_pages_are_accessible(page: Page, bob, ada, ben, console: Console) -> None:
    sign_in(page, "bob@oak.test")
    assert scan_in_english_and_arabic(page, ["/s/oak-tree/", "/s/oak-tree/children/?q=Ada"]) == {}
    assert not console.csp_violations


def test_alice_pages_are_accessible(page: Page, alice, ada, ben, dora, console: Console) -> None:
    sign_in(page, "alice@oak.test")
    paths = ["/s/oak-tree/", "/s/oak-tree/children/", f"/s/oak-tree/children/{ada.pk}/"]
    assert scan_in_english_and_arabic(page, paths) == {}
    assert not console.csp_violations


def test_olive_overview_is_accessible(page: Page, olive, ada, ben, console: Console) -> None:
    sign_in(page, "olive@group.test")
    assert scan_in_english_and_arabic(page, ["/o/oak-tree-group/"]) == {}
    assert not console.csp_violations


def test_charlie_home_is_accessible(page: Page, charlie, console: Console) -> None:
    sign_in(page, "charlie@elm.test")
    assert scan_in_english_and_arabic(page, ["/s/elm-house/"]) == {}
    assert not console.csp_violations
