"""Staff pages of the care diary, under /s/<setting_slug>/care/. Every member of staff who
sees the setting's children records care (can_view_children); the room's settings are for
those who manage rooms. Children come from tandem.access; writes go through services."""

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.care import forms, selectors, services
from tandem.care.models import Kind, Nappy
from tandem.core.forms import add_service_errors

RECORD = "can_view_children"

# One-tap entries: what each button records, now, for one child.
PRESETS = {
    "nappy-wet": (Kind.NAPPY, {"nappy": Nappy.WET}),
    "nappy-soiled": (Kind.NAPPY, {"nappy": Nappy.SOILED}),
    "nappy-dry": (Kind.NAPPY, {"nappy": Nappy.DRY}),
    "sun-cream": (Kind.SUN_CREAM, {}),
    "asleep": (Kind.SLEEP, {}),
}


def _day(request: HttpRequest, setting) -> dt.date:
    """?day=YYYY-MM-DD (or the form's day), never after today; today otherwise."""
    raw = request.POST.get("day") or request.GET.get("day") or ""
    today = setting.today()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return today
    return min(day, today)


def _tapped_at(request: HttpRequest) -> dt.datetime:
    """When the button was tapped: the offline queue sends the tap's time with a late post."""
    try:
        when = dt.datetime.fromisoformat(request.POST.get("at", "").replace("Z", "+00:00"))
    except ValueError:
        return timezone.now()
    return when if when.tzinfo is not None else timezone.now()


def _url_for_each(name: str, *args) -> Callable[[object], str]:
    """reverse() once, then put each object's id in: a room of 30 children needs 150 links,
    and reversing each one costs more than the rest of the card."""
    marker = str(uuid.UUID(int=0))
    pattern = reverse(name, args=[*args, marker])
    return lambda pk: pattern.replace(marker, str(pk))


def _hm(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M")


def card_labels() -> dict[str, str]:
    """The fixed words of a child's card, translated once per page rather than once per child
    (a room of 30 children would otherwise look up the same 20 words 30 times)."""
    return {
        "finalised": _("Finalised"),
        "allergies": _("Allergies"),
        "diet": _("Diet"),
        "handover": _("Morning handover from home"),
        "last_feed": _("Last feed"),
        "last_meal": _("Last meal"),
        "sleep": _("Sleep"),
        "last_nappy": _("Last nappy"),
        "sleep_check": _("Sleep check done"),
        "woke": _("Woke up"),
        "wet": _("Nappy: wet"),
        "soiled": _("Nappy: soiled"),
        "dry": _("Nappy: dry"),
        "asleep": _("Asleep now"),
        "sun_cream": _("Sun cream"),
        "more": _("More…"),
    }


def _prepare_cards(setting, room, day: dt.date, cards) -> None:
    """Links and the short texts each card shows, worked out once in Python (the room's day is
    the page staff keep open all day, so it is kept cheap)."""
    child_day = _url_for_each("care:child-day", setting.slug)
    quick = _url_for_each("care:quick-entry", setting.slug, room.pk)
    check = _url_for_each("care:sleep-check", setting.slug)
    end = _url_for_each("care:sleep-end", setting.slug)
    add = reverse("care:entry-add", args=[setting.slug, room.pk])
    asleep_since = _("Asleep since %(time)s")
    overdue = _("%(what)s overdue (was due %(time)s)")
    due = _("%(what)s due %(time)s")
    for cd in cards:
        cd.links = {
            "day": f"{child_day(cd.child.pk)}?day={day.isoformat()}",
            "quick": quick(cd.child.pk),
            "more": f"{add}?child={cd.child.pk}&kind=note",
        }
        feed, meal, sleep, nappy = cd.last_feed, cd.last_meal, cd.last_sleep, cd.last_nappy
        cd.show = {
            "feed": (f"{_hm(feed.occurred_at)}" + (f" · {feed.amount_ml} ml" if feed.amount_ml is not None else ""))
            if feed
            else "—",
            "meal": f"{_hm(meal.occurred_at)} · {meal.get_eaten_display()}" if meal else "—",
            "nappy": f"{_hm(nappy.occurred_at)} · {nappy.get_nappy_display()}" if nappy else "—",
            "sleep": f"{_hm(sleep.occurred_at)}–{_hm(sleep.ended_at)}" if sleep and sleep.ended_at else "—",
            "asleep": asleep_since % {"time": _hm(cd.ongoing_sleep.occurred_at)} if cd.ongoing_sleep else "",
            "due": [
                (
                    {"overdue": "badge-danger", "due": "badge-warn"}.get(d.state, ""),
                    (overdue if d.state == "overdue" else due) % {"what": d.what, "time": _hm(d.at)},
                )
                for d in cd.due
            ],
        }
        if cd.ongoing_sleep is not None:
            cd.links |= {"check": check(cd.ongoing_sleep.pk), "end": end(cd.ongoing_sleep.pk)}


def _room(request: HttpRequest, room_id):
    return rules.room_for_user(request.user, setting=request.membership.setting, room_id=room_id)


def _room_url(setting, room, day) -> str:
    url = reverse("care:room-day", args=[setting.slug, room.pk])
    return url if day == setting.today() else f"{url}?day={day.isoformat()}"


@staff_required(flag=RECORD)
@require_GET
def room_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True)
    mine = {r.pk for r in request.membership.staff.rooms.all()}
    return render(request, "care/room_list.html", {"setting": setting, "rooms": rooms, "mine": mine})


