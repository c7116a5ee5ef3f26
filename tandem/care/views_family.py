"""A guardian's pages of the care diary, under /family/care/: their own children's days, the
morning handover and how they want to follow the day. Anyone else's child is a 404."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.care import forms, selectors, services
from tandem.care.models import Source
from tandem.core import selectors as core_selectors
from tandem.core.forms import add_service_errors


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use the staff pages; this is the family's view
    return child


def _day(request: HttpRequest, child) -> dt.date:
    today = child.setting.today()
    try:
        return min(dt.date.fromisoformat(request.GET.get("day", "")), today)
    except ValueError:
        return today


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    children = list(core_selectors.children_for_guardian(user=request.user))
    if not children:
        raise Http404
    if len(children) == 1:
        return redirect("care_family:child-day", child_id=children[0].pk)
    return render(request, "care/family_home.html", {"children": children})


@login_required
@require_GET
def child_day(request: HttpRequest, child_id) -> HttpResponse:
    """The child's day as the guardian chose to follow it; realtime pages refresh themselves."""
    child = _own_child(request, child_id)
    day = _day(request, child)
    timeline = selectors.child_timeline_for_guardian(user=request.user, child=child, day=day)
    form = forms.DiaryEntryForm(
        children=[child], initial={"children": [str(child.pk)], "kind": "note", "time": forms.now_in(child.setting)}
    )
    form.fields["kind"].choices = forms.FAMILY_KINDS
    context = {
        "form": form,
        "child": child,
        "day": day,
        "today": child.setting.today(),
        "timeline": timeline,
        "earlier_days": selectors.recent_days_for_child(child=child, before=day),
    }
    if request.htmx:
        return render(request, "care/family_day.html#timeline", context)
    return render(request, "care/family_day.html", context)


@login_required
@require_POST
def entry_add(request: HttpRequest, child_id) -> HttpResponse:
    """A family adds to their child's diary (a feed at home, a late night): it joins the same
    timeline as the room's entries, marked as from home."""
    child = _own_child(request, child_id)
    day = _day(request, child)
    form = forms.DiaryEntryForm(request.POST, children=[child])
    form.fields["kind"].choices = forms.FAMILY_KINDS
    if form.is_valid():
        try:
            services.diary_entry_record_many(
                setting=child.setting,
                by=request.user,
                source=Source.GUARDIAN,
                **form.entry_arguments(setting=child.setting, day=day),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added to the diary."))
            return redirect(f"{reverse('care_family:child-day', args=[child.pk])}?day={day.isoformat()}")
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('care_family:child-day', args=[child.pk])}?day={day.isoformat()}")


@login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, child_id) -> HttpResponse:
    """How the night and morning went, before drop-off. The room sees it at once."""
    child = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(user=request.user, child=child)
    current = selectors.morning_handover_get(child=child, day=child.setting.today())
    initial = {name: getattr(current, name) for name in services.HANDOVER_FIELDS} if current else {}
    form = forms.MorningHandoverForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.morning_handover_record(child=child, guardian=guardian, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The room can see this now."))
                return redirect("care_family:child-day", child_id=child.pk)
        status = 400
    return render(
        request, "care/family_handover.html", {"child": child, "form": form, "current": current}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def updates(request: HttpRequest) -> HttpResponse:
    """Each guardian chooses how to follow the diary, one setting at a time."""
    guardians = list(core_selectors.guardian_records_for_user(user=request.user).select_related("care_updates"))
    if not guardians:
        raise Http404
    chosen = request.POST.get("guardian") or request.GET.get("guardian")
    guardian = next((g for g in guardians if str(g.pk) == chosen), None) if chosen else guardians[0]
    if guardian is None:
        raise Http404
    form = forms.UpdatesForm(request.POST or None, initial={"mode": selectors.updates_mode(guardian)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.guardian_care_updates_set(guardian=guardian, by=request.user, mode=form.cleaned_data["mode"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved. You can change this at any time."))
                return redirect(f"{reverse('care_family:updates')}?guardian={guardian.pk}")
        status = 400
    return render(
        request, "care/family_updates.html", {"guardians": guardians, "guardian": guardian, "form": form}, status=status
    )
