"""In a real browser, under the real CSP: the admin and family form pages fit a 360 px phone
without scrolling sideways and pass axe-core (WCAG 2 A/AA, nothing serious), with and without
errors on the form."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import Console, axe, sign_in
from tests.e2e.test_phone import PHONE, sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_paths(ada, dora) -> list[str]:
    admin = "/s/oak-tree/admin/"
    guardian = dora.guardianships.get()
    return [
        admin + "setting/",
        admin + "rooms/new/",
        admin + f"rooms/{ada.room.pk}/",
        admin + "staff/new/",
        admin + "children/new/",
        admin + f"children/{ada.pk}/leave/",
        admin + f"children/{ada.pk}/guardians/{guardian.pk}/",
        admin + f"families/{ada.family.pk}/guardians/new/",
        admin + f"families/{ada.family.pk}/links/new/",
        admin + f"guardians/{guardian.pk}/",
        admin + f"guardians/{guardian.pk}/preferences/",
        admin + "audit/",
        admin + "import/",
    ]


def test_admin_form_pages_fit_a_phone_and_pass_axe(page: Page, alice, ada, ben, dora, console: Console) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "alice@oak.test")
    paths = _admin_paths(ada, dora)
    assert sideways_scroll(page, paths) == {}
    problems = {}
    for path in paths:
        page.goto(path)
        if found := axe(page):
            problems[path] = found
    assert problems == {}
    assert not console.csp_violations


def test_a_form_with_errors_stays_accessible_on_a_phone(page: Page, alice, ada, console: Console) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/admin/staff/new/")
    page.locator("input[name=email]").fill("not-an-address")
    with page.expect_navigation():
        page.locator("form.admin-form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_email").get_attribute("aria-describedby") == "id_email_error"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_family_form_pages_fit_a_phone_and_pass_axe(page: Page, dora, ada, console: Console) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "dora@home.test")
    paths = ["/family/preferences/", f"/family/children/{ada.pk}/consents/"]
    assert sideways_scroll(page, paths) == {}
    page.goto(paths[1])
    with page.expect_navigation():
        page.locator("button[value=given]").first.click()
    assert page.locator(".message").is_visible()
    assert axe(page) == []
    assert not console.csp_violations