@staff_required(flag=RECORD)
@require_GET
def room_day(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    setting = request.membership.setting
    room = _room(request, room_id)
    day = _day(request, setting)
    data = selectors.room_day(user=request.user, setting=setting, room=room, day=day)
    _prepare_cards(setting, room, day, data.children)
    template = "care/room_day.html#children" if request.htmx else "care/room_day.html"
    context = {"setting": setting, "room": room, "data": data, "day": day, "labels": card_labels()}
    return render(request, template, context)


@staff_required(flag=RECORD)
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    """One entry for several children of the room in one step (lunch for the whole table)."""
    setting = request.membership.setting
    room = _room(request, room_id)
    day = _day(request, setting)
    present = list(selectors.children_present(user=request.user, setting=setting, room=room, day=day))
    kind = request.GET.get("kind", "")
    initial = {
        "kind": kind if kind in Kind.values else Kind.MEAL,
        "time": timezone.localtime(timezone=zoneinfo.ZoneInfo(setting.timezone))
        .time()
        .replace(second=0, microsecond=0),
    }
    if request.GET.get("child"):
        initial["children"] = [request.GET["child"]]
    form = forms.DiaryEntryForm(request.POST or None, children=present, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                entries, created = services.diary_entry_record_many(
                    setting=setting, by=request.user, **form.entry_arguments(setting=setting, day=day)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if created:
                    messages.success(
                        request,
                        _("Recorded for %(names)s.") % {"names": ", ".join(e.child.known_as for e in entries)},
                    )
                return redirect(_room_url(setting, room, day))
        status = 400
    return render(
        request,
        "care/entry_form.html",
        {"setting": setting, "room": room, "day": day, "form": form, "present": present},
        status=status,
    )


@staff_required(flag=RECORD)
@require_POST
def quick_entry(request: HttpRequest, setting_slug: str, room_id, child_id) -> HttpResponse:
    """A one-tap entry (a wet nappy, asleep now) for one child; htmx swaps the child's card."""
    setting = request.membership.setting
    room = _room(request, room_id)
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    preset = PRESETS.get(request.POST.get("preset", ""))
    day = setting.today()
    error = ""
    if preset is None:
        error = _("Choose one of the buttons.")
    else:
        kind, fields = preset
        try:
            services.diary_entry_record(
                child=child,
                by=request.user,
                kind=kind,
                occurred_at=_tapped_at(request),
                idempotency_key=request.POST.get("idempotency_key") or None,
                **fields,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_room_url(setting, room, day))
    # htmx swaps only this child's card, with the error (if any) inside it.
    data = selectors.room_day(user=request.user, setting=setting, room=room, day=day)
    card = next((cd for cd in data.children if cd.child.pk == child.pk), None)
    if card is None:
        raise Http404
    _prepare_cards(setting, room, day, [card])
    return render(
        request,
        "care/room_day.html#child_card",
        {
            "setting": setting,
            "room": room,
            "cd": card,
            "data": data,
            "day": day,
            "error": error,
            "labels": card_labels(),
        },
    )


@staff_required(flag=RECORD)
@require_GET
def child_day(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """A child's day: staff and family entries together, earlier versions of corrections."""
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    day = _day(request, setting)
    timeline = selectors.child_timeline_for_staff(child=child, day=day)
    form = forms.DiaryEntryForm(
        children=[child],
        initial={
            "children": [str(child.pk)],
            "kind": Kind.NOTE,
            "time": timezone.localtime(timezone=zoneinfo.ZoneInfo(setting.timezone))
            .time()
            .replace(second=0, microsecond=0),
        },
    )
    return render(
        request,
        "care/child_day.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "day": day,
            "timeline": timeline,
            "form": form,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1) if day < setting.today() else None,
            "check_minutes": selectors.room_care_settings(room=child.room).sleep_check_minutes if child.room else 10,
        },
    )


@staff_required(flag=RECORD)
@require_POST
def child_entry_add(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """An entry for one child from their day page (same form, one child)."""
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    day = _day(request, setting)
    form = forms.DiaryEntryForm(request.POST, children=[child])
    if form.is_valid():
        try:
            services.diary_entry_record_many(
                setting=setting, by=request.user, **form.entry_arguments(setting=setting, day=day)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(f"{reverse('care:child-day', args=[setting.slug, child.pk])}?day={day.isoformat()}")
    timeline = selectors.child_timeline_for_staff(child=child, day=day)
    return render(
        request,
        "care/child_day.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "day": day,
            "timeline": timeline,
            "form": form,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": None,
            "check_minutes": 10,
        },
        status=400,
    )


def _entry(request: HttpRequest, entry_id):
    return selectors.entry_for_user(request.user, setting=request.membership.setting, entry_id=entry_id)


def _child_day_url(entry) -> str:
    return f"{reverse('care:child-day', args=[entry.setting.slug, entry.child_id])}?day={entry.day.isoformat()}"


@staff_required(flag=RECORD)
@require_http_methods(["GET", "POST"])
def entry_correct(request: HttpRequest, setting_slug: str, entry_id) -> HttpResponse:
    """Correct an entry; the earlier version stays visible to staff on the child's day."""
    entry = _entry(request, entry_id)
    tz = zoneinfo.ZoneInfo(entry.setting.timezone)
    form = forms.CorrectionForm(request.POST or None, initial=forms.CorrectionForm.initial_for(entry, tz))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.diary_entry_correct(entry=entry, by=request.user, **form.changes(entry=entry, tz=tz))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Corrected. The earlier version is kept."))
                return redirect(_child_day_url(entry))
        status = 400
    return render(
        request,
        "care/entry_correct.html",
        {"setting": entry.setting, "entry": entry, "form": form, "back": _child_day_url(entry)},
        status=status,
    )


@staff_required(flag=RECORD)
@require_http_methods(["GET", "POST"])
def entry_strike_out(request: HttpRequest, setting_slug: str, entry_id) -> HttpResponse:
    """Strike out an entry made by mistake, with a reason; it stays in the record."""
    entry = _entry(request, entry_id)
    form = forms.StrikeOutForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.diary_entry_strike_out(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Struck out. It stays in the record, crossed out."))
                return redirect(_child_day_url(entry))
        status = 400
    return render(
        request,
        "care/entry_strike_out.html",
        {"setting": entry.setting, "entry": entry, "form": form, "back": _child_day_url(entry)},
        status=status,
    )


def _back_to_room_or_child(request: HttpRequest, entry) -> HttpResponse:
    room_id = request.POST.get("room")
    if room_id and entry.child.room_id and str(entry.child.room_id) == room_id:
        return redirect(_room_url(entry.setting, entry.child.room, entry.day))
    return redirect(_child_day_url(entry))


@staff_required(flag=RECORD)
@require_POST
def sleep_check(request: HttpRequest, setting_slug: str, entry_id) -> HttpResponse:
    entry = _entry(request, entry_id)
    try:
        services.sleep_check_record(entry=entry, by=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sleep check recorded for %(child)s.") % {"child": entry.child.known_as})
    return _back_to_room_or_child(request, entry)


@staff_required(flag=RECORD)
@require_POST
def sleep_end(request: HttpRequest, setting_slug: str, entry_id) -> HttpResponse:
    entry = _entry(request, entry_id)
    try:
        services.sleep_end(entry=entry, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(child)s is awake.") % {"child": entry.child.known_as})
    return _back_to_room_or_child(request, entry)


@staff_required(flag=RECORD)
@require_POST
def child_finalise(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    day = _day(request, setting)
    try:
        services.day_finalise(setting=setting, children=[child], day=day, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(child)s's day is finalised. Their family can see it now.") % {"child": child.known_as}
        )
    return redirect(f"{reverse('care:child-day', args=[setting.slug, child.pk])}?day={day.isoformat()}")


@staff_required(flag=RECORD)
@require_POST
def room_finalise(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    setting = request.membership.setting
    room = _room(request, room_id)
    day = _day(request, setting)
    children = list(selectors.children_present(user=request.user, setting=setting, room=room, day=day))
    try:
        made = services.day_finalise(setting=setting, children=children, day=day, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Finalised %(count)s children's days.") % {"count": len(made)})
    return redirect(_room_url(setting, room, day))


@staff_required(flag=RECORD)
@require_http_methods(["GET", "POST"])
def routine(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting, audit=False)
    current = selectors.care_routine_get(child=child)
    initial = {}
    if current:
        initial = {
            k: getattr(current, k) for k in ("nap_times", "feed_interval_minutes", "nappy_interval_minutes", "notes")
        }
    form = forms.RoutineForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.care_routine_update(child=child, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The routine is saved."))
                return redirect("care:child-day", setting_slug=setting.slug, child_id=child.pk)
        status = 400
    return render(request, "care/routine.html", {"setting": setting, "child": child, "form": form}, status=status)


@staff_required(flag="can_manage_rooms")
@require_http_methods(["GET", "POST"])
def room_settings(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    setting = request.membership.setting
    room = _room(request, room_id)
    current = selectors.room_care_settings(room=room)
    form = forms.RoomCareSettingsForm(
        request.POST or None,
        initial={"sleep_check_minutes": current.sleep_check_minutes, "closing_time": current.closing_time},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.room_care_settings_update(room=room, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The room's care settings are saved."))
                return redirect("care:room-day", setting_slug=setting.slug, room_id=room.pk)
        status = 400
    return render(request, "care/room_settings.html", {"setting": setting, "room": room, "form": form}, status=status)
