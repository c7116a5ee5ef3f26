"""The pure file work of the media pipeline: what a file really is (sniffed from its bytes, never
its name or the browser's content type), cleaning it (metadata removed, orientation fixed),
making smaller copies and blurring faces. No database here: media.services calls these.

Every function raises MediaError with a translated message the person can act on."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageFilter, ImageOps, UnidentifiedImageError

# Limits. Videos may be larger than everything else; nothing may exceed the site-wide upload limit
# for non-video files (settings.MAX_UPLOAD_MB, TANDEM_MAX_UPLOAD_MB).
VIDEO_MAX_MB = 200
MAX_PIXELS = 50_000_000  # about 50 megapixels: every phone photo fits, a decompression bomb does not
FFPROBE = shutil.which("ffprobe") or "/usr/bin/ffprobe"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
FFMPEG_TIMEOUT = 120  # seconds; a remux with -c copy of a 200 MB video takes a second or two

THUMB_SIZE = 320
DISPLAY_SIZE = 1600
WEBP_QUALITY = 80

VIDEO_CODECS = {"h264", "hevc", "vp8", "vp9", "av1"}
AUDIO_CODECS = {"aac", "mp3", "opus", "vorbis"}
WEBM_VIDEO_CODECS = {"vp8", "vp9", "av1"}
WEBM_AUDIO_CODECS = {"opus", "vorbis"}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


class MediaError(ValidationError):
    """An upload was refused or a file could not be processed. The message is translated and
    says what to do instead."""


def other_max_bytes() -> int:
    return int(getattr(settings, "MAX_UPLOAD_MB", 25)) * 1024 * 1024


def video_max_bytes() -> int:
    return VIDEO_MAX_MB * 1024 * 1024


@dataclass
class Cleaned:
    """A cleaned file on disk (a temporary path the caller removes) and what we know about it."""

    path: str
    kind: str  # MediaFile.Kind value
    content_type: str
    ext: str
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


def _not_readable() -> MediaError:
    return MediaError(
        _(
            "This file is not a photo, video, voice note or PDF that Tandem can read. "
            "Choose a JPEG, PNG, WebP, HEIC or GIF photo, an MP4, MOV or WebM video, "
            "an M4A, MP3, OGG or WebM voice note, or a PDF."
        )
    )


def sniff(head: bytes) -> str | None:
    """'image', 'av', 'pdf' or None, from the first bytes of a file."""
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n") or head[:6] in (b"GIF87a", b"GIF89a"):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[4:8] == b"ftyp":
        if head[8:12] in HEIF_BRANDS:
            return "image"
        return "av"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x1a\x45\xdf\xa3") or head.startswith(b"OggS") or head.startswith(b"ID3"):
        return "av"
    if len(head) > 1 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:  # an MPEG audio frame (MP3)
        return "av"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):  # old QuickTime files without ftyp
        return "av"
    return None


# ---- photos ---------------------------------------------------------------------------------


def _too_many_pixels() -> MediaError:
    return MediaError(
        _(
            "This photo has too many pixels (more than 50 megapixels). Choose a smaller one, for example "
            "by sending it from your phone at a smaller size."
        )
    )


@contextlib.contextmanager
def _strict_decoding():
    """Decode truncated files as errors. WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on for
    the whole process when it is imported (for its own PDFs), which would let a half-uploaded
    photo through once any PDF had been made."""
    with _DECODING_LOCK:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


_DECODING_LOCK = threading.Lock()


def _open_image(path: str) -> Image.Image:
    """Open and fully decode a photo, refusing bombs and truncated files."""
    try:
        with _strict_decoding(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            if img.format not in {"JPEG", "PNG", "WEBP", "GIF", "HEIF", "MPO"}:
                raise _not_readable()
            if img.width * img.height > MAX_PIXELS:
                raise _too_many_pixels()
            img.load()
            return img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except MediaError:
        raise
    except UnidentifiedImageError as exc:
        raise _not_readable() from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise MediaError(
            _("This photo is damaged or was not uploaded completely. Please try again, or choose another photo.")
        ) from exc


def clean_photo(path: str, workdir: str) -> Cleaned:
    img = _open_image(path)
    fmt = img.format
    upright = ImageOps.exif_transpose(img)
    if fmt == "GIF":
        # Animated GIFs keep only their first frame, stored as PNG (no metadata can travel in it).
        img.seek(0)
        upright = img.convert("RGBA")
    clean = upright if upright is not img else img.copy()  # exif_transpose gave a new image, or we copy
    clean.info = {k: v for k, v in img.info.items() if k == "transparency"}  # no EXIF, XMP, ICC, comments
    if fmt in ("JPEG", "MPO", "HEIF"):
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        out, ctype, ext = os.path.join(workdir, "clean.jpg"), "image/jpeg", "jpg"
        clean.save(out, "JPEG", quality=92, optimize=False)
    elif fmt == "WEBP":
        out, ctype, ext = os.path.join(workdir, "clean.webp"), "image/webp", "webp"
        clean.save(out, "WEBP", quality=92, method=4)
    else:  # PNG, GIF
        out, ctype, ext = os.path.join(workdir, "clean.png"), "image/png", "png"
        clean.save(out, "PNG", optimize=False)
    return Cleaned(path=out, kind="photo", content_type=ctype, ext=ext, width=clean.width, height=clean.height)


def open_upright(fileobj, *, min_side: int | None = None) -> tuple[Image.Image, float]:
    """Open a stored (already clean, upright) photo for making copies, decoding a JPEG at a
    reduced size when MIN_SIDE allows (much faster for 12 MP photos). Returns the image and the
    factor from original pixels to the returned image's pixels."""
    img = Image.open(fileobj)
    full_w, full_h = img.size
    if min_side and img.format == "JPEG":
        # draft() decodes at 1/2, 1/4 or 1/8 size as long as the result still covers this box
        s = min(1.0, min_side / max(full_w, full_h))
        img.draft("RGB", (max(1, int(full_w * s) + 1), max(1, int(full_h * s) + 1)))
    img.load()
    img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
    return img, img.width / full_w


