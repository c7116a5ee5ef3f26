"""Progress worries (EYFS "concerns about progress", SEND Code of Practice ch. 5).

A practitioner flags a worry about a child's progress in a prime area. Tandem opens a case
that cannot be closed until a conversation with the family is recorded (a structured
conversation linked to the case, or a recorded discussion with the family's views) and the
support agreed with them is recorded. The SEN graduated approach (assess, plan, do, review)
is recorded on the case as dated stages. Families see the case once it has been discussed with
them, never the staff-only notes. Nothing is deleted; edits keep earlier versions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class PrimeArea(models.TextChoices):
    """The three prime areas of the EYFS (the curriculum app's short codes)."""

    CL = "CL", _("Communication and language")
    PSED = "PSED", _("Personal, social and emotional development")
    PD = "PD", _("Physical development")


class Worry(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="progress_worries")
    area = models.CharField(_("prime area"), max_length=8, choices=PrimeArea.choices)
    observed = models.TextField(_("what you have observed"))
    observations = models.ManyToManyField(
        "journal.Observation", blank=True, related_name="+", verbose_name=_("observations from the journal")
    )
    raised_by = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by")
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    # The conversation with the family (EYFS: discuss with parents), when not a structured one.
    discussed_on = models.DateField(_("discussed with the family on"), null=True, blank=True)
    family_views = models.TextField(_("what the family told us"), blank=True)
    agreed_support = models.TextField(_("the support we agreed together"), blank=True)
    shared_with_family_at = models.DateTimeField(_("shared with the family at"), null=True, blank=True)
    staff_notes = models.TextField(_("staff-only notes"), blank=True, help_text=_("Never shown to the family."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("progress worry")
        verbose_name_plural = _("progress worries")
        ordering = ["opened_on"]
        indexes = [models.Index(fields=["setting", "status", "opened_on"], name="worry_open")]

    def __str__(self) -> str:
        return f"{self.get_area_display()} ({self.opened_on})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def days_open(self, today=None) -> int:
        end = self.closed_on or today or self.setting.today()
        return (end - self.opened_on).days


class Stage(models.TextChoices):
    ASSESS = "assess", _("Assess")
    PLAN = "plan", _("Plan")
    DO = "do", _("Do")
    REVIEW = "review", _("Review")


class WorryStage(models.Model):
    """One step of the graduated approach recorded on a case: assess, plan, do or review."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="stages")
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("graduated approach stage")
        verbose_name_plural = _("graduated approach stages")
        ordering = ["on", "recorded_at"]
