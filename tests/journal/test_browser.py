"""The learning journal in a real browser under the strict CSP: bob records an observation with
a photo in three taps; a group observation reaches each family as their own child's (the other
child's name replaced by "a friend", her face blurred for the family without her group-photo
consent); and the staff and family pages have no serious accessibility problems (axe), in
English and in Arabic. With TANDEM_DOC_SCREENSHOTS=1 it also refreshes docs/images/journal-*.png."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from playwright.sync_api import Page, expect

from tandem.access.permissions import StaffPermissions
from tandem.core.models import ConsentKind
from tandem.journal import services
from tandem.journal.models import Observation
from tandem.media import services as media_services
from tandem.media.models import FaceBox, MediaVariant
from tests.e2e.conftest import (  # noqa: F401, F811
    Console,
    _compiled_messages,
    _no_csp_violations,
    axe,
    base_url,
    console,
    sign_in,
    switch_language,
)
from tests.journal.conftest import FIXTURES, astronaut_upload, grant, make_observation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(settings.BASE_DIR) / "docs" / "images"
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


def _shot(page: Page, name: str, height: int | None = None) -> None:
    """The visible part of the page only (or its top HEIGHT pixels), so each PNG stays under 200 KB."""
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        size = page.viewport_size
        clip = {"x": 0, "y": 0, "width": size["width"], "height": height or size["height"]}
        page.screenshot(path=str(DOCS / name), clip=clip)


def _stored_bytes(media, name: str) -> bytes:
    with default_storage.open(MediaVariant.objects.get(media=media, name=name).file.name, "rb") as fh:
        return fh.read()


def _group_observation(bob_staff, bob, ada, ben) -> Observation:
    """Published by bob: Ada and Ben in one photo, a face box tagged to Ada, and Ada's family
    without consent to group photos. The blurred copy is made here, so the test need not wait."""
    grant(ada)
    grant(ben)
    observation = make_observation(
        author=bob_staff,
        by=bob,
        children=[ada, ben],
        uploads=[astronaut_upload()],
        text="Ada Lovelace showed Ben how to stack the cups. Then **Ben** tried.",
    )
    link = observation.media_links.get()
    services.observation_media_tag(link=link, by=bob, children=[ada, ben], caption="Ada and Ben at the tower")
    media = link.media
    found = FaceBox.objects.filter(media=media).order_by("-w").first()
    box = (
        (found.x, found.y, found.w, found.h)
        if found
        else (media.width // 3, media.height // 6, media.width // 3, media.height // 3)
    )
    media_services.facebox_set(
        media=media, boxes=[{"x": box[0], "y": box[1], "w": box[2], "h": box[3], "child": ada}], by=bob
    )
    services.observation_publish(
        observation=observation, by=bob, staff=bob_staff, perms=StaffPermissions.for_roles(bob_staff.roles)
    )
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    media_services.media_blurred_variant_make(media=media, boxes=FaceBox.objects.filter(media=media, child=ada))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.PUBLISHED
    return observation


def test_a_key_person_records_an_observation_with_a_photo_in_three_taps(
    page: Page,
    bob,
    ada,
    console: Console,  # noqa: F811
) -> None:
    grant(ada)
    page.set_viewport_size(TABLET)
    sign_in(page, "bob@oak.test")
    page.goto("/s/oak-tree/journal/new/")
    expect(page.locator("h1")).to_have_text("New observation")
    page.set_input_files("#id_photos", str(FIXTURES / "astronaut.jpg"))
    page.get_by_label("Ada L.").check()
    _shot(page, "journal-new-observation.png")
    with page.expect_navigation():
        page.locator("form.admin-form button[type=submit]").click()
    expect(page.locator(".message")).to_contain_text("Saved as a draft")

    observation = Observation.objects.get()
    assert [link.child for link in observation.child_links.all()] == [ada]
    assert observation.status == Observation.Status.DRAFT
    media = observation.media_links.get().media
    assert media.original.name
    assert MediaVariant.objects.filter(media=media, name=MediaVariant.DISPLAY).exists()
    assert page.url.endswith(f"/s/oak-tree/journal/{observation.pk}/edit/")
    assert not console.csp_violations


def test_each_family_sees_a_group_observation_as_their_own_childs(
    page: Page,
    bob_staff,
    bob,
    ada,
    ben,
    dora,
    ed,
    console: Console,  # noqa: F811
) -> None:
    observation = _group_observation(bob_staff, bob, ada, ben)
    media = observation.media_links.get().media
    page.set_viewport_size(PHONE)

    # Ben's father: Ada is "a friend", and her face is blurred.
    sign_in(page, "ed@home.test")
    switch_language(page, "en")
    page.goto(f"/family/journal/children/{ben.pk}/")
    card = page.locator(".obs-card")
    expect(card).to_have_count(1)
    expect(card.locator(".obs-text")).to_contain_text("A friend showed Ben how to stack the cups.")
    assert "Ada" not in card.inner_text() and "Lovelace" not in page.content()
    thumb = card.locator(".obs-thumbs img")
    expect(thumb).to_have_attribute("alt", "A friend and Ben at the tower")
    src = thumb.get_attribute("src")
    assert src.split("://", 1)[-1].split("/", 1)[-1].startswith("m/")  # a signed /m/ link
    response = page.request.get(src)
    assert response.ok
    assert response.body() != _stored_bytes(media, MediaVariant.THUMB)

    with page.expect_navigation():
        card.locator("h2 a").click()
    photo = page.locator(".obs-photos img")
    expect(photo).to_have_count(1)
    src = photo.get_attribute("src")
    assert "/m/" in src
    assert page.request.get(src).body() != _stored_bytes(media, MediaVariant.DISPLAY)
    expect(page.locator(".obs-photos figcaption")).to_have_text("A friend and Ben at the tower")
    assert "Ada" not in page.locator("main").inner_text()
    page.set_viewport_size({"width": 360, "height": 740})  # a smaller phone keeps the PNG small
    _shot(page, "journal-group-other-family.png", height=680)
    page.set_viewport_size(PHONE)

    # Ada's mother: Ada by name, and the photo as it is.
    page.context.clear_cookies()
    sign_in(page, "dora@home.test")
    switch_language(page, "en")
    page.goto(f"/family/journal/children/{ada.pk}/")
    card = page.locator(".obs-card")
    expect(card.locator(".obs-text")).to_contain_text("Ada Lovelace showed a friend how to stack the cups.")
    src = card.locator(".obs-thumbs img").get_attribute("src")
    assert "/m/" in src
    assert page.request.get(src).body() == _stored_bytes(media, MediaVariant.THUMB)
    with page.expect_navigation():
        card.locator("h2 a").click()
    src = page.locator(".obs-photos img").get_attribute("src")
    assert page.request.get(src).body() == _stored_bytes(media, MediaVariant.DISPLAY)
    assert not console.csp_violations


def test_the_journal_pages_are_accessible_in_english_and_arabic(
    page: Page,
    bob_staff,
    bob,
    ada,
    ben,
    dora,
    console: Console,  # noqa: F811
) -> None:
    _group_observation(bob_staff, bob, ada, ben)
    staff_pages = ["/s/oak-tree/journal/new/", f"/s/oak-tree/journal/children/{ada.pk}/"]
    family_pages = [f"/family/journal/children/{ada.pk}/"]
    found = {}

    def scan(paths: list[str], language: str) -> None:
        for path in paths:
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("h1")).to_be_visible()
            if violations := axe(page):
                found[f"{language} {path}"] = violations

    page.set_viewport_size(TABLET)
    sign_in(page, "bob@oak.test")
    switch_language(page, "en")
    scan(staff_pages, "en")
    switch_language(page, "ar")
    scan(staff_pages, "ar")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    sign_in(page, "dora@home.test")
    switch_language(page, "en")
    scan(family_pages, "en")
    _shot(page, "journal-family-feed.png")
    switch_language(page, "ar")
    scan(family_pages, "ar")

    assert found == {}
    assert not console.csp_violations, console.csp_violations
