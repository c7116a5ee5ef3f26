"""media_upload: files are recognised by what they are, cleaned of every piece of metadata (the
kept original included), and bad input is refused with a clear message and nothing saved."""

import os
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files import File
from PIL import Image

from tandem.core.models import AuditEntry
from tandem.media import services
from tandem.media.models import MediaFile
from tests.media.conftest import PDF, heic_bytes, photo_bytes, probe_tags, upload

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    root = str(settings.MEDIA_ROOT)
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def assert_no_photo_metadata(path: str) -> None:
    with Image.open(path) as img:
        assert not img.getexif(), f"EXIF left in {path}"
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Comment"} & set(img.info)
    raw = Path(path).read_bytes()
    for marker in (b"Exif\x00\x00", b"Phonemaker", b"http://ns.adobe.com/xap", b"Nursery Lane"):
        assert marker not in raw, f"{marker!r} left in {path}"


# --- photos --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp"), ("GIF", "image/png")],
)
def test_it_keeps_a_photo_without_any_of_its_metadata(oak_tree, bob, fmt, content_type) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(fmt), "x.bin"), by=bob)
    assert media.kind == MediaFile.Kind.PHOTO and media.status == MediaFile.Status.PENDING
    assert media.content_type == content_type
    assert (media.width, media.height) == (512, 512)
    assert_no_photo_metadata(media.original.path)
    assert AuditEntry.objects.filter(action="media.media_file.uploaded", object_id=str(media.pk)).exists()


def test_it_turns_a_photo_the_right_way_up_before_removing_its_orientation(oak_tree, bob) -> None:
    data = photo_bytes("JPEG", orientation=6, size=(400, 300))  # a phone held upright: stored sideways
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(data), by=bob)
    assert (media.width, media.height) == (300, 400)
    with Image.open(media.original.path) as img:
        assert img.size == (300, 400) and img.format == "JPEG"
    assert_no_photo_metadata(media.original.path)


def test_it_turns_an_iphone_heic_photo_into_a_jpeg(oak_tree, bob) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(heic_bytes(), "IMG_0001.HEIC"), by=bob)
    assert media.content_type == "image/jpeg" and media.original.name.endswith(".jpg")
    assert (media.width, media.height) == (600, 400)
    assert_no_photo_metadata(media.original.path)


def test_it_stores_files_under_unguessable_private_paths(oak_tree, bob) -> None:
    a = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(), "ada.jpg"), by=bob)
    b = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(), "ada.jpg"), by=bob)
    assert a.original.name.startswith(f"private/media/{oak_tree.pk}/")
    assert "ada" not in a.original.name and a.original.name != b.original.name
    assert a.sha256 == b.sha256 and len(a.sha256) == 64


# --- video, voice notes, documents ------------------------------------------------------------


def test_it_keeps_a_video_without_its_creation_time_or_location(oak_tree, bob, video_with_metadata) -> None:
    assert "location" in str(probe_tags_of(video_with_metadata))  # the input really carries them
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(video_with_metadata, "clip.mov"), by=bob)
    assert media.kind == MediaFile.Kind.VIDEO and media.content_type == "video/mp4"
    assert (media.width, media.height) == (320, 240) and 0.9 <= media.duration_seconds <= 1.2
    tags = probe_tags(media.original.path)
    assert not {k for k in tags if "creation_time" in k or "location" in k or "title" in k}, tags


def probe_tags_of(data: bytes) -> dict:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".bin") as fh:
        fh.write(data)
        fh.flush()
        return probe_tags(fh.name)


@pytest.mark.parametrize(
    ("fixture", "content_type"),
    [("voice_note_m4a", "audio/mp4"), ("voice_note_mp3", "audio/mpeg"), ("voice_note_ogg", "audio/ogg")],
)
def test_it_keeps_a_voice_note_without_its_tags(request, oak_tree, bob, fixture, content_type) -> None:
    data = request.getfixturevalue(fixture)
    assert probe_tags_of(data)  # the input carries tags
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(data, "note.bin"), by=bob)
    assert media.kind == MediaFile.Kind.AUDIO and media.content_type == content_type
    tags = probe_tags(media.original.path)
    assert not {k for k in tags if "creation_time" in k or "location" in k or "title" in k}, tags


