"""Concerns and complaints (EYFS safeguarding and welfare requirements, "Complaints").

A family raises a question or concern, a complaint, or general feedback; staff can also record
one that came on paper, by phone or in person. Every concern has a reference (C-2026-0007),
is acknowledged at once, then assigned, investigated (each step on its timeline), and ends
with an outcome sent to the family, or an informal resolution the family confirms.

The law: a written record of complaints and their outcome; written complaints about meeting
the EYFS requirements are investigated and the complainant told the outcome within 28 days of
receiving them; the record is available to Ofsted on request; kept at least 3 years. The
28-day clock counts whole days in the setting's time zone from the day it was received.

Nothing here is deleted or overwritten: the timeline only grows, and changes to the record
itself keep the earlier version (tandem.core.audit.keep_version)."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

# The 28-day clock: "at risk" once more than AT_RISK_AFTER_DAYS whole days have passed since
# the day received with no outcome, "overdue" once more than DEADLINE_DAYS have.
AT_RISK_AFTER_DAYS = 21
DEADLINE_DAYS = 28
# The complaints record is kept at least this long after the concern is closed.
RETENTION_YEARS = 3


class ConcernKind(models.TextChoices):
    CONCERN = "concern", _("A question or concern")
    COMPLAINT = "complaint", _("A complaint")
    FEEDBACK = "feedback", _("General feedback")


class ConcernChannel(models.TextChoices):
    ONLINE = "online", _("Online, in Tandem")
    EMAIL = "email", _("By e-mail")
    PAPER = "paper", _("On paper (letter or form)")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


# A complaint that came in one of these is a written complaint (the 28-day rule applies to them).
WRITTEN_CHANNELS = {ConcernChannel.ONLINE, ConcernChannel.EMAIL, ConcernChannel.PAPER}


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("concern status", "Received")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("concern status", "Acknowledged")
    ASSIGNED = "assigned", pgettext_lazy("concern status", "Assigned")
    INVESTIGATING = "investigating", pgettext_lazy("concern status", "Being looked into")
    AWAITING_FAMILY = "awaiting_family", pgettext_lazy("concern status", "Waiting for the family to confirm")
    RESOLVED_INFORMALLY = "resolved_informally", pgettext_lazy("concern status", "Resolved informally")
    OUTCOME_SENT = "outcome_sent", pgettext_lazy("concern status", "Outcome sent")
    CLOSED = "closed", pgettext_lazy("concern status", "Closed")


# Statuses in which the setting still owes the family an answer (the clock runs).
OPEN_STATUSES = (
    ConcernStatus.RECEIVED,
    ConcernStatus.ACKNOWLEDGED,
    ConcernStatus.ASSIGNED,
    ConcernStatus.INVESTIGATING,
    ConcernStatus.AWAITING_FAMILY,
)


class Clock(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Answered")
    NONE = "none", _("No deadline")


class Concern(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference"), max_length=20)
    kind = models.CharField(_("what kind"), max_length=12, choices=ConcernKind.choices, default=ConcernKind.CONCERN)
    channel = models.CharField(
        _("how it came"), max_length=12, choices=ConcernChannel.choices, default=ConcernChannel.ONLINE
    )
    # Empty for anonymous feedback: then nothing here (nor in the audit log) says who wrote it.
    raised_by = models.ForeignKey(
        "core.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    complainant_name = models.CharField(_("name of the person, if not a parent in Tandem"), max_length=200, blank=True)
    child = models.ForeignKey(
        "core.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    about = models.TextField(_("what it is about"))
    desired_outcome = models.TextField(_("what you would like to happen"), blank=True)
    language = models.CharField(_("written in"), max_length=10, default="en")
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    received_on = models.DateField(_("date received"))  # in the setting's time zone: the clock's day 0
    status = models.CharField(_("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        "core.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("looked into by"),
    )
    eyfs_related = models.BooleanField(_("about meeting the EYFS requirements"), default=False)
    eyfs_requirement = models.CharField(_("EYFS requirement concerned"), max_length=200, blank=True)
    nature = models.TextField(
        _("nature of the complaint, for the record"),
        blank=True,
        help_text=_("A short summary for the complaints record. Names of children are replaced by 'child A'."),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    actions = models.TextField(_("actions taken"), blank=True)
    outcome_language = models.CharField(max_length=10, blank=True)
    outcome_sent_at = models.DateTimeField(_("outcome sent at"), null=True, blank=True)
    outcome_sent_on = models.DateField(_("date outcome sent"), null=True, blank=True)
    informal_summary = models.TextField(_("how it was resolved"), blank=True)
    family_confirmed_at = models.DateTimeField(_("family confirmed at"), null=True, blank=True)
    family_confirmed_by = models.ForeignKey(
        "core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ofsted_involved = models.BooleanField(_("Ofsted involved"), default=False)
    ofsted_details = models.TextField(_("Ofsted involvement"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # When the staff were warned that the 28 days are running out / have run out (once each).
    at_risk_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Who typed it in: a member of staff for a paper or phone complaint; empty when anonymous.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("concern or complaint")
        verbose_name_plural = _("concerns and complaints")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "reference"], name="uniq_concern_reference"),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(raised_by__isnull=True, child__isnull=True),
                name="concern_anonymous_has_no_person",
            ),
        ]
        indexes = [models.Index(fields=["setting", "status", "received_on"], name="concern_open")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_written(self) -> bool:
        return self.channel in WRITTEN_CHANNELS

    @property
    def statutory_28_days(self) -> bool:
        """A written complaint about meeting the EYFS requirements: the law's 28 days apply."""
        return self.kind == ConcernKind.COMPLAINT and self.is_written and self.eyfs_related

    @property
    def has_deadline(self) -> bool:
        return self.kind != ConcernKind.FEEDBACK

    @property
    def due_on(self) -> dt.date:
        return self.received_on + dt.timedelta(days=DEADLINE_DAYS)

    def clock(self, today: dt.date) -> str:
        """on_track, at_risk (more than 21 whole days, no outcome), overdue (more than 28), or
        done once the outcome is sent / the family confirmed; TODAY is the setting's date."""
        if not self.has_deadline:
            return Clock.NONE
        if not self.is_open:
            return Clock.DONE
        days = (today - self.received_on).days
        if days > DEADLINE_DAYS:
            return Clock.OVERDUE
        if days > AT_RISK_AFTER_DAYS:
            return Clock.AT_RISK
        return Clock.ON_TRACK

    @property
    def days_taken(self) -> int | None:
        if self.outcome_sent_on:
            return (self.outcome_sent_on - self.received_on).days
        return None

    @property
    def retain_until(self) -> dt.date:
        """At least 3 years after it was closed (or received, while open)."""
        start = (self.closed_at.date() if self.closed_at else None) or self.received_on
        try:
            return start.replace(year=start.year + RETENTION_YEARS)
        except ValueError:  # 29 February
            return start.replace(year=start.year + RETENTION_YEARS, day=28)


