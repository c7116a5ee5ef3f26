"""All About Me pages. Staff (/s/<slug>/allaboutme/): who has one, a child's current one with its
history, typing in a paper form or one filled in together at a home visit, and the printable
form. Families (/family/allaboutme/): their own child's, fill in or update (save a draft and come
back), the history, and the printable form in their language. Children come from tandem.access;
writes go through tandem.allaboutme.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.allaboutme import forms, selectors, services
from tandem.allaboutme.models import QUESTIONS, HowFilledIn
from tandem.core.forms import add_service_errors

GET_POST = require_http_methods(["GET", "POST"])


def _initial(child, user) -> dict:
    """What the form starts with: the person's own draft, else the current version."""
    draft = selectors.draft_for(child=child, user=user)
    if draft is not None:
        return draft.data
    current = selectors.current_version_for_child(child=child)
    return current.content() if current is not None else {}


def _pdf_response(child, *, language: str, filled) -> HttpResponse:
    from tandem.reports.pdf import render_pdf

    pdf = render_pdf(
        "allaboutme/pdf.html",
        {
            "child": child,
            "setting": child.setting,
            "filled": filled is not None,
            "questions": [
                (label, help_text, getattr(filled, name) if filled is not None else "")
                for name, label, help_text in QUESTIONS
            ],
        },
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="all-about-me-{child.first_name.lower()}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_language(request: HttpRequest, child) -> str:
    from django.conf import settings

    asked = request.GET.get("language", "")
    return asked if asked in dict(settings.LANGUAGES) else selectors.family_language(child=child)


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    children = list(selectors.children_with_all_about_me(user=request.user, setting=setting))
    missing = sum(1 for c in children if not hasattr(c, "all_about_me"))
    return render(request, "allaboutme/index.html", {"setting": setting, "children": children, "missing": missing})


@staff_required
@require_GET
def child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    return render(
        request,
        "allaboutme/child.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "about": selectors.all_about_me_for_child(child=child),
            "versions": selectors.versions_for_child(child=child),
        },
    )


@staff_required
@GET_POST
def child_edit(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Staff type in the answers: from the paper form, at a home visit, after a talk."""
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    guardians = selectors.guardians_of_child(child=child)
    form = forms.StaffAllAboutMeForm(request.POST or None, initial=_initial(child, request.user), guardians=guardians)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if request.POST.get("action") == "draft":
                    services.all_about_me_draft_save(child=child, by=request.user, answers=form.answers())
                    messages.success(request, _("Your draft is saved. Only you can see it until you save the form."))
                else:
                    services.all_about_me_save(
                        child=child,
                        by=request.user,
                        answers=form.answers(),
                        how=form.cleaned_data["how"],
                        guardian=form.chosen_guardian(),
                    )
                    messages.success(request, _("All About Me is saved. The earlier version is kept."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("allaboutme:child", setting_slug=setting.slug, child_id=child.pk)
        status = 400
    return render(
        request,
        "allaboutme/edit.html",
        {"setting": setting, "child": child, "form": form, "staff": True},
        status=status,
    )


@staff_required
@require_GET
def child_version(request: HttpRequest, setting_slug: str, child_id, number: int) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    version = selectors.version_for_child(child=child, number=number)
    return render(
        request, "allaboutme/version.html", {"setting": setting, "child": child, "version": version, "staff": True}
    )


@staff_required
@require_GET
def child_pdf(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """The printable form in the family's language, with lines to write on (?filled=1 adds
    the current answers)."""
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=request.membership.setting)
    filled = selectors.current_version_for_child(child=child) if request.GET.get("filled") else None
    return _pdf_response(child, language=_pdf_language(request, child), filled=filled)


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
        "allaboutme/family_child.html",
        {
            "child": child,
            "about": selectors.all_about_me_for_child(child=child),
            "versions": selectors.versions_for_child(child=child),
            "draft": selectors.draft_for(child=child, user=request.user),
        },
    )


@login_required
@GET_POST
def family_edit(request: HttpRequest, child_id) -> HttpResponse:
    """Fill in or update the form; "Save and finish later" keeps a draft only you see."""
    child, _perms = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(child=child, user=request.user)
    form = forms.AllAboutMeForm(request.POST or None, initial=_initial(child, request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if request.POST.get("action") == "draft":
                    services.all_about_me_draft_save(child=child, by=request.user, answers=form.answers())
                    messages.success(request, _("Saved. You can come back and finish it at any time."))
                else:
                    services.all_about_me_save(
                        child=child, by=request.user, answers=form.answers(), how=HowFilledIn.ONLINE, guardian=guardian
                    )
                    messages.success(request, _("Thank you. Your child's key person can read it now."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("allaboutme_family:child", child_id=child.pk)
        status = 400
    return render(request, "allaboutme/edit.html", {"child": child, "form": form, "staff": False}, status=status)


@login_required
@require_GET
def family_version(request: HttpRequest, child_id, number: int) -> HttpResponse:
    child, _perms = _own_child(request, child_id)
    version = selectors.version_for_child(child=child, number=number)
    return render(request, "allaboutme/version.html", {"child": child, "version": version, "staff": False})


@login_required
@require_GET
def family_pdf(request: HttpRequest, child_id) -> HttpResponse:
    child, _perms = _own_child(request, child_id)
    filled = selectors.current_version_for_child(child=child) if request.GET.get("filled") else None
    return _pdf_response(child, language=_pdf_language(request, child), filled=filled)
