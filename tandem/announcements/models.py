"""Announcements and newsletters: what the setting tells many families at once (the whole
setting, some rooms, chosen families) or its own staff. A draft is written, maybe scheduled
(SEND_AT), then sent once: sending writes one AnnouncementRecipient per guardian reached (the
read tracking) and one Notice through tandem.notify (the delivery). An optional yes/no question
("Can you help on the trip?") is answered once per guardian, changeable until it closes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager


class Announcement(models.Model):
    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        NEWSLETTER = "newsletter", _("Newsletter")

    class Audience(models.TextChoices):
        SETTING = "setting", _("Every family of the setting")
        ROOMS = "rooms", _("Families of chosen rooms")
        FAMILIES = "families", _("Chosen families")
        STAFF = "staff", _("Staff only")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("announcement", "Draft")
        SCHEDULED = "scheduled", pgettext_lazy("announcement", "Scheduled")
        SENDING = "sending", pgettext_lazy("announcement", "Sending")
        SENT = "sent", pgettext_lazy("announcement", "Sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNOUNCEMENT)
    title = models.CharField(_("title"), max_length=200)
    body_markdown = models.TextField(_("message"), blank=True)
    body_html = models.TextField(blank=True, editable=False)  # body_markdown rendered and cleaned by nh3
    language = models.CharField(_("written in"), max_length=10, default="en")
    audience = models.CharField(_("who it is for"), max_length=20, choices=Audience.choices, default=Audience.SETTING)
    rooms = models.ManyToManyField("core.Room", blank=True, related_name="+", verbose_name=_("rooms"))
    families = models.ManyToManyField("core.Family", blank=True, related_name="+", verbose_name=_("families"))
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    notice_id = models.UUIDField(null=True, blank=True, editable=False)  # the tandem.notify Notice
    question = models.CharField(_("question for families (yes or no)"), max_length=300, blank=True)
    question_closes_at = models.DateTimeField(_("answers close at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["setting", "status", "-created_at"], name="announcement_list"),
            models.Index(fields=["status", "send_at"], name="announcement_due"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    def question_open(self, now=None) -> bool:
        if not self.question:
            return False
        return self.question_closes_at is None or (now or timezone.now()) < self.question_closes_at


class AnnouncementAttachment(models.Model):
    """A photo or document with an announcement, stored privately by tandem.media."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="attachments")
    media = models.ForeignKey("media.MediaFile", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["added_at", "id"]


class AnnouncementRecipient(models.Model):
    """One guardian a sent announcement went to, and when they first opened it (READ_AT)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="recipients")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey("core.Family", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "guardian"], name="uniq_announcement_guardian"),
        ]
        indexes = [
            models.Index(fields=["guardian", "-created_at"], name="ann_rcpt_guardian"),
            models.Index(fields=["announcement", "family"], name="ann_rcpt_family"),
        ]


class QuestionAnswer(models.Model):
    """A guardian's yes or no to an announcement's question; changeable until it closes."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="answers")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("answer"), max_length=3, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "guardian"], name="uniq_answer_guardian"),
        ]
