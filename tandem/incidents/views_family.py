"""A parent or carer's pages for accident, incident and existing injury records about their own
children, under /family/incidents/: read, acknowledge with a typed signature, print, and tell
the setting about an injury the child arrives with. Anyone else gets 404."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.core import selectors as core_selectors
from tandem.core.forms import add_service_errors
from tandem.incidents import forms, selectors, services
from tandem.incidents.bodymap import clean_marks, marks_for_display
from tandem.incidents.views import incident_pdf_response


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages
    return child


def _guardian(request: HttpRequest, child):
    guardian = core_selectors.guardian_for_child_and_user(child=child, user=request.user)
    if guardian is None:
        raise Http404
    return guardian


@login_required
@require_GET
def child_incidents(request: HttpRequest, child_id) -> HttpResponse:
    child = _own_child(request, child_id)
    with timezone.override(zoneinfo.ZoneInfo(child.setting.timezone)):
        return render(
            request,
            "incidents/family_child_incidents.html",
            {"child": child, "incidents": selectors.incidents_for_child(child=child)},
        )


def _detail_page(request: HttpRequest, incident, form, status: int = 200) -> HttpResponse:
    with timezone.override(zoneinfo.ZoneInfo(incident.setting.timezone)):
        return render(
            request,
            "incidents/family_detail.html",
            {
                "incident": incident,
                "child": incident.child,
                "marks": marks_for_display(incident.marks),
                "form": form,
            },
            status=status,
        )


@login_required
@require_GET
def detail(request: HttpRequest, incident_id) -> HttpResponse:
    incident = selectors.incident_for_guardian(user=request.user, incident_id=incident_id)
    return _detail_page(request, incident, forms.AcknowledgeForm())


@login_required
@require_POST
def acknowledge(request: HttpRequest, incident_id) -> HttpResponse:
    """Sign to say the record has been read (once per version of the record)."""
    incident = selectors.incident_for_guardian(user=request.user, incident_id=incident_id)
    guardian = _guardian(request, incident.child)
    form = forms.AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.incident_acknowledge(
                incident=incident, guardian=guardian, by=request.user, signature=form.cleaned_data["signature"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your signature is saved."))
            return redirect("incidents_family:detail", incident_id=incident.pk)
    return _detail_page(request, incident, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def report_injury(request: HttpRequest, child_id) -> HttpResponse:
    """Tell the setting about an injury the child has before they arrive."""
    child = _own_child(request, child_id)
    guardian = _guardian(request, child)
    with timezone.override(zoneinfo.ZoneInfo(child.setting.timezone)):
        initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
        form = forms.FamilyExistingInjuryForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                incident = services.existing_injury_record(
                    child=child, by=request.user, reported_by_guardian=guardian, **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Thank you. The staff will see this when %(child)s arrives.") % {"child": child.known_as}
                )
                return redirect("incidents_family:detail", incident_id=incident.pk)
        marks = []
        if form.is_bound and isinstance(getattr(form, "cleaned_data", {}).get("marks"), list):
            marks = clean_marks(form.cleaned_data["marks"])[0]
        return render(
            request,
            "incidents/family_report_injury.html",
            {"child": child, "form": form, "marks": marks_for_display(marks)},
            status=400 if form.is_bound and form.errors else 200,
        )


@login_required
@require_GET
def pdf(request: HttpRequest, incident_id) -> HttpResponse:
    """The printable record, in the language the parent or carer reads Tandem in."""
    incident = selectors.incident_for_guardian(user=request.user, incident_id=incident_id)
    return incident_pdf_response(request, incident, language=translation.get_language())
