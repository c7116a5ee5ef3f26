"""In a real browser under the strict CSP, on a 360 px phone: dora sends an empty complaint
and is told what is missing, then raises it; alice (manager) sees it acknowledged on the
list, assigns it, adds a step and records the outcome; dora reads it. Axe finds no serious
problem on the pages on the way."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tandem.concerns.models import Concern, ConcernStatus
from tandem.notify.models import NoticeRecipient
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(settings.BASE_DIR) / "docs" / "images"


def _shot(page: Page, name: str) -> None:
    """With TANDEM_DOC_SCREENSHOTS=1, refresh the guide's screenshot NAME."""
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / name), full_page=True)


def test_a_parent_raises_a_concern_and_the_manager_answers_it(page: Page, dora, alice, ada, console: Console) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "dora@home.test")
    page.goto("/family/concerns/new/")
    assert axe(page) == []
    page.check("input[name=kind][value=complaint]")
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    expect(page.locator(".error-summary")).to_contain_text("Tell us what it is about")
    _shot(page, "concerns-empty-refused.png")
    assert axe(page) == []
    assert not Concern.objects.exists()
    page.select_option("#id_child", str(ada.pk))
    page.fill("#id_about", "Nikt nam nie powiedział o zmianie opiekunki.")
    page.fill("#id_desired_outcome", "Spotkanie")
    with page.expect_navigation():
        page.click("form.admin-form button[type=submit]")
    concern = Concern.objects.get()
    expect(page.locator(".message")).to_contain_text(concern.reference)
    assert NoticeRecipient.objects.filter(notice__kind="concerns.acknowledged").count() == 1
    # Nothing sticks out of a 360 px screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/concerns/")
    expect(page.locator("table")).to_contain_text(concern.reference)
    expect(page.locator("table")).to_contain_text("On track")
    _shot(page, "concerns-list.png")
    assert axe(page) == []
    page.click(f"text={concern.reference}")
    expect(page.locator("h1")).to_contain_text(concern.reference)
    assert axe(page) == []
    with page.expect_navigation():
        page.click("form[action$='/assign/'] button[type=submit]")
    page.select_option("form[action$='/step/'] select[name=kind]", "contact")
    page.fill("form[action$='/step/'] textarea[name=text]", "Phoned Dora; meeting on Friday.")
    with page.expect_navigation():
        page.click("form[action$='/step/'] button[type=submit]")
    expect(page.locator(".timeline")).to_contain_text("Phoned Dora")
    page.fill("form[action$='/outcome/'] textarea[name=outcome]", "We are sorry. You will meet the new key person.")
    with page.expect_navigation():
        page.click("form[action$='/outcome/'] button[type=submit]")
    expect(page.locator(".message")).to_contain_text("sent to the family")
    _shot(page, "concerns-case.png")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OUTCOME_SENT and concern.assigned_to.user == alice

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/concerns/{concern.pk}/")
    expect(page.locator("main")).to_contain_text("You will meet the new key person")
    _shot(page, "concerns-family-outcome.png")
    assert axe(page) == []
    assert not console.csp_violations


def test_the_family_pages_work_right_to_left_on_a_phone(page: Page, ed, console: Console) -> None:
    ed.language = "ar"
    ed.save()
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "ed@home.test")
    for url in ("/family/concerns/", "/family/concerns/new/"):
        page.goto(url)
        assert page.evaluate("() => document.documentElement.dir") == "rtl"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        assert axe(page) == []
    _shot(page, "concerns-raise-rtl.png")
    assert not console.csp_violations
