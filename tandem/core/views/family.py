"""A guardian's pages: their own children, nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.access import rules
from tandem.core import forms, hub, selectors, services


@login_required
@require_GET
def family_home(request: HttpRequest) -> HttpResponse:
    children = list(selectors.children_for_guardian(user=request.user))
    links = hub.family_links() if children else []
    return render(request, "core/family_home.html", {"children": children, "links": links})


@login_required
@require_GET
def child_detail(request: HttpRequest, child_id) -> HttpResponse:
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages; this page is the family's view
    return render(
        request,
        "core/family_child.html",
        {
            "child": child,
            "perms": perms,
            "consents": selectors.consents_for_child(child=child),
            "sections": hub.child_sections(request, child=child, perms=perms, audience="family"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_consents(request: HttpRequest, child_id) -> HttpResponse:
    """A guardian gives, refuses or withdraws consents for their own child. Only a guardian
    with parental responsibility may change them (403 for one without); the change takes
    effect at once and the history is kept."""
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff record consents on their own page
    guardian = selectors.guardian_for_child_and_user(child=child, user=request.user)
    form = forms.FamilyConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        rules.require(perms, "can_change_consents")
        if form.is_valid():
            try:
                services.consent_record(child=child, given_by=guardian, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                forms.add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your answer is saved and takes effect now."))
                return redirect("family:child-consents", child_id=child.pk)
        status = 400
    return render(
        request,
        "core/family_consents.html",
        {
            "child": child,
            "perms": perms,
            "form": form,
            "consents": selectors.consents_for_child(child=child),
            "history": selectors.consent_history_for_child(child=child),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Each guardian edits their own communication preferences, one setting at a time (a
    guardian whose children attend two settings has a record in each)."""
    guardians = list(selectors.guardian_records_for_user(user=request.user))
    if not guardians:
        raise Http404
    chosen = request.POST.get("guardian") or request.GET.get("guardian")
    guardian = next((g for g in guardians if str(g.pk) == chosen), None) if chosen else guardians[0]
    if guardian is None:
        raise Http404  # not one of theirs
    prefs = getattr(guardian, "preferences", None)
    form = forms.PreferencesForm(request.POST or None, instance=prefs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.communication_preference_update(guardian=guardian, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                forms.add_service_errors(form, exc)
            else:
                messages.success(request, _("Your preferences are saved."))
                return redirect(f"{reverse('family:preferences')}?guardian={guardian.pk}")
        status = 400
    return render(
        request,
        "core/family_preferences.html",
        {"guardians": guardians, "guardian": guardian, "form": form},
        status=status,
    )
