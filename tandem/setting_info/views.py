"""The setting's information page. Families (/family/setting-info/): the page for each setting
their children attend. Staff (/s/<setting_slug>/setting-info/): the same page as families see
it, and, with can_manage_setting_info, the forms for its text, this week's menu and the team's
photos and lines."""

import contextlib
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.media.signing import ORIGINAL, media_url
from tandem.setting_info import forms, selectors, services

GET_POST = require_http_methods(["GET", "POST"])


def _page(setting, viewer, *, include_hidden: bool = False) -> dict:
    """Everything the page shows for SETTING, with photo links signed for VIEWER."""
    team = selectors.team(setting, include_hidden=include_hidden)
    for member in team:
        photo = member.profile.photo if member.profile else None
        member.photo_url = media_url(media=photo, variant=ORIGINAL, viewer=viewer) if photo else ""
    today = setting.today()
    start = selectors.week_start(today)
    if today.weekday() >= 5:  # at the weekend, families want next week's menu
        start += dt.timedelta(days=7)
    return {
        "setting": setting,
        "info": selectors.info_for(setting),
        "team": team,
        "menu": selectors.week_menu(setting, start),
        "today": today,
    }


def _links() -> dict:
    return {
        "policies_url": selectors.optional_url("policies_family:index"),
        "concerns_url": selectors.optional_url("concerns_family:index"),
    }


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    pages = [_page(setting, request.user) for setting in selectors.settings_for_family(user=request.user)]
    return render(request, "setting_info/family_index.html", {"pages": pages, **_links()})


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    return render(
        request,
        "setting_info/index.html",
        {
            "page": _page(setting, request.user, include_hidden=request.membership.perms.can_manage_setting_info),
            "can_manage": request.membership.perms.can_manage_setting_info,
            **_links(),
        },
    )


@staff_required(flag="can_manage_setting_info")
@GET_POST
def edit(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.InfoForm(request.POST or None, instance=selectors.info_for(setting))
    if request.method == "POST":
        if form.is_valid():
            try:
                services.info_save(setting=setting, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved. Families see the new information now."))
                return redirect("setting_info:index", setting_slug=setting.slug)
        return render(request, "setting_info/edit.html", {"setting": setting, "form": form}, status=400)
    return render(request, "setting_info/edit.html", {"setting": setting, "form": form})


@staff_required(flag="can_manage_setting_info")
@GET_POST
def menu(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    start = selectors.week_start(setting.today())
    with contextlib.suppress(ValueError):
        start = selectors.week_start(dt.date.fromisoformat(request.GET.get("week", "")))
    form = forms.MenuForm(request.POST or None, days=selectors.week_menu(setting, start))
    if request.method == "POST":
        if form.is_valid():
            services.menu_save(setting=setting, by=request.user, days=form.days_data())
            messages.success(request, _("The menu is saved."))
            return redirect(f"{request.path}?week={start.isoformat()}")
        status = 400
    else:
        status = 200
    return render(
        request,
        "setting_info/menu.html",
        {
            "setting": setting,
            "form": form,
            "start": start,
            "previous": start - dt.timedelta(days=7),
            "next": start + dt.timedelta(days=7),
        },
        status=status,
    )


@staff_required(flag="can_manage_setting_info")
@GET_POST
def team_member(request: HttpRequest, setting_slug: str, staff_id) -> HttpResponse:
    setting = request.membership.setting
    member = selectors.staff_member(user=request.user, setting=setting, staff_id=staff_id)
    profile = getattr(member, "team_profile", None)
    initial = {"about": profile.about, "shown": profile.shown} if profile else {"shown": True}
    form = forms.TeamProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.team_profile_save(
                    staff=member,
                    by=request.user,
                    about=form.cleaned_data["about"],
                    shown=form.cleaned_data["shown"],
                    photo_file=form.cleaned_data.get("photo"),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    add_service_errors(form, exc)
                else:
                    form.add_error("photo", exc.messages)
            else:
                messages.success(request, _("Saved. Families see it on the setting's page."))
                return redirect("setting_info:index", setting_slug=setting.slug)
        status = 400
    else:
        status = 200
    return render(
        request, "setting_info/team_member.html", {"setting": setting, "member": member, "form": form}, status=status
    )
