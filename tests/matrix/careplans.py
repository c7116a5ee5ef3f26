"""Care plan pages and API (tandem.careplans, tandem.api.routers.careplans).

Staff: alice (manager), bob (Ada's key person) and adam (administrator, edits children's
records) read and write Ada's plan; the due-review list opens for every member of staff (a key
person sees their key children's, managers the setting's). charlie, olive and the families get
404. Families: dora reads the plan and proposes a change; ed and everyone else get 404."""

import datetime as dt

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/careplans"


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _plan(c):
    from tandem.careplans.models import CarePlan
    from tandem.careplans.services import care_plan_write

    existing = CarePlan.objects.filter(child=c["ada"]).first()
    if existing:
        return existing
    today = c["ada"].setting.today()
    return care_plan_write(
        child=c["ada"],
        by=c["alice"],
        start_date=today - dt.timedelta(days=170),
        sections={"routines": "Nap at 12:30", "dietary_needs": "No peanuts"},
    )


def _proposal(c):
    from tandem.careplans.models import CarePlanProposal
    from tandem.careplans.services import care_plan_propose

    plan = _plan(c)
    existing = CarePlanProposal.objects.filter(plan=plan).first()
    if existing:
        return existing
    return care_plan_propose(
        plan=plan, by=c["dora"], guardian=c["dora"].guardianships.get(), changes={"routines": "Nap at 13:00"}
    )


def _child(c):
    _plan(c)
    return {"setting_slug": OAK, "child_id": c["ada"].pk}


def _fam(c):
    _plan(c)
    return {"child_id": c["ada"].pk}


WRITERS = ("alice", "bob", "adam")

ENTRIES = [
    staff_page("careplans:index"),
    staff_page("careplans:child", kwargs=_child),
    staff_page("careplans:child-write", kwargs=_child, allowed=WRITERS),
    staff_page(
        "careplans:child-write",
        kwargs=_child,
        method="POST",
        data=lambda c: {"routines": "Nap at 12:00", "goals": "Walking"},
        ok=302,
    ),
    staff_page("careplans:child-review", kwargs=_child),
    staff_page(
        "careplans:child-review",
        kwargs=_child,
        method="POST",
        data=lambda c: {"reviewed_on": c["ada"].setting.today().isoformat(), "family_views": "All good at home"},
        ok=302,
    ),
    staff_page(
        "careplans:proposal-decide",
        kwargs=lambda c: {**_child(c), "proposal_id": _proposal(c).pk},
        method="POST",
        data=lambda c: {"decision": "approve"},
        ok=302,
    ),
    family_page("careplans_family:child", kwargs=_fam),
    family_page("careplans_family:propose", kwargs=_fam),
    family_page(
        "careplans_family:propose",
        kwargs=_fam,
        method="POST",
        data=lambda c: {"routines": "Nap after lunch, about 13:00", "note": "She sleeps later now"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/careplans/due"),
        path=lambda c: f"{API_OAK}/due",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/careplans/children/{child_id}"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/careplans/children/{child_id}/proposals"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}/proposals",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/careplans/children/{child_id}/proposals/{proposal_id}/decision"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/proposals/{_proposal(c).pk}/decision",
        method="POST",
        data=lambda c: {"decision": "decline", "reason": "Let us talk at pick-up"},
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/family/careplans/children/{child_id}"),
        path=lambda c: f"/api/v1/family/careplans/children/{_fam(c)['child_id']}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/careplans/children/{child_id}/proposals"),
        path=lambda c: f"/api/v1/family/careplans/children/{_fam(c)['child_id']}/proposals",
        method="POST",
        data=lambda c: {"goals": "Using a cup"},
        expect=_expect({"dora": 201}),
    ),
]
