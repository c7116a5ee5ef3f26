"""The body map in a real browser under the strict CSP: a tap on the outline adds a numbered
mark with a note, the record saves it, and the pages pass axe."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tandem.incidents.models import Incident

# The browser fixtures live with the other browser tests; imported here so this app's test stays
# in tests/incidents (a CSP violation or page error still fails it through _no_csp_violations).
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


def test_a_tap_on_the_outline_becomes_a_numbered_mark_that_is_saved(page: Page, bob, ada, console: Console) -> None:  # noqa: F811
    sign_in(page, "bob@oak.test")
    page.goto(f"/s/oak-tree/incidents/children/{ada.pk}/record/")
    assert axe(page) == []
    front = page.locator('svg[data-bodymap-view="front"]')
    box = front.bounding_box()
    assert box is not None
    front.click(position={"x": box["width"] * 0.41, "y": box["height"] * 0.72})  # the right knee
    expect(front.locator(".bodymap-mark")).to_have_count(1)
    expect(front.locator(".bodymap-mark text")).to_have_text("1")
    note = page.locator("[data-bodymap-list] input")
    expect(note).to_be_focused()
    note.fill("Graze")
    # A tap on the background beside the child adds nothing.
    front.click(position={"x": 3, "y": 3})
    expect(page.locator(".bodymap-mark")).to_have_count(1)
    when = timezone.localtime(timezone.now() - dt.timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_occurred_at", when)
    page.fill("#id_description", "Tripped on the path and grazed her knee.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the record").click()
    expect(page.locator("h1")).to_contain_text("Accident")
    expect(page.locator(".bodymap-mark")).to_have_count(1)
    assert axe(page) == []
    with scopes_disabled():
        marks = Incident.objects.get().marks
    assert len(marks) == 1 and marks[0]["view"] == "front" and marks[0]["note"] == "Graze"
    assert 36 <= marks[0]["x"] <= 46 and 67 <= marks[0]["y"] <= 77
    assert not console.csp_violations
