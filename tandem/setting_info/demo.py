"""Demo information page for the demo setting: the welcome, opening times, term dates, how to
raise a concern, a line about each member of the team, and this week's and next week's menus
with allergens. Running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.models import Setting, StaffMember
from tandem.setting_info import services
from tandem.setting_info.models import SettingInfo, TeamProfile
from tandem.setting_info.selectors import week_start

MENUS = [
    (
        "Breakfast: porridge with banana\nLunch: fish pie with peas\nTea: cheese scones and cucumber",
        "fish, milk, gluten",
    ),
    (
        "Breakfast: toast and fruit\nLunch: chickpea and sweet potato curry with rice\nTea: pitta and hummus",
        "gluten, sesame",
    ),
    (
        "Breakfast: cereal and milk\nLunch: shepherd's pie with carrots\nTea: crackers, cheese and apple",
        "milk, gluten, celery",
    ),
    (
        "Breakfast: yoghurt and berries\nLunch: chicken and vegetable pasta\nTea: vegetable soup and bread",
        "milk, gluten, celery",
    ),
    ("Breakfast: crumpets\nLunch: bean chilli with jacket potato\nTea: fruit salad and rice cakes", "gluten"),
]

ABOUT = [
    "Has worked with young children for twelve years and loves being outdoors.",
    "Speaks Polish and English, and leads our singing on Fridays.",
    "Looks after our garden and the vegetable beds.",
    "Keeps the office running: ask about invoices, funding and forms.",
]


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if SettingInfo.objects.filter(setting=setting).exists():
        return
    manager = next(
        (
            s.user
            for s in StaffMember.objects.filter(setting=setting, is_active=True).select_related("user")
            if "manager" in s.roles
        ),
        None,
    )
    services.info_save(
        setting=setting,
        by=manager,
        welcome=(
            "Welcome to our nursery. This page has what you need day to day; ask any of us if something is missing."
        ),
        opening_times=(
            "Monday to Friday, 7:30 to 18:00, all year round.\n"
            "Closed on bank holidays and between Christmas and New Year."
        ),
        term_dates=(
            "Funded hours follow the school terms:\n"
            "Spring term: 5 January to 27 March\n"
            "Summer term: 13 April to 17 July\n"
            "Staff training day (nursery closed): Friday 13 February"
        ),
        concerns=(
            "Talk to your child's key person first, or to the manager, at any time. Most worries are sorted the "
            "same day. If you are not happy with the answer, write to the manager: we will reply within 28 days."
        ),
        contact="The office is open 8:00 to 17:00. Please call before 9:30 if your child will be absent.",
    )
    start = week_start(today)
    days = {}
    for week in (0, 7):
        for i, (meals, allergens) in enumerate(MENUS):
            days[start + dt.timedelta(days=week + i)] = {"meals": meals, "allergens": allergens}
    services.menu_save(setting=setting, by=manager, days=days)
    members = StaffMember.objects.filter(setting=setting, is_active=True).order_by("created_at")
    for i, member in enumerate(members[:8]):
        if not TeamProfile.objects.filter(staff=member).exists():
            services.team_profile_save(staff=member, by=manager, about=ABOUT[i % len(ABOUT)])
