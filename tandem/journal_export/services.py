"""Journals families keep: asking for one, making it (in a background task) and offering one when
a child leaves. Who may ask is decided by the callers through tandem.access (see views.py):
the child's key person or a manager for staff, the child's guardians for their family."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.core.models import Child, CommunicationPreference

from .models import JournalExport

MAX_UNFINISHED = 3  # per child and side: enough for a PDF and a ZIP at once, not a flood of tasks

logger = logging.getLogger(__name__)


class JournalExportError(ValidationError):
    """A request for a journal that cannot be made, with a message in the person's language."""


def _enqueue(export: JournalExport) -> None:
    from .tasks import journal_export_make

    journal_export_make.enqueue(str(export.setting_id), str(export.pk))


@transaction.atomic
def journal_export_request(
    *,
    child: Child,
    by,
    side: str,
    kind: str,
    date_from: dt.date,
    date_to: dt.date,
    language: str = "en",
    reason: str = JournalExport.Reason.REQUESTED,
) -> JournalExport:
    """Ask for CHILD's journal between two dates as a PDF or ZIP, for SIDE (family or staff). The
    file is made by a background task; the export comes back "pending" with progress 0."""
    today = child.setting.today()
    if date_from and date_to and date_from > date_to:
        raise JournalExportError({"date_to": _("The end date must be on or after the start date.")})
    if date_from and date_from > today:
        raise JournalExportError({"date_from": _("The start date is in the future.")})
    unfinished = JournalExport.objects.filter(
        child=child, side=side, status__in=[JournalExport.Status.PENDING, JournalExport.Status.RUNNING]
    ).count()
    if unfinished >= MAX_UNFINISHED:
        raise JournalExportError(_("Some journals are still being made. Please wait until they are ready."))
    export = JournalExport(
        setting=child.setting,
        child=child,
        requested_by=by,
        side=side,
        reason=reason,
        kind=kind,
        date_from=date_from,
        date_to=min(date_to, today) if date_to else today,
        language=language,
    )
    export.full_clean()
    export.save()
    audit_log(
        "journal_export.journal_export.requested",
        actor=by,
        obj=export,
        setting=child.setting,
        data={"kind": kind, "side": side, "reason": reason},
    )
    transaction.on_commit(lambda: _enqueue(export))
    return export


def journal_export_offer_on_leaving(*, child: Child, by) -> JournalExport:
    """When CHILD leaves, make their whole journal (start to leaving date) as a PDF for their
    family, once (DOMAIN.md §9: the learning journal goes to parents at leaving). Call it from the
    leaving flow (core.services.child_leave)."""
    end = child.leave_date or child.setting.today()
    start = child.start_date or (end - dt.timedelta(days=365 * 5))
    existing = JournalExport.objects.filter(
        child=child, reason=JournalExport.Reason.LEAVING, date_from=start, date_to=end
    ).first()
    if existing is not None:
        return existing
    language = (
        CommunicationPreference.objects.filter(guardian__child_links__child=child)
        .values_list("language", flat=True)
        .first()
        or "en"
    )
    return journal_export_request(
        child=child,
        by=None,
        side=JournalExport.Side.FAMILY,
        kind=JournalExport.Kind.PDF,
        date_from=min(start, end),
        date_to=end,
        language=language,
        reason=JournalExport.Reason.LEAVING,
    )


def _set_progress(export: JournalExport, value: int) -> None:
    value = max(0, min(100, value))
    if value != export.progress:
        export.progress = value
        JournalExport.objects.filter(pk=export.pk).update(progress=value)


def journal_export_make(*, export: JournalExport) -> JournalExport:
    """Make the file of EXPORT (the task calls this). Safe to run twice: a finished export is left
    as it is. Progress is saved as it goes (outside a transaction, so the page sees it); a failure
    is recorded with a reason and leaves no file behind."""
    from . import build

    if export.is_done or export.status == JournalExport.Status.RUNNING and export.progress > 0:
        return export
    JournalExport.objects.filter(pk=export.pk).update(status=JournalExport.Status.RUNNING, progress=1)
    export.status, export.progress = JournalExport.Status.RUNNING, 1
    builder = build.build_pdf if export.kind == JournalExport.Kind.PDF else build.build_zip
    saved_name = ""
    try:
        with tempfile.TemporaryDirectory(prefix="tandem-export-") as tmp:
            target = Path(tmp) / export.filename
            observations, photos = builder(export, target, lambda v: _set_progress(export, v))
            with target.open("rb") as fh:
                saved_name = default_storage.save(
                    export.file.field.generate_filename(export, export.filename), File(fh)
                )
            size = target.stat().st_size
        with transaction.atomic():
            export.file.name = saved_name
            export.size = size
            export.observation_count = observations
            export.photo_count = photos
            export.status = JournalExport.Status.READY
            export.progress = 100
            export.finished_at = timezone.now()
            export.save()
            audit_log(
                "journal_export.journal_export.made",
                actor=None,
                obj=export,
                setting=export.setting,
                data={"observations": observations, "photos": photos, "size": size},
            )
    except Exception as exc:
        # Ids and the error only: the traceback helps operators, the record's text stays out.
        logger.exception("journal export %s failed", export.pk)
        if saved_name:
            default_storage.delete(saved_name)
        JournalExport.objects.filter(pk=export.pk).update(
            status=JournalExport.Status.FAILED,
            failure_reason=_("The journal could not be made. Please try again, or ask the setting."),
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        audit_log(
            "journal_export.journal_export.failed",
            actor=None,
            obj=export,
            setting=export.setting,
            data={"error": type(exc).__name__},
        )
    return export
