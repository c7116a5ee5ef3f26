"""Medicines (EYFS safeguarding and welfare requirements): a parent's written permission before
any medicine is given, and a record of each dose, which the parent is told about the same day.

Both are legal records: nothing is edited in place. A permission is never changed, only
withdrawn (a new one is given instead); a dose is corrected through
services.administration_correct, which keeps the earlier version. Rows are archived, never
deleted, except by the retention job on a manager's confirmation (tandem.records)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class DoseUnit(models.TextChoices):
    ML = "ml", _("ml")
    MG = "mg", _("mg")
    TABLETS = "tablets", _("tablets")
    PUFFS = "puffs", _("puffs")
    DROPS = "drops", _("drops")
    SACHETS = "sachets", _("sachets")
    APPLICATIONS = "applications", _("applications (cream)")


class Route(models.TextChoices):
    ORAL = "oral", _("By mouth")
    INHALED = "inhaled", _("Inhaled")
    TOPICAL = "topical", _("On the skin")
    EYE = "eye", _("In the eye")
    EAR = "ear", _("In the ear")
    NASAL = "nasal", _("In the nose")
    OTHER = "other", _("Other")


# The largest single dose anyone may type: above it the number is a typing mistake.
MAX_DOSE = Decimal("1000")


class MedicinePermission(models.Model):
    """A guardian's written permission for one medicine: what, how much, how, when, for how
    long and why, signed with their typed full name at a recorded time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="medicine_permissions")
    given_by = models.ForeignKey(
        "core.Guardian", on_delete=models.PROTECT, related_name="+", verbose_name=_("given by")
    )
    medicine_name = models.CharField(_("medicine"), max_length=120)
    dose_amount = models.DecimalField(_("dose"), max_digits=7, decimal_places=2)
    dose_unit = models.CharField(_("unit"), max_length=20, choices=DoseUnit.choices)
    route = models.CharField(_("how it is given"), max_length=10, choices=Route.choices, default=Route.ORAL)
    times = models.JSONField(_("times of day"), default=list, blank=True)  # ["12:00", "15:30"]
    conditions = models.CharField(_("when it may be given"), max_length=300, blank=True)
    min_hours_between = models.DecimalField(
        _("at least this many hours between doses"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    max_doses_per_day = models.PositiveSmallIntegerField(_("at most this many doses a day"), null=True, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)
    prescribed = models.BooleanField(_("prescribed by a doctor, nurse, dentist or pharmacist"), default=False)
    signature = models.CharField(_("signature (your full name)"), max_length=200)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("medicine permission")
        verbose_name_plural = _("medicine permissions")
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["setting", "child", "end_date"], name="med_perm_child")]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="med_perm_dates"),
            models.CheckConstraint(condition=models.Q(dose_amount__gt=0), name="med_perm_dose_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.medicine_name} ({self.dose_label})"

    @property
    def dose_label(self) -> str:
        return f"{self.dose_amount.normalize():f} {self.get_dose_unit_display()}"

    def is_active_on(self, day) -> bool:
        return self.withdrawn_at is None and self.start_date <= day <= self.end_date

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day must be on or after the first day.")
        if self.dose_amount is not None and not (0 < self.dose_amount <= MAX_DOSE):
            errors["dose_amount"] = _("Enter a dose above 0 and no more than %(max)s.") % {"max": MAX_DOSE}
        if not self.times and not self.conditions.strip():
            errors["times"] = _("Say at what times, or when (for example: if temperature above 38°C).")
        if self.max_doses_per_day is not None and not (1 <= self.max_doses_per_day <= 24):
            errors["max_doses_per_day"] = _("Enter between 1 and 24 doses a day.")
        if self.min_hours_between is not None and not (0 < self.min_hours_between <= 48):
            errors["min_hours_between"] = _("Enter between 0.5 and 48 hours.")
        if errors:
            raise ValidationError(errors)


class MedicineAdministration(models.Model):
    """One dose given to a child under a permission: when, how much, who gave it and who saw
    it; then when the guardians were told and who acknowledged it (typed signature)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="medicine_administrations")
    permission = models.ForeignKey(
        MedicinePermission, on_delete=models.PROTECT, related_name="administrations", verbose_name=_("permission")
    )
    given_at = models.DateTimeField(_("given at"))
    dose_amount = models.DecimalField(_("dose given"), max_digits=7, decimal_places=2)
    given_by = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, related_name="+", verbose_name=_("given by")
    )
    witnessed_by = models.ForeignKey(
        "core.StaffMember",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("witnessed by"),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    guardian_informed_at = models.DateTimeField(_("parents told at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "core.Guardian",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("acknowledged by"),
    )
    acknowledgement_signature = models.CharField(_("signature (your full name)"), max_length=200, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("medicine given")
        verbose_name_plural = _("medicines given")
        ordering = ["-given_at"]
        indexes = [
            models.Index(fields=["setting", "child", "-given_at"], name="med_admin_child"),
            models.Index(fields=["setting", "acknowledged_at", "given_at"], name="med_admin_unack"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(dose_amount__gt=0), name="med_admin_dose_positive"),
            models.CheckConstraint(
                condition=models.Q(witnessed_by__isnull=True) | ~models.Q(witnessed_by=models.F("given_by")),
                name="med_admin_witness_differs",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.permission.medicine_name} {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def dose_label(self) -> str:
        return f"{self.dose_amount.normalize():f} {self.permission.get_dose_unit_display()}"
