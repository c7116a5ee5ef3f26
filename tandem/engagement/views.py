"""Engagement pages, staff only (/s/<setting_slug>/engagement/): the key person's own key
families, the manager's overview by room and by family, and the evidence of partnership for
inspection (page and PDF). Families never see these figures. Reads go through
tandem.engagement.selectors, which start from tandem.access."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from tandem.accounts.decorators import staff_required
from tandem.core.audit import audit_log
from tandem.engagement import evidence, selectors
from tandem.engagement.forms import period_form
from tandem.engagement.sources import all_sources


def _columns(rows=None):
    """The sources as table columns; with ROWS, only those that have anything to show (a
    setting that does not use floor books does not need an empty floor book column)."""
    columns = [(s.key, s.label) for s in all_sources()]
    if rows is None:
        return columns
    used = {key for row in rows for key, n in row.counts.items() if n}
    return [(key, label) for key, label in columns if key in used] or columns[:1]


def _with_cells(rows, columns):
    """Each row's counts in column order, for templates (which cannot index dicts by variable)."""
    for row in rows:
        row.cells = [row.counts.get(key, 0) for key, _label in columns]
    return rows


@staff_required
@require_GET
def mine(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = period_form(request, setting=setting)
    rows = selectors.key_person_engagement(
        user=request.user, setting=setting, period=form.period(), quiet_days=form.quiet()
    )
    columns = _columns(rows)
    return render(
        request,
        "engagement/mine.html",
        {
            "setting": setting,
            "form": form,
            "period": form.period(),
            "quiet_days": form.quiet(),
            "columns": columns,
            "rows": _with_cells(rows, columns),
            "quiet_rows": [r for r in rows if r.quiet],
        },
    )


@staff_required(flag="can_manage_partnership")
@require_GET
def overview(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = period_form(request, setting=setting)
    rows = selectors.setting_engagement(
        user=request.user, setting=setting, period=form.period(), quiet_days=form.quiet()
    )
    columns = _columns(rows)
    rooms = selectors.rooms_from(rows)
    for room in rooms:
        room.cells = [room.counts.get(key, 0) for key, _label in columns]
    return render(
        request,
        "engagement/overview.html",
        {
            "setting": setting,
            "form": form,
            "period": form.period(),
            "quiet_days": form.quiet(),
            "columns": columns,
            "rows": _with_cells(rows, columns),
            "rooms": rooms,
            "quiet_count": sum(1 for r in rows if r.quiet),
        },
    )


@staff_required(flag="can_manage_partnership")
@require_GET
def evidence_page(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = period_form(request, setting=setting, default_days=365, with_quiet_days=False)
    period = form.period()
    return render(
        request,
        "engagement/evidence.html",
        {
            "setting": setting,
            "form": form,
            "period": period,
            "sections": evidence.build_sections(setting=setting, period=period),
        },
    )


@staff_required(flag="can_manage_partnership")
@require_GET
def evidence_pdf(request: HttpRequest, setting_slug: str) -> HttpResponse:
    from django.utils.translation import get_language

    from tandem.reports.pdf import render_pdf

    setting = request.membership.setting
    form = period_form(request, setting=setting, default_days=365, with_quiet_days=False)
    period = form.period()
    pdf = render_pdf(
        "engagement/evidence_pdf.html",
        {"setting": setting, "period": period, "sections": evidence.build_sections(setting=setting, period=period)},
        language=get_language(),
    )
    audit_log(
        "engagement.evidence.printed",
        actor=request.user,
        obj=setting,
        setting=setting,
        data={"start": period.start.isoformat(), "end": period.end.isoformat()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"partnership-evidence-{slugify(setting.name)}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
