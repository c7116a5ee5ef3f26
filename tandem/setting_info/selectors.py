"""Reads for the setting's information page: for staff of the setting (through the membership)
and for the families of its children (settings where they are a guardian). A fixed number of
queries however big the team."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse

from tandem.access import rules
from tandem.core.models import Setting, StaffMember
from tandem.setting_info.models import MenuDay, SettingInfo, TeamProfile

WEEKDAYS = 5


def optional_url(name: str) -> str:
    """The URL of another app's page when that app provides it, else "" (shown only then)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def info_for(setting: Setting) -> SettingInfo:
    return SettingInfo.objects.filter(setting=setting).first() or SettingInfo(setting=setting)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_menu(setting: Setting, start: dt.date) -> list[dict]:
    """Monday to Friday of the week starting START, each with its MenuDay or None (one query)."""
    days = [start + dt.timedelta(days=i) for i in range(WEEKDAYS)]
    rows = {m.date: m for m in MenuDay.objects.filter(setting=setting, date__in=days)}
    return [{"date": d, "menu": rows.get(d)} for d in days]


def team(setting: Setting, *, include_hidden: bool = False) -> list[StaffMember]:
    """The active team, managers first then by name, with their profile and photo (two queries)."""
    members = list(
        StaffMember.objects.filter(setting=setting, is_active=True)
        .select_related("user")
        .prefetch_related(Prefetch("team_profile", queryset=TeamProfile.objects.select_related("photo")))
        .order_by("user__first_name", "user__last_name")
    )
    shown = []
    for member in members:
        try:
            profile = member.team_profile
        except TeamProfile.DoesNotExist:
            profile = None
        member.profile = profile
        member.title_label = member.job_title or ", ".join(member.role_labels())
        if include_hidden or profile is None or profile.shown:
            shown.append(member)
    leaders = {"owner", "manager"}
    return sorted(shown, key=lambda m: (not (set(m.roles) & leaders),))


def staff_member(*, user, setting: Setting, staff_id) -> StaffMember:
    return rules.staff_member_for_user(user, setting=setting, staff_id=staff_id)


def settings_for_family(*, user) -> QuerySet[Setting]:
    """The settings USER's children attend (as a guardian), by name."""
    if not user.is_authenticated:
        return Setting.objects.none()
    return Setting.objects.filter(guardians__user=user).distinct().order_by("name")
