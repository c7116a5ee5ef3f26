"""The background task makes the copies (thumbnails, display sizes, video posters), finds faces,
and makes blurred copies for other families that really hide the face (measured on pixels with a
real photo of a face: NASA's public-domain astronaut portrait, tests/fixtures/astronaut.jpg)."""

import numpy as np
import pytest
from PIL import Image, ImageFilter

from tandem.core.models import AuditEntry
from tandem.media import services
from tandem.media.models import FaceBox, MediaFile, MediaVariant
from tandem.media.tasks import media_make_blurred, media_make_derivatives
from tests.media.conftest import photo_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def astronaut_media(oak_tree, bob, django_capture_on_commit_callbacks) -> MediaFile:
    with django_capture_on_commit_callbacks(execute=True):
        media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
    media.refresh_from_db()
    return media


def pixels(field) -> np.ndarray:
    with field.open("rb") as fh, Image.open(fh) as img:
        return np.asarray(img.convert("RGB"), dtype=np.float32)


def laplacian_variance(a: np.ndarray) -> float:
    grey = Image.fromarray(a.astype(np.uint8)).convert("L")
    edges = np.asarray(grey.filter(ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], 1, 128)), np.float32)
    return float(edges.var())


def test_the_task_makes_webp_copies_and_finds_the_face(astronaut_media) -> None:
    assert astronaut_media.status == MediaFile.Status.READY and astronaut_media.progress == 100
    variants = {v.name: v for v in astronaut_media.variants.all()}
    assert set(variants) == {"thumb", "display"}
    for variant in variants.values():
        with variant.file.open("rb") as fh, Image.open(fh) as img:
            assert img.format == "WEBP" and not img.getexif() and "exif" not in img.info
    assert (variants["thumb"].width, variants["thumb"].height) == (320, 320)
    assert (variants["display"].width, variants["display"].height) == (512, 512)  # never enlarged
    (face,) = astronaut_media.faces.all()
    assert face.source == FaceBox.Source.AUTO
    assert abs(face.x - 177) < 15 and abs(face.y - 67) < 15 and 70 < face.w < 120  # STACK-NOTES §8


def test_running_the_task_twice_changes_nothing(astronaut_media) -> None:
    before = sorted(astronaut_media.variants.values_list("name", flat=True))
    media_make_derivatives.call(str(astronaut_media.setting_id), str(astronaut_media.pk))
    assert sorted(astronaut_media.variants.values_list("name", flat=True)) == before
    assert astronaut_media.faces.count() == 1


def test_a_large_photo_gets_a_1600_pixel_display_copy(oak_tree, bob, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(size=(3000, 2000))), by=bob)
    display = media.variants.get(name="display")
    assert (display.width, display.height) == (1600, 1067)


