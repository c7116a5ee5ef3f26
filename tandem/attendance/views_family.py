"""A guardian's pages: when their own child was signed in and out today, and the people who may
collect their child. A guardian with parental responsibility adds, changes and removes them;
everyone else gets 404 (another family) or 403 (a guardian without parental responsibility)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.attendance import forms, selectors, services
from tandem.attendance.views import _photo_response
from tandem.core.forms import add_service_errors


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages; these are the family's
    return child, perms


def _my_link(child, user):
    """The requesting guardian's link to CHILD (child_for_user prefetched the links)."""
    return next(link for link in child.guardian_links.all() if link.guardian.user_id == user.pk)


def _require_parental_responsibility(child, user) -> None:
    if not any(link.parental_responsibility for link in child.guardian_links.all() if link.guardian.user_id == user.pk):
        raise PermissionDenied


def _own_collector(request: HttpRequest, collector_id):
    collector, perms = selectors.collector_for_user(request.user, collector_id=collector_id)
    if not perms.is_guardian:
        raise Http404
    child, _perms = _own_child(request, collector.child_id)
    return collector, child


@login_required
@require_GET
def child_attendance(request: HttpRequest, child_id) -> HttpResponse:
    """Today's sign-in and sign-out times for the guardian's own child, and their collectors."""
    child, perms = _own_child(request, child_id)
    today = child.setting.today()
    return render(
        request,
        "attendance/family_child.html",
        {
            "child": child,
            "today": today,
            "stays": selectors.stays_for_child(child=child, day=today),
            "collectors": selectors.collectors_for_child(child=child),
            "may_change": any(
                link.parental_responsibility
                for link in child.guardian_links.all()
                if link.guardian.user_id == request.user.pk
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def collector_add(request: HttpRequest, child_id) -> HttpResponse:
    child, _perms = _own_child(request, child_id)
    _require_parental_responsibility(child, request.user)
    form = forms.CollectorForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.collector_add(
                    child=child,
                    by=request.user,
                    guardian=_my_link(child, request.user).guardian,
                    name=data["name"],
                    relationship=data["relationship"],
                    phone=data["phone"],
                    photo=data["photo"],
                    password=data["password"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(name)s may now collect %(child)s.") % {"name": data["name"], "child": child.known_as}
                )
                return redirect("attendance_family:child", child_id=child.pk)
        status = 400
    return render(
        request,
        "attendance/family_collector_form.html",
        {"child": child, "form": form, "title": _("Add someone who may collect %(child)s") % {"child": child.known_as}},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def collector_edit(request: HttpRequest, collector_id) -> HttpResponse:
    collector, child = _own_collector(request, collector_id)
    _require_parental_responsibility(child, request.user)
    initial = {"name": collector.name, "relationship": collector.relationship, "phone": collector.phone}
    form = forms.CollectorForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.collector_update(
                    collector=collector,
                    by=request.user,
                    name=data["name"],
                    relationship=data["relationship"],
                    phone=data["phone"],
                    photo=data["photo"],
                    password=data["password"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The details are saved."))
                return redirect("attendance_family:child", child_id=child.pk)
        status = 400
    return render(
        request,
        "attendance/family_collector_form.html",
        {
            "child": child,
            "form": form,
            "collector": collector,
            "title": _("Change %(name)s") % {"name": collector.name},
        },
        status=status,
    )


@login_required
@require_POST
def collector_deactivate(request: HttpRequest, collector_id) -> HttpResponse:
    collector, child = _own_collector(request, collector_id)
    _require_parental_responsibility(child, request.user)
    services.collector_deactivate(collector=collector, by=request.user)
    messages.success(
        request, _("%(name)s may no longer collect %(child)s.") % {"name": collector.name, "child": child.known_as}
    )
    return redirect("attendance_family:child", child_id=child.pk)


@login_required
@require_GET
def collector_photo(request: HttpRequest, collector_id) -> HttpResponse:
    collector, _child = _own_collector(request, collector_id)
    return _photo_response(collector)
