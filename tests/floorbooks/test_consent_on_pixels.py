"""Photos in floor books follow the families' consents, measured on the pixels people receive:
a child without "group_photos" consent is blurred (or the photo withheld) for other families, a
withdrawal takes effect at once for what was published before, and the child's own family still
sees them as they are."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image, ImageChops, ImageStat

from tandem.core.services import consent_record
from tandem.floorbooks import selectors, visibility
from tandem.media.models import FaceBox
from tests.floorbooks.conftest import face_box, grant

pytestmark = pytest.mark.django_db


def _views_for(user, book, own):
    pages = list(selectors.pages_for_guardian(user=user, book=book))
    return visibility.pages_for_family(pages, user=user, own_child_ids=[c.pk for c in own])


def _views_once_copies_are_made(capture, user, book, own):
    """The first read asks for the blurred copy (made by a task after the request); read again."""
    with capture(execute=True):
        first = _views_for(user, book, own)
    return first, _views_for(user, book, own)


def _fetch(client, user, url: str) -> Image.Image:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")


def _region_difference(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Mean absolute difference (0–255) of A and B inside BOX (x, y, w, h, in A's pixels)."""
    x, y, w, h = box
    diff = ImageChops.difference(a.crop((x, y, x + w, y + h)), b.crop((x, y, x + w, y + h)))
    return sum(ImageStat.Stat(diff).mean) / 3


def test_another_family_gets_a_copy_with_the_childs_face_blurred(
    client, django_capture_on_commit_callbacks, ada_photo_page, book, ada, cyd, dora, fay
) -> None:
    grant(ada, "group_photos", granted=False)
    [own] = _views_for(dora, book, [ada])[0].photos
    first, then = _views_once_copies_are_made(django_capture_on_commit_callbacks, fay, book, [cyd])
    [meanwhile], [other] = first[0].photos, then[0].photos
    assert meanwhile.withheld and meanwhile.url is None  # never the original while the copy is made
    assert not own.blurred and not own.withheld
    assert other.blurred and not other.withheld
    original = _fetch(client, dora, own.url)
    blurred = _fetch(client, fay, other.url)
    assert original.size == blurred.size
    face = face_box(ada_photo_page)
    scale = original.width / ada_photo_page.photos.get().media.width
    box = tuple(int(v * scale) for v in (face.x, face.y, face.w, face.h))
    assert _region_difference(original, blurred, box) > 12  # the face really is different
    corner = (0, 0, box[0] // 2 or 1, original.height)  # far from the face
    assert _region_difference(original, blurred, corner) < 4  # the rest of the photo is the same


def test_a_link_made_for_one_family_does_not_open_for_another(client, ada_photo_page, book, ada, dora, fay) -> None:
    [own] = _views_for(dora, book, [ada])[0].photos
    client.force_login(fay)
    assert client.get(own.url).status_code == 404


def test_withdrawing_consent_hides_a_photo_published_before_at_once(
    client, django_capture_on_commit_callbacks, ada_photo_page, book, ada, cyd, dora, fay
) -> None:
    [before] = _views_for(fay, book, [cyd])[0].photos
    assert not before.blurred and not before.withheld
    guardian = ada.guardian_links.get().guardian
    consent_record(child=ada, kind="group_photos", decision="withdrawn", given_by=guardian, by=dora)
    [after] = _views_for(fay, book, [cyd])[0].photos
    assert after.withheld and after.url is None  # at once: withheld until the blurred copy exists
    _first, then = _views_once_copies_are_made(django_capture_on_commit_callbacks, fay, book, [cyd])
    assert then[0].photos[0].blurred
    # and the family page itself no longer links to the original for fay
    client.force_login(fay)
    html = client.get(reverse("floorbooks_family:book", args=[book.pk])).content.decode()
    assert before.thumb_url not in html


def test_a_photo_is_withheld_when_no_face_is_marked_for_the_child(
    client, ada_photo_page, book, ada, cyd, fay, bob
) -> None:
    grant(ada, "group_photos", granted=False)
    FaceBox.objects.filter(media=ada_photo_page.photos.get().media).update(child=None)
    [other] = _views_for(fay, book, [cyd])[0].photos
    assert other.withheld and other.url is None
    client.force_login(fay)
    html = client.get(reverse("floorbooks_family:book", args=[book.pk])).content.decode()
    assert "to protect another child" in html
    # staff are told why, so they can draw a box
    client.force_login(bob)
    staff_html = client.get(reverse("floorbooks:book-detail", args=["oak-tree", book.pk])).content.decode()
    assert "no face found for Ada" in staff_html


def test_a_child_without_consent_for_their_own_journal_is_blurred_for_their_family_too(
    ada_photo_page, book, ada, dora
) -> None:
    grant(ada, "photos_own_journal", granted=False)
    [own] = _views_for(dora, book, [ada])[0].photos
    assert own.blurred or own.withheld


def test_staff_see_the_photo_as_it_is_with_a_note_about_who_is_blurred(client, ada_photo_page, book, ada, bob) -> None:
    grant(ada, "group_photos", granted=False)
    with scopes_disabled():
        pages = list(selectors.pages_for_staff(book=book))
    [(_page, [(_photo, view, notes)])] = visibility.pages_for_staff(pages, user=bob)
    assert not view.blurred and not view.withheld
    assert any("Ada" in n for n in notes)
