"""What the setting tells people, and to whom. A Notice is one thing to tell (a message, an
announcement, a reminder, an acknowledgement); a NoticeRecipient is one person it goes to. How
it reaches each of them (in the app, e-mail, SMS, a printed letter, face to face) is decided by
the routing in tandem.notify.routing, from their communication preferences, and recorded as
deliveries. Other apps never build these rows themselves: they call
tandem.notify.services.notify_guardians / notify_staff."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager


class Notice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=80)  # dotted and app-prefixed: "concerns.acknowledged"
    template = models.CharField(max_length=200)  # <template>.subject.txt, <template>.body.txt (+ .body.html)
    context = models.JSONField(default=dict, blank=True)  # JSON only: rendered later, per reader's language
    url = models.CharField(max_length=500, blank=True)  # the page the notice links to
    urgent = models.BooleanField(_("urgent"), default=False)
    source_type = models.CharField(max_length=60, blank=True)  # app_label.model of what it is about
    source_id = models.CharField(max_length=64, blank=True)
    child = models.ForeignKey("core.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    send_after = models.DateTimeField(null=True, blank=True)  # scheduled sending
    # Only these channels, whatever the preferences (e.g. ["face_to_face"] for "tell them at
    # pick-up"); empty: each recipient's own choice.
    channels = models.JSONField(default=list, blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)  # set once routing has made its deliveries
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["setting", "-created_at"], name="notice_setting_at"),
            models.Index(fields=["source_type", "source_id"], name="notice_source"),
            models.Index(fields=["routed_at", "send_after"], name="notice_routing"),
        ]


class NoticeRecipient(models.Model):
    """One person a notice goes to: a guardian or a member of staff (exactly one). READ_AT is
    set when they open it in the app (the in-app notification is this row)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="recipients")
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    staff = models.ForeignKey("core.StaffMember", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "guardian"], name="uniq_notice_guardian"),
            models.UniqueConstraint(fields=["notice", "staff"], name="uniq_notice_staff"),
            models.CheckConstraint(
                condition=(models.Q(guardian__isnull=False, staff__isnull=True))
                | (models.Q(guardian__isnull=True, staff__isnull=False)),
                name="notice_recipient_one_person",
            ),
        ]
        indexes = [
            models.Index(fields=["guardian", "read_at"], name="notice_rcpt_guardian"),
            models.Index(fields=["staff", "read_at"], name="notice_rcpt_staff"),
        ]

    def clean(self) -> None:
        if (self.guardian_id is None) == (self.staff_id is None):
            raise ValidationError(_("A notice goes to one parent or carer, or to one member of staff."))


class DeliveryChannel(models.TextChoices):
    APP = "app", _("In the app")
    PUSH = "push", _("Phone or browser notification")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message (SMS)")
    LETTER = "letter", _("Printed letter")
    FACE_TO_FACE = "face_to_face", _("Face to face")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    HELD = "held", pgettext_lazy("delivery", "Held for quiet hours")
    DIGESTED = "digested", _("Waiting for the digest")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    READ = "read", _("Read")
    FAILED = "failed", _("Not delivered")


REACHED = (DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)
WAITING = (DeliveryStatus.QUEUED, DeliveryStatus.HELD, DeliveryStatus.DIGESTED, DeliveryStatus.SENDING)


class Delivery(models.Model):
    """One notice to one recipient by one channel. Claimed for sending with a conditional
    UPDATE (queued/held -> sending, with CLAIMED_AT), so two workers never send it twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(NoticeRecipient, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=20, choices=DeliveryChannel.choices)
    status = models.CharField(_("status"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)  # not before (quiet hours, back-off)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)  # which worker's batch claimed it
    sent_at = models.DateTimeField(null=True, blank=True)
    address = models.CharField(max_length=254, blank=True)  # the e-mail address or E.164 number used
    provider_id = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=300, blank=True)  # a reason, never personal data
    fallback_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "channel"], name="uniq_delivery_recipient_channel"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["notice", "channel", "status"], name="delivery_notice"),
            models.Index(fields=["provider_id"], name="delivery_provider"),
        ]


class DeliveryEvent(models.Model):
    """Append-only: each step of a delivery, for staff ("e-mail bounced", "sent by SMS")."""

    class Kind(models.TextChoices):
        QUEUED = "queued", _("Queued")
        HELD = "held", pgettext_lazy("delivery", "Held for quiet hours")
        DIGESTED = "digested", _("Kept for the digest")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        READ = "read", _("Read")
        RETRY = "retry", _("Will try again")
        FAILED = "failed", _("Not delivered")
        FALLBACK = "fallback", _("Sent another way")
        PRINTED = "printed", _("Printed")
        DONE = "done", _("Told face to face")

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    message = models.CharField(max_length=300, blank=True)  # never personal data
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Delivery events are never changed.")
        super().save(*args, **kwargs)


class PushSubscription(models.Model):
    """A browser or phone that asked for web push notifications for USER."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_failure_at = models.DateTimeField(null=True, blank=True)


class PrintQueueItem(models.Model):
    """A letter the office prints and hands over or posts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="print_item")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, default="en")
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["setting", "printed_at"], name="print_queue_open")]


class FaceToFaceTask(models.Model):
    """A reminder on a key person's drop-off / pick-up list: tell this family in person."""

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")
        COULD_NOT = "could_not", _("Could not")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="face_to_face")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    key_person = models.ForeignKey("core.StaffMember", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.CharField(_("note"), max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["due_on", "guardian__last_name"]
        indexes = [models.Index(fields=["key_person", "status", "due_on"], name="f2f_key_person")]
