"""Staff pages of the register: the day's register (and its PDF), signing in, the collection
flow, the headcount against staff on shift, the day's shifts, corrections and collector photos."""

import datetime as dt
import zoneinfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.attendance import forms, selectors, services
from tandem.attendance.models import CollectionEvent, StaffShift
from tandem.core.forms import add_service_errors
from tandem.core.models import Setting


def _day(request: HttpRequest, setting: Setting) -> dt.date:
    """The day asked for in ?day=, or today in the setting's time zone."""
    try:
        return dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return setting.today()


def _at(setting: Setting, day: dt.date, time: dt.time | None) -> dt.datetime | None:
    """TIME on DAY in the setting's time zone (None: now)."""
    if time is None:
        return None
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(setting.timezone))


def _room(request: HttpRequest, setting: Setting):
    room_id = request.GET.get("room") or request.POST.get("room") or ""
    return rules.room_for_user(request.user, setting=setting, room_id=room_id) if room_id else None


def _register_url(setting: Setting, day: dt.date | None = None, room=None) -> str:
    url = reverse("attendance:register", args=[setting.slug])
    params = []
    if day is not None and day != setting.today():
        params.append(f"day={day.isoformat()}")
    if room is not None:
        params.append(f"room={room.pk}")
    return url + ("?" + "&".join(params) if params else "")


def _register_context(request: HttpRequest, setting: Setting, day: dt.date, room) -> dict:
    rows = selectors.register_for_day(user=request.user, setting=setting, day=day, room=room)
    return {
        "setting": setting,
        "day": day,
        "is_today": day == setting.today(),
        "room": room,
        "rooms": list(rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True)),
        "rows": rows,
        "present": sum(1 for r in rows if r.status == "in"),
        "attended": sum(1 for r in rows if r.stays),
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "can_correct": request.membership.perms.can_edit_children,
    }


