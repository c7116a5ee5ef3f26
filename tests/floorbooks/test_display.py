"""The screen by the door (/display/<token>/): a secret link with no sign-in that shows only what
staff cleared, never a child's surname, and only photos every child in them may be shown in
(display_boards consent, or a blurred face). A wrong or revoked link is a 404."""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from tandem.core.services import consent_record
from tandem.floorbooks import services
from tandem.floorbooks.services import FloorBookError
from tests.floorbooks.conftest import face_box, grant, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def display(babies, alice):
    return services.room_display_create(room=babies, by=alice, name="Babies door")


def _screen(client, display) -> str:
    response = client.get(reverse("display:screen", args=[display.token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.content.decode()


def _image(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")


@pytest.mark.url("display:screen")
def test_a_wrong_or_revoked_link_shows_nothing(client, display, alice) -> None:
    assert client.get(reverse("display:screen", args=["not-the-token"])).status_code == 404
    assert client.get(reverse("display:screen", args=[display.token])).status_code == 200
    services.room_display_revoke(display=display, by=alice)
    assert client.get(reverse("display:screen", args=[display.token])).status_code == 404


@pytest.mark.url("display:screen")
def test_it_shows_only_posts_cleared_for_the_screen_and_refreshes_itself(client, display, babies, bob) -> None:
    services.room_board_post_create(
        room=babies, by=bob, text="Wellies tomorrow!", kind="we_need", cleared_for_display=True
    )
    services.room_board_post_create(room=babies, by=bob, text="Nits letter in bags", kind="reminder")
    html = _screen(client, display)
    assert "Wellies tomorrow!" in html
    assert "Nits letter" not in html
    assert 'data-refresh="60"' in html and "floorbooks/display.js" in html
    assert "<script>" not in html and "style=" not in html  # nothing the strict CSP would block


@pytest.mark.url("display:screen")
def test_it_never_shows_a_childs_surname(client, display, book, bob, ada) -> None:
    page = services.floor_book_page_add(
        book=book, by=bob, caption="Ada Lovelace and Cyd Cooper dug a hole.", children_words="Ada Lovelace: Worms!"
    )
    services.floor_book_page_set_display(page=page, by=bob, cleared=True)
    services.room_board_post_create(
        room=ada.room, by=bob, text="Thank you to the Lovelace family for the seeds", cleared_for_display=True
    )
    html = _screen(client, display)
    assert "Ada L." in html and "Worms!" in html
    assert "Lovelace" not in html


@pytest.mark.url("display:page-photo")
def test_a_child_without_display_consent_is_blurred_on_the_screen(
    client, django_capture_on_commit_callbacks, display, ada_photo_page, ada, bob
) -> None:
    grant(ada, "display_boards", granted=False)
    with django_capture_on_commit_callbacks(execute=True):  # clearing asks for the blurred copy
        services.floor_book_page_set_display(page=ada_photo_page, by=bob, cleared=True)
    photo = ada_photo_page.photos.get()
    html = _screen(client, display)
    url = reverse("display:page-photo", args=[display.token, photo.pk])
    assert url in html
    shown = _image(client.get(url))
    original = Image.open(photo.media.variants.get(name="display").file).convert("RGB")
    face = face_box(ada_photo_page)
    scale = original.width / photo.media.width
    x, y, w, h = (int(v * scale) for v in (face.x, face.y, face.w, face.h))
    diff = ImageChops.difference(original.crop((x, y, x + w, y + h)), shown.crop((x, y, x + w, y + h)))
    assert sum(ImageStat.Stat(diff).mean) / 3 > 12


@pytest.mark.url("display:page-photo")
def test_clearing_is_refused_when_a_child_without_consent_cannot_be_blurred(display, ada_photo_page, ada, bob) -> None:
    grant(ada, "display_boards", granted=False)
    face = face_box(ada_photo_page)
    face.child = None
    face.save(update_fields=["child"])
    with pytest.raises(FloorBookError) as error:
        services.floor_book_page_set_display(page=ada_photo_page, by=bob, cleared=True)
    assert "no face is marked" in str(error.value)
    ada_photo_page.refresh_from_db()
    assert not ada_photo_page.cleared_for_display


@pytest.mark.url("display:post-photo")
def test_a_withdrawn_consent_removes_the_photo_at_the_next_refresh(
    client, django_capture_on_commit_callbacks, display, babies, bob, ada, dora, consents
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post = services.room_board_post_create(
            room=babies, by=bob, text="Painting today", upload=png_upload(), children_in_photo=[ada]
        )
    services.room_board_post_set_display(post=post, by=bob, cleared=True)
    url = reverse("display:post-photo", args=[display.token, post.pk])
    assert url in _screen(client, display)
    assert client.get(url).status_code == 200
    guardian = ada.guardian_links.get().guardian
    consent_record(child=ada, kind="display_boards", decision="withdrawn", given_by=guardian, by=dora)
    html = _screen(client, display)
    assert "Painting today" in html  # the words stay
    assert url not in html  # the photo goes (no face to blur on a painting: withheld)
    assert client.get(url).status_code == 404  # and a screen that kept the old link gets nothing