class StepKind(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("concern step", "Received")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("concern step", "Acknowledged")
    ASSIGNED = "assigned", pgettext_lazy("concern step", "Assigned")
    NOTE = "note", pgettext_lazy("concern step", "Note")
    CONTACT = "contact", pgettext_lazy("concern step", "Contact with the family")
    EVIDENCE = "evidence", pgettext_lazy("concern step", "Evidence gathered")
    INFORMAL = "informal", pgettext_lazy("concern step", "Informal resolution offered")
    FAMILY_CONFIRMED = "family_confirmed", pgettext_lazy("concern step", "Family confirmed they are happy")
    FAMILY_NOT_HAPPY = "family_not_happy", pgettext_lazy("concern step", "Family not yet happy")
    OUTCOME = "outcome", pgettext_lazy("concern step", "Outcome sent")
    OFSTED = "ofsted", pgettext_lazy("concern step", "Ofsted")
    CLOSED = "closed", pgettext_lazy("concern step", "Closed")


# Steps a member of staff adds by hand; the others are written by the services.
MANUAL_STEPS = (StepKind.NOTE, StepKind.CONTACT, StepKind.EVIDENCE)


class ConcernStep(models.Model):
    """One entry on a concern's timeline. Never changed or removed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("what happened"), max_length=20, choices=StepKind.choices)
    text = models.TextField(_("details"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["at"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
