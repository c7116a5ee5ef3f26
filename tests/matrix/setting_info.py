"""The setting's information page (tandem.setting_info, tandem.api.routers.setting_info).

Every Oak Tree member of staff sees the page as families do; alice (manager) and adam
(administrator) change it (can_manage_setting_info: bob 403). Every family reads the page of
their own setting (dora and ed); staff with no child there get an empty page (200), like
anyone signed in with no setting."""

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

MANAGERS = ("alice", "adam")


def _bob(c):
    from tandem.core.models import StaffMember

    return {"setting_slug": "oak-tree", "staff_id": StaffMember.objects.get(user=c["bob"]).pk}


def _info_form(c) -> dict:
    return {
        "welcome": "Welcome",
        "opening_times": "7:30 to 18:00",
        "term_dates": "",
        "concerns": "",
        "contact": "",
        "ofsted": "",
    }


ENTRIES = [
    staff_page("setting_info:index"),
    staff_page("setting_info:edit", allowed=MANAGERS, forbidden=("bob",)),
    staff_page("setting_info:edit", method="POST", data=_info_form, ok=302, allowed=MANAGERS, forbidden=("bob",)),
    staff_page("setting_info:menu", allowed=MANAGERS, forbidden=("bob",)),
    staff_page(
        "setting_info:menu",
        method="POST",
        data=lambda c: {"meals_0": "Pasta", "allergens_0": "gluten"},
        ok=302,
        allowed=MANAGERS,
        forbidden=("bob",),
    ),
    staff_page("setting_info:team-member", kwargs=_bob, allowed=MANAGERS, forbidden=("bob",)),
    staff_page(
        "setting_info:team-member",
        kwargs=_bob,
        method="POST",
        data=lambda c: {"about": "Loves the garden", "shown": "on"},
        ok=302,
        allowed=MANAGERS,
        forbidden=("bob",),
    ),
    family_page("setting_info_family:index", others=200),
    api_entry(
        "api:GET /api/v1/family/setting-info",
        path=lambda c: "/api/v1/family/setting-info",
        expect=_expect({}, others=200),
    ),
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/setting-info",
        path=lambda c: "/api/v1/settings/oak-tree/setting-info",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
]
