"""Structured conversations (Achievement for All: Explore, Focus, Plan, Review).

The key person and the family meet. The record keeps what the family said first, in their own
words and as written (it is never changed once recorded), then the practitioner's view, the
focus, one to three agreed priorities (who does what at home and in the setting) and a review
date after the meeting. The family sees the agreed plan and can comment on it. The review
records progress on each priority and can carry priorities into a new plan. Edits keep the
earlier version (core.RecordVersion); nothing is deleted."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

MAX_PRIORITIES = 3


class Mode(models.TextChoices):
    FACE_TO_FACE = "face", _("Face to face")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")


class Conversation(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        REVIEWED = "reviewed", _("Reviewed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="structured_conversations")
    key_person = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("key person")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    meeting_on = models.DateField(_("date of the meeting"))
    mode = models.CharField(_("how you met"), max_length=8, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    attendees = models.CharField(_("who attended"), max_length=300, blank=True)
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    interpreter_language = models.CharField(_("interpreter's language"), max_length=60, blank=True)
    # Explore: the family speaks first; their words are kept as written.
    family_words = models.TextField(_("what the family told us"), blank=True)
    practitioner_view = models.TextField(_("what we see in the setting"), blank=True)
    # Focus
    focus = models.TextField(_("what we agreed to focus on"), blank=True)
    # Review date (Plan) and the review itself
    review_on = models.DateField(_("review date"), null=True, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_summary = models.TextField(_("how it went"), blank=True)
    staff_notes = models.TextField(_("staff-only notes"), blank=True, help_text=_("Never shown to the family."))
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("follows")
    )
    worry = models.ForeignKey(
        "worries.Worry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conversations",
        verbose_name=_("progress worry"),
    )
    meeting_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("structured conversation")
        verbose_name_plural = _("structured conversations")
        ordering = ["-meeting_on", "-created_at"]
        indexes = [
            models.Index(fields=["setting", "child", "meeting_on"], name="conv_child"),
            models.Index(fields=["setting", "status", "review_on"], name="conv_review"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_on}"

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED


class Priority(models.Model):
    """One of the agreed priorities (Plan): the target, who does what at home and in the
    setting; at the review, how far it came."""

    class Progress(models.TextChoices):
        NOT_YET = "not_yet", _("Not yet")
        SOME = "some", _("Some progress")
        GOOD = "good", _("Good progress")
        ACHIEVED = "achieved", _("Achieved")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("priority"), max_length=300)
    at_home = models.TextField(_("who does what at home"))
    in_setting = models.TextField(_("who does what in the setting"))
    progress = models.CharField(_("progress"), max_length=10, choices=Progress.choices, blank=True)
    progress_notes = models.TextField(_("progress notes"), blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_into"
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("agreed priority")
        verbose_name_plural = _("agreed priorities")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text


class FamilyComment(models.Model):
    """What a parent or carer wrote about the agreed plan; kept with it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="family_comments")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("your comment"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("family comment")
        verbose_name_plural = _("family comments")
        ordering = ["created_at"]
