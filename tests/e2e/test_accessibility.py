"""axe-core (WCAG 2 A and AA) finds no serious or critical problem on anyone's pages, in English
and in Arabic (right to left), and no page breaks the Content Security Policy."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Console, axe, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [pytest.param("en", id="english"), pytest.param("ar", id="arabic")]
DIRECTION = {"en": "ltr", "ar": "rtl"}


def scan(page: Page, paths: list[str], language: str) -> dict[str, list[dict]]:
    """Open each path and return the axe violations found, by path (empty when all pass)."""
    found = {}
    for path in paths:
        page.goto(path)
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", DIRECTION[language])
        violations = axe(page)
        if violations:
            found[path] = violations
    return found


def sign_in_speaking(page: Page, login: str, language: str) -> None:
    sign_in(page, login)
    if language != "en":
        switch_language(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_login_page_is_accessible(page: Page, language: str, console: Console) -> None:
    page.goto("/accounts/login/")
    if language != "en":
        switch_language(page, language)
    assert scan(page, ["/accounts/login/"], language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_dora_pages_are_accessible(page: Page, dora, ada, language: str, console: Console) -> None:
    sign_in_speaking(page, "dora@home.test", language)
    assert scan(page, ["/family/", f"/family/children/{ada.pk}/"], language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_bob_pages_are_accessible(page: Page, bob, ada, ben, language: str, console: Console) -> None:
    sign_in_speaking(page, "bob@oak.test", language)
    assert scan(page, ["/s/oak-tree/", "/s/oak-tree/children/", "/s/oak-tree/children/?q=Ada"], language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_alice_pages_are_accessible(page: Page, alice, ada, ben, dora, language: str, console: Console) -> None:
    sign_in_speaking(page, "alice@oak.test", language)
    paths = ["/s/oak-tree/", "/s/oak-tree/children/", f"/s/oak-tree/children/{ada.pk}/"]
    assert scan(page, paths, language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_olive_overview_is_accessible(page: Page, olive, ada, ben, language: str, console: Console) -> None:
    sign_in_speaking(page, "olive@group.test", language)
    assert scan(page, ["/o/oak-tree-group/"], language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_charlie_home_is_accessible(page: Page, charlie, language: str, console: Console) -> None:
    sign_in_speaking(page, "charlie@elm.test", language)
    assert scan(page, ["/s/elm-house/"], language) == {}
    assert not console.csp_violations
