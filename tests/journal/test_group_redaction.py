"""A group observation seen by two families: names replaced by "a friend", photos of a child
without group-photo consent blurred (measured on pixels) or withheld, and a withdrawal of
consent taking effect at once for what was published before."""

import io

import numpy as np
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from tandem.core.models import ConsentKind
from tandem.journal import selectors
from tandem.media.models import FaceBox
from tandem.media.signing import media_token_read
from tests.journal.conftest import grant

pytestmark = pytest.mark.django_db


def _feed(user, child):
    items, _more = selectors.feed_for_guardian(user=user, child=child)
    return items


def _file_for(url: str):
    """The stored file a signed link points at (as media:serve would stream it)."""
    from tandem.media.models import MediaFile, MediaVariant

    token = url.rstrip("/").rsplit("/", 1)[-1]
    data = media_token_read(token)
    media = MediaFile.objects.get(pk=data["m"])
    if data["v"] == "original":
        return data, media.original
    return data, MediaVariant.objects.get(media=media, name=data["v"]).file


def _pixels(field) -> np.ndarray:
    with default_storage.open(field.name, "rb") as fh:
        return np.asarray(Image.open(io.BytesIO(fh.read())).convert("RGB"), dtype=np.int16)


def test_each_family_sees_the_group_observation_as_their_own_childs(group_observation, dora, ed, ada, ben) -> None:
    [for_dora] = _feed(dora, ada)
    [for_ed] = _feed(ed, ben)
    assert "Ada" in for_dora.text_html and "Ben" not in for_dora.text_html
    assert "a friend" in for_dora.text_html
    assert "Ben" in for_ed.text_html and "Ada" not in for_ed.text_html and "Lovelace" not in for_ed.text_html
    assert for_ed.text_html.startswith("<p>A friend showed Ben")
    assert for_ed.child_voice == 'A friend: "Look, Ben!"'
    assert for_dora.child_voice == 'Ada: "Look, a friend!"'
    assert for_ed.home_ideas == "Stack tins with a friend at home."
    assert for_ed.photos[0].caption == "A friend at the tower"


def test_a_withdrawn_group_consent_blurs_a_published_photo_for_other_families_at_once(
    group_observation, dora, ed, ada, ben, django_capture_on_commit_callbacks
) -> None:
    [before] = _feed(ed, ben)
    assert not before.photos[0].blurred
    _data, original = _file_for(before.photos[0].url)

    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    with django_capture_on_commit_callbacks(execute=True):  # the blurred copy is made by a task
        [while_making] = _feed(ed, ben)
    assert while_making.photos == []  # withheld until the blurred copy exists

    [after] = _feed(ed, ben)
    [photo] = after.photos
    assert photo.blurred
    data, blurred = _file_for(photo.url)
    assert data["v"].startswith("blur-") and data["u"] == str(ed.pk)

    # Measured on pixels: where Ada's face is, the copy ed sees differs a lot from the original;
    # away from the face it is nearly the same.
    face = FaceBox.objects.get(media=group_observation.media_links.get().media, child=ada)
    display = _pixels(blurred)
    from tandem.media.models import MediaVariant

    plain = _pixels(MediaVariant.objects.get(media=face.media, name="display").file)
    assert display.shape == plain.shape
    scale = display.shape[1] / face.media.width
    x, y, w, h = (int(v * scale) for v in (face.x, face.y, face.w, face.h))
    face_diff = np.abs(display[y : y + h, x : x + w] - plain[y : y + h, x : x + w]).mean()
    corner_diff = np.abs(display[-60:, -60:] - plain[-60:, -60:]).mean()
    assert face_diff > 15, face_diff
    assert corner_diff < 3, corner_diff
    assert original.name != blurred.name

    # Ada's own family still sees her as she is.
    [for_dora] = _feed(dora, ada)
    assert not for_dora.photos[0].blurred
    assert _file_for(for_dora.photos[0].url)[0]["v"] == "display"


def test_a_photo_is_withheld_from_other_families_when_no_face_is_tagged(group_observation, ed, ben, ada, bob) -> None:
    FaceBox.objects.filter(child=ada).update(child=None)
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    [item] = _feed(ed, ben)
    assert item.photos == []
    observation = selectors.observation_for_staff(
        user=bob, setting=group_observation.setting, observation_id=group_observation.pk
    )
    [staff_photo] = selectors.photos_for_staff(observation=observation, user=bob)
    assert "no face found for Ada — draw a box" in " ".join(staff_photo.notes)
    assert staff_photo.view.url  # staff still see it


def test_a_child_without_consent_for_their_own_journal_is_blurred_even_for_their_family(
    group_observation, dora, ada, django_capture_on_commit_callbacks
) -> None:
    grant(ada, ConsentKind.PHOTOS_OWN_JOURNAL, granted=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _feed(dora, ada)[0].photos == []
    [photo] = _feed(dora, ada)[0].photos
    assert photo.blurred


def test_the_link_is_bound_to_the_family_that_was_shown_it(group_observation, client, dora, ed, ada) -> None:
    [item] = _feed(dora, ada)
    client.force_login(ed)
    assert client.get(item.photos[0].url).status_code in (403, 404)
    client.force_login(dora)
    response = client.get(item.photos[0].url)
    assert response.status_code == 200
