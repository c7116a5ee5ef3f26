"""In a real browser under the strict CSP: dora answers the parent survey on a 360 px phone
(fieldsets and legends, keyboard), is refused a second time, and alice sees the results with
the charts and their tables. No serious accessibility problems on either page (axe)."""

import os

import pytest
from playwright.sync_api import Page, expect

from tandem.surveys.models import Response
from tests.e2e.conftest import Console, axe, sign_in
from tests.surveys.conftest import make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_answers_on_a_phone_and_the_manager_sees_the_chart(
    page: Page, oak_tree, alice, dora, ada, console: Console
) -> None:
    survey = make_survey(oak_tree, alice)
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, "dora@home.test")
    page.goto("/family/surveys/")
    page.get_by_role("link", name=survey.title).click()
    expect(page.locator("fieldset legend").first).to_contain_text("I feel welcome")
    assert axe(page) == []
    if os.environ.get("TANDEM_SURVEY_SHOT"):
        page.screenshot(path=os.environ["TANDEM_SURVEY_SHOT"].replace(".png", "-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    # Answer every scale with "4 – Agree" using the keyboard-reachable radio buttons.
    for fieldset in page.locator("fieldset.question-card").all():
        options = fieldset.locator("input")
        options.nth(min(3, options.count() - 1)).check()
    page.locator("textarea").first.fill("More photos please")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".message").first).to_contain_text("Thank you")
    assert Response.objects.count() == 1
    page.goto(f"/family/surveys/{survey.pk}/")
    expect(page.locator(".message").first).to_contain_text("already answered")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, "alice@oak.test")
    page.goto(f"/s/oak-tree/surveys/{survey.pk}/results/")
    chart = page.locator("svg.chart").first  # one answer: the response-rate chart is hidden (fewer than 5)
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    expect(page.locator("svg.chart > title").first).to_have_text("I feel welcome when I come into the setting.")
    page.locator("details.chart-data summary").first.click()
    expect(page.locator("details.chart-data table").first).to_be_visible()
    assert axe(page) == []
    if os.environ.get("TANDEM_SURVEY_SHOT"):  # a picture to look at: TANDEM_SURVEY_SHOT=/tmp/results.png
        page.screenshot(path=os.environ["TANDEM_SURVEY_SHOT"], full_page=True)
    assert not console.csp_violations