def webp_bytes(img: Image.Image, longest: int) -> tuple[bytes, int, int]:
    copy = img.copy()
    copy.info = {}
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    copy.save(buf, "WEBP", quality=WEBP_QUALITY, method=2)  # method 4 is 4x slower for 5% less
    return buf.getvalue(), copy.width, copy.height


def blur_boxes(img: Image.Image, boxes: list[tuple[int, int, int, int]], scale: float) -> Image.Image:
    """IMG with each box (in original pixels; SCALE maps them to IMG's pixels) made unrecognisable:
    the box, grown by a margin, is pixelated to about 6 blocks across and then blurred."""
    out = img.convert("RGB") if img.mode not in ("RGB",) else img.copy()
    for x, y, w, h in boxes:
        mx, my = int(w * 0.2), int(h * 0.25)
        left = max(0, int((x - mx) * scale))
        top = max(0, int((y - my) * scale))
        right = min(out.width, int((x + w + mx) * scale) + 1)
        bottom = min(out.height, int((y + h + my) * scale) + 1)
        if right - left < 2 or bottom - top < 2:
            continue
        region = out.crop((left, top, right, bottom))
        rw, rh = region.size
        tiny = region.resize((max(1, min(6, rw)), max(1, min(6, rh))), Image.Resampling.BOX)
        blocky = tiny.resize((rw, rh), Image.Resampling.BILINEAR)
        radius = max(4, min(rw, rh) // 6)
        out.paste(blocky.filter(ImageFilter.GaussianBlur(radius)), (left, top))
    return out


def detect_faces(img: Image.Image, scale: float, max_side: int = 1024) -> list[tuple[int, int, int, int]]:
    """Faces on IMG with OpenCV's bundled Haar cascade, found on a copy at most MAX_SIDE pixels
    long (faster, and fewer false positives than at full size: STACK-NOTES §8). Boxes are
    returned in original pixels (IMG's pixels divided by SCALE)."""
    import cv2
    import numpy as np

    small = img.convert("L")
    s = min(1.0, max_side / max(small.size))
    if s < 1:
        small = small.resize((int(small.width * s), int(small.height * s)), Image.Resampling.BOX)
    grey = cv2.equalizeHist(np.asarray(small))
    casc = _cascade()
    found = casc.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(36, 36))
    factor = 1 / (s * scale)
    return [(int(x * factor), int(y * factor), int(w * factor), int(h * factor)) for (x, y, w, h) in found]


