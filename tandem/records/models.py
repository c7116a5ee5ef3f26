"""Records kept and for how long. Retention periods change and are not fixed by law (UK GDPR's
storage limitation principle; periods are sector guidance, DOMAIN.md §3), so they are data:
one RetentionRule per record type, in force from a date. A daily task writes a
RetentionReport per setting and record type (a dry run: what is due, by id); nothing is
archived or erased until a manager confirms a report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_scopes import ScopedManager


class Clock(models.TextChoices):
    RECORD_DATE = "record_date", _("after the record's own date")
    CHILD_LEFT = "child_left", _("after the child leaves")
    CHILD_BORN = "child_born", _("after the child's birth (until the child is this old)")


class Action(models.TextChoices):
    ARCHIVE = "archive", _("Archive (keep, out of everyday view)")
    ERASE = "erase", _("Erase")


class RetentionRule(models.Model):
    """How long one type of record is kept, and what happens then. Rules apply to every
    setting (they are policy, not a setting's data); the one in force for a record type is the
    latest whose effective_from is not after today. Change a period by adding a rule."""

    record_type = models.CharField(_("record type"), max_length=40)  # a key of records.registry
    clock = models.CharField(_("counted"), max_length=12, choices=Clock.choices)
    months = models.PositiveIntegerField(_("months"))
    action = models.CharField(_("then"), max_length=10, choices=Action.choices, default=Action.ERASE)
    legal_basis = models.TextField(_("why this period (law or guidance)"))
    effective_from = models.DateField(_("in force from"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["record_type", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "effective_from"], name="uniq_retention_rule_from"),
            models.CheckConstraint(condition=models.Q(months__gt=0), name="retention_months_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.period_label}"

    @property
    def period_label(self) -> str:
        years, months = divmod(self.months, 12)
        if self.clock == Clock.CHILD_BORN:
            if months:
                return _("until the child is %(years)s years %(months)s months old") % {
                    "years": years,
                    "months": months,
                }
            return _("until the child is %(years)s years old") % {"years": years}
        span = (
            ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
            if not months
            else ngettext("%(n)s month", "%(n)s months", self.months) % {"n": self.months}
        )
        if self.clock == Clock.CHILD_LEFT:
            return _("%(span)s after the child leaves") % {"span": span}
        return _("%(span)s after the record's date") % {"span": span}

    def clean(self) -> None:
        from tandem.records.registry import REGISTRY

        record_type = REGISTRY.get(self.record_type)
        if record_type is None:
            raise ValidationError({"record_type": _("Choose a record type from the list.")})
        if self.clock != Clock.RECORD_DATE and record_type.child_field is None:
            raise ValidationError({"clock": _("These records are not about one child: count from their own date.")})


class RetentionReport(models.Model):
    """A dry run for one setting and one record type: what the rule in force made due, by id.
    A manager's confirmation archives or erases exactly these records (those still due)."""

    class Status(models.TextChoices):
        CLEAR = "clear", _("Nothing due")
        PENDING = "pending", _("Waiting for a manager")
        CONFIRMED = "confirmed", _("Done")
        SUPERSEDED = "superseded", _("Replaced by a newer check")

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(_("record type"), max_length=40)
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="reports")
    action = models.CharField(_("then"), max_length=10, choices=Action.choices)
    generated_at = models.DateTimeField(default=timezone.now)
    cutoff = models.DateField(_("due if counted from on or before"))
    due_ids = models.JSONField(default=list)
    due_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_count = models.PositiveIntegerField(default=0)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("retention report")
        ordering = ["-generated_at", "-id"]
        indexes = [models.Index(fields=["setting", "record_type", "-generated_at"], name="retention_latest")]
