"""Medicine pages. Staff (/s/<setting_slug>/medicines/): today's medicines, a child's
permissions and doses with the form to record one, and the managers' list of doses no parent
has acknowledged. Families (/family/medicines/): their own child's permissions and doses, give
or withdraw a permission, acknowledge a dose. Objects come from tandem.access or a selector
that starts from it; writes go through tandem.medicines.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.medicines import forms, selectors, services

GET_POST = require_http_methods(["GET", "POST"])


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    permissions = selectors.children_with_medicines_today(user=request.user, setting=setting)
    perms = request.membership.perms
    return render(
        request,
        "medicines/index.html",
        {
            "setting": setting,
            "permissions": permissions,
            "can_see_unacknowledged": perms.can_oversee_care,
        },
    )


@staff_required(flag="can_view_children")
@GET_POST
def child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """A child's medicines, and the form to record a dose (refusals shown on the form)."""
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    active = selectors.active_permissions_for_child(child=child)
    staff = list(selectors.staff_choices(user=request.user, setting=setting))
    form = forms.AdministrationForm(request.POST or None, permissions=active, staff=staff, me=request.membership.staff)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.administration_record(child=child, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The dose is recorded. The parents will be told."))
                return redirect("medicines:child", setting_slug=setting.slug, child_id=child.pk)
        status = 400
    return render(
        request,
        "medicines/child.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "active": active,
            "permissions": selectors.permissions_for_child(child=child),
            "administrations": selectors.administrations_for_child(child=child)[:50],
            "form": form,
            "now": timezone.now(),
        },
        status=status,
    )


@staff_required
@require_GET
def unacknowledged(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Every dose no parent has acknowledged yet, oldest first: managers and safeguarding
    leads (can_oversee_care) follow them up."""
    perms = request.membership.perms
    if not perms.can_oversee_care:
        raise PermissionDenied
    setting = request.membership.setting
    return render(
        request,
        "medicines/unacknowledged.html",
        {
            "setting": setting,
            "administrations": selectors.unacknowledged_for_staff(user=request.user, setting=setting),
            "now": timezone.now(),
        },
    )


# --- families -------------------------------------------------------------------------------------


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages; these are the family's
    return child, perms


@login_required
@require_GET
def family_child(request: HttpRequest, child_id) -> HttpResponse:
    child, perms = _own_child(request, child_id)
    return render(
        request,
        "medicines/family_child.html",
        {
            "child": child,
            "perms": perms,
            "permissions": selectors.permissions_for_child(child=child),
            "administrations": selectors.administrations_for_child(child=child)[:100],
            "today": child.setting.today(),
        },
    )


@login_required
@GET_POST
def family_permission_give(request: HttpRequest, child_id) -> HttpResponse:
    """A guardian with parental responsibility gives written permission (typed signature)."""
    child, perms = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(child=child, user=request.user)
    today = child.setting.today()
    form = forms.PermissionForm(request.POST or None, initial={"start_date": today, "end_date": today})
    status = 200
    if request.method == "POST":
        rules.require(perms, "can_change_consents")  # parental responsibility (403 without)
        if form.is_valid():
            try:
                services.permission_give(child=child, guardian=guardian, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your permission is saved and the staff can see it now."))
                return redirect("medicines_family:child", child_id=child.pk)
        status = 400
    return render(request, "medicines/family_permission_form.html", {"child": child, "form": form}, status=status)


@login_required
@require_POST
def family_permission_withdraw(request: HttpRequest, permission_id) -> HttpResponse:
    permission = selectors.permission_for_guardian(user=request.user, permission_id=permission_id)
    try:
        services.permission_withdraw(permission=permission, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your permission is withdrawn. No more doses will be given under it."))
    return redirect("medicines_family:child", child_id=permission.child_id)


@login_required
@GET_POST
def family_administration_acknowledge(request: HttpRequest, administration_id) -> HttpResponse:
    """A guardian acknowledges a dose given to their child (typed signature), once."""
    administration = selectors.administration_for_guardian(user=request.user, administration_id=administration_id)
    guardian = selectors.guardian_for_child(child=administration.child, user=request.user)
    form = forms.AcknowledgeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.administration_acknowledge(
                    administration=administration, guardian=guardian, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The setting can see that you have read this."))
                return redirect("medicines_family:child", child_id=administration.child_id)
        status = 400
    return render(
        request,
        "medicines/family_acknowledge.html",
        {
            "administration": administration,
            "child": administration.child,
            "form": form,
            "given_at": selectors.local_time(administration.setting, administration.given_at),
        },
        status=status,
    )
