"""Accidents, incidents and existing injuries (EYFS 3.51–3.52, DOMAIN.md §2.6).

A written record of every accident or injury and the first aid given; the parents are told the
same day and acknowledge it; a serious accident, illness or injury (or food poisoning of two or
more children) must be notified to Ofsted within 14 days. An "existing injury" is one a child
arrives with. These are legal records: services never overwrite one without keeping the
earlier state (core.audit.keep_version), and nothing is ever deleted here."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from tandem.core.models import Child, Guardian, Setting, StaffMember

# Ofsted (or the childminder agency) must be told as soon as reasonably practicable and at the
# latest within 14 days (EYFS 3.52; failing to without reasonable excuse is an offence).
NOTIFY_WITHIN_DAYS = 14


class Incident(models.Model):
    class Kind(models.TextChoices):
        ACCIDENT = "accident", _("Accident")
        INCIDENT = "incident", _("Incident")
        EXISTING_INJURY = "existing_injury", _("Existing injury (arrived with it)")

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        INFORMED = "informed", _("Family informed")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged by the family")

    class InformedHow(models.TextChoices):
        EMAIL = "email", _("E-mail with a link to read and sign")
        IN_PERSON = "in_person", _("In person at collection")
        PHONE = "phone", _("Phone call")
        APP = "app", _("Read it in Tandem")
        REPORTED_BY_FAMILY = "reported_by_family", _("The family told us")

    class NotifiableReason(models.TextChoices):
        SERIOUS_INJURY = "serious_injury", _("Serious accident, illness or injury")
        FOOD_POISONING = "food_poisoning", _("Food poisoning of two or more children")
        DEATH = "death", _("Death of a child")
        OTHER = "other", _("Other notifiable event")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACCIDENT)
    occurred_at = models.DateTimeField(
        _("when it happened"), help_text=_("For an existing injury: when it was noticed.")
    )
    location = models.CharField(_("where it happened"), max_length=200, blank=True)
    description = models.TextField(
        _("what happened"),
        help_text=_("Describe what happened in plain words. Do not name other children: write 'another child'."),
    )
    marks = models.JSONField(_("marks on the body map"), default=list, blank=True)
    first_aid = models.TextField(_("first aid given"), blank=True)
    witnesses = models.ManyToManyField(
        StaffMember, blank=True, related_name="incidents_witnessed", verbose_name=_("staff who saw it")
    )
    other_witnesses = models.CharField(_("other witnesses"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    reported_by_guardian = models.ForeignKey(
        Guardian,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("told us (parent or carer)"),
    )
    is_serious = models.BooleanField(_("serious"), default=False)
    notifiable = models.BooleanField(
        _("must be notified to Ofsted"),
        default=False,
        help_text=_("A serious accident, illness or injury, food poisoning of two or more children, or a death."),
    )
    notifiable_reason = models.CharField(
        _("why it is notifiable"), max_length=20, choices=NotifiableReason.choices, blank=True
    )
    notified_on = models.DateField(_("date Ofsted was told"), null=True, blank=True)
    notified_reference = models.CharField(_("Ofsted's reference"), max_length=100, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    guardian_informed_at = models.DateTimeField(_("family informed at"), null=True, blank=True)
    guardian_informed_how = models.CharField(
        _("how the family was informed"), max_length=20, choices=InformedHow.choices, blank=True
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("acknowledged by")
    )
    acknowledgement_signature = models.CharField(_("typed signature"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECORDED)
    # Goes up by one each time the record changes after the family was informed, so they are
    # told again and asked to acknowledge the new version (IncidentNotice is per revision).
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("accident or incident")
        verbose_name_plural = _("accidents and incidents")
        ordering = ["-occurred_at", "-created_at"]
        indexes = [
            models.Index(fields=["setting", "child", "-occurred_at"], name="incident_child"),
            models.Index(fields=["setting", "acknowledged_at"], name="incident_unacknowledged"),
            models.Index(fields=["setting", "notifiable", "notified_on"], name="incident_notifiable"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notified_on__isnull=True) | models.Q(notifiable=True),
                name="incident_notified_only_if_notifiable",
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_at__isnull=True)
                | (models.Q(acknowledged_by__isnull=False) & ~models.Q(acknowledgement_signature="")),
                name="incident_acknowledgement_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.child} ({self.occurred_at:%Y-%m-%d})"

    @property
    def is_existing_injury(self) -> bool:
        return self.kind == self.Kind.EXISTING_INJURY

    @property
    def notify_deadline(self) -> dt.datetime | None:
        """The latest moment Ofsted must be told (14 days after it happened), for notifiable ones."""
        if not self.notifiable:
            return None
        return self.occurred_at + dt.timedelta(days=NOTIFY_WITHIN_DAYS)

    @property
    def awaiting_notification(self) -> bool:
        return self.notifiable and self.notified_on is None

    @property
    def notification_overdue(self) -> bool:
        return self.awaiting_notification and timezone.now() > self.notify_deadline

    @property
    def days_to_deadline(self) -> int | None:
        if not self.awaiting_notification:
            return None
        return (self.notify_deadline - timezone.now()).days


class IncidentNotice(models.Model):
    """One e-mail to one guardian about one revision of an incident. Its uniqueness is what
    makes the e-mail task safe to run twice."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="notices")
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField()
    language = models.CharField(max_length=10)
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "guardian", "revision"], name="uniq_incident_notice"),
        ]
