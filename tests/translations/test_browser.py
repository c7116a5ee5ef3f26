"""In a real browser under the strict CSP: Tess, a volunteer translator, opens her queue,
reads a parent's Polish message with the glossary beside it, translates it and saves; the
queue, the text and the glossary pages have no serious accessibility problems."""

import pytest
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
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="From Polish into English").click()
    expect(page.locator("blockquote[lang=pl]")).to_contain_text("Czy key person może zadzwonić jutro?")
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
    assert axe(page) == []
    assert not console.csp_violations
