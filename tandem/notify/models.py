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
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["setting", "-created_at"], name="notice_setting_at"),
            models.Index(fields=["source_type", "source_id"], name="notice_source"),
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