_CASCADE = None


def _cascade():
    global _CASCADE
    if _CASCADE is None:
        import cv2

        cv2.setNumThreads(1)  # one core per task: the web workers on the same machine keep theirs
        _CASCADE = cv2.CascadeClassifier(os.path.join(cv2.data.haarcascades, "haarcascade_frontalface_default.xml"))
    return _CASCADE


# ---- video and voice notes ------------------------------------------------------------------


def probe(path: str) -> dict:
    try:
        result = subprocess.run(  # noqa: S603 (a fixed argument list, no shell; paths are our own temp files)
            [FFPROBE, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _not_readable() from exc
    if result.returncode != 0:
        raise _not_readable()
    try:
        return json.loads(result.stdout or b"{}")
    except ValueError as exc:
        raise _not_readable() from exc


def _codec_error(codec: str, *, video: bool) -> MediaError:
    if video:
        return MediaError(
            _("This video's format (codec %(codec)s) cannot be played in browsers; please export it as MP4 (H.264).")
            % {"codec": codec}
        )
    return MediaError(
        _("This recording's format (codec %(codec)s) cannot be played in browsers; please save it as M4A or MP3.")
        % {"codec": codec}
    )


def clean_av(path: str, workdir: str) -> Cleaned:
    info = probe(path)
    fmt = (info.get("format") or {}).get("format_name", "")
    streams = info.get("streams") or []
    video = [
        s for s in streams if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
    ]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    if not video and not audio:
        raise _not_readable()
    for s in video:
        if s.get("codec_name") not in VIDEO_CODECS:
            raise _codec_error(s.get("codec_name") or "?", video=True)
    for s in audio:
        if s.get("codec_name") not in AUDIO_CODECS:
            raise _codec_error(s.get("codec_name") or "?", video=bool(video))
    names = set(fmt.split(","))
    kind = "video" if video else "audio"
    codecs = {s.get("codec_name") for s in video + audio}
    if "matroska" in names or "webm" in names:
        if not codecs <= (WEBM_VIDEO_CODECS | WEBM_AUDIO_CODECS):
            bad = sorted(codecs - WEBM_VIDEO_CODECS - WEBM_AUDIO_CODECS)[0]
            raise _codec_error(bad, video=bool(video))
        muxer, ext, ctype = "webm", "webm", "video/webm" if video else "audio/webm"
    elif "mp4" in names or "mov" in names:
        if video:
            muxer, ext, ctype = "mp4", "mp4", "video/mp4"
        else:
            muxer, ext, ctype = "ipod", "m4a", "audio/mp4"
        if kind == "audio" and codecs - {"aac", "mp3"}:
            muxer, ext, ctype = "mp4", "m4a", "audio/mp4"
    elif names == {"mp3"}:
        if video:
            raise _not_readable()
        muxer, ext, ctype = "mp3", "mp3", "audio/mpeg"
    elif names == {"ogg"}:
        if video:
            raise _codec_error(video[0].get("codec_name") or "?", video=True)
        muxer, ext, ctype = "ogg", "ogg", "audio/ogg"
    else:
        raise _not_readable()
    out = os.path.join(workdir, f"clean.{ext}")
    cmd = [FFMPEG, "-v", "error", "-nostdin", "-y", "-i", path]
    cmd += ["-map", "0:v?", "-map", "0:a?"] if video else ["-map", "0:a"]
    cmd += ["-dn", "-sn", "-map_metadata", "-1", "-map_chapters", "-1", "-c", "copy", "-fflags", "+bitexact"]
    if muxer in ("mp4", "ipod"):
        cmd += ["-movflags", "+faststart"]
        if any(s.get("codec_name") == "hevc" for s in video):
            cmd += ["-tag:v", "hvc1"]  # so Safari plays H.265
    if muxer == "mp3":
        cmd += ["-write_xing", "0", "-id3v2_version", "0"]
    cmd += ["-f", muxer, out]
    try:
        result = subprocess.run(cmd, capture_output=True, timeout=FFMPEG_TIMEOUT, check=False)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise MediaError(_("This file took too long to prepare. Please try a shorter recording.")) from exc
    if result.returncode != 0 or not os.path.exists(out) or os.path.getsize(out) == 0:
        raise MediaError(
            _("This file is damaged or was not uploaded completely. Please try again, or choose another file.")
        )
    after = probe(out)
    fmt_out = after.get("format") or {}
    vstreams = [s for s in after.get("streams") or [] if s.get("codec_type") == "video"]
    try:
        duration = float(fmt_out.get("duration")) if fmt_out.get("duration") else None
    except (TypeError, ValueError):
        duration = None
    width = vstreams[0].get("width") if vstreams else None
    height = vstreams[0].get("height") if vstreams else None
    return Cleaned(
        path=out, kind=kind, content_type=ctype, ext=ext, width=width, height=height, duration_seconds=duration
    )


def poster_frame(path: str) -> Image.Image | None:
    """The first frame of a video (or one a second in), as a Pillow image."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "poster.png")
        for at in ("1", "0"):
            cmd = [FFMPEG, "-v", "error", "-nostdin", "-y", "-ss", at, "-i", path, "-frames:v", "1", out]
            try:
                subprocess.run(cmd, capture_output=True, timeout=60, check=False)  # noqa: S603
            except subprocess.TimeoutExpired:
                return None
            if os.path.exists(out) and os.path.getsize(out) > 0:
                with Image.open(out) as img:
                    img.load()
                    return img.convert("RGB")
    return None


# ---- documents ------------------------------------------------------------------------------


def clean_pdf(path: str, workdir: str) -> Cleaned:
    """A PDF is checked by its header and end marker, then parsed and written again without its
    document information (author, title, software) and XMP metadata, like every stored file."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import NameObject

    damaged = MediaError(_("This PDF is damaged or was not uploaded completely. Please try again."))
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise damaged
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise MediaError(_("This PDF is locked with a password. Please send a copy without a password."))
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        if NameObject("/Metadata") in writer._root_object:
            del writer._root_object[NameObject("/Metadata")]
        out = os.path.join(workdir, "clean.pdf")
        with open(out, "wb") as fh:
            writer.write(fh)
    except MediaError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise damaged from exc
    return Cleaned(path=out, kind="document", content_type="application/pdf", ext="pdf")


def clean(path: str, workdir: str) -> Cleaned:
    """Sniff PATH and return a cleaned copy, or raise MediaError."""
    with open(path, "rb") as fh:
        head = fh.read(64)
    if not head:
        raise MediaError(_("This file is empty. Please choose it again."))
    what = sniff(head)
    if what in ("image", "pdf") and os.path.getsize(path) > other_max_bytes():
        raise too_big(other_max_bytes())
    if what == "image":
        return clean_photo(path, workdir)
    if what == "av":
        cleaned = clean_av(path, workdir)
        if cleaned.kind != "video" and os.path.getsize(path) > other_max_bytes():
            raise too_big(other_max_bytes())
        return cleaned
    if what == "pdf":
        return clean_pdf(path, workdir)
    raise _not_readable()


def too_big(limit: int) -> MediaError:
    return MediaError(
        _("This file is too large. Files can be at most %(mb)s MB (videos %(video_mb)s MB).")
        % {"mb": other_max_bytes() // (1024 * 1024), "video_mb": VIDEO_MAX_MB}
    )
