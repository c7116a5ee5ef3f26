"""All About Me pages and API (tandem.allaboutme, tandem.api.routers.allaboutme).

Staff: every Oak Tree role that sees children (alice, bob, adam) reads and types in Ada's All
About Me; charlie, olive and the families get 404. Families: dora reads and updates Ada's; ed
(Ben's father) and everyone else get 404. Each case runs on a fresh database."""

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/allaboutme"
ANSWERS = {"likes": "Bubbles and the big red bus", "allergies": "Peanuts", "sleep": "Naps at 12:30"}


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _version(c):
    """Ada's All About Me, version 1, filled in online by dora (made on first use)."""
    from tandem.allaboutme.models import AllAboutMeVersion
    from tandem.allaboutme.services import all_about_me_save

    existing = AllAboutMeVersion.objects.filter(child=c["ada"]).first()
    if existing:
        return existing
    return all_about_me_save(
        child=c["ada"], by=c["dora"], answers={"likes": "Ducks"}, how="online", guardian=c["dora"].guardianships.get()
    )


def _child(c):
    _version(c)
    return {"setting_slug": OAK, "child_id": c["ada"].pk}


def _fam(c):
    _version(c)
    return {"child_id": c["ada"].pk}


ENTRIES = [
    staff_page("allaboutme:index"),
    staff_page("allaboutme:child", kwargs=_child),
    staff_page("allaboutme:child-edit", kwargs=_child),
    staff_page(
        "allaboutme:child-edit",
        kwargs=_child,
        method="POST",
        data=lambda c: {**ANSWERS, "how": "paper", "guardian": "", "action": "save"},
        ok=302,
    ),
    staff_page("allaboutme:child-version", kwargs=lambda c: {**_child(c), "number": 1}),
    staff_page("allaboutme:child-pdf", kwargs=_child),
    family_page("allaboutme_family:child", kwargs=_fam),
    family_page("allaboutme_family:edit", kwargs=_fam),
    family_page(
        "allaboutme_family:edit", kwargs=_fam, method="POST", data=lambda c: {**ANSWERS, "action": "save"}, ok=302
    ),
    family_page("allaboutme_family:version", kwargs=lambda c: {**_fam(c), "number": 1}),
    family_page("allaboutme_family:pdf", kwargs=_fam),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/allaboutme/children/{child_id}"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("PUT", "/settings/{setting_slug}/allaboutme/children/{child_id}"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}",
        method="PUT",
        data=lambda c: {**ANSWERS, "how": "home_visit"},
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/allaboutme/children/{child_id}/versions"),
        path=lambda c: f"{API_OAK}/children/{_child(c)['child_id']}/versions",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/family/allaboutme/children/{child_id}"),
        path=lambda c: f"/api/v1/family/allaboutme/children/{_fam(c)['child_id']}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("PUT", "/family/allaboutme/children/{child_id}"),
        path=lambda c: f"/api/v1/family/allaboutme/children/{_fam(c)['child_id']}",
        method="PUT",
        data=lambda c: ANSWERS,
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("GET", "/family/allaboutme/children/{child_id}/versions"),
        path=lambda c: f"/api/v1/family/allaboutme/children/{_fam(c)['child_id']}/versions",
        expect=_expect({"dora": 200}),
    ),
]
