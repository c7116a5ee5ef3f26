"""Journals families keep: a child's learning journal for a date range, as a PDF or as a ZIP that
opens offline, built by a background task. An export belongs to the side that asked for it: the
child's guardians (family) or the setting's staff, and only that side may download it."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def export_path(instance: "JournalExport", filename: str) -> str:
    # Private storage, never under a public URL: served only by journal_export's download views.
    return f"journal-exports/{instance.setting_id}/{instance.pk}/{filename}"


class JournalExport(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF to print or keep")
        ZIP = "zip", _("ZIP of web pages and photos (opens without internet)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")

    class Side(models.TextChoices):
        FAMILY = "family", _("The child's family")
        STAFF = "staff", _("The setting's staff")

    class Reason(models.TextChoices):
        REQUESTED = "requested", _("Asked for")
        LEAVING = "leaving", _("The child is leaving")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="journal_exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    side = models.CharField(_("for"), max_length=10, choices=Side.choices)
    reason = models.CharField(_("why"), max_length=10, choices=Reason.choices, default=Reason.REQUESTED)
    kind = models.CharField(_("format"), max_length=5, choices=Kind.choices, default=Kind.PDF)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    failure_reason = models.CharField(_("why it failed"), max_length=300, blank=True)
    observation_count = models.PositiveIntegerField(default=0)
    photo_count = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    language = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("journal to keep")
        verbose_name_plural = _("journals to keep")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["child", "side", "-created_at"], name="journal_export_child")]
        constraints = [
            models.CheckConstraint(condition=models.Q(date_to__gte=models.F("date_from")), name="export_dates_order"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="export_progress_100"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} {self.kind} {self.date_from}–{self.date_to}"

    def clean(self) -> None:
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": _("The end date must be on or after the start date.")})
        if self.child_id and self.setting_id and self.child.setting_id != self.setting_id:
            raise ValidationError({"child": _("This child attends another setting.")})

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def filename(self) -> str:
        name = "".join(ch for ch in self.child.known_as if ch.isalnum()) or "journal"
        return f"{name}-journal-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{self.kind}"
