"""Engagement pages and API (tandem.engagement). Staff only: every Oak Tree member opens their
own key families; the setting-wide overview and the evidence of partnership need
can_manage_partnership (alice; bob and adam get 403). Families never see these figures: dora
and ed get 404 like everyone outside Oak Tree."""

from tests.matrix import api_entry, staff_page
from tests.matrix import api_expect as _api

API = "/api/v1/settings/oak-tree/engagement"


ENTRIES = [
    staff_page("engagement:mine"),
    staff_page("engagement:overview", allowed=("alice",), forbidden=("bob", "adam")),
    staff_page("engagement:evidence", allowed=("alice",), forbidden=("bob", "adam")),
    staff_page("engagement:evidence-pdf", allowed=("alice",), forbidden=("bob", "adam")),
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/engagement/my-families",
        lambda c: f"{API}/my-families",
        expect=_api({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/engagement/overview",
        lambda c: f"{API}/overview",
        expect=_api({"alice": 200, "bob": 403, "adam": 403}),
    ),
]
