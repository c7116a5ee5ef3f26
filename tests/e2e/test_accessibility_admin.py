"""The setting's admin pages, the account pages and the invitation code page pass axe-core
(WCAG 2 A and AA, no serious or critical problem) in English and in Arabic, under the CSP."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Console, switch_language
from tests.e2e.test_accessibility import LANGUAGES, scan, sign_in_speaking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_pages_are_accessible(page: Page, alice, ada, ben, dora, language: str, console: Console) -> None:
    sign_in_speaking(page, "alice@oak.test", language)
    admin = "/s/oak-tree/admin/"
    paths = [
        admin,
        admin + "children/",
        admin + f"children/{ada.pk}/edit/",
        admin + f"children/{ada.pk}/consents/",
        admin + "rooms/",
        admin + "staff/",
        admin + "families/",
        admin + f"families/{ada.family.pk}/",
        admin + "invitations/",
    ]
    assert scan(page, paths, language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_account_pages_are_accessible(page: Page, dora, ada, language: str, console: Console) -> None:
    sign_in_speaking(page, "dora@home.test", language)
    paths = [
        "/accounts/me/",
        "/accounts/export/",
        "/family/preferences/",
        f"/family/children/{ada.pk}/consents/",
    ]
    assert scan(page, paths, language) == {}
    assert not console.csp_violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invitation_code_page_is_accessible_signed_out(page: Page, language: str, console: Console) -> None:
    page.goto("/accounts/invitation/")
    if language != "en":
        switch_language(page, language)
    assert scan(page, ["/accounts/invitation/"], language) == {}
    assert not console.csp_violations
