"""In a real browser on a 360 px phone, under the strict CSP: dora fills in Ada's All About Me,
saves a draft, comes back to finish it, and shares it; bob (Ada's key person) then sees it on
Ada's profile with the allergy highlighted. No serious accessibility problems on the way."""

import pytest
from playwright.sync_api import Page, expect

from tandem.allaboutme.models import AllAboutMeDraft, AllAboutMeVersion
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_parent_fills_in_all_about_me_on_a_phone_and_the_key_person_sees_it(
    page: Page, dora, bob, ada, console: Console
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/children/{ada.pk}/")
    page.locator(f'a[href="/family/allaboutme/children/{ada.pk}/"]').first.click()
    page.locator(f'a[href="/family/allaboutme/children/{ada.pk}/edit/"]').click()
    assert axe(page) == []
    assert _fits_the_phone(page)
    page.fill("#id_likes", "Ducks, bubbles and the big red bus")
    page.fill("#id_comforters", "Blue bunny")
    # Save as you go: the draft is kept a moment after she stops typing, without a button.
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=10_000)
    assert AllAboutMeDraft.objects.get().data["comforters"] == "Blue bunny"
    assert not AllAboutMeVersion.objects.exists()
    with page.expect_navigation():
        page.click("button[value=draft]")  # and the button does the same without JavaScript
    assert AllAboutMeDraft.objects.count() == 1 and not AllAboutMeVersion.objects.exists()

    page.goto(f"/family/allaboutme/children/{ada.pk}/edit/")
    expect(page.locator("#id_likes")).to_have_value("Ducks, bubbles and the big red bus")
    page.fill("#id_allergies", "Peanuts: hives and a swollen lip")
    page.locator("#id_sleep").focus()
    page.keyboard.type("Nap at 12:30 with the blinds down")
    with page.expect_navigation():
        page.click("button[value=save]")
    expect(page.locator(".message-success")).to_be_visible()
    assert AllAboutMeVersion.objects.get().how == "online"
    assert axe(page) == []
    assert _fits_the_phone(page)

    page.context.clear_cookies()
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/children/{ada.pk}/")
    section = page.locator(".allaboutme-section")
    expect(section).to_contain_text("Blue bunny")
    expect(section.locator(".allergy-alert")).to_contain_text("Peanuts: hives and a swollen lip")
    assert axe(page) == []
    assert not console.csp_violations
