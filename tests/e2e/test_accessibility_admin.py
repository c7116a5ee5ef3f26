"""The setting's admin pages, the account pages and the invitation code page pass axe-core
(WCAG 2 A and AA, no serious or critical problem) in English and in Arabic, under the CSP."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Console, sign_in
from tests.e2e.test_accessibility import scan_in_english_and_arabic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_pages_are_accessible(page: Page, alice, ada, ben, dora, console: Console) -> None:
    sign_in(page, "alice@oak.test")
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
        admin + "setting/",
        admin + "staff/new/",
        admin + "audit/",
        admin + "import/",
    ]
    assert scan_in_english_and_arabic(page, paths) == {}
    assert not console.csp_violations


def test_the_account_pages_are_accessible(page: Page, dora, ada, console: Console) -> None:
    sign_in(page, "dora@home.test")
    paths = [
        "/accounts/me/",
        "/accounts/export/",
        "/accounts/tokens/",
        "/family/preferences/",
        f"/family/children/{ada.pk}/consents/",
    ]
    assert scan_in_english_and_arabic(page, paths) == {}
    assert not console.csp_violations


def test_the_invitation_code_page_is_accessible_signed_out(page: Page, console: Console) -> None:
    page.goto("/accounts/invitation/")
    assert scan_in_english_and_arabic(page, ["/accounts/invitation/"]) == {}
    assert not console.csp_violations
