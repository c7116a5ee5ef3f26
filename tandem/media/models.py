"""Photos, videos, voice notes and documents (MediaFile), the smaller copies made from them
(MediaVariant: thumbnails, display sizes, video posters, blurred copies) and the faces found or
drawn on a photo (FaceBox).

Files are private: they live under unguessable paths in the default storage (so object storage
works) and are served only through a signed, short-lived, viewer-bound link (media.signing).
Who may see which file is decided by the app that signs the link (journal, floor books), never
here. Every stored file, the kept original included, has had its metadata (EXIF, GPS, maker
notes, XMP, ICC) removed by media.services.media_upload."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def media_original_path(instance: "MediaFile", filename: str) -> str:
    """A private, unguessable path; the extension comes from the sniffed type, never the upload's name."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/media/{instance.setting_id}/{uuid.uuid4().hex}.{ext}"


def media_variant_path(instance: "MediaVariant", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/media/{instance.setting_id}/v/{uuid.uuid4().hex}.{ext}"


class MediaFile(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Voice note")
        DOCUMENT = "document", _("Document")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    failure_reason = models.CharField(_("why it failed"), max_length=300, blank=True)
    original = models.FileField(_("file"), upload_to=media_original_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration in seconds"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    faces_detected_at = models.DateTimeField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("photo or file")
        verbose_name_plural = _("photos and files")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["setting", "-created_at"], name="media_setting_created")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="media_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.original_name or str(self.pk)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO


class MediaVariant(models.Model):
    """A copy made from a MediaFile: "thumb" (320 px WebP), "display" (1600 px WebP), "poster"
    (a video's first frame, WebP), or "blur-<hash>" / "blur-<hash>-thumb" (a copy with the faces in
    the boxes of that hash blurred)."""

    THUMB = "thumb"
    DISPLAY = "display"
    POSTER = "poster"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    media = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(max_length=80)
    file = models.FileField(upload_to=media_variant_path, max_length=200)
    content_type = models.CharField(max_length=100, default="image/webp")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("copy of a photo or file")
        constraints = [models.UniqueConstraint(fields=["media", "name"], name="uniq_media_variant_name")]

    def __str__(self) -> str:
        return f"{self.media_id}:{self.name}"


class FaceBox(models.Model):
    """A face on a photo, in the original's pixels (after orientation was fixed). Found by the
    server (source auto) or drawn/corrected by staff (manual). Staff may say which child it is."""

    class Source(models.TextChoices):
        AUTO = "auto", _("Found automatically")
        MANUAL = "manual", _("Drawn by staff")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    media = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="faces")
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    w = models.PositiveIntegerField()
    h = models.PositiveIntegerField()
    child = models.ForeignKey(
        "core.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTO)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("face on a photo")
        ordering = ["x", "y"]
        constraints = [
            models.CheckConstraint(condition=models.Q(w__gt=0, h__gt=0), name="facebox_positive_size"),
        ]

    def __str__(self) -> str:
        return f"{self.x},{self.y} {self.w}×{self.h}"

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.w, self.h)
