"""Records kept (/s/<setting_slug>/records/): the retention rules, the latest dry run per record
type, and the manager's confirmation that archives or erases what is due. can_confirm_retention."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts.decorators import staff_required
from tandem.records import selectors, services

FLAG = "can_confirm_retention"


@staff_required(flag=FLAG)
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    return render(
        request, "records/index.html", {"setting": setting, "rows": selectors.latest_reports(setting=setting)}
    )


@staff_required(flag=FLAG)
@require_POST
def check(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Run the dry run now (the daily task does the same). Changes no record."""
    setting = request.membership.setting
    reports = services.retention_report_build(setting=setting, by=request.user)
    due = sum(r.due_count for r in reports)
    messages.success(request, ngettext("%(n)s record is due.", "%(n)s records are due.", due) % {"n": due})
    return redirect("records:index", setting_slug=setting.slug)


@staff_required(flag=FLAG)
@require_GET
def report_detail(request: HttpRequest, setting_slug: str, report_id: int) -> HttpResponse:
    setting = request.membership.setting
    report = selectors.report_for_manager(setting=setting, report_id=report_id)
    return render(
        request,
        "records/report.html",
        {
            "setting": setting,
            "report": report,
            "record_type": selectors.record_type_of(report),
            "ids": report.due_ids[:500],
        },
    )


@staff_required(flag=FLAG)
@require_POST
def report_confirm(request: HttpRequest, setting_slug: str, report_id: int) -> HttpResponse:
    setting = request.membership.setting
    report = selectors.report_for_manager(setting=setting, report_id=report_id)
    try:
        done = services.retention_report_confirm(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, ngettext("%(n)s record done.", "%(n)s records done.", done) % {"n": done})
    return redirect("records:index", setting_slug=setting.slug)