def test_it_accepts_a_webm_video(oak_tree, bob, video_webm) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(video_webm, "v.webm"), by=bob)
    assert media.kind == MediaFile.Kind.VIDEO and media.content_type == "video/webm"
    assert "location" not in str(probe_tags(media.original.path))


def test_it_accepts_a_pdf_as_a_document(oak_tree, bob) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(PDF, "letter.pdf"), by=bob)
    assert media.kind == MediaFile.Kind.DOCUMENT and media.content_type == "application/pdf"


def test_a_pdf_is_stored_without_its_author_title_or_xmp_metadata(oak_tree, bob) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Jane Parent", "/Title": "Ada's referral"})
    buffer = io.BytesIO()
    writer.write(buffer)
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(buffer.getvalue(), "form.pdf"), by=bob)
    stored = media.original.read()
    assert b"Jane Parent" not in stored and b"referral" not in stored
    assert PdfReader(io.BytesIO(stored)).metadata is None
    assert len(PdfReader(io.BytesIO(stored)).pages) == 1


# --- bad input: a clear message, nothing saved -------------------------------------------------


def huge_png_header(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG that says it is WIDTH × HEIGHT (a decompression bomb), without the pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Dear parents, wellies tomorrow!\n" * 20, "photo.jpg", "not a photo, video, voice note or PDF"),
        (b"", "photo.jpg", "empty"),
        (photo_bytes("JPEG")[:6000], "photo.jpg", "damaged or was not uploaded completely"),
        (huge_png_header(), "big.png", "too many pixels (more than 50 megapixels)"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "cut.pdf", "PDF is damaged"),
    ],
    ids=["text-renamed-jpg", "zero-bytes", "truncated-jpeg", "30000x30000-png", "truncated-pdf"],
)
def test_it_refuses_bad_files_with_a_clear_message_and_saves_nothing(oak_tree, bob, data, name, message) -> None:
    with pytest.raises(services.MediaError) as exc:
        services.media_upload(setting=oak_tree, uploaded_file=upload(data, name), by=bob)
    assert message in exc.value.messages[0]
    assert not MediaFile.objects.exists()
    assert stored_files() == []


def test_it_refuses_a_video_browsers_cannot_play_and_names_its_codec(oak_tree, bob, unplayable_video) -> None:
    with pytest.raises(services.MediaError) as exc:
        services.media_upload(setting=oak_tree, uploaded_file=upload(unplayable_video, "old.mp4"), by=bob)
    assert exc.value.messages[0] == (
        "This video's format (codec mpeg4) cannot be played in browsers; please export it as MP4 (H.264)."
    )
    assert not MediaFile.objects.exists() and stored_files() == []


def test_it_refuses_a_2_gb_upload_before_reading_it(oak_tree, bob, tmp_path) -> None:
    big = tmp_path / "holiday.mp4"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: 2 GB long, no disk used
    with open(big, "rb") as fh, pytest.raises(services.MediaError) as exc:
        services.media_upload(setting=oak_tree, uploaded_file=File(fh, name="holiday.mp4"), by=bob)
    assert "too large" in exc.value.messages[0] and "200 MB" in exc.value.messages[0]
    assert not MediaFile.objects.exists() and stored_files() == []


def test_it_refuses_a_photo_over_the_size_limit(oak_tree, bob, settings) -> None:
    settings.MAX_UPLOAD_MB = 0  # every photo is now too large
    with pytest.raises(services.MediaError, match="too large"):
        services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
    assert not MediaFile.objects.exists()


def test_it_speaks_the_persons_language(oak_tree, bob) -> None:
    from django.utils import translation

    with translation.override("pl"), pytest.raises(services.MediaError) as exc:
        services.media_upload(setting=oak_tree, uploaded_file=upload(b""), by=bob)
    assert exc.value.messages[0]  # translated when a catalogue exists; never empty


def test_a_truncated_photo_is_refused_even_after_a_pdf_was_made(oak_tree, bob) -> None:
    import weasyprint  # noqa: F401 - importing it turns Pillow's LOAD_TRUNCATED_IMAGES on for the process
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        with pytest.raises(services.MediaError) as exc:
            services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes("JPEG")[:6000], "p.jpg"), by=bob)
        assert "damaged or was not uploaded completely" in exc.value.messages[0]
        assert not MediaFile.objects.exists() and stored_files() == []
        assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it was
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
