"""The diary's pages in a real browser under the strict CSP: the room's day, the entry form for
several children, a child's day and the family's view have no serious accessibility problems.
With TANDEM_DOC_SCREENSHOTS=1 it also refreshes the screenshots in docs/images/care-*.png."""

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.care import services
from tests import factories as f
from tests.care.conftest import sign_in as register
from tests.e2e.conftest import Console, axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "images"


def _shot(page: Page, name: str) -> None:
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        page.set_viewport_size({"width": 1100, "height": 900})
        page.screenshot(path=str(DOCS / name), full_page=True)


def _a_morning(oak_tree, babies, ada, bob, dora) -> list:
    cara = f.ChildFactory(room=babies, first_name="Cara", last_name="Cole", dietary_needs="Vegetarian")
    finn = f.ChildFactory(room=babies, first_name="Finn", last_name="Fox")
    register(ada, cara, finn, by=bob)
    now = timezone.now()
    services.care_routine_update(
        child=ada, by=bob, nap_times="09:30, 13:00", feed_interval_minutes=180, nappy_interval_minutes=120
    )
    services.morning_handover_record(child=ada, guardian=dora.guardianships.get(), by=dora, mood="tired", teething=True,
                                     last_feed_at=None, collecting_today="Grandma Lovelace")  # fmt: skip
    services.diary_entry_record(
        child=ada,
        by=bob,
        kind="feed",
        feed_type="bottle",
        amount_ml=180,
        occurred_at=now - dt.timedelta(hours=3, minutes=30),
    )
    services.diary_entry_record(child=ada, by=bob, kind="nappy", nappy="wet", occurred_at=now - dt.timedelta(hours=2))
    services.diary_entry_record(child=cara, by=bob, kind="sleep", occurred_at=now - dt.timedelta(minutes=25))
    services.diary_entry_record_many(setting=oak_tree, children=[ada, cara, finn], by=bob, kind="snack",
                                     occurred_at=now - dt.timedelta(minutes=50), idempotency_key=uuid.uuid4(),
                                     offered="Apple and rice cakes", eaten="most")  # fmt: skip
    return [cara, finn]


def test_the_staff_diary_pages_pass_axe(page: Page, oak_tree, babies, ada, bob, dora, console: Console) -> None:
    _a_morning(oak_tree, babies, ada, bob, dora)
    sign_in(page, "bob@oak.test")
    problems = {}
    for path, shot in (
        (f"/s/oak-tree/care/rooms/{babies.pk}/", "care-room-day.png"),
        (f"/s/oak-tree/care/rooms/{babies.pk}/entries/?kind=meal", "care-several-children.png"),
        (f"/s/oak-tree/care/children/{ada.pk}/", "care-child-day.png"),
    ):
        page.goto(path)
        if found := axe(page):
            problems[path] = found
        _shot(page, shot)
    assert problems == {}
    page.goto(f"/s/oak-tree/care/rooms/{babies.pk}/")
    expect(page.locator(f"#child-{ada.pk}")).to_contain_text("Grandma Lovelace")
    assert not console.csp_violations


def test_the_family_diary_pages_pass_axe(page: Page, oak_tree, babies, ada, bob, dora, console: Console) -> None:
    _a_morning(oak_tree, babies, ada, bob, dora)
    services.guardian_care_updates_set(guardian=dora.guardianships.get(), by=dora, mode="realtime")
    sign_in(page, "dora@home.test")
    problems = {}
    for path, shot in (
        (f"/family/care/children/{ada.pk}/", "care-family-day.png"),
        (f"/family/care/children/{ada.pk}/handover/", "care-family-handover.png"),
        ("/family/care/updates/", "care-family-updates.png"),
    ):
        page.goto(path)
        if found := axe(page):
            problems[path] = found
        _shot(page, shot)
    assert problems == {}
    page.goto(f"/family/care/children/{ada.pk}/")
    expect(page.locator("main")).to_contain_text("Apple and rice cakes")
    expect(page.locator("main")).not_to_contain_text("Cara")
    assert not console.csp_violations
