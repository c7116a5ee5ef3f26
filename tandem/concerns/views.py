"""Concerns and complaints pages. Staff (/s/<setting_slug>/concerns/, can_handle_concerns):
the list with the 28-day badges, a case with its timeline and actions, recording one received
on paper or by phone, and the complaints record for inspection (page and PDF). Families
(/family/concerns/): raise one, their own with status and outcome, confirm an informal
resolution. Writes go through tandem.concerns.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.concerns import forms, selectors, services
from tandem.concerns.models import ConcernChannel, ConcernKind, ConcernStatus
from tandem.core.forms import add_service_errors

GET_POST = require_http_methods(["GET", "POST"])
FLAG = "can_handle_concerns"


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag=FLAG)
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    show = request.GET.get("show", "open")
    if show not in selectors.FILTERS:
        show = "open"
    sort = request.GET.get("sort", "received")
    if sort not in selectors.SORTS:
        sort = "received"
    concerns = list(selectors.concerns_for_staff(user=request.user, setting=setting, show=show, sort=sort)[:200])
    today = setting.today()
    for concern in concerns:
        concern.clock_now = concern.clock(today)
        concern.days_now = (today - concern.received_on).days
    return render(
        request,
        "concerns/index.html",
        {
            "setting": setting,
            "concerns": concerns,
            "show": show,
            "sort": sort,
            "filters": [
                ("open", _("Open")),
                ("on_track", _("On track")),
                ("at_risk", _("At risk")),
                ("overdue", _("Overdue")),
                ("closed", _("Answered and closed")),
                ("all", _("All")),
            ],
            "counts": selectors.clock_counts(setting=setting),
        },
    )


@staff_required(flag=FLAG)
@GET_POST
def record(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Write down a concern received on paper, by e-mail, by phone or in person."""
    setting = request.membership.setting
    guardians = list(rules.guardians_visible_to(request.user, setting=setting).order_by("first_name", "last_name"))
    children = list(rules.children_visible_to(request.user, setting=setting).order_by("first_name", "last_name"))
    form = forms.StaffRecordForm(
        request.POST or None,
        guardians=guardians,
        children=children,
        setting=setting,
        initial={"received_on": setting.today(), "kind": ConcernKind.COMPLAINT, "channel": ConcernChannel.PHONE},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                concern = services.concern_raise(setting=setting, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(reference)s is recorded and acknowledged.") % {"reference": concern.reference},
                )
                return redirect("concerns:detail", setting_slug=setting.slug, concern_id=concern.pk)
        status = 400
    return render(request, "concerns/record.html", {"setting": setting, "form": form}, status=status)


def _detail(request: HttpRequest, concern, *, status: int = 200, **bound) -> HttpResponse:
    setting = request.membership.setting
    handlers = selectors.handler_choices(user=request.user, setting=setting)
    initial_assign = {"assigned_to": str(concern.assigned_to_id or request.membership.staff.pk)}
    context = {
        "setting": setting,
        "concern": concern,
        "clock": concern.clock(setting.today()),
        "days": (setting.today() - concern.received_on).days,
        "steps": selectors.timeline(concern=concern),
        "reading": selectors.staff_reading(concern=concern, language=translation.get_language()),
        "assign_form": bound.get("assign_form") or forms.AssignForm(handlers=handlers, initial=initial_assign),
        "step_form": bound.get("step_form") or forms.StepForm(),
        "record_form": bound.get("record_form")
        or forms.RecordForm(
            initial={
                "eyfs_related": concern.eyfs_related,
                "eyfs_requirement": concern.eyfs_requirement,
                "nature": concern.nature,
                "ofsted_involved": concern.ofsted_involved,
                "ofsted_details": concern.ofsted_details,
            }
        ),
        "outcome_form": bound.get("outcome_form") or forms.OutcomeForm(),
        "informal_form": bound.get("informal_form") or forms.InformalForm(),
        "can_close": concern.status != ConcernStatus.CLOSED
        and (not concern.is_open or concern.kind == ConcernKind.FEEDBACK),
    }
    return render(request, "concerns/detail.html", context, status=status)


def _concern(request: HttpRequest, concern_id):
    return selectors.concern_for_staff(user=request.user, setting=request.membership.setting, concern_id=concern_id)


@staff_required(flag=FLAG)
@require_GET
def detail(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    return _detail(request, _concern(request, concern_id))


def _post(request, concern_id, form_name: str, form, action, success: str) -> HttpResponse:
    concern = _concern(request, concern_id)
    if form.is_valid():
        try:
            action(concern, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("concerns:detail", setting_slug=concern.setting.slug, concern_id=concern.pk)
    return _detail(request, concern, status=400, **{form_name: form})


@staff_required(flag=FLAG)
@require_POST
def assign(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    handlers = selectors.handler_choices(user=request.user, setting=request.membership.setting)
    return _post(
        request,
        concern_id,
        "assign_form",
        forms.AssignForm(request.POST, handlers=handlers),
        lambda c, d: services.concern_assign(concern=c, staff=d["assigned_to"], by=request.user),
        _("Assigned."),
    )


@staff_required(flag=FLAG)
@require_POST
def step(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    return _post(
        request,
        concern_id,
        "step_form",
        forms.StepForm(request.POST),
        lambda c, d: services.concern_add_step(concern=c, by=request.user, **d),
        _("Added to the timeline."),
    )


@staff_required(flag=FLAG)
@require_POST
def update_record(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    return _post(
        request,
        concern_id,
        "record_form",
        forms.RecordForm(request.POST),
        lambda c, d: services.concern_update_record(concern=c, by=request.user, **d),
        _("The complaints record is updated."),
    )


@staff_required(flag=FLAG)
@require_POST
def outcome(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    return _post(
        request,
        concern_id,
        "outcome_form",
        forms.OutcomeForm(request.POST),
        lambda c, d: services.concern_record_outcome(
            concern=c, by=request.user, language=translation.get_language(), **d
        ),
        _("The outcome is recorded and sent to the family."),
    )


@staff_required(flag=FLAG)
@require_POST
def informal(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    return _post(
        request,
        concern_id,
        "informal_form",
        forms.InformalForm(request.POST),
        lambda c, d: services.concern_offer_informal(
            concern=c, by=request.user, summary=d["summary"], language=translation.get_language()
        ),
        _("The family is asked to confirm they are happy."),
    )


@staff_required(flag=FLAG)
@require_POST
def close(request: HttpRequest, setting_slug: str, concern_id) -> HttpResponse:
    concern = _concern(request, concern_id)
    try:
        services.concern_close(concern=concern, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Closed."))
    return redirect("concerns:detail", setting_slug=concern.setting.slug, concern_id=concern.pk)


def _period(request: HttpRequest, setting):
    today = setting.today()
    default = {"start": today.replace(year=today.year - 1), "end": today}
    form = forms.PeriodForm(request.GET or None, initial=default)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


@staff_required(flag=FLAG)
@require_GET
def summary(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The complaints record for an inspector: a period's complaints, third parties anonymised."""
    setting = request.membership.setting
    form, start, end = _period(request, setting)
    rows = selectors.complaints_record(setting=setting, start=start, end=end)
    return render(
        request,
        "concerns/summary.html",
        {"setting": setting, "form": form, "rows": rows, "start": start, "end": end},
        status=400 if form.errors else 200,
    )


@staff_required(flag=FLAG)
@require_GET
def summary_pdf(request: HttpRequest, setting_slug: str) -> HttpResponse:
    from tandem.reports.pdf import render_pdf

    setting = request.membership.setting
    _form, start, end = _period(request, setting)
    rows = selectors.complaints_record(setting=setting, start=start, end=end)
    pdf = render_pdf(
        "concerns/summary_pdf.html",
        {"setting": setting, "rows": rows, "start": start, "end": end, "produced_on": setting.today()},
        language=translation.get_language(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="complaints-record-{start}-{end}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- families -------------------------------------------------------------------------------------


def _family_guardians(request: HttpRequest) -> list:
    guardians = list(selectors.guardians_of(request.user))
    if not guardians:
        raise Http404
    return guardians


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    _family_guardians(request)
    concerns = list(selectors.concerns_for_guardian(user=request.user))
    translated = selectors.translated_outcomes(concerns=concerns, language=translation.get_language())
    for concern in concerns:
        concern.outcome_translated = translated.get(str(concern.pk))
    return render(request, "concerns/family_index.html", {"concerns": concerns})


@login_required
@GET_POST
def family_raise(request: HttpRequest) -> HttpResponse:
    guardians = _family_guardians(request)
    children = list(rules.children_visible_to(request.user).order_by("first_name"))
    form = forms.RaiseForm(request.POST or None, children=children, initial={"kind": ConcernKind.CONCERN})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            child = data["child"]
            guardian = next((g for g in guardians if child is None or g.setting_id == child.setting_id), guardians[0])
            try:
                concern = services.concern_raise(
                    setting=guardian.setting,
                    by=request.user,
                    guardian=guardian,
                    kind=data["kind"],
                    child=child,
                    about=data["about"],
                    desired_outcome=data["desired_outcome"],
                    anonymous=data["anonymous"],
                    language=translation.get_language(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if concern.anonymous:
                    messages.success(
                        request,
                        _("Thank you. Your feedback was sent anonymously (reference %(reference)s).")
                        % {"reference": concern.reference},
                    )
                    return redirect("concerns_family:index")
                messages.success(
                    request,
                    _("Thank you. We have received it: your reference is %(reference)s.")
                    % {"reference": concern.reference},
                )
                return redirect("concerns_family:detail", concern_id=concern.pk)
        status = 400
    return render(request, "concerns/family_raise.html", {"form": form}, status=status)


@login_required
@require_GET
def family_detail(request: HttpRequest, concern_id) -> HttpResponse:
    concern = selectors.concern_for_guardian(user=request.user, concern_id=concern_id)
    return render(
        request,
        "concerns/family_detail.html",
        {
            "concern": concern,
            "reading": selectors.family_reading(concern=concern, language=translation.get_language()),
            "confirm_form": forms.ConfirmForm(),
        },
    )


@login_required
@require_POST
def family_confirm(request: HttpRequest, concern_id) -> HttpResponse:
    """The family say whether they are happy with the informal resolution (only they can)."""
    concern = selectors.concern_for_guardian(user=request.user, concern_id=concern_id)
    form = forms.ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.concern_family_respond(
                concern=concern, guardian=concern.raised_by, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if form.cleaned_data["happy"]:
                messages.success(request, _("Thank you. We have noted that you are happy it is resolved."))
            else:
                messages.success(request, _("Thank you. We will keep looking into it and come back to you."))
            return redirect("concerns_family:detail", concern_id=concern.pk)
    return render(
        request,
        "concerns/family_detail.html",
        {
            "concern": concern,
            "reading": selectors.family_reading(concern=concern, language=translation.get_language()),
            "confirm_form": form,
        },
        status=400,
    )
