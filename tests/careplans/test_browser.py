"""In a real browser on a 360 px phone, right to left (Arabic), with the keyboard: dora proposes
a change to Ada's care plan and comments on Ada's transition summary; bob approves the
proposal. Every page passes axe and fits the phone."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tandem.careplans.models import CarePlanProposal
from tandem.transitions import services as transition_services
from tests.e2e.conftest import Console, axe, sign_in, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_parent_proposes_a_change_and_comments_on_a_summary_right_to_left(
    page: Page, ada_plan, dora, bob, preschool, console: Console
) -> None:
    ada = ada_plan.child
    move = transition_services.transition_plan(
        child=ada, by=bob, kind="room", planned_date=ada.setting.today() + dt.timedelta(days=20), to_room=preschool
    )
    move = transition_services.transition_summary_write(transition_=move, by=bob, summary="Ada loves the sand tray.")
    transition_services.transition_summary_share_with_family(transition_=move, by=bob)

    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "dora@home.test")
    page.goto(f"/family/careplans/children/{ada.pk}/")
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert axe(page) == [] and _fits(page)
    page.goto(f"/family/careplans/children/{ada.pk}/propose/")
    page.locator("#id_routines").fill("")
    page.locator("#id_routines").press_sequentially("Nap at 13:00")
    page.locator("#id_note").focus()
    page.keyboard.type("Later bedtime now")
    assert axe(page) == [] and _fits(page)
    with page.expect_navigation():
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the send button, reached from the keyboard
    assert CarePlanProposal.objects.get().changes == {"routines": "Nap at 13:00"}

    page.goto(f"/family/transitions/moves/{move.pk}/")
    expect(page.locator(".summary-text")).to_contain_text("sand tray")
    page.fill("#id_comment", "She is excited about the bikes")
    assert axe(page) == [] and _fits(page)
    with page.expect_navigation():
        page.locator("form.admin-form button[type=submit]").click()
    move.refresh_from_db()
    assert move.family_comment == "She is excited about the bikes"

    page.context.clear_cookies()
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/careplans/children/{ada.pk}/")
    assert axe(page) == []
    page.locator("input[name=decision][value=approve]").check()
    with page.expect_navigation():
        page.locator("form.admin-form button[type=submit]").click()
    ada_plan.refresh_from_db()
    assert ada_plan.current.routines == "Nap at 13:00"
    page.goto("/s/oak-tree/careplans/")
    expect(page.locator("table")).to_contain_text("Ada")
    assert axe(page) == []
    page.goto("/s/oak-tree/transitions/")
    assert axe(page) == []
    assert not console.csp_violations
