"""Policies and procedures the setting makes available to parents (EYFS "Information for
parents": admissions, safeguarding, complaints, ...) and to staff, including the code of
conduct for families. A policy is published in versions: each version keeps its own text, a
summary of what changed and the day it takes effect, and is never edited after publication.
A policy may need each reader to acknowledge it ("I have read and understood"); a new version
needs acknowledging again, since acknowledgements belong to a version."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class PolicyKind(models.TextChoices):
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    SAFEGUARDING = "safeguarding", _("Safeguarding and child protection")
    COMPLAINTS = "complaints", _("Complaints")
    ADMISSIONS = "admissions", _("Admissions")
    MEDICINES = "medicines", _("Medicines and illness")
    COLLECTION = "collection", _("Late or failed collection and missing child")
    SEND = "send", _("Special educational needs and disabilities")
    PRIVACY = "privacy", _("Privacy and data protection")
    MOBILE_PHONES = "mobile_phones", _("Mobile phones, cameras and social media")
    OTHER = "other", _("Other")


class Policy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices, default=PolicyKind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    for_families = models.BooleanField(_("for families"), default=True)
    for_staff = models.BooleanField(_("for staff"), default=False)
    requires_acknowledgement = models.BooleanField(
        _("each reader confirms they have read and understood it"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    archived_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(for_families=True) | models.Q(for_staff=True), name="policy_has_audience"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    """One published text of a policy. Markdown in, nh3-cleaned HTML out (journal's rendering),
    and/or an uploaded PDF (a tandem.media file, never public)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    body_markdown = models.TextField(_("text"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    # Or (and) the policy as an uploaded PDF, served only through tandem.media's private links.
    document = models.ForeignKey(
        "media.MediaFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("PDF")
    )
    change_summary = models.TextField(_("what changed"), blank=True)
    language = models.CharField(_("written in"), max_length=10, default="en")
    effective_from = models.DateField(_("in effect from"))
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [models.UniqueConstraint(fields=["policy", "number"], name="uniq_policy_version")]

    def __str__(self) -> str:
        return f"{self.policy.title} v{self.number}"


class PolicyAcknowledgement(models.Model):
    """A reader (a guardian or a member of staff) has read and understood one version."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey("core.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "guardian"], name="uniq_policy_ack_guardian"),
            models.UniqueConstraint(fields=["version", "staff"], name="uniq_policy_ack_staff"),
            models.CheckConstraint(
                condition=models.Q(guardian__isnull=False, staff__isnull=True)
                | models.Q(guardian__isnull=True, staff__isnull=False),
                name="policy_ack_one_reader",
            ),
        ]


class PolicyReminder(models.Model):
    """A reminder sent to one reader about one version: at most one each (idempotent)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="reminders")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey("core.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "guardian"], name="uniq_policy_reminder_guardian"),
            models.UniqueConstraint(fields=["version", "staff"], name="uniq_policy_reminder_staff"),
        ]
