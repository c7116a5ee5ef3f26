"""Engagement in a real browser under the strict CSP: bob, on a phone, sees which key families to
catch up with; alice reads the overview and the evidence page. No serious accessibility problem
(axe) in English or in Arabic (right to left)."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (  # noqa: F401, F811
    Console,
    _compiled_messages,
    _no_csp_violations,
    axe,
    base_url,
    console,
    sign_in,
    switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 780}


def test_the_key_person_sees_families_to_catch_up_with_on_a_phone(page: Page, bob, ada, dora) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "bob@oak.test")
    page.goto("/s/oak-tree/working-with-families/")
    page.get_by_role("link", name="My key families").click()
    expect(page.get_by_role("heading", name="Families to catch up with")).to_be_visible()
    expect(page.locator(".cards .card h3")).to_have_text(["Lovelace"])
    assert axe(page) == []
    # Nothing on the page is wider than the phone (tables scroll inside their own region).
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    switch_language(page, "ar")
    assert axe(page) == []


def test_the_manager_reads_the_overview_and_the_evidence(page: Page, alice, ada, dora, ben) -> None:
    sign_in(page, "alice@oak.test")
    page.goto("/s/oak-tree/engagement/")
    expect(page.get_by_role("heading", name="By room")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Evidence of partnership").first.click()
    expect(page.get_by_role("heading", name="How we communicate with each family")).to_be_visible()
    assert axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
