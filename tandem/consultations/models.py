"""Consultations: the setting's vision, values and aims (or its improvement plan) put to families
and staff for comment, answered, and published again with what changed ("you said, we did").

A Consultation has Versions, numbered, each published once and never changed afterwards: the
first is the draft put out for comment, each later one says what changed. Comments belong to
the version they were made on, to one paragraph or the whole, in the commenter's language (a
translation is asked for). The setting Replies, to the commenter only or to everyone. Once a
year after the last version a review reminder goes to the managers (ReviewReminder records it,
so it goes once)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Kind(models.TextChoices):
    VISION = "vision", _("Vision, values and aims")
    IMPROVEMENT = "improvement", _("Setting improvement plan")
    OTHER = "other", _("Other consultation")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Families and staff")
    FAMILIES = "families", _("Families")
    STAFF = "staff", _("Staff")


class Consultation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.VISION)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("who is asked"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    comments_close_on = models.DateField(_("comments close on"), null=True, blank=True)
    language = models.CharField(max_length=10, default="en")
    review_due_on = models.DateField(_("next review"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def for_families(self) -> bool:
        return self.audience in (Audience.EVERYONE, Audience.FAMILIES)

    def for_staff(self) -> bool:
        return self.audience in (Audience.EVERYONE, Audience.STAFF)

    def open_for_comment(self, today) -> bool:
        return self.comments_close_on is None or today <= self.comments_close_on


class Version(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    body = models.TextField(_("text"), help_text=_("Leave an empty line between paragraphs: each can be commented on."))
    summary_of_changes = models.TextField(_("what changed (you said, we did)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["consultation", "-number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="uniq_consultation_version")]

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


class Comment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="comments")
    paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)  # 1, 2, ...; None: the whole
    body = models.TextField(_("your comment"))
    language = models.CharField(max_length=10, default="en")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey("core.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["created_at"]

    @property
    def author_name(self) -> str:
        if self.guardian_id:
            return self.guardian.full_name
        return self.author.display_name


class Reply(models.Model):
    class Visibility(models.TextChoices):
        COMMENTER = "commenter", _("Only the person who commented")
        EVERYONE = "everyone", _("Everyone asked (without the commenter's name)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="replies")
    body = models.TextField(_("reply"))
    visibility = models.CharField(
        _("who sees the reply"), max_length=10, choices=Visibility.choices, default=Visibility.COMMENTER
    )
    language = models.CharField(max_length=10, default="en")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["created_at"]


class ReviewReminder(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="review_reminders")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "due_on"], name="uniq_consultation_review")]
