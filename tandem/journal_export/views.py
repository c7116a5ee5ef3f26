"""Pages for journals to keep: a child's exports with a form to ask for one, the progress of one
(polled by htmx) and the download. Staff pages under /s/<slug>/journal-export/, family pages under
/family/journal-export/; each side sees and downloads only its own exports."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts.decorators import staff_required
from tandem.core.audit import audit_log
from tandem.core.forms import add_service_errors

from . import forms, selectors, services
from .models import JournalExport

STAFF, FAMILY = JournalExport.Side.STAFF, JournalExport.Side.FAMILY


def _initial(child) -> dict:
    today = child.setting.today()
    start = child.start_date if child.start_date and child.start_date <= today else today - dt.timedelta(days=365)
    return {"kind": JournalExport.Kind.PDF, "date_from": start, "date_to": child.leave_date or today}


def _child_page(request: HttpRequest, child, *, side: str, form=None, status: int = 200) -> HttpResponse:
    return render(
        request,
        "journal_export/child.html",
        {
            "child": child,
            "setting": child.setting,
            "side": side,
            "exports": list(selectors.export_list_for_child(child=child, side=side)[:20]),
            "form": form or forms.JournalExportForm(initial=_initial(child)),
        },
        status=status,
    )


def _ask(request: HttpRequest, child, *, side: str):
    """Returns the new export, or a response with the form's errors (422)."""
    form = forms.JournalExportForm(request.POST)
    if form.is_valid():
        try:
            return services.journal_export_request(
                child=child,
                by=request.user,
                side=side,
                kind=form.cleaned_data["kind"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
                language=get_language() or "en",
            )
        except services.JournalExportError as exc:
            add_service_errors(form, exc)
    return _child_page(request, child, side=side, form=form, status=422)


def _status(request: HttpRequest, export: JournalExport, *, side: str) -> HttpResponse:
    return render(
        request,
        "journal_export/child.html#export_row",
        {"export": export, "side": side, "setting": export.setting, "child": export.child},
    )


def _download(request: HttpRequest, export: JournalExport) -> FileResponse:
    if export.status != JournalExport.Status.READY or not export.file:
        raise Http404
    audit_log(
        "journal_export.journal_export.downloaded",
        actor=request.user,
        obj=export,
        setting=export.setting,
        child=export.child,
    )
    content_type = "application/pdf" if export.kind == JournalExport.Kind.PDF else "application/zip"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename, content_type=content_type)


# --- staff ----------------------------------------------------------------------------------------


@staff_required
@require_GET
def staff_child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    child = selectors.child_for_staff_export(user=request.user, membership=request.membership, child_id=child_id)
    return _child_page(request, child, side=STAFF)


@staff_required
@require_POST
def staff_request(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    child = selectors.child_for_staff_export(user=request.user, membership=request.membership, child_id=child_id)
    result = _ask(request, child, side=STAFF)
    if isinstance(result, HttpResponse):
        return result
    return redirect("journal_export:child", setting_slug=setting_slug, child_id=child.pk)


@staff_required
@require_GET
def staff_status(request: HttpRequest, setting_slug: str, export_id) -> HttpResponse:
    export = selectors.export_for_staff(user=request.user, membership=request.membership, export_id=export_id)
    return _status(request, export, side=STAFF)


@staff_required
@require_GET
def staff_download(request: HttpRequest, setting_slug: str, export_id) -> FileResponse:
    export = selectors.export_for_staff(user=request.user, membership=request.membership, export_id=export_id)
    return _download(request, export)


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_child(request: HttpRequest, child_id) -> HttpResponse:
    child = selectors.child_for_family_export(user=request.user, child_id=child_id)
    return _child_page(request, child, side=FAMILY)


@login_required
@require_POST
def family_request(request: HttpRequest, child_id) -> HttpResponse:
    child = selectors.child_for_family_export(user=request.user, child_id=child_id)
    result = _ask(request, child, side=FAMILY)
    if isinstance(result, HttpResponse):
        return result
    return redirect("journal_export_family:child", child_id=child.pk)


@login_required
@require_GET
def family_status(request: HttpRequest, export_id) -> HttpResponse:
    export = selectors.export_for_family(user=request.user, export_id=export_id)
    return _status(request, export, side=FAMILY)


@login_required
@require_GET
def family_download(request: HttpRequest, export_id) -> FileResponse:
    export = selectors.export_for_family(user=request.user, export_id=export_id)
    return _download(request, export)
