"""Real files for the media tests, made on the spot: photos that DO carry EXIF, GPS and an
orientation, a video and voice notes with creation times and locations, a video in a codec
browsers cannot play, and broken files (renamed, empty, truncated, too many pixels)."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ASTRONAUT = FIXTURES / "astronaut.jpg"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
FFPROBE = shutil.which("ffprobe") or "/usr/bin/ffprobe"


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    """EXIF with a camera maker, a date, an orientation and a GPS position (London)."""
    exif = Image.Exif()
    exif[0x010F] = "Phonemaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 26.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return exif


def astronaut(size: tuple[int, int] | None = None) -> Image.Image:
    img = Image.open(ASTRONAUT).convert("RGB")
    return img.resize(size, Image.Resampling.BICUBIC) if size else img


def photo_bytes(fmt: str = "JPEG", *, orientation: int = 1, size=None, img: Image.Image | None = None) -> bytes:
    img = img or astronaut(size)
    buf = io.BytesIO()
    kwargs = {}
    if fmt in ("JPEG", "PNG", "WEBP"):
        kwargs["exif"] = exif_with_gps(orientation).tobytes()
    if fmt == "JPEG":
        kwargs["quality"] = 90
        kwargs["comment"] = b"taken at 1 Nursery Lane"
    if fmt == "PNG":
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "taken at 1 Nursery Lane")
        kwargs["pnginfo"] = info
    if fmt == "GIF":
        img = img.convert("P")
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def heic_bytes() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    buf = io.BytesIO()
    astronaut((600, 400)).save(buf, "HEIF", quality=70, exif=exif_with_gps(1).tobytes())
    return buf.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def ffmpeg(*args: str, out: Path) -> bytes:
    subprocess.run([FFMPEG, "-v", "error", "-nostdin", "-y", *args, str(out)], check=True, timeout=60)  # noqa: S603
    return out.read_bytes()


META = [
    "-metadata",
    "location=+51.5074-000.1278/",
    "-metadata",
    "creation_time=2024-05-01T10:00:00Z",
    "-metadata",
    "title=Ada at the seaside",
]


@pytest.fixture
def video_with_metadata(tmp_path) -> bytes:
    return ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=1:size=320x240:rate=10",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=1",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        *META,
        out=tmp_path / "in.mov",
    )


@pytest.fixture
def unplayable_video(tmp_path) -> bytes:
    """MPEG-4 Part 2 in an MP4: a real video, but not one browsers play."""
    return ffmpeg(
        "-f", "lavfi", "-i", "testsrc=duration=1:size=320x240:rate=10", "-c:v", "mpeg4", out=tmp_path / "old.mp4"
    )


@pytest.fixture
def voice_note_m4a(tmp_path) -> bytes:
    return ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:duration=1", "-c:a", "aac", *META, out=tmp_path / "v.m4a")


@pytest.fixture
def voice_note_mp3(tmp_path) -> bytes:
    return ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=300:duration=1", "-c:a", "libmp3lame", *META, out=tmp_path / "v.mp3"
    )


@pytest.fixture
def voice_note_ogg(tmp_path) -> bytes:
    return ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=300:duration=1", "-c:a", "libopus", *META, out=tmp_path / "v.ogg"
    )


@pytest.fixture
def video_webm(tmp_path) -> bytes:
    return ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=duration=1:size=160x120:rate=10",
        "-c:v",
        "libvpx",
        "-b:v",
        "200k",
        *META,
        out=tmp_path / "v.webm",
    )


def _one_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _one_page_pdf()


def probe_tags(path: str) -> dict:
    """Every tag ffprobe finds in the container and its streams."""
    import json

    out = subprocess.run(  # noqa: S603
        [FFPROBE, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        check=True,
        timeout=30,
    )
    info = json.loads(out.stdout)
    tags = dict((info.get("format") or {}).get("tags") or {})
    for s in info.get("streams") or []:
        tags.update({f"stream:{k}": v for k, v in (s.get("tags") or {}).items()})
    return tags
