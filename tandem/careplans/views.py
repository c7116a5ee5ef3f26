"""Care plan pages. Staff (/s/<slug>/careplans/): the reviews due (next 30 days and overdue), a
child's plan with its versions, proposals and reviews; write, change, decide on a family's
proposal, record a review. Writing is for the key person or staff who edit children's records
(403 for others who can see the child). Families (/family/careplans/): their child's plan and
"propose a change". Children come from tandem.access; writes go through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.careplans import forms, selectors, services
from tandem.core.forms import add_service_errors

GET_POST = require_http_methods(["GET", "POST"])


def _staff_child(request: HttpRequest, child_id, *, write: bool = False):
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=request.membership.setting)
    if write and not (perms.is_key_person or perms.can_edit):
        raise PermissionDenied
    return child, perms


def _plan_or_404(child):
    plan = selectors.plan_for_child(child=child)
    if plan is None:
        raise Http404
    return plan


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    today = setting.today()
    plans = list(selectors.plans_due_for_review(user=request.user, membership=request.membership, today=today))
    for plan in plans:
        plan.status = plan.status_on(today)
    return render(request, "careplans/index.html", {"setting": setting, "plans": plans, "today": today})


@staff_required
@require_GET
def child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = _staff_child(request, child_id)
    plan = selectors.plan_for_child(child=child)
    context = {
        "setting": setting,
        "child": child,
        "perms": perms,
        "plan": plan,
        "can_write": perms.is_key_person or perms.can_edit,
    }
    if plan is not None:
        context.update(
            status=plan.status_on(setting.today()),
            versions=selectors.versions_for_plan(plan=plan),
            proposals=selectors.proposals_for_plan(plan=plan),
            reviews=selectors.reviews_for_plan(plan=plan),
            decision_form=forms.DecisionForm(),
        )
    return render(request, "careplans/child.html", context)


@staff_required
@GET_POST
def child_write(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Write the first plan, or change the current one (a new version either way)."""
    setting = request.membership.setting
    child, _perms = _staff_child(request, child_id, write=True)
    plan = selectors.plan_for_child(child=child)
    if plan is None:
        form = forms.PlanWriteForm(request.POST or None, initial={"start_date": setting.today()})
    else:
        form = forms.SectionsForm(request.POST or None, initial=plan.current.content())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if plan is None:
                    services.care_plan_write(
                        child=child,
                        by=request.user,
                        start_date=form.cleaned_data["start_date"],
                        review_interval_months=form.cleaned_data["review_interval_months"],
                        sections=form.sections(),
                    )
                else:
                    services.care_plan_change(plan=plan, by=request.user, sections=form.sections())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The care plan is saved and the family is told. Earlier versions are kept.")
                )
                return redirect("careplans:child", setting_slug=setting.slug, child_id=child.pk)
        status = 400
    return render(
        request, "careplans/write.html", {"setting": setting, "child": child, "plan": plan, "form": form}, status=status
    )


@staff_required
@require_POST
def proposal_decide(request: HttpRequest, setting_slug: str, child_id, proposal_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = _staff_child(request, child_id, write=True)
    proposal = selectors.proposal_for_child(child=child, proposal_id=proposal_id)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                services.proposal_approve(proposal=proposal, by=request.user)
            elif decision == "amend":
                sections = {k: v for k, v in form.sections().items() if v}
                services.proposal_amend(proposal=proposal, by=request.user, sections=sections, reason=reason)
            else:
                services.proposal_decline(proposal=proposal, by=request.user, reason=reason)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision saved. The family is told."))
    else:
        messages.error(request, _("Choose approve, approve with changes, or decline."))
    return redirect("careplans:child", setting_slug=setting.slug, child_id=child.pk)


@staff_required
@GET_POST
def child_review(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = _staff_child(request, child_id, write=True)
    plan = _plan_or_404(child)
    form = forms.ReviewForm(request.POST or None, initial={"reviewed_on": setting.today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.care_plan_review_record(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The review is recorded and the next review date is set."))
                return redirect("careplans:child", setting_slug=setting.slug, child_id=child.pk)
        status = 400
    return render(
        request,
        "careplans/review.html",
        {"setting": setting, "child": child, "plan": plan, "form": form},
        status=status,
    )


# --- families -------------------------------------------------------------------------------------


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child, perms


@login_required
@require_GET
def family_child(request: HttpRequest, child_id) -> HttpResponse:
    child, _perms = _own_child(request, child_id)
    plan = selectors.plan_for_child(child=child)
    context = {"child": child, "plan": plan}
    if plan is not None:
        context.update(
            proposals=selectors.proposals_for_plan(plan=plan),
            reviews=selectors.reviews_for_plan(plan=plan),
            versions=selectors.versions_for_plan(plan=plan),
        )
    return render(request, "careplans/family_child.html", context)


@login_required
@GET_POST
def family_propose(request: HttpRequest, child_id) -> HttpResponse:
    """Propose a change: it waits for the setting to approve it before the plan changes."""
    child, _perms = _own_child(request, child_id)
    plan = _plan_or_404(child)
    guardian = selectors.guardian_for_child(child=child, user=request.user)
    form = forms.ProposalForm(request.POST or None, initial=plan.current.content())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.care_plan_propose(
                    plan=plan,
                    by=request.user,
                    guardian=guardian,
                    changes=form.sections(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The key person will look at your proposal and tell you."))
                return redirect("careplans_family:child", child_id=child.pk)
        status = 400
    return render(request, "careplans/family_propose.html", {"child": child, "plan": plan, "form": form}, status=status)
