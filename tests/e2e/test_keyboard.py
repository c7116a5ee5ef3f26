"""Someone using only a keyboard can skip the navigation, change the language and sign out."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Console, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [pytest.param("en", id="english"), pytest.param("ar", id="arabic")]

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.textContent || '').trim()};
}"""


def tab_stops(page: Page, limit: int = 60) -> list[dict]:
    """Press Tab from the top of the page until focus comes back round or LIMIT is reached."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or (stops and focused == stops[0]):
            break
        stops.append(focused)
    return stops


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, bob, ada, language: str, console: Console
) -> None:
    sign_in(page, "bob@oak.test")
    if language != "en":
        switch_language(page, language)
    page.goto("/s/oak-tree/children/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "the focused skip link is off screen"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert not console.csp_violations


def test_sign_out_and_the_language_select_are_reachable_by_keyboard(page: Page, dora, ada, console: Console) -> None:
    sign_in(page, "dora@home.test")
    page.goto("/family/")  # a fresh page: Tab starts from the top of the document

    stops = tab_stops(page)
    assert stops[0]["cls"] == "skip-link"
    assert any(s["id"] == "language-select" for s in stops), stops
    assert any(s["tag"] == "button" and s["text"] == "Sign out" for s in stops), stops

    # Choose Arabic from the keyboard. Arrowing through the closed select must not reload the page
    # in each language on the way (WCAG 3.2.2 On input): the person confirms with the button.
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    select = page.locator("#language-select")
    select.focus()
    for _ in range(10):
        if select.input_value() == "ar":
            break
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value("ar")
    page.wait_for_timeout(200)  # a reload on change would have started by now
    assert navigations == [], "choosing an option reloaded the page before the person confirmed"
    page.keyboard.press("Tab")
    expect(page.locator("form.language-form button[type=submit]")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # Sign out from the keyboard.
    page.locator("header form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    response = page.goto("/family/")
    assert response is not None
    expect(page.locator("input[name=login]")).to_be_visible()
    assert not console.csp_violations


CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = el.parentElement;
  while (bg && getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
  const a = lum(rgb(getComputedStyle(el).outlineColor));
  const b = lum(rgb(getComputedStyle(bg || document.body).backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_the_focus_ring_stands_out_in_the_header_and_the_page(page: Page, dora, ada, console: Console) -> None:
    """WCAG 1.4.11: the focus indicator needs 3:1 against what surrounds it, also on the dark bar."""
    sign_in(page, "dora@home.test")
    page.goto("/family/")
    ratios = {}
    for _ in range(20):  # the skip link, the header's links and button, then the first link in main
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        ratios[focused.inner_text()] = focused.evaluate(CONTRAST)
        if focused.evaluate("(el) => el.closest('main') !== null"):
            break
    assert "Ada" in ratios and "Sign out" in ratios, ratios

    assert min(ratios.values()) >= 3, ratios
    assert not console.csp_violations