def test_a_video_gets_a_poster(oak_tree, bob, video_with_metadata, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        media = services.media_upload(setting=oak_tree, uploaded_file=upload(video_with_metadata, "v.mov"), by=bob)
    media.refresh_from_db()
    assert media.status == MediaFile.Status.READY
    assert set(media.variants.values_list("name", flat=True)) == {"poster", "thumb"}


def test_a_photo_whose_copies_cannot_be_made_is_marked_failed_with_a_reason(oak_tree, bob) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
    media.original.storage.delete(media.original.name)  # the file went missing
    media_make_derivatives.call(str(media.setting_id), str(media.pk))
    media.refresh_from_db()
    assert media.status == MediaFile.Status.FAILED and media.failure_reason


# --- faces -------------------------------------------------------------------------------------


def test_staff_correct_the_boxes_and_say_which_child_is_which(astronaut_media, ada, bob) -> None:
    boxes = services.facebox_set(
        media=astronaut_media,
        boxes=[{"x": 170, "y": 60, "w": 110, "h": 110, "child": ada}, {"x": 10, "y": 10, "w": 40, "h": 40}],
        by=bob,
    )
    assert [(b.box, b.child_id, b.source) for b in boxes] == [
        ((10, 10, 40, 40), None, "manual"),
        ((170, 60, 110, 110), ada.pk, "manual"),
    ]
    assert AuditEntry.objects.filter(action="media.face_boxes.set").exists()
    services.media_detect_faces(media=astronaut_media)  # finding faces again keeps staff's boxes
    assert astronaut_media.faces.count() == 2


def test_a_child_from_another_setting_cannot_be_tagged(astronaut_media, elm_child, bob) -> None:
    with pytest.raises(services.MediaError, match="this setting"):
        services.facebox_set(
            media=astronaut_media, boxes=[{"x": 1, "y": 1, "w": 9, "h": 9, "child": elm_child}], by=bob
        )
    assert astronaut_media.faces.count() == 1  # unchanged


def test_boxes_outside_the_photo_are_kept_inside_it(astronaut_media, bob) -> None:
    (box,) = services.facebox_set(media=astronaut_media, boxes=[{"x": 500, "y": 500, "w": 90, "h": 90}], by=bob)
    assert box.box == (500, 500, 12, 12)


# --- blurred copies ----------------------------------------------------------------------------


def test_the_blurred_copy_hides_the_face_and_leaves_the_rest(
    astronaut_media, django_capture_on_commit_callbacks
) -> None:
    boxes = list(astronaut_media.faces.all())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.media_blurred_variant(media=astronaut_media, boxes=boxes) is None  # being made
    blurred = services.media_blurred_variant(media=astronaut_media, boxes=boxes)
    assert blurred is not None and blurred.name.startswith("blur-")
    assert MediaVariant.objects.filter(media=astronaut_media, name=f"{blurred.name}-thumb").exists()

    original = pixels(astronaut_media.variants.get(name="display").file)
    hidden = pixels(blurred.file)
    (face,) = boxes
    region = np.s_[face.y : face.y + face.h, face.x : face.x + face.w]
    assert np.abs(original[region] - hidden[region]).mean() > 20
    assert laplacian_variance(hidden[region]) < laplacian_variance(original[region]) / 10
    far = np.s_[400:512, 0:150]  # the bottom-left corner, far from the face
    assert np.abs(original[far] - hidden[far]).mean() < 3
    with blurred.file.open("rb") as fh, Image.open(fh) as img:
        assert not img.getexif()


def test_the_same_boxes_reuse_the_same_copy_in_any_order(astronaut_media) -> None:
    media_make_blurred.call(
        str(astronaut_media.setting_id), str(astronaut_media.pk), "[[1, 2, 30, 30], [100, 100, 40, 40]]"
    )
    again = services.media_blurred_variant(media=astronaut_media, boxes=[(100, 100, 40, 40), (1, 2, 30, 30)])
    assert again is not None
    media_make_blurred.call(
        str(astronaut_media.setting_id), str(astronaut_media.pk), "[[1, 2, 30, 30], [100, 100, 40, 40]]"
    )
    assert astronaut_media.variants.filter(name__startswith="blur-").count() == 2  # display and thumb, once


def test_a_blurred_copy_needs_at_least_one_box(astronaut_media) -> None:
    with pytest.raises(ValueError):
        services.media_blurred_variant(media=astronaut_media, boxes=[])


def test_discarding_removes_the_files(astronaut_media, bob, django_capture_on_commit_callbacks) -> None:
    names = [astronaut_media.original.name, *astronaut_media.variants.values_list("file", flat=True)]
    storage = astronaut_media.original.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.media_discard(media=astronaut_media, by=bob)
    assert not MediaFile.objects.filter(pk=astronaut_media.pk).exists()
    assert not any(storage.exists(n) for n in names)


def test_another_settings_file_cannot_be_found_in_this_settings_scope(astronaut_media, elm_house) -> None:
    from django_scopes import scope

    with scope(setting=[elm_house.pk]):
        assert not MediaFile.objects.filter(pk=astronaut_media.pk).exists()
