"""Policies pages and API (tandem.policies, tandem.api.routers.policies).

Staff: every Oak Tree member reads the staff policies and acknowledges them (alice, bob,
adam); only alice (can_manage_partnership) writes, publishes versions, tracks and reminds (bob
and adam: 403). Families: a policy is the setting's, so both Oak Tree families (dora and ed)
read and acknowledge it; charlie, olive and staff get 404 on family pages."""

import datetime as dt

from tests.matrix import PEOPLE, Entry, api_entry, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/policies"
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _policy(c):
    """The code of conduct, for families and staff, needing acknowledgement."""
    from tandem.policies import services
    from tandem.policies.models import Policy

    existing = Policy.objects.filter(setting=c["ada"].setting).first()
    if existing:
        return existing
    return services.policy_create(
        setting=c["ada"].setting,
        by=c["alice"],
        kind="code_of_conduct",
        title="Code of conduct",
        body_markdown="Be kind. **No photos** of other children on social media.",
        effective_from=c["ada"].setting.today(),
        for_families=True,
        for_staff=True,
        requires_acknowledgement=True,
    )


def _kw(c):
    return {"setting_slug": OAK, "policy_id": _policy(c).pk}


def _families(name: str, *, kwargs=lambda c: {}, method: str = "GET", data=None, ok: int = 200) -> Entry:
    expect = {p: 404 for p in PEOPLE}
    expect.update({"dora": ok, "ed": ok})
    expect[None] = 302
    return Entry(name=name, expect=expect, kwargs=kwargs, method=method, data=data)


def _form(c) -> dict:
    return {
        "title": "Safeguarding",
        "kind": "safeguarding",
        "for_families": "on",
        "effective_from": dt.date.today().isoformat(),
        "body_markdown": "We keep children safe.",
    }


ENTRIES = [
    staff_page("policies:index"),
    staff_page("policies:new", **MANAGERS),
    staff_page("policies:new", method="POST", data=_form, ok=302, **MANAGERS),
    staff_page("policies:detail", kwargs=_kw),
    staff_page("policies:acknowledge", kwargs=_kw, method="POST", data=lambda c: {"understood": "on"}, ok=302),
    staff_page("policies:publish", kwargs=_kw, **MANAGERS),
    staff_page(
        "policies:publish",
        kwargs=_kw,
        method="POST",
        data=lambda c: {
            "change_summary": "Added a line on phones",
            "effective_from": dt.date.today().isoformat(),
            "body_markdown": "Be kind. No phones in the rooms.",
        },
        ok=302,
        **MANAGERS,
    ),
    staff_page("policies:tracking", kwargs=_kw, **MANAGERS),
    staff_page("policies:remind", kwargs=_kw, method="POST", ok=302, **MANAGERS),
    _families("policies_family:index"),
    _families("policies_family:detail", kwargs=lambda c: {"policy_id": _policy(c).pk}),
    _families(
        "policies_family:acknowledge",
        kwargs=lambda c: {"policy_id": _policy(c).pk},
        method="POST",
        data=lambda c: {"understood": "on"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/policies"),
        path=lambda c: (_policy(c), API_OAK)[1],
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/policies/{policy_id}/acknowledgements"),
        path=lambda c: f"{API_OAK}/{_policy(c).pk}/acknowledgements",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/policies/{policy_id}/acknowledge"),
        path=lambda c: f"{API_OAK}/{_policy(c).pk}/acknowledge",
        method="POST",
        data=lambda c: {"understood": True},
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/policies/{policy_id}/remind"),
        path=lambda c: f"{API_OAK}/{_policy(c).pk}/remind",
        method="POST",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/family/policies"),
        path=lambda c: (_policy(c), "/api/v1/family/policies")[1],
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("GET", "/family/policies/{policy_id}"),
        path=lambda c: f"/api/v1/family/policies/{_policy(c).pk}",
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("POST", "/family/policies/{policy_id}/acknowledge"),
        path=lambda c: f"/api/v1/family/policies/{_policy(c).pk}/acknowledge",
        method="POST",
        data=lambda c: {"understood": True},
        expect=_expect({"dora": 200, "ed": 200}),
    ),
]
