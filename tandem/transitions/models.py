"""Settling in and transitions (EYFS key person duties; DOMAIN.md §6: a staged start, and a
transition summary when a child moves room, setting or to school).

A child's settling-in checklist: each step is ticked with a date and who ticked it; two steps
tick themselves (All About Me done, when the family's form exists; first-week photos shared,
when the journal has a published observation of the child in their first week).

A Transition is a room move or a move to school/another setting: from, to, planned date, the
visits before it, and a summary written by the key person. The summary is given to the family
FIRST: they read it and may add their comments, and only then can it be shared with the new
room or school (a database constraint holds the order too)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class SettlingStep(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit booked")
    VISITS = "visits", _("Visits before starting")
    INFO_PACK = "info_pack", _("Information pack sent")
    ALL_ABOUT_ME = "all_about_me", _("All About Me done")
    FIRST_WEEK_PHOTOS = "first_week_photos", _("First-week photos shared")


# Ticked by Tandem from other records (a manual tick of FIRST_WEEK_PHOTOS is allowed: photos may
# have been shared another way); ALL_ABOUT_ME is only ever ticked by the form existing.
AUTOMATIC_STEPS = (SettlingStep.ALL_ABOUT_ME, SettlingStep.FIRST_WEEK_PHOTOS)
MAX_TEXT = 8000


class SettlingStepDone(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="+")
    step = models.CharField(_("step"), max_length=20, choices=SettlingStep.choices)
    done_on = models.DateField(_("done on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "step"], name="settling_step_once")]


class Transition(models.Model):
    class Kind(models.TextChoices):
        ROOM = "room", _("Room move")
        SCHOOL = "school", _("Move to school")
        SETTING = "setting", _("Move to another setting")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="transitions")
    kind = models.CharField(_("kind of move"), max_length=10, choices=Kind.choices)
    from_room = models.ForeignKey(
        "core.Room", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("from room")
    )
    to_room = models.ForeignKey(
        "core.Room", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("to room")
    )
    destination = models.CharField(_("school or setting"), max_length=200, blank=True)
    planned_date = models.DateField(_("planned date"))
    summary = models.TextField(_("transition summary"), blank=True, max_length=MAX_TEXT)
    summary_written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary_written_at = models.DateTimeField(null=True, blank=True)
    shared_with_family_at = models.DateTimeField(_("given to the family"), null=True, blank=True)
    shared_with_family_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_seen_at = models.DateTimeField(_("read by the family"), null=True, blank=True)
    family_seen_by = models.ForeignKey(
        "core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_comment = models.TextField(_("the family's comments"), blank=True, max_length=MAX_TEXT)
    shared_onward_at = models.DateTimeField(_("shared with the new room or school"), null=True, blank=True)
    shared_onward_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_onward_to = models.CharField(_("shared with"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["planned_date"]
        indexes = [models.Index(fields=["setting", "planned_date"], name="transition_planned")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shared_onward_at__isnull=True) | models.Q(shared_with_family_at__isnull=False),
                name="transition_family_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.child_id}"

    @property
    def to_label(self) -> str:
        return self.to_room.name if self.to_room_id else self.destination

    @property
    def from_label(self) -> str:
        return self.from_room.name if self.from_room_id else ""


class TransitionVisit(models.Model):
    """A visit to the new room or school before the move."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="visits")
    visit_on = models.DateField(_("visit on"))
    note = models.CharField(_("how it went"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["visit_on"]
