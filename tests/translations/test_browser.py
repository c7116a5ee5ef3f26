"""In a real browser under the strict CSP: Tess, a volunteer translator, opens her queue,
reads a parent's Polish message with the glossary beside it, translates it and saves; the
queue, the text and the glossary pages have no serious accessibility problems."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tandem.translations import services
from tandem.translations.models import TextTranslation
from tests.e2e.conftest import (  # noqa: F401
    Console,
    _compiled_messages,
    _no_csp_violations,
    axe,
    base_url,
    console,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(settings.BASE_DIR) / "docs" / "images"


def _shot(page: Page, name: str) -> None:
    """With TANDEM_DOC_SCREENSHOTS=1, refresh the screenshots in docs/images/."""
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / name), full_page=True)


def test_a_translator_translates_a_queued_message(
    page: Page,
    tess,
    alice,
    oak_tree,
    ada,
    glossary,
    console: Console,  # noqa: F811
) -> None:
    (row,) = services.translation_request(
        setting=oak_tree,
        source=ada.family,
        field="body",
        text="Czy key person może zadzwonić jutro?",
        source_language="pl",
        languages={"en"},
        author_kind="parent",
    )
    page.set_viewport_size({"width": 360, "height": 800})  # a phone
    sign_in(page, "tess@oak.test")
    page.goto("/s/oak-tree/translations/")
    expect(page.locator("h2").first).to_contain_text("1 text waiting")
    _shot(page, "translations-queue.png")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="From Polish into English").click()
    expect(page.locator(".original[lang=pl]")).to_contain_text("Czy key person może zadzwonić jutro?")
    _shot(page, "translations-translate.png")
    assert axe(page) == []
    page.get_by_label("Your translation").fill("Can the key person phone tomorrow?")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the translation").click()
    expect(page.locator(".message")).to_contain_text("your translation is saved")
    expect(page.locator("h2").first).to_contain_text("0 texts waiting")
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.HUMAN and row.text == "Can the key person phone tomorrow?"
    assert row.translated_by == tess

    page.goto("/s/oak-tree/translations/glossary/")
    expect(page.locator("table")).to_contain_text("osoba kluczowa")
    _shot(page, "translations-glossary.png")
    assert axe(page) == []
    assert not console.csp_violations
