"""Settling-in and transition pages. Staff (/s/<slug>/transitions/): children starting soon with
their checklist progress and the moves coming up; a child's checklist and moves; plan a move,
record visits, write the summary, give it to the family, share it onward, its PDF. Changing
anything is for the key person or staff who edit children's records (403 for others).
Families (/family/transitions/): their child's checklist and moves, the summary once given to
them, with their comments. Objects come from tandem.access; writes go through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.transitions import forms, selectors, services

GET_POST = require_http_methods(["GET", "POST"])


def _require_write(request: HttpRequest, child) -> None:
    perms = rules.child_permissions(request.user, child)
    if not (perms.is_key_person or perms.can_edit):
        raise PermissionDenied


def _transition(request: HttpRequest, transition_id, *, write: bool = False):
    t = selectors.transition_for_staff(
        user=request.user, setting=request.membership.setting, transition_id=transition_id
    )
    if write:
        _require_write(request, t.child)
    return t


def _back(t) -> HttpResponse:
    return redirect("transitions:transition", setting_slug=t.setting.slug, transition_id=t.pk)


def _pdf(t) -> HttpResponse:
    from tandem.allaboutme.selectors import family_language
    from tandem.reports.pdf import render_pdf

    pdf = render_pdf(
        "transitions/summary_pdf.html",
        {"t": t, "child": t.child, "setting": t.setting},
        language=family_language(child=t.child),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="transition-summary-{t.child.first_name.lower()}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    today = setting.today()
    return render(
        request,
        "transitions/index.html",
        {
            "setting": setting,
            "starting": selectors.children_starting_soon(user=request.user, setting=setting, today=today),
            "moves": selectors.upcoming_transitions(user=request.user, setting=setting, today=today),
            "steps_total": len(forms.SettlingStep.choices),
        },
    )


@staff_required
@require_GET
def child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    return render(
        request,
        "transitions/child.html",
        {
            "setting": setting,
            "child": child,
            "checklist": selectors.checklist_for_child(child=child),
            "transitions": selectors.transitions_for_child(child=child),
            "can_write": perms.is_key_person or perms.can_edit,
            "tick_form": forms.StepTickForm(initial={"done_on": setting.today()}),
        },
    )


@staff_required
@require_POST
def step_tick(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    _require_write(request, child)
    form = forms.StepTickForm(request.POST)
    if form.is_valid():
        try:
            services.settling_step_tick(child=child, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Ticked."))
    else:
        messages.error(request, _("Choose a step and the date it was done."))
    return redirect("transitions:child", setting_slug=setting.slug, child_id=child.pk)


@staff_required
@GET_POST
def transition_new(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    _require_write(request, child)
    form = forms.TransitionPlanForm(request.POST or None, rooms=selectors.rooms_for(user=request.user, setting=setting))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                t = services.transition_plan(
                    child=child,
                    by=request.user,
                    kind=data["kind"],
                    planned_date=data["planned_date"],
                    to_room=form.chosen_room(),
                    destination=data["destination"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The move is planned. Write the summary and give it to the family."))
                return _back(t)
        status = 400
    return render(request, "transitions/new.html", {"setting": setting, "child": child, "form": form}, status=status)


@staff_required
@GET_POST
def transition_detail(request: HttpRequest, setting_slug: str, transition_id) -> HttpResponse:
    """The move, its visits and the summary (POST: save the summary)."""
    t = _transition(request, transition_id)
    perms = rules.child_permissions(request.user, t.child)
    can_write = perms.is_key_person or perms.can_edit
    form = forms.SummaryForm(request.POST or None, initial={"summary": t.summary})
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.transition_summary_write(transition_=t, by=request.user, summary=form.cleaned_data["summary"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The summary is saved. Give it to the family before it goes onward."))
                return _back(t)
        status = 400
    return render(
        request,
        "transitions/transition.html",
        {
            "setting": t.setting,
            "t": t,
            "child": t.child,
            "form": form,
            "can_write": can_write,
            "visit_form": forms.VisitForm(),
            "onward_form": forms.ShareOnwardForm(initial={"shared_to": t.to_label}),
        },
        status=status,
    )


@staff_required
@require_POST
def transition_visit(request: HttpRequest, setting_slug: str, transition_id) -> HttpResponse:
    t = _transition(request, transition_id, write=True)
    form = forms.VisitForm(request.POST)
    if form.is_valid():
        services.transition_visit_add(transition_=t, by=request.user, **form.cleaned_data)
        messages.success(request, _("The visit is recorded."))
    else:
        messages.error(request, _("Give the date of the visit."))
    return _back(t)


@staff_required
@require_POST
def transition_share_family(request: HttpRequest, setting_slug: str, transition_id) -> HttpResponse:
    t = _transition(request, transition_id, write=True)
    try:
        services.transition_summary_share_with_family(transition_=t, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The family has the summary now. They can read it and add their comments."))
    return _back(t)


@staff_required
@require_POST
def transition_share_onward(request: HttpRequest, setting_slug: str, transition_id) -> HttpResponse:
    t = _transition(request, transition_id, write=True)
    form = forms.ShareOnwardForm(request.POST)
    form.is_valid()
    try:
        services.transition_summary_share_onward(
            transition_=t, by=request.user, shared_to=form.cleaned_data.get("shared_to", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded as shared with the new room or school."))
    return _back(t)


@staff_required
@require_GET
def transition_pdf(request: HttpRequest, setting_slug: str, transition_id) -> HttpResponse:
    return _pdf(_transition(request, transition_id))


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_child(request: HttpRequest, child_id) -> HttpResponse:
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return render(
        request,
        "transitions/family_child.html",
        {
            "child": child,
            "checklist": selectors.checklist_for_child(child=child),
            "transitions": selectors.transitions_for_child(child=child),
        },
    )


@login_required
@GET_POST
def family_transition(request: HttpRequest, transition_id) -> HttpResponse:
    """The move and, once given to the family, the summary with "I have read it" and comments."""
    t = selectors.transition_for_guardian(user=request.user, transition_id=transition_id)
    guardian = selectors.guardian_for_child(child=t.child, user=request.user)
    form = forms.FamilyResponseForm(request.POST or None, initial={"comment": t.family_comment})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.transition_family_response(
                    transition_=t, by=request.user, guardian=guardian, comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The key person can see that you have read it."))
                return redirect("transitions_family:transition", transition_id=t.pk)
        status = 400
    return render(
        request, "transitions/family_transition.html", {"t": t, "child": t.child, "form": form}, status=status
    )


@login_required
@require_GET
def family_transition_pdf(request: HttpRequest, transition_id) -> HttpResponse:
    t = selectors.transition_for_guardian(user=request.user, transition_id=transition_id)
    if t.shared_with_family_at is None:
        raise Http404
    return _pdf(t)
