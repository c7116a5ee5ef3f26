"""Curriculum pages and API (tandem.curriculum, tandem.api.routers.curriculum).

The framework is reference data, so every member of Oak Tree (alice, bob, adam) may browse it and
read the plain-words page about its areas; charlie (Elm House), olive (organisation lead, not a
member), dora and ed get 404; signed out is sent to sign in (401 from the API)."""

from tests.matrix import api_entry, staff_page
from tests.matrix import api_expect as _expect

ENTRIES = [
    staff_page("curriculum:browse"),
    staff_page("curriculum:areas"),
    api_entry(
        "api:GET /api/v1/settings/{setting_slug}/curriculum",
        path=lambda c: "/api/v1/settings/oak-tree/curriculum",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
]
