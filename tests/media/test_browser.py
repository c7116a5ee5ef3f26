"""Media pages in a real browser under the strict CSP: several photos uploaded at once appear with
progress and then thumbnails (htmx, never blocking), and a box dragged on a photo becomes a face
tagged with a child. The pages pass axe. With TANDEM_DOC_SCREENSHOTS=1 it also refreshes the
screenshots in docs/images/media-*.png."""

import os
from pathlib import Path

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tandem.media import services
from tandem.media.models import MediaFile
from tests.e2e.conftest import (  # noqa: F401, F811
    Console,
    _compiled_messages,
    _no_csp_violations,
    axe,
    base_url,
    console,
    sign_in,
)
from tests.media.conftest import photo_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"


def shot(page: Page, name: str) -> None:
    if os.environ.get("TANDEM_DOC_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / name), full_page=True)


def test_several_photos_upload_at_once_and_show_their_thumbnails(page: Page, bob, tmp_path, console: Console) -> None:  # noqa: F811
    sign_in(page, "bob@oak.test")
    page.goto("/m/s/oak-tree/")
    assert axe(page) == []
    files = []
    for n in range(3):
        path = tmp_path / f"photo-{n}.jpg"
        path.write_bytes(photo_bytes(size=(300 + n, 200)))
        files.append(str(path))
    page.set_input_files("#media-file", files)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    # the copies are made by the task (run at once in tests): each item shows its thumbnail
    expect(page.locator(".media-item img.media-thumb")).to_have_count(3)
    shot(page, "media-upload.png")
    assert axe(page) == []
    with scopes_disabled():
        assert MediaFile.objects.filter(status="ready").count() == 3
    assert not console.csp_violations


def test_a_box_dragged_on_the_photo_becomes_a_tagged_face(page: Page, bob, ada, oak_tree, console: Console) -> None:  # noqa: F811
    with scopes_disabled():
        media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
        services.media_derivatives_make(media=media)
    sign_in(page, "bob@oak.test")
    page.goto(f"/m/s/oak-tree/{media.pk}/faces/")
    image = page.locator("[data-faces-image]")
    expect(image).to_be_visible()
    assert axe(page) == []
    box = image.bounding_box()
    assert box is not None
    scale = box["width"] / 512
    page.mouse.move(box["x"] + 170 * scale, box["y"] + 60 * scale)
    page.mouse.down()
    page.mouse.move(box["x"] + 230 * scale, box["y"] + 120 * scale, steps=5)
    page.mouse.move(box["x"] + 280 * scale, box["y"] + 170 * scale, steps=5)
    page.mouse.up()
    expect(page.locator(".face-box")).to_have_count(2)  # the face found automatically, and the new one
    expect(page.locator("#box-1-child")).to_be_focused()
    page.select_option("#box-1-child", str(ada.pk))
    shot(page, "media-faces.png")
    with page.expect_navigation():
        page.get_by_role("button", name="Save faces").click()
    with scopes_disabled():
        face = media.faces.get(source="manual")
        assert media.faces.filter(source="auto").count() == 1
    assert face.child_id == ada.pk
    assert abs(face.x - 170) <= 4 and abs(face.w - 110) <= 4
    assert not console.csp_violations
