"""Conversations between a setting and one family (issue #6).

A Conversation belongs to the setting, never to one member of staff, so it survives staff
changes and holidays; it is with one family (a household) and usually about one child. Its
audience says who on the staff side is told of a family's message: the key person always, and
the room team or the managers as well.

A Message is never edited in place: an edit keeps the earlier text as a MessageRevision, and
a delete only withdraws it (the text is kept for the record). MessageRead is a read receipt,
per message per reader; Participant holds when each person last read the conversation (the
inbox's unread count). OpeningHours and ClosedDay say when the setting is open; a family's
message outside them gets one automatic reply per conversation per closed period."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Audience(models.TextChoices):
    KEY_PERSON = "key_person", _("The key person")
    ROOM_TEAM = "room_team", _("The room team")
    MANAGER = "manager", _("The manager")


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey("core.Family", on_delete=models.PROTECT, related_name="conversations")
    child = models.ForeignKey(
        "core.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="conversations"
    )
    subject = models.CharField(_("subject"), max_length=150)
    audience = models.CharField(
        _("who in the team"), max_length=12, choices=Audience.choices, default=Audience.KEY_PERSON
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_by_family = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # The inbox's columns, kept by the services so the list needs no subquery per row.
    last_message_preview = models.CharField(max_length=200, blank=True)
    last_message_kind = models.CharField(max_length=8, blank=True)
    last_message_by_family = models.BooleanField(default=False)
    last_family_message_at = models.DateTimeField(null=True, blank=True)
    last_setting_message_at = models.DateTimeField(null=True, blank=True)  # staff or automatic reply
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at"]
        indexes = [
            models.Index(fields=["setting", "-last_message_at"], name="conv_setting_last"),
            models.Index(fields=["family", "-last_message_at"], name="conv_family_last"),
            models.Index(fields=["child", "-last_message_at"], name="conv_child_last"),
        ]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        errors = {}
        if not (self.subject or "").strip():
            errors["subject"] = _("Give the conversation a subject.")
        if self.family_id and self.setting_id and self.family.setting_id != self.setting_id:
            errors["family"] = _("This family belongs to another setting.")
        if self.child_id and self.setting_id and self.child.setting_id != self.setting_id:
            errors["child"] = _("This child belongs to another setting.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Message(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        AUTO_REPLY = "auto", _("Automatic reply")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MESSAGE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_staff = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_guardian = models.ForeignKey(
        "core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=10000)
    language = models.CharField(_("written in"), max_length=10, default="en")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An automatic reply: the opening it names; one per conversation per closed period.
    reopens_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="msg_conversation_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "reopens_at"],
                condition=models.Q(kind="auto"),
                name="msg_one_auto_reply_per_closed_period",
            ),
            models.CheckConstraint(
                condition=~(models.Q(author_staff__isnull=False) & models.Q(author_guardian__isnull=False)),
                name="msg_one_kind_of_author",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def by_family(self) -> bool:
        return self.author_guardian_id is not None

    @property
    def is_auto_reply(self) -> bool:
        return self.kind == self.Kind.AUTO_REPLY

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class MessageRevision(models.Model):
    """An earlier text of an edited message, kept for the record."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["written_at"]


class MessageAttachment(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    media = models.ForeignKey("media.MediaFile", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(setting="setting")


class MessageRead(models.Model):
    """A read receipt: READER read MESSAGE at READ_AT (as staff or as a guardian)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_staff = models.BooleanField(default=False)
    read_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "reader"], name="uniq_message_read")]


class Participant(models.Model):
    """Someone who has written in or read a conversation, and when they last read it."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_staff = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="uniq_participant")]
        indexes = [models.Index(fields=["user", "conversation"], name="participant_user")]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """When the setting opens and closes on one day of the week (in the setting's time zone).
    A weekday with no row is a closed day."""

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "weekday"], name="uniq_opening_weekday"),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="opening_order"),
        ]

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})


class ClosedDay(models.Model):
    """A date the setting is closed (a bank holiday, a training day, Christmas)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    reason = models.CharField(_("why"), max_length=120, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["setting", "date"], name="uniq_closed_day")]


class ConversationSettings(models.Model):
    """The setting's automatic reply. Empty: the standard wording, in each reader's language."""

    setting = models.OneToOneField("core.Setting", on_delete=models.CASCADE, related_name="+")
    auto_reply = models.TextField(
        _("automatic reply outside opening hours"),
        max_length=1000,
        blank=True,
        help_text=_("Leave empty for the standard reply, which says when you open next."),
    )
    auto_reply_language = models.CharField(max_length=10, default="en")

    objects = ScopedManager(setting="setting")
