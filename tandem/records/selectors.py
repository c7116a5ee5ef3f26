"""Reads for retention: the rule in force, the records a rule makes due, the latest reports.
Records due are always filtered by the setting (and run inside its scope)."""

import datetime as dt

from django.db.models import QuerySet

from tandem.core.models import Setting
from tandem.records.models import Action, Clock, RetentionReport, RetentionRule
from tandem.records.registry import REGISTRY, RecordType, available


def months_before(day: dt.date, months: int) -> dt.date:
    """DAY minus MONTHS calendar months (the 31st becomes the month's last day)."""
    import calendar

    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rule_in_force(*, record_type: str, on: dt.date) -> RetentionRule | None:
    """The latest rule for RECORD_TYPE whose effective_from is not after ON."""
    return (
        RetentionRule.objects.filter(record_type=record_type, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


def records_due(*, setting: Setting, record_type: RecordType, rule: RetentionRule, today: dt.date) -> QuerySet:
    """SETTING's records of RECORD_TYPE whose period under RULE has passed by TODAY. A record
    about a child who has not left is never due under "after the child leaves"."""
    model = record_type.model
    cutoff = months_before(today, rule.months)
    if rule.clock == Clock.RECORD_DATE:
        lookup = f"{record_type.date_field}__date__lte" if record_type.is_datetime else f"{record_type.date_field}__lte"
    elif rule.clock == Clock.CHILD_LEFT:
        lookup = f"{record_type.child_field}__leave_date__lte"
    else:
        lookup = f"{record_type.child_field}__date_of_birth__lte"
    qs = model.objects.filter(setting=setting, **{lookup: cutoff})
    if rule.action == Action.ARCHIVE and record_type.archivable:
        qs = qs.filter(archived_at__isnull=True)
    return qs


def latest_reports(*, setting: Setting) -> list[tuple[RecordType, RetentionRule | None, RetentionReport | None]]:
    """For the manager's page: each installed record type with its rule in force and the
    latest report for SETTING (two queries for the reports and rules, whatever the number)."""
    today = setting.today()
    types = available()
    rules = {}
    for rule in RetentionRule.objects.filter(effective_from__lte=today).order_by("record_type", "-effective_from"):
        rules.setdefault(rule.record_type, rule)
    latest = {}
    for report in (
        RetentionReport.objects.filter(setting=setting).select_related("rule").order_by("-generated_at", "-id")[:200]
    ):
        latest.setdefault(report.record_type, report)
    return [(t, rules.get(t.key), latest.get(t.key)) for t in types]


def report_for_manager(*, setting: Setting, report_id) -> RetentionReport:
    from django.http import Http404

    try:
        pk = int(report_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    report = RetentionReport.objects.filter(setting=setting, pk=pk).select_related("rule", "confirmed_by").first()
    if report is None:
        raise Http404
    return report


def record_type_of(report: RetentionReport) -> RecordType:
    return REGISTRY[report.record_type]
