"""API for the setting's information page: family path /api/v1/family/setting-info (each setting
their children attend), staff path /api/v1/settings/{setting_slug}/setting-info. Read only:
staff change it on the pages (can_manage_setting_info)."""

import datetime as dt
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from tandem.access import rules
from tandem.media.signing import ORIGINAL, media_url
from tandem.setting_info import selectors

router = Router(tags=["setting-info"])


class TeamMemberOut(Schema):
    id: UUID
    name: str
    job_title: str
    about: str
    photo_url: str | None


class MenuDayOut(Schema):
    date: dt.date
    meals: str
    allergens: str


class SettingInfoOut(Schema):
    setting_id: UUID
    setting: str
    welcome: str
    opening_times: str
    term_dates: str
    concerns: str
    contact: str
    ofsted: str
    phone: str
    email: str
    address: str
    team: list[TeamMemberOut]
    menu: list[MenuDayOut]
    policies_url: str
    concerns_url: str


def _out(setting, viewer) -> dict:
    info = selectors.info_for(setting)
    start = selectors.week_start(setting.today())
    return {
        "setting_id": setting.pk,
        "setting": setting.name,
        "welcome": info.welcome,
        "opening_times": info.opening_times,
        "term_dates": info.term_dates,
        "concerns": info.concerns,
        "contact": info.contact,
        "ofsted": info.ofsted,
        "phone": setting.phone,
        "email": setting.email,
        "address": setting.address,
        "team": [
            {
                "id": m.pk,
                "name": m.user.display_name,
                "job_title": m.title_label,
                "about": m.profile.about if m.profile else "",
                "photo_url": media_url(media=m.profile.photo, variant=ORIGINAL, viewer=viewer)
                if m.profile and m.profile.photo
                else None,
            }
            for m in selectors.team(setting)
        ],
        "menu": [
            {
                "date": d["date"],
                "meals": d["menu"].meals if d["menu"] else "",
                "allergens": d["menu"].allergens if d["menu"] else "",
            }
            for d in selectors.week_menu(setting, start)
        ],
        "policies_url": selectors.optional_url("policies_family:index"),
        "concerns_url": selectors.optional_url("concerns_family:index"),
    }


@router.get("/family/setting-info", response=list[SettingInfoOut], summary="About your child's setting")
def family_info(request: HttpRequest) -> list[dict]:
    """One entry per setting your children attend (usually one)."""
    return [_out(s, request.auth) for s in selectors.settings_for_family(user=request.auth)]


@router.get("/settings/{setting_slug}/setting-info", response=SettingInfoOut, summary="The setting's page for families")
def staff_info(request: HttpRequest, setting_slug: str) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return _out(membership.setting, request.auth)
