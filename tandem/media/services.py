"""The verbs of tandem.media: every write of a photo, video, voice note or document, of the copies
made from it and of the faces on it goes through a function here, whether it comes from a page,
the API, a task or the demo.

- media_upload: check what the file really is, remove its metadata, store it privately, and ask
  a background task for its thumbnails. Bad input raises MediaError and saves nothing.
- media_derivatives_make (run by the task): thumbnails, display sizes, video posters, faces found.
- media_detect_faces / facebox_set: faces found by the server, drawn or corrected by staff.
- media_blurred_variant: the copy other families see, with the given faces blurred.

The caller has already checked permission through tandem.access (staff of the setting). Who may
SEE a file is decided by whoever signs its link (media.signing), never here."""

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.core.models import Child, Setting
from tandem.media import processing
from tandem.media.models import FaceBox, MediaFile, MediaVariant
from tandem.media.processing import MediaError

__all__ = [
    "MediaError",
    "blurred_variant_names",
    "boxes_hash",
    "facebox_set",
    "media_blurred_variant",
    "media_blurred_variant_make",
    "media_derivatives_make",
    "media_detect_faces",
    "media_discard",
    "media_upload",
]

Box = tuple[int, int, int, int]


# ---- upload ---------------------------------------------------------------------------------


@contextmanager
def _spooled(uploaded_file):
    """A local path holding UPLOADED_FILE's bytes (the upload's own temporary file when Django
    already wrote one to disk), plus a scratch directory; both are removed afterwards."""
    workdir = tempfile.mkdtemp(prefix="tandem-media-")
    try:
        path = getattr(uploaded_file, "temporary_file_path", None)
        if callable(path):
            yield path(), workdir
            return
        local = os.path.join(workdir, "upload")
        uploaded_file.seek(0)
        with open(local, "wb") as out:
            for chunk in (
                uploaded_file.chunks()
                if hasattr(uploaded_file, "chunks")
                else iter(lambda: uploaded_file.read(1024 * 1024), b"")
            ):
                out.write(chunk)
        yield local, workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_upload(*, setting: Setting, uploaded_file: Any, by: Any) -> MediaFile:
    """Store UPLOADED_FILE (a Django UploadedFile or any file with .size/.read) for SETTING.

    The file is recognised by its content (never its name or the browser's content type),
    checked against the size limits, decoded in full (a truncated or bomb file is refused),
    turned the right way up and re-encoded (photos) or remuxed (video, voice notes) so that no
    metadata (EXIF, GPS, maker notes, XMP, ICC, creation times, locations) is stored, not even in
    the kept original. Thumbnails are made afterwards by a background task; the MediaFile comes
    back with status "pending". Bad input raises MediaError and nothing is saved."""
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, os.SEEK_END)
        size = uploaded_file.tell()
        uploaded_file.seek(0)
    if size == 0:
        raise MediaError(_("This file is empty. Please choose it again."))
    if size > processing.video_max_bytes():
        raise processing.too_big(processing.video_max_bytes())
    with _spooled(uploaded_file) as (path, workdir):
        if os.path.getsize(path) > processing.video_max_bytes():
            raise processing.too_big(processing.video_max_bytes())
        cleaned = processing.clean(path, workdir)
        name = os.path.basename(getattr(uploaded_file, "name", "") or "")[:200]
        media = MediaFile(
            setting=setting,
            kind=cleaned.kind,
            status=MediaFile.Status.PENDING,
            progress=0,
            original_name=name,
            content_type=cleaned.content_type,
            size=os.path.getsize(cleaned.path),
            width=cleaned.width,
            height=cleaned.height,
            duration_seconds=cleaned.duration_seconds,
            sha256=_sha256(cleaned.path),
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        with open(cleaned.path, "rb") as fh:
            media.original.save(f"original.{cleaned.ext}", File(fh), save=False)
    try:
        with transaction.atomic():
            media.full_clean()
            media.save()
            audit_log(
                "media.media_file.uploaded",
                actor=by,
                obj=media,
                setting=setting,
                data={"kind": media.kind, "size": media.size},
            )
            transaction.on_commit(lambda: _enqueue_derivatives(media))
    except Exception:
        default_storage.delete(media.original.name)  # nothing half-saved: no row, no file
        raise
    return media


def _enqueue_derivatives(media: MediaFile) -> None:
    from tandem.media.tasks import media_make_derivatives

    media_make_derivatives.enqueue(str(media.setting_id), str(media.pk))


# ---- derivatives ----------------------------------------------------------------------------


@contextmanager
def _local_path(field):
    """A local path for a stored file: the file itself on a file system storage, else a
    temporary copy (object storage)."""
    try:
        yield field.storage.path(field.name)
        return
    except NotImplementedError:
        pass
    fd, tmp = tempfile.mkstemp(prefix="tandem-media-")
    try:
        with os.fdopen(fd, "wb") as out, field.storage.open(field.name, "rb") as src:
            for chunk in iter(lambda: src.read(1024 * 1024), b""):
                out.write(chunk)
        yield tmp
    finally:
        os.unlink(tmp)


def _progress(media: MediaFile, value: int) -> None:
    media.progress = value
    MediaFile.objects.filter(pk=media.pk).update(progress=value)


def _variant_save(*, media: MediaFile, name: str, data: bytes, width: int, height: int) -> MediaVariant:
    """Create or replace the variant NAME of MEDIA (safe to run twice)."""
    old = MediaVariant.objects.filter(media=media, name=name).first()
    variant = MediaVariant(
        setting_id=media.setting_id,
        media=media,
        name=name,
        content_type="image/webp",
        width=width,
        height=height,
        size=len(data),
    )
    variant.file.save(f"{name[:20]}.webp", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            if old is not None:
                old.delete()
            variant.full_clean()
            variant.save()
    except Exception:
        default_storage.delete(variant.file.name)
        raise
    if old is not None:
        old.file.storage.delete(old.file.name)
    return variant


def _enqueue_faces(media: MediaFile) -> None:
    from tandem.media.tasks import media_find_faces

    # After every waiting thumbnail: staff see their photos first; faces are needed only when an
    # observation is published (until then a photo with no boxes is withheld from other families).
    media_find_faces.using(priority=-10).enqueue(str(media.setting_id), str(media.pk))


def media_derivatives_make(*, media: MediaFile) -> MediaFile:
    """Make the thumbnail ("thumb", 320 px) and display ("display", 1600 px) WebP copies of a
    photo, then queue the search for its faces (media_detect_faces, a task of lower priority);
    a "poster" frame (and thumb) for a video. Records progress on the MediaFile and ends with
    status ready (or failed, with the reason). Safe to run twice."""
    try:
        _progress(media, 10)
        if media.kind == MediaFile.Kind.PHOTO:
            with media.original.open("rb") as fh:
                img, scale = processing.open_upright(fh, min_side=processing.DISPLAY_SIZE)
            _progress(media, 30)
            data, w, h = processing.webp_bytes(img, processing.DISPLAY_SIZE)
            _variant_save(media=media, name=MediaVariant.DISPLAY, data=data, width=w, height=h)
            _progress(media, 60)
            data, w, h = processing.webp_bytes(img, processing.THUMB_SIZE)
            _variant_save(media=media, name=MediaVariant.THUMB, data=data, width=w, height=h)
            _progress(media, 90)
            transaction.on_commit(lambda: _enqueue_faces(media))
        elif media.kind == MediaFile.Kind.VIDEO:
            with _local_path(media.original) as path:
                frame = processing.poster_frame(path)
            _progress(media, 50)
            if frame is not None:
                data, w, h = processing.webp_bytes(frame, processing.DISPLAY_SIZE)
                _variant_save(media=media, name=MediaVariant.POSTER, data=data, width=w, height=h)
                data, w, h = processing.webp_bytes(frame, processing.THUMB_SIZE)
                _variant_save(media=media, name=MediaVariant.THUMB, data=data, width=w, height=h)
    except Exception as exc:  # a failure is recorded so staff see why; the task does not retry forever
        reason = exc.messages[0] if isinstance(exc, MediaError) else _("The copies of this file could not be made.")
        MediaFile.objects.filter(pk=media.pk).update(status=MediaFile.Status.FAILED, failure_reason=reason[:300])
        media.status, media.failure_reason = MediaFile.Status.FAILED, reason[:300]
        return media
    MediaFile.objects.filter(pk=media.pk).update(status=MediaFile.Status.READY, progress=100, failure_reason="")
    media.status, media.progress, media.failure_reason = MediaFile.Status.READY, 100, ""
    return media


# ---- faces ----------------------------------------------------------------------------------


@transaction.atomic
def _faces_replace_auto(*, media: MediaFile, found: list[Box]) -> list[FaceBox]:
    """Replace the automatic boxes of MEDIA with FOUND, keeping staff's own (manual) boxes and
    any automatic box a manual one already covers."""
    FaceBox.objects.filter(media=media, source=FaceBox.Source.AUTO, child__isnull=True).delete()
    kept = list(FaceBox.objects.filter(media=media))
    created = []
    for x, y, w, h in found:
        if any(_overlap((x, y, w, h), k.box) > 0.5 for k in kept):
            continue
        box = FaceBox(setting_id=media.setting_id, media=media, x=x, y=y, w=w, h=h, source=FaceBox.Source.AUTO)
        box.full_clean(exclude=["child"])
        created.append(box)
    FaceBox.objects.bulk_create(created)
    MediaFile.objects.filter(pk=media.pk).update(faces_detected_at=timezone.now())
    return list(FaceBox.objects.filter(media=media))


def _overlap(a: Box, b: Box) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    smaller = min(aw * ah, bw * bh) or 1
    return inter / smaller


def media_detect_faces(*, media: MediaFile) -> list[FaceBox]:
    """Find faces on a photo with OpenCV's bundled Haar cascade (on a copy at most 1024 px long)
    and save them as automatic FaceBoxes in original pixels. Boxes staff drew or tagged are kept.
    Returns all the photo's boxes. A file that is not a photo has none."""
    if media.kind != MediaFile.Kind.PHOTO:
        return []
    with media.original.open("rb") as fh:
        img, scale = processing.open_upright(fh, min_side=1024)
    return _faces_replace_auto(media=media, found=processing.detect_faces(img, scale))


@transaction.atomic
def facebox_set(*, media: MediaFile, boxes: Iterable[dict], by: Any) -> list[FaceBox]:
    """Replace all the face boxes of MEDIA with BOXES, as staff drew or corrected them. Each box
    is a dict with x, y, w, h (original pixels) and optionally child (a Child of the same setting,
    or its id) and source ("manual" unless given). Returns the saved boxes."""
    if media.kind != MediaFile.Kind.PHOTO:
        raise MediaError(_("Faces can only be marked on photos."))
    rows = []
    child_ids = set()
    for raw in boxes:
        try:
            x, y, w, h = (int(raw[k]) for k in ("x", "y", "w", "h"))
        except (KeyError, TypeError, ValueError) as exc:
            raise MediaError(_("Each face needs a position and a size.")) from exc
        if w <= 0 or h <= 0 or x < 0 or y < 0:
            raise MediaError(_("Each face needs a position and a size."))
        if media.width and media.height:
            x, y = min(x, media.width - 1), min(y, media.height - 1)
            w, h = min(w, media.width - x), min(h, media.height - y)
        child = raw.get("child")
        child_id = getattr(child, "pk", child) or None
        if child_id:
            child_ids.add(str(child_id))
        source = raw.get("source") or FaceBox.Source.MANUAL
        if source not in FaceBox.Source.values:
            source = FaceBox.Source.MANUAL
        rows.append(
            FaceBox(setting_id=media.setting_id, media=media, x=x, y=y, w=w, h=h, child_id=child_id, source=source)
        )
    if child_ids:
        found = {
            str(pk)
            for pk in Child.objects.filter(setting_id=media.setting_id, pk__in=child_ids).values_list("pk", flat=True)
        }
        if found != child_ids:
            raise MediaError(_("Choose children from this setting."))
    for row in rows:
        row.full_clean(exclude=["child"])
    FaceBox.objects.filter(media=media).delete()
    FaceBox.objects.bulk_create(rows)
    audit_log(
        "media.face_boxes.set",
        actor=by,
        obj=media,
        setting=media.setting,
        data={"boxes": len(rows), "tagged": len([r for r in rows if r.child_id])},
    )
    return list(FaceBox.objects.filter(media=media))


# ---- blurred copies -------------------------------------------------------------------------


def _normalise(boxes: Iterable) -> list[Box]:
    out = []
    for b in boxes:
        if isinstance(b, FaceBox):
            out.append(b.box)
        elif isinstance(b, dict):
            out.append((int(b["x"]), int(b["y"]), int(b["w"]), int(b["h"])))
        else:
            x, y, w, h = b
            out.append((int(x), int(y), int(w), int(h)))
    return sorted(set(out))


def boxes_hash(boxes: Iterable) -> str:
    """A short, stable name for a set of boxes (order does not matter)."""
    return hashlib.sha256(json.dumps(_normalise(boxes)).encode()).hexdigest()[:16]


def blurred_variant_names(boxes: Iterable) -> tuple[str, str]:
    """The variant names of the display-size and thumbnail-size blurred copies for BOXES."""
    key = boxes_hash(boxes)
    return f"blur-{key}", f"blur-{key}-thumb"


def media_blurred_variant(*, media: MediaFile, boxes: Iterable) -> MediaVariant | None:
    """The display-size copy of MEDIA with exactly BOXES (FaceBoxes, dicts or (x, y, w, h)
    tuples in original pixels) blurred, or None while it is being made (a task is queued; the
    caller withholds the photo meanwhile). Its thumbnail is the variant named
    blurred_variant_names(boxes)[1]. BOXES must not be empty."""
    normal = _normalise(boxes)
    if not normal:
        raise ValueError("media_blurred_variant needs at least one box")
    display_name, _thumb = blurred_variant_names(normal)
    variant = MediaVariant.objects.filter(media=media, name=display_name).first()
    if variant is not None:
        return variant
    from tandem.media.tasks import media_make_blurred

    boxes_json = json.dumps(normal)
    transaction.on_commit(lambda: media_make_blurred.enqueue(str(media.setting_id), str(media.pk), boxes_json))
    return None


def media_blurred_variant_make(*, media: MediaFile, boxes: Iterable) -> MediaVariant:
    """Make (or return the existing) blurred copies for BOXES, display and thumbnail sizes."""
    normal = _normalise(boxes)
    display_name, thumb_name = blurred_variant_names(normal)
    existing = MediaVariant.objects.filter(media=media, name=display_name).first()
    if existing is not None and MediaVariant.objects.filter(media=media, name=thumb_name).exists():
        return existing
    with media.original.open("rb") as fh:
        img, scale = processing.open_upright(fh, min_side=processing.DISPLAY_SIZE)
    blurred = processing.blur_boxes(img, normal, scale)
    data, w, h = processing.webp_bytes(blurred, processing.THUMB_SIZE)
    _variant_save(media=media, name=thumb_name, data=data, width=w, height=h)
    data, w, h = processing.webp_bytes(blurred, processing.DISPLAY_SIZE)
    return _variant_save(media=media, name=display_name, data=data, width=w, height=h)


# ---- removal --------------------------------------------------------------------------------


def media_discard(*, media: MediaFile, by: Any) -> None:
    """Delete MEDIA, its copies and face boxes, and their files in storage (for an upload that
    was abandoned, or an all-or-nothing upload where a later file was refused). The files are
    removed after the transaction commits, so a rollback leaves nothing dangling."""
    names = [media.original.name, *(v.file.name for v in media.variants.all())]
    with transaction.atomic():
        audit_log("media.media_file.discarded", actor=by, obj=media, setting=media.setting, data={"kind": media.kind})
        media.delete()
        transaction.on_commit(lambda: [default_storage.delete(n) for n in names if n])
