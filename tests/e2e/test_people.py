"""Each person signs in through the real login form and sees their own home, and only what
they are allowed to see."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Console, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dora_lands_on_her_family_and_sees_ada_but_not_ben(page: Page, dora, ben, console: Console) -> None:
    sign_in(page, "dora@home.test")

    expect(page).to_have_url(re.compile(r"/family/$"))
    main = page.locator("main")
    expect(main.get_by_role("link", name="Ada")).to_be_visible()
    expect(main).not_to_contain_text("Ben")

    response = page.goto(f"/family/children/{ben.pk}/")
    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text("Ben")
    assert not console.csp_violations


def test_bob_sees_ada_among_his_key_children(page: Page, bob, ada, ben, console: Console) -> None:
    sign_in(page, "bob@oak.test")

    expect(page).to_have_url(re.compile(r"/s/oak-tree/$"))
    key_children = page.locator("section", has=page.get_by_role("heading", name="My key children"))
    expect(key_children.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(key_children).not_to_contain_text("Ben")
    assert not console.csp_violations


def test_bob_filters_the_children_list_by_typing_without_a_reload(page: Page, bob, ada, ben, console: Console) -> None:
    sign_in(page, "bob@oak.test")
    page.goto("/s/oak-tree/children/")
    rows = page.locator("#child-rows tbody tr")
    expect(rows).to_have_count(2)
    page.evaluate("() => { window.__sameDocument = true; }")

    with page.expect_response(lambda r: "/children/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#child-search").press_sequentially("Ben", delay=20)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ben Babbage")
    assert page.evaluate("() => window.__sameDocument === true"), "the page reloaded instead of swapping rows"
    expect(page).to_have_url(re.compile(r"[?&]q=Ben"))  # hx-push-url keeps the filter bookmarkable
    assert not console.csp_violations


def test_the_children_filter_works_without_javascript(browser, base_url: str, bob, ada, ben) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "bob@oak.test")
        page.goto("/s/oak-tree/children/")
        page.locator("#child-search").fill("Ada")
        with page.expect_navigation():
            page.locator("form.filters").get_by_role("button", name="Show").click()

        expect(page).to_have_url(re.compile(r"/s/oak-tree/children/\?q=Ada"))
        rows = page.locator("#child-rows tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Ada Lovelace")
    finally:
        context.close()


def test_alice_sees_every_child_and_ada_medical_notes(page: Page, alice, ada, ben, console: Console) -> None:
    sign_in(page, "alice@oak.test")

    expect(page).to_have_url(re.compile(r"/s/oak-tree/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Alice")
    page.locator("header").get_by_role("link", name="Children").click()
    table = page.locator("#child-rows table")
    expect(table.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(table.get_by_role("link", name="Ben Babbage")).to_be_visible()

    table.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    notes = page.locator("dt", has_text="Medical notes")
    expect(notes).to_be_visible()
    expect(notes.locator("xpath=following-sibling::dd[1]")).to_have_text("Inhaler for wheeze")
    assert not console.csp_violations


def test_olive_sees_numbers_and_no_child_names(page: Page, olive, ada, ben, elm_child, console: Console) -> None:
    sign_in(page, "olive@group.test")

    expect(page).to_have_url(re.compile(r"/o/oak-tree-group/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Oak Tree Group")
    children_card = page.locator(".card", has_text="children").first
    expect(children_card.locator(".stat")).to_have_text("2")
    expect(page.get_by_role("row", name=re.compile("Oak Tree Nursery"))).to_be_visible()
    text = page.locator("body").inner_text()
    for name in ("Ada", "Lovelace", "Ben", "Babbage", "Eve"):
        assert name not in text
    assert not console.csp_violations


def test_charlie_cannot_open_oak_tree(page: Page, charlie, ada, console: Console) -> None:
    sign_in(page, "charlie@elm.test")
    expect(page).to_have_url(re.compile(r"/s/elm-house/$"))

    response = page.goto("/s/oak-tree/")
    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text("Oak Tree")
    expect(page.locator("body")).not_to_contain_text("Ada")
    assert not console.csp_violations
