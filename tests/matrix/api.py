"""The API's operations (tandem/api/), tried as each person of the cast and signed out.
Oak Tree's staff (alice, bob, adam) use /settings/oak-tree/; charlie works elsewhere and olive,
dora and ed work nowhere there, so they get 404 like a setting that does not exist. Signed out
is always 401."""

from tests.matrix import PEOPLE, api_entry
from tests.matrix import api_expect as _expect

OAK = "/api/v1/settings/oak-tree"
STAFF = ("alice", "bob", "adam")


def _staff(ok: int = 200, allowed=STAFF, forbidden=()) -> dict:
    return _expect({**{p: ok for p in allowed}, **{p: 403 for p in forbidden}})


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


ENTRIES = [
    api_entry(_op("GET", "/me"), path=lambda c: "/api/v1/me", expect=_expect({p: 200 for p in PEOPLE})),
    api_entry(_op("GET", "/settings/{setting_slug}"), path=lambda c: OAK, expect=_staff()),
    api_entry(_op("GET", "/settings/{setting_slug}/rooms"), path=lambda c: f"{OAK}/rooms", expect=_staff()),
    api_entry(_op("GET", "/settings/{setting_slug}/children"), path=lambda c: f"{OAK}/children", expect=_staff()),
    api_entry(
        _op("GET", "/settings/{setting_slug}/children/{child_id}"),
        path=lambda c: f"{OAK}/children/{c['ada'].pk}",
        expect=_staff(),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/children/{child_id}/consents"),
        path=lambda c: f"{OAK}/children/{c['ada'].pk}/consents",
        expect=_staff(),
    ),
    api_entry(
        _op("GET", "/family/children"),
        path=lambda c: "/api/v1/family/children",
        expect=_expect({p: 200 for p in PEOPLE}),
        note="everyone gets a list; only guardians' lists have children in them",
    ),
    api_entry(
        _op("GET", "/family/children/{child_id}"),
        path=lambda c: f"/api/v1/family/children/{c['ada'].pk}",
        expect=_expect({"dora": 200}),
        note="the family's view: staff who may see Ada use the settings endpoint",
    ),
    api_entry(
        _op("GET", "/organisations/{organisation_slug}/numbers"),
        path=lambda c: "/api/v1/organisations/oak-tree-group/numbers",
        expect=_expect({"olive": 200}),
    ),
]

# Writes: a manager (alice) and the administrator (adam) have can_edit_children; bob, a
# practitioner, sees Ada but may not change her record (403).
EDITORS = ("alice", "adam")

ENTRIES += [
    api_entry(
        _op("POST", "/settings/{setting_slug}/children"),
        path=lambda c: f"{OAK}/children",
        method="POST",
        data=lambda c: {"first_name": "Cleo", "last_name": "Matrix", "date_of_birth": "2023-05-01"},
        expect=_staff(201, allowed=EDITORS, forbidden=("bob",)),
    ),
    api_entry(
        _op("PATCH", "/settings/{setting_slug}/children/{child_id}"),
        path=lambda c: f"{OAK}/children/{c['ada'].pk}",
        method="PATCH",
        data=lambda c: {"preferred_name": "Addie"},
        expect=_staff(200, allowed=EDITORS, forbidden=("bob",)),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/children/{child_id}/consents"),
        path=lambda c: f"{OAK}/children/{c['ada'].pk}/consents",
        method="POST",
        data=lambda c: {"kind": "outings", "decision": "given"},
        expect=_staff(201, allowed=EDITORS, forbidden=("bob",)),
    ),
]
