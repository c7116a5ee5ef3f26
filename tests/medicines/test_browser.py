"""In a real browser under the strict CSP: dora gives permission with the family form, bob
records a dose and sees a refusal, and the pages have no serious accessibility problems.
With TANDEM_DOC_SCREENSHOTS=1 it also refreshes the screenshots in docs/images/."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tandem.medicines.models import MedicineAdministration, MedicinePermission
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(settings.BASE_DIR) / "docs" / "images"


def _shot(page: Page, name: str) -> None:
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / name), full_page=True)


def test_a_parent_gives_permission_and_staff_record_a_dose(page: Page, dora, bob, ada, console: Console) -> None:
    page.set_viewport_size({"width": 900, "height": 900})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/medicines/children/{ada.pk}/permission/")
    page.fill("#id_medicine_name", "Calpol")
    page.fill("#id_dose_amount", "5")
    page.select_option("#id_dose_unit", "ml")
    page.fill("#id_conditions", "If temperature above 38°C")
    page.fill("#id_min_hours_between", "4")
    page.fill("#id_reason", "Teething")
    page.fill("#id_signature", "Dora Lovelace")
    _shot(page, "medicines-permission.png")
    assert axe(page) == []
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("permission is saved")
    assert MedicinePermission.objects.get().signature == "Dora Lovelace"

    page.context.clear_cookies()
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/medicines/children/{ada.pk}/")
    page.fill("#id_dose_amount", "10")
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("more than the permitted dose of 5 ml")
    _shot(page, "medicines-refused.png")
    assert axe(page) == []
    assert not MedicineAdministration.objects.exists()
    page.fill("#id_dose_amount", "5")
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".message")).to_contain_text("The dose is recorded")
    assert MedicineAdministration.objects.count() == 1
    assert not console.csp_violations
