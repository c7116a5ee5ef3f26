"""The screen by the door and the family book in a real browser under the strict CSP: no
violations, and no serious accessibility problems (axe), at a TV's 1920×1080."""

import pytest
from playwright.sync_api import Page, expect

from tandem.floorbooks import services

# The browser fixtures live with the other browser tests (a CSP violation or page error fails the test).
from tests.e2e.conftest import (  # noqa: F401, F811
    Console,
    _compiled_messages,
    _no_csp_violations,
    axe,
    base_url,
    console,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_screen_by_the_door_is_full_screen_accessible_and_keeps_the_csp(
    page: Page,
    babies,
    bob,
    alice,
    ada,
    console: Console,  # noqa: F811
) -> None:
    book = services.floor_book_create(setting=babies.setting, by=bob, title="Our garden", room=babies)
    bean = services.floor_book_page_add(
        book=book, by=bob, caption="Ada Lovelace planted beans.", children_words="Ada: Grow, beans!"
    )
    services.floor_book_page_set_display(page=bean, by=bob, cleared=True)
    services.room_board_post_create(
        room=babies, by=bob, text="**Wellies** tomorrow!", kind="we_need", cleared_for_display=True
    )
    services.room_board_post_create(room=babies, by=bob, text="Not for the screen", kind="reminder")
    display = services.room_display_create(room=babies, by=alice)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"/display/{display.token}/")
    expect(page.locator("h1")).to_have_text("Babies")
    expect(page.locator(".display-item")).to_have_count(2)
    expect(page.get_by_text("Wellies")).to_be_visible()
    expect(page.get_by_text("Not for the screen")).to_have_count(0)
    assert "Lovelace" not in page.content()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.display-item')).fontSize)")
    assert size >= 28  # readable from across a corridor
    assert axe(page) == []
    assert not console.csp_violations


def test_a_family_reads_the_book_and_sends_a_comment(page: Page, babies, bob, ada, dora, console: Console) -> None:  # noqa: F811
    book = services.floor_book_create(setting=babies.setting, by=bob, title="Our garden", room=babies)
    services.floor_book_page_add(book=book, by=bob, caption="We planted beans.", children_words="Ada: Grow!")
    sign_in(page, "dora@home.test")
    page.goto(f"/family/floorbooks/books/{book.pk}/")
    expect(page.get_by_text("We planted beans.")).to_be_visible()
    assert axe(page) == []
    page.fill("#id_text", "She talks about it every day.")
    with page.expect_navigation():
        page.locator("form.admin-form button[type=submit]").click()
    expect(page.locator(".comments")).to_contain_text("She talks about it every day.")
    assert axe(page) == []
    assert not console.csp_violations