@staff_required
@require_GET
def register(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The register of any day (?day=YYYY-MM-DD, ?room=): who came, when, and who brought and
    collected them. Today's register has the sign-in and sign-out buttons."""
    setting = request.membership.setting
    context = _register_context(request, setting, _day(request, setting), _room(request, setting))
    template = "attendance/register.html#register_table" if request.htmx else "attendance/register.html"
    return render(request, template, context)


@staff_required
@require_GET
def register_pdf(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The day's register as a PDF, for the file or an inspector."""
    from tandem.reports.pdf import render_pdf

    setting = request.membership.setting
    day = _day(request, setting)
    context = _register_context(request, setting, day, _room(request, setting))
    context["printed_at"] = timezone.now()
    pdf = render_pdf("attendance/register_pdf.html", context, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="register-{setting.slug}-{day.isoformat()}.pdf"'
    return response


@staff_required
@require_POST
def sign_in(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Sign one child in (any member of staff who may see them). With htmx the row comes back;
    without JavaScript the register is shown again with a message."""
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    guardians = [link.guardian for link in child.guardian_links.all()]
    form = forms.SignInForm(request.POST, guardians=guardians)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        guardian = next((g for g in guardians if str(g.pk) == data["guardian"]), None)
        try:
            services.attendance_sign_in(
                child=child,
                by=request.user,
                at=_at(setting, setting.today(), data["time"]),
                guardian=guardian,
                dropped_off_by=data["dropped_off_by"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errs in form.errors.values() for e in errs)
    if request.htmx:
        rows = selectors.register_for_day(user=request.user, setting=setting, day=setting.today(), child_id=child.pk)
        return render(
            request,
            "attendance/register.html#register_row",
            {"setting": setting, "row": rows[0], "is_today": True, "error": error, "day": setting.today()},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("%(child)s is signed in.") % {"child": child.known_as})
    return redirect(_register_url(setting, room=_room(request, setting)))


@staff_required
@require_http_methods(["GET", "POST"])
def collect(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """The collection flow: choose who is collecting (the child's list with photos, a parent,
    or someone else), check someone else by password or a call to a parent, and sign out, or
    record that the child was not released."""
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    collectors = list(selectors.collectors_for_child(child=child, active_only=True))
    links = [link for link in child.guardian_links.all()]
    guardians_may_collect = [link.guardian for link in links if link.may_collect]
    all_guardians = [link.guardian for link in links]
    form = forms.CollectionForm(request.POST or None, collectors=collectors, guardians=guardians_may_collect)
    form.fields["guardian_called"].choices = [("", "—")] + [(str(g.pk), g.full_name) for g in all_guardians]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = _collect(request, setting, child, form.cleaned_data, collectors, all_guardians)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if event.outcome == CollectionEvent.Outcome.REFUSED:
                    messages.warning(request, _("Recorded: %(child)s was not released.") % {"child": child.known_as})
                else:
                    messages.success(
                        request,
                        _("%(child)s is signed out to %(name)s.") % {"child": child.known_as, "name": event.name},
                    )
                return redirect(_register_url(setting))
        status = 400
    stays = selectors.stays_for_child(child=child, day=setting.today())
    return render(
        request,
        "attendance/collect.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "form": form,
            "collectors": collectors,
            "open_stay": next((s for s in stays if s.is_open), None),
        },
        status=status,
    )


def _collect(request, setting, child, data, collectors, guardians) -> CollectionEvent:
    who = data["who"]
    collector = next((c for c in collectors if f"collector:{c.pk}" == who), None)
    guardian = next((g for g in guardians if f"guardian:{g.pk}" == who), None)
    called = next((g for g in guardians if str(g.pk) == data["guardian_called"]), None)
    if who == "other" and data["outcome"] == CollectionEvent.Outcome.REFUSED:
        return services.collection_refuse(
            child=child,
            by=request.user,
            name=data["name"],
            guardian_called=called,
            guardian_said=data["guardian_said"],
            notes=data["notes"],
        )
    return services.attendance_sign_out(
        child=child,
        by=request.user,
        at=_at(setting, setting.today(), data["time"]),
        collector=collector,
        guardian=guardian,
        name=data["name"] if who == "other" else "",
        outcome=data["outcome"] if who == "other" else "",
        password=data["password"],
        guardian_called=called,
        guardian_said=data["guardian_said"],
        notes=data["notes"],
    )


@staff_required
@require_GET
def headcount(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Each room now: children present against staff on shift, and the ratio the rules need."""
    setting = request.membership.setting
    counts = selectors.headcount(user=request.user, setting=setting, at=timezone.now())
    return render(
        request,
        "attendance/headcount.html",
        {"setting": setting, "counts": counts, "breached": [c for c in counts if c.breached]},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def shifts(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The day's shifts: everyone sees them; a manager (can_manage_staff) sets them."""
    membership = request.membership
    setting = membership.setting
    day = _day(request, setting)
    staff = list(rules.staff_visible_to(request.user, setting=setting).filter(is_active=True).select_related("user"))
    rooms = list(rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True))
    form = forms.ShiftForm(request.POST or None, staff=staff, rooms=rooms)
    status = 200
    if request.method == "POST":
        rules.require(membership.perms, "can_manage_staff")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.shift_create(
                    setting=setting,
                    by=request.user,
                    staff=next(s for s in staff if str(s.pk) == data["staff"]),
                    room=next(r for r in rooms if str(r.pk) == data["room"]),
                    day=day,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The shift is added."))
                return redirect(reverse("attendance:shifts", args=[setting.slug]) + f"?day={day.isoformat()}")
        status = 400
    return render(
        request,
        "attendance/shifts.html",
        {
            "setting": setting,
            "day": day,
            "form": form,
            "shifts": selectors.shifts_for_day(user=request.user, setting=setting, day=day),
            "can_manage": membership.perms.can_manage_staff,
        },
        status=status,
    )


@staff_required(flag="can_manage_staff")
@require_POST
def shift_delete(request: HttpRequest, setting_slug: str, shift_id) -> HttpResponse:
    setting = request.membership.setting
    shift = get_object_or_404(StaffShift, pk=shift_id, setting=setting)
    day = shift.day
    services.shift_delete(shift=shift, by=request.user)
    messages.success(request, _("The shift is removed."))
    return redirect(reverse("attendance:shifts", args=[setting.slug]) + f"?day={day.isoformat()}")


@staff_required(flag="can_edit_children")
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, setting_slug: str, attendance_id) -> HttpResponse:
    """Correct a stay's times or names; the earlier values are kept and the reason logged."""
    setting = request.membership.setting
    stay = selectors.attendance_for_user(request.user, setting=setting, attendance_id=attendance_id)
    tz = zoneinfo.ZoneInfo(setting.timezone)
    initial = {
        "signed_in_at": stay.signed_in_at.astimezone(tz).time().replace(second=0, microsecond=0),
        "signed_out_at": stay.signed_out_at.astimezone(tz).time().replace(second=0, microsecond=0)
        if stay.signed_out_at
        else None,
        "dropped_off_by": stay.dropped_off_by,
        "collected_by": stay.collected_by,
    }
    form = forms.CorrectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.attendance_correct(
                    attendance=stay,
                    by=request.user,
                    reason=data["reason"],
                    signed_in_at=_at(setting, stay.day, data["signed_in_at"])
                    if data["signed_in_at"] != initial["signed_in_at"]
                    else None,
                    signed_out_at=_at(setting, stay.day, data["signed_out_at"])
                    if data["signed_out_at"] and data["signed_out_at"] != initial["signed_out_at"]
                    else None,
                    dropped_off_by=data["dropped_off_by"],
                    collected_by=data["collected_by"] if stay.signed_out_at else None,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The register is corrected. The earlier entry is kept."))
                return redirect(_register_url(setting, stay.day))
        status = 400
    return render(request, "attendance/correct.html", {"setting": setting, "stay": stay, "form": form}, status=status)


@staff_required
@require_GET
def collector_photo(request: HttpRequest, setting_slug: str, collector_id) -> HttpResponse:
    """A collector's photo, for staff of the child's setting only (never a public URL)."""
    collector, _perms = selectors.collector_for_user(
        request.user, collector_id=collector_id, setting=request.membership.setting
    )
    return _photo_response(collector)


def _photo_response(collector) -> HttpResponse:
    if not collector.photo:
        raise Http404
    response = FileResponse(collector.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
