"""The verbs of retention: build a dry-run report, and carry out one a manager confirms.

Nothing is archived or erased without a manager's confirmation (can_confirm_retention), and
each confirmation is written to the audit log with counts and ids, in the same transaction as
the change. Only the records listed in the report that are still due are touched: a record
that stopped being due (a rule changed, a child's leaving date was corrected) is kept."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.core.models import RecordVersion, Setting
from tandem.core.services import CoreError
from tandem.records import selectors
from tandem.records.models import Action, RetentionReport
from tandem.records.registry import REGISTRY, available, part_models


class RetentionError(CoreError):
    """A retention step cannot be done; the message says why."""


@transaction.atomic
def retention_report_build(*, setting: Setting, by: Any = None, today: dt.date | None = None) -> list[RetentionReport]:
    """Write today's dry run for SETTING: for each installed record type with a rule in force,
    the ids now due. Earlier reports still waiting are replaced. Deletes nothing."""
    today = today or setting.today()
    reports = []
    for record_type in available():
        rule = selectors.rule_in_force(record_type=record_type.key, on=today)
        if rule is None:
            continue
        ids = [
            str(pk)
            for pk in selectors.records_due(setting=setting, record_type=record_type, rule=rule, today=today)
            .order_by("pk")
            .values_list("pk", flat=True)
        ]
        RetentionReport.objects.filter(
            setting=setting,
            record_type=record_type.key,
            status__in=[RetentionReport.Status.PENDING, RetentionReport.Status.CLEAR],
        ).update(status=RetentionReport.Status.SUPERSEDED)
        reports.append(
            RetentionReport.objects.create(
                setting=setting,
                record_type=record_type.key,
                rule=rule,
                action=rule.action,
                cutoff=selectors.months_before(today, rule.months),
                due_ids=ids,
                due_count=len(ids),
                status=RetentionReport.Status.PENDING if ids else RetentionReport.Status.CLEAR,
            )
        )
    audit_log(
        "records.retention.checked",
        actor=by,
        obj=setting,
        setting=setting,
        data={"due": {r.record_type: r.due_count for r in reports}},
    )
    return reports


@transaction.atomic
def retention_report_confirm(*, report: RetentionReport, by: Any) -> int:
    """Carry out a pending report (a manager with can_confirm_retention): archive or erase the
    records it lists that are still due. Returns how many records were archived or erased."""
    report = RetentionReport.objects.select_for_update(of=("self",)).select_related("rule", "setting").get(pk=report.pk)
    if report.status != RetentionReport.Status.PENDING:
        raise RetentionError(_("This report is not waiting for confirmation. Run a new check."))
    record_type = REGISTRY.get(report.record_type)
    if record_type is None or record_type.model is None:
        raise RetentionError(_("Tandem no longer keeps this type of record here."))
    setting = report.setting
    still_due = selectors.records_due(
        setting=setting, record_type=record_type, rule=report.rule, today=setting.today()
    ).filter(pk__in=report.due_ids)
    ids = [str(pk) for pk in still_due.order_by("pk").values_list("pk", flat=True)]
    now = timezone.now()
    if report.action == Action.ARCHIVE:
        if not record_type.archivable:
            raise RetentionError(_("These records cannot be archived, only erased."))
        done = record_type.model.objects.filter(setting=setting, pk__in=ids).update(archived_at=now)
        action = "records.retention.archived"
    else:
        action = "records.retention.erased"
        done = len(ids)
    parts = {}
    if report.action == Action.ERASE:
        for part_model, key in part_models(record_type):
            parts[part_model._meta.label] = part_model.objects.filter(setting=setting, **{f"{key}__in": ids}).count()
    # Written before the erase, in the same transaction: if the erase fails, so does the log.
    audit_log(
        action,
        actor=by,
        obj=report,
        setting=setting,
        data={"record_type": record_type.key, "count": done, "ids": ids, "rule": report.rule_id, "parts": parts},
    )
    if report.action == Action.ERASE and ids:
        try:
            with transaction.atomic():
                for part_model, key in part_models(record_type):
                    part_model.objects.filter(setting=setting, **{f"{key}__in": ids}).delete()
                # Earlier versions hold the same personal data as the record: they go with it.
                RecordVersion.objects.filter(
                    setting=setting, object_type=record_type.model._meta.label_lower, object_id__in=ids
                ).delete()
                record_type.model.objects.filter(setting=setting, pk__in=ids).delete()
        except ProtectedError as exc:
            raise RetentionError(
                _("Some of these records are still needed by other records (%(what)s). Erase those first.")
                % {"what": ", ".join(sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects}))}
            ) from None
    report.status = RetentionReport.Status.CONFIRMED
    report.confirmed_at = now
    report.confirmed_by = by
    report.done_count = done
    report.save(update_fields=["status", "confirmed_at", "confirmed_by", "done_count"])
    return done
