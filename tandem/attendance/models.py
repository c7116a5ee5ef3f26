"""The register and collection: who is here today (Attendance), who may collect each child
(AuthorisedCollector), what happened at each collection (CollectionEvent), who is on shift in
which room (StaffShift) and the staff:child ratios the law asks for (RatioRule, as data).

EYFS (DOMAIN.md §2.8, §2.9): a daily record of the children present and their hours, and children
released only to people the parent has named. Rows here are legal records: they are changed only
by tandem.attendance.services, which keeps the earlier state (core.audit.keep_version)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def collector_photo_path(instance: "AuthorisedCollector", filename: str) -> str:
    """A private, unguessable path: photos are served only by a permission-checked view."""
    return f"private/attendance/collectors/{instance.setting_id}/{uuid.uuid4().hex}.jpg"


class AuthorisedCollector(models.Model):
    """Someone a parent has named to collect a child. The password is stored hashed
    (django.contrib.auth.hashers) and is never shown again, not even to staff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.CASCADE, related_name="collectors")
    name = models.CharField(_("name"), max_length=120)
    relationship = models.CharField(_("relationship to the child"), max_length=60)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    photo = models.FileField(_("photo"), upload_to=collector_photo_path, blank=True, max_length=200)
    password_hash = models.CharField(max_length=200, blank=True, editable=False)
    is_active = models.BooleanField(_("may collect"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_by_guardian = models.ForeignKey(
        "core.Guardian", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("authorised collector")
        verbose_name_plural = _("authorised collectors")
        ordering = ["-is_active", "name"]
        indexes = [models.Index(fields=["child", "is_active"], name="collector_child")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)


class Attendance(models.Model):
    """One stay of a child on one day: signed in, then signed out. A child can come twice in a
    day (morning and afternoon sessions), but only one stay is open at a time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="attendances")
    day = models.DateField(_("day"))
    signed_in_at = models.DateTimeField(_("signed in at"))
    dropped_off_by = models.CharField(_("dropped off by"), max_length=120, blank=True)
    dropped_off_by_guardian = models.ForeignKey(
        "core.Guardian", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dropped_off_by_collector = models.ForeignKey(
        AuthorisedCollector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_out_at = models.DateTimeField(_("signed out at"), null=True, blank=True)
    collected_by = models.CharField(_("collected by"), max_length=120, blank=True)
    collected_by_guardian = models.ForeignKey(
        "core.Guardian", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    collected_by_collector = models.ForeignKey(
        AuthorisedCollector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "signed_in_at"]
        indexes = [
            models.Index(fields=["setting", "day"], name="attendance_setting_day"),
            models.Index(fields=["child", "day"], name="attendance_child_day"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "day"],
                condition=models.Q(signed_out_at__isnull=True),
                name="one_open_attendance_per_child_day",
            ),
            models.CheckConstraint(
                condition=models.Q(signed_out_at__isnull=True) | models.Q(signed_out_at__gte=models.F("signed_in_at")),
                name="attendance_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} {self.day}"

    @property
    def is_open(self) -> bool:
        return self.signed_out_at is None


class CollectionEvent(models.Model):
    """What happened when someone came to collect a child: on the list, or checked by password
    or by calling a parent, or refused. Append-only."""

    class Outcome(models.TextChoices):
        ON_LIST = "on_list", _("On the child's list")
        PASSWORD_CONFIRMED = "password_confirmed", _("Password confirmed")
        GUARDIAN_CALLED_AND_AGREED = "guardian_called_and_agreed", _("Parent called and agreed")
        REFUSED = "refused", _("Refused: the child was not released")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="collection_events")
    collector = models.ForeignKey(
        AuthorisedCollector, on_delete=models.PROTECT, null=True, blank=True, related_name="collection_events"
    )
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("name of the person collecting"), max_length=120)
    on_list = models.BooleanField(_("on the list"), default=False)
    outcome = models.CharField(_("check and outcome"), max_length=30, choices=Outcome.choices)
    guardian_called = models.ForeignKey(
        "core.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent called"),
    )
    guardian_said = models.CharField(_("what the parent said"), max_length=300, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["-at"]


class StaffShift(models.Model):
    """Who works in which room, and when, on one day: the register counts the adults on shift
    against the children present."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, related_name="shifts", verbose_name=_("member of staff")
    )
    room = models.ForeignKey("core.Room", on_delete=models.PROTECT, related_name="shifts", verbose_name=_("room"))
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["day", "starts_at"]
        indexes = [models.Index(fields=["setting", "day"], name="shift_setting_day")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start")
        ]


class RatioRule(models.Model):
    """How many children of an age one adult may care for, from a date (EYFS 2024 §3.40-3.45,
    DOMAIN.md §2.11). Rows without a setting are England's group-setting defaults; a setting's own
    rows (e.g. 1:13 for 3-year-olds with a qualified teacher working directly) win over them.
    Ages are in whole months, from inclusive to exclusive.

    Not personal data and shared by every setting, so it has a plain manager: the selector always
    filters to the setting's own rows and the defaults."""

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    age_from_months = models.PositiveSmallIntegerField(_("from age (months)"))
    age_to_months = models.PositiveSmallIntegerField(_("up to age (months, not included)"))
    children_per_adult = models.PositiveSmallIntegerField(_("children per adult"))
    effective_from = models.DateField(_("in force from"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = models.Manager()

    class Meta:
        verbose_name = _("ratio rule")
        verbose_name_plural = _("ratio rules")
        ordering = ["age_from_months", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_to_months__gt=models.F("age_from_months")), name="ratio_ages"
            ),
            models.CheckConstraint(condition=models.Q(children_per_adult__gt=0), name="ratio_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.age_from_months}-{self.age_to_months}m 1:{self.children_per_adult}"
