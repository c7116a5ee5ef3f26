"""Care plans (personal plans): how the setting cares for one child day to day (routines, health,
dietary needs, how we comfort them, goals), written with the family.

Scotland's Health and Social Care Standards and the Care Inspectorate expect a personal plan for
every child, reviewed with the family at least once every six months (the interval is
configurable per plan; TANDEM_CAREPLAN_REVIEW_MONTHS sets the default, 6). Nothing is
overwritten: every change is a new CarePlanVersion. A family's proposed change waits as a
CarePlanProposal until staff approve, amend or decline it (with a reason)."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("routines", _("Routines"), _("Sleep, meals, nappies or toilet, the shape of the day.")),
    ("health", _("Health"), _("Health needs and how we meet them; medicines are recorded separately.")),
    ("dietary_needs", _("Dietary needs"), _("Allergies, intolerances, cultural or religious food, preferences.")),
    ("comfort", _("How we comfort them"), _("What helps when they are upset or tired.")),
    ("goals", _("Goals"), _("What we are working on together, at home and here.")),
)
PLAN_FIELDS: tuple[str, ...] = tuple(name for name, _label, _help in SECTIONS)
MAX_TEXT = 4000
DUE_SOON_DAYS = 30
REMIND_DAYS = 14


def default_review_months() -> int:
    return int(getattr(settings, "TANDEM_CAREPLAN_REVIEW_MONTHS", 6))


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY plus MONTHS calendar months; the 31st becomes the last day of a shorter month."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ReviewStatus(models.TextChoices):
    OVERDUE = "overdue", _("Review overdue")
    DUE_SOON = "due_soon", _("Review due soon")
    OK = "ok", _("Review not due yet")


def review_status(next_review_date: dt.date, today: dt.date) -> str:
    if next_review_date < today:
        return ReviewStatus.OVERDUE
    if next_review_date <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.OK


class CarePlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.OneToOneField("core.Child", on_delete=models.PROTECT, related_name="care_plan")
    start_date = models.DateField(_("plan started"))
    review_interval_months = models.PositiveSmallIntegerField(
        _("review at least every (months)"), default=default_review_months
    )
    next_review_date = models.DateField(_("next review by"))
    current = models.ForeignKey("CarePlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")
        indexes = [models.Index(fields=["setting", "next_review_date"], name="careplan_review_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_interval_months__gte=1, review_interval_months__lte=12),
                name="careplan_interval_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Care plan {self.child_id}"

    def status_on(self, today: dt.date) -> str:
        return review_status(self.next_review_date, today)


class CarePlanVersion(models.Model):
    """One version of the plan's text; never changed after it is written."""

    class Reason(models.TextChoices):
        WRITTEN = "written", _("Plan written")
        STAFF_CHANGE = "staff_change", _("Changed by staff")
        FAMILY_PROPOSAL = "family_proposal", _("Family's proposal approved")
        AMENDED_PROPOSAL = "amended_proposal", _("Family's proposal approved with changes")
        REVIEW = "review", _("Changed at a review")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    routines = models.TextField(_("Routines"), blank=True, max_length=MAX_TEXT)
    health = models.TextField(_("Health"), blank=True, max_length=MAX_TEXT)
    dietary_needs = models.TextField(_("Dietary needs"), blank=True, max_length=MAX_TEXT)
    comfort = models.TextField(_("How we comfort them"), blank=True, max_length=MAX_TEXT)
    goals = models.TextField(_("Goals"), blank=True, max_length=MAX_TEXT)
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    proposal = models.ForeignKey("CarePlanProposal", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="careplan_version_number")]

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in PLAN_FIELDS}

    def sections(self) -> list[tuple[str, str, str]]:
        return [(name, label, getattr(self, name)) for name, label, _help in SECTIONS]


class CarePlanProposal(models.Model):
    """A change a family asks for: the new text of one or more sections, and why. It changes
    the plan only when staff approve it (as it is, or amended)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the setting")
        APPROVED = "approved", _("Approved")
        AMENDED = "amended", _("Approved with changes")
        DECLINED = "declined", _("Declined")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="proposals")
    changes = models.JSONField(_("proposed changes"), default=dict)  # {section: new text}
    note = models.TextField(_("why"), blank=True, max_length=MAX_TEXT)
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    based_on = models.ForeignKey(CarePlanVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=MAX_TEXT)
    result = models.ForeignKey(CarePlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["setting", "status"], name="careplan_proposal_status")]

    def changed_sections(self) -> list[tuple[str, str, str]]:
        return [(name, label, self.changes[name]) for name, label, _help in SECTIONS if name in self.changes]


class CarePlanReview(models.Model):
    """A review of the plan with the family: when, what the family said, what we noted, and
    the next review date it set."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    family_views = models.TextField(_("what the family said"), max_length=MAX_TEXT)
    notes = models.TextField(_("our notes"), blank=True, max_length=MAX_TEXT)
    next_review_date = models.DateField(_("next review by"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]


class CarePlanReminder(models.Model):
    """That the reminder for one review date was sent (so it is sent once)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="reminders")
    review_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "review_date"], name="careplan_reminder_once")]
