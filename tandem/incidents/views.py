"""Staff pages for accidents, incidents and existing injuries, under /s/<setting_slug>/incidents/.
Every member of staff who can see a child may record and read; the person who recorded it (or
a manager) may correct it; managers and safeguarding leads see the setting's list of records
waiting for the family or for Ofsted. Times are typed and shown in the setting's time zone."""

import json
import zoneinfo
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.core.models import RecordVersion
from tandem.incidents import forms, selectors, services
from tandem.incidents.bodymap import clean_marks, marks_for_display
from tandem.incidents.models import Incident
from tandem.reports.pdf import render_pdf

GET_POST = require_http_methods(["GET", "POST"])


def in_setting_timezone(view):
    """Parse and show times in the setting's time zone (request.membership is set by then)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with timezone.override(zoneinfo.ZoneInfo(request.membership.setting.timezone)):
            return view(request, *args, **kwargs)

    return wrapper


def _save(form, write) -> object | None:
    """Call WRITE (a service) with the form's data when it is valid; errors go on the form."""
    if not form.is_valid():
        return None
    try:
        return write(form.service_kwargs() if hasattr(form, "service_kwargs") else form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@staff_required(flag="can_view_children")
@require_GET
@in_setting_timezone
def overview(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The manager's list: records the family has not acknowledged, and notifiable ones with
    their 14-day deadline (overdue in red)."""
    selectors.require_oversight(request.membership.perms)
    setting = request.membership.setting
    return render(
        request,
        "incidents/overview.html",
        {
            "setting": setting,
            "awaiting_family": selectors.incidents_awaiting_family(setting=setting),
            "awaiting_ofsted": selectors.incidents_awaiting_ofsted(setting=setting),
            "notified": selectors.incidents_recently_notified(setting=setting),
        },
    )


@staff_required(flag="can_view_children")
@require_GET
@in_setting_timezone
def child_incidents(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    return render(
        request,
        "incidents/child_incidents.html",
        {"setting": setting, "child": child, "incidents": selectors.incidents_for_child(child=child)},
    )


def _witness_queryset(request: HttpRequest):
    setting = request.membership.setting
    return rules.staff_visible_to(request.user, setting=setting).filter(is_active=True).select_related("user")


@staff_required(flag="can_view_children")
@GET_POST
@in_setting_timezone
def record(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Record an accident or incident for a child."""
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = forms.IncidentForm(request.POST or None, initial=initial, staff_queryset=_witness_queryset(request))
    if request.method == "POST":
        incident = _save(form, lambda d: services.incident_record(child=child, by=request.user, **d))
        if incident is not None:
            messages.success(request, _("The record is saved. The family will be told by e-mail."))
            return redirect("incidents:detail", setting_slug=setting.slug, incident_id=incident.pk)
    return render(
        request,
        "incidents/record.html",
        {
            "setting": setting,
            "child": child,
            "form": form,
            "title": _("Record an accident or incident"),
            "marks": marks_for_display(_marks_or_empty(form)),
        },
        status=_status(form),
    )


def _marks_or_empty(form) -> list:
    """The marks already tapped, to draw them again when the form comes back with an error."""
    if form.is_bound and hasattr(form, "cleaned_data") and isinstance(form.cleaned_data.get("marks"), list):
        return clean_marks(form.cleaned_data["marks"])[0]
    return []


@staff_required(flag="can_view_children")
@GET_POST
@in_setting_timezone
def existing_injury(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Record an injury a child arrived with (usually at drop-off)."""
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    guardians = rules.guardians_visible_to(request.user, setting=setting).filter(child_links__child=child)
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = forms.ExistingInjuryForm(request.POST or None, initial=initial, guardian_queryset=guardians)
    if request.method == "POST":
        incident = _save(form, lambda d: services.existing_injury_record(child=child, by=request.user, **d))
        if incident is not None:
            messages.success(request, _("The existing injury is recorded. The family will be asked to confirm it."))
            return redirect("incidents:detail", setting_slug=setting.slug, incident_id=incident.pk)
    return render(
        request,
        "incidents/record.html",
        {
            "setting": setting,
            "child": child,
            "form": form,
            "title": _("Record an existing injury"),
            "intro": _("An injury the child arrived with. Record it at drop-off, before the child goes into the room."),
            "marks": marks_for_display(_marks_or_empty(form)),
        },
        status=_status(form),
    )


def _versions(incident: Incident):
    return (
        RecordVersion.objects.filter(object_type=Incident._meta.label_lower, object_id=str(incident.pk))
        .select_related("changed_by")
        .order_by("-at")
    )


@staff_required(flag="can_view_children")
@require_GET
@in_setting_timezone
def detail(request: HttpRequest, setting_slug: str, incident_id) -> HttpResponse:
    setting = request.membership.setting
    incident = selectors.incident_for_staff(user=request.user, setting=setting, incident_id=incident_id)
    perms = request.membership.perms
    return render(
        request,
        "incidents/detail.html",
        {
            "setting": setting,
            "incident": incident,
            "child": incident.child,
            "marks": marks_for_display(incident.marks),
            "may_edit": selectors.may_edit(user=request.user, perms=perms, incident=incident),
            "may_oversee": selectors.can_oversee(perms),
            "informed_form": forms.InformedForm(),
            "versions": _versions(incident),
        },
    )


@staff_required(flag="can_view_children")
@GET_POST
@in_setting_timezone
def edit(request: HttpRequest, setting_slug: str, incident_id) -> HttpResponse:
    """Correct or add to a record; the earlier version is kept and the family told again."""
    setting = request.membership.setting
    incident = selectors.incident_for_staff(user=request.user, setting=setting, incident_id=incident_id)
    if not selectors.may_edit(user=request.user, perms=request.membership.perms, incident=incident):
        raise PermissionDenied
    initial = {
        "occurred_at": timezone.localtime(incident.occurred_at),
        "location": incident.location,
        "description": incident.description,
        "marks": json.dumps(incident.marks),
        "first_aid": incident.first_aid,
        "witnesses": list(incident.witnesses.all()),
        "other_witnesses": incident.other_witnesses,
        "is_serious": incident.is_serious,
        "notifiable": incident.notifiable,
        "notifiable_reason": incident.notifiable_reason,
    }
    form = forms.IncidentEditForm(request.POST or None, initial=initial, staff_queryset=_witness_queryset(request))
    if incident.is_existing_injury:
        for name in ("first_aid", "witnesses", "other_witnesses", "is_serious", "notifiable", "notifiable_reason"):
            del form.fields[name]
    if request.method == "POST":
        updated = _save(form, lambda d: services.incident_update(incident=incident, by=request.user, **d))
        if updated is not None:
            messages.success(request, _("The change is saved. The earlier version is kept."))
            return redirect("incidents:detail", setting_slug=setting.slug, incident_id=incident.pk)
    marks = _marks_or_empty(form) if form.is_bound else incident.marks
    return render(
        request,
        "incidents/record.html",
        {
            "setting": setting,
            "child": incident.child,
            "form": form,
            "title": _("Correct this record"),
            "intro": _(
                "The marks on the body map below are the ones already recorded: tap to add to them, or remove one. "
                "The earlier version is kept."
            ),
            "marks": marks_for_display(marks),
            "editing": incident,
        },
        status=_status(form),
    )


@staff_required(flag="can_view_children")
@require_POST
@in_setting_timezone
def informed(request: HttpRequest, setting_slug: str, incident_id) -> HttpResponse:
    """Record that the family was told in person or by phone."""
    setting = request.membership.setting
    incident = selectors.incident_for_staff(user=request.user, setting=setting, incident_id=incident_id)
    form = forms.InformedForm(request.POST)
    if _save(form, lambda d: services.incident_mark_informed(incident=incident, by=request.user, **d)) is not None:
        messages.success(request, _("Saved: the family has been told."))
    else:
        messages.error(request, _("Choose how the family was told."))
    return redirect("incidents:detail", setting_slug=setting.slug, incident_id=incident.pk)


@staff_required(flag="can_view_children")
@GET_POST
@in_setting_timezone
def notified(request: HttpRequest, setting_slug: str, incident_id) -> HttpResponse:
    """Mark a notifiable record as notified to Ofsted, with the date and reference (managers)."""
    selectors.require_oversight(request.membership.perms)
    setting = request.membership.setting
    incident = selectors.incident_for_staff(user=request.user, setting=setting, incident_id=incident_id)
    form = forms.NotifiedForm(request.POST or None, initial={"notified_on": timezone.localdate()})
    if request.method == "POST":
        done = _save(form, lambda d: services.incident_mark_notified(incident=incident, by=request.user, **d))
        if done is not None:
            messages.success(request, _("Saved: Ofsted has been told."))
            return redirect("incidents:detail", setting_slug=setting.slug, incident_id=incident.pk)
    return render(
        request,
        "incidents/notified.html",
        {"setting": setting, "incident": incident, "child": incident.child, "form": form},
        status=_status(form),
    )


def incident_pdf_response(request: HttpRequest, incident: Incident, *, language: str) -> HttpResponse:
    """The printable record (A4), with the body map drawn as SVG, in LANGUAGE."""
    with timezone.override(zoneinfo.ZoneInfo(incident.setting.timezone)):
        pdf = render_pdf(
            "incidents/pdf.html",
            {
                "incident": incident,
                "child": incident.child,
                "setting": incident.setting,
                "marks": marks_for_display(incident.marks),
                "witnesses": list(incident.witnesses.all()),
                "printed_at": timezone.localtime(),
            },
            language=language,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tandem-{incident.kind}-{incident.pk}.pdf"'
    return response


@staff_required(flag="can_view_children")
@require_GET
def pdf(request: HttpRequest, setting_slug: str, incident_id) -> HttpResponse:
    setting = request.membership.setting
    incident = selectors.incident_for_staff(user=request.user, setting=setting, incident_id=incident_id)
    return incident_pdf_response(request, incident, language=translation.get_language())
