"""Progress worry pages and API (tandem.worries, tandem.api.routers.worries).

Staff: a case about Ada is for her key person (bob) and staff with can_oversee_progress (alice);
adam (administrator, neither) gets 404 like charlie, olive and the families. The list of every
open case is for overseers only: bob and adam get 403. "My key children's" list is for every
member of staff. Families: dora reads a case about Ada once it has been discussed with her;
ed gets 404."""

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/worries"
FOLLOWERS = ("alice", "bob")


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _worry(c, *, discussed: bool = False):
    """An open worry about Ada's communication (made on first use in each case)."""
    from django.utils import timezone

    from tandem.core.models import StaffMember
    from tandem.worries.models import Worry

    ada = c["ada"]
    worry = Worry.objects.filter(child=ada).first()
    if worry is None:
        worry = Worry.objects.create(
            setting=ada.setting,
            child=ada,
            area="CL",
            observed="Few words",
            raised_by=StaffMember.objects.get(user=c["bob"]),
            opened_on=ada.setting.today(),
            staff_notes="internal",
            created_by=c["bob"],
        )
    if discussed and worry.shared_with_family_at is None:
        worry.discussed_on = ada.setting.today()
        worry.family_views = "Same at home"
        worry.agreed_support = "Two words at snack"
        worry.shared_with_family_at = timezone.now()
        worry.save()
    return worry


def _kw(c, **extra):
    return {"setting_slug": OAK, "worry_id": _worry(c, **extra).pk}


def _today(c) -> str:
    return c["ada"].setting.today().isoformat()


ENTRIES = [
    staff_page("worries:index"),
    staff_page("worries:overview", allowed=("alice",), forbidden=("bob", "adam")),
    staff_page("worries:new", kwargs=lambda c: {"setting_slug": OAK, "child_id": c["ada"].pk}, allowed=FOLLOWERS),
    staff_page(
        "worries:new",
        kwargs=lambda c: {"setting_slug": OAK, "child_id": c["ada"].pk},
        method="POST",
        data=lambda c: {"area": "PSED", "observed": "Upset at drop-off for weeks"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page("worries:detail", kwargs=_kw, allowed=FOLLOWERS),
    staff_page(
        "worries:discussion",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"discussed_on": _today(c), "family_views": "Same at home", "agreed_support": ""},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page(
        "worries:support",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"agreed_support": "Two words at snack"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page(
        "worries:stage",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"stage": "assess", "on": _today(c), "notes": "Observed at play"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page(
        "worries:notes",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"staff_notes": "Ask the SENCO"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    staff_page(
        "worries:close",
        kwargs=lambda c: _kw(c, discussed=True),
        method="POST",
        data=lambda c: {"outcome": "Progress as expected"},
        allowed=FOLLOWERS,
        ok=302,
    ),
    family_page("worries_family:detail", kwargs=lambda c: {"worry_id": _worry(c, discussed=True).pk}),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/worries/open"),
        path=lambda c: f"{API_OAK}/open",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/worries/children/{child_id}/worries"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/worries",
        method="POST",
        data=lambda c: {"area": "CL", "observed": "Few words"},
        expect=_expect({"alice": 201, "bob": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/worries/{worry_id}"),
        path=lambda c: f"{API_OAK}/{_worry(c).pk}",
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/worries/{worry_id}/stages"),
        path=lambda c: f"{API_OAK}/{_worry(c).pk}/stages",
        method="POST",
        data=lambda c: {"stage": "plan", "on": _today(c), "notes": "Outcomes agreed"},
        expect=_expect({"alice": 201, "bob": 201}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/worries/{worry_id}/discussion"),
        path=lambda c: f"{API_OAK}/{_worry(c).pk}/discussion",
        method="POST",
        data=lambda c: {"discussed_on": _today(c), "family_views": "Same at home"},
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/worries/{worry_id}/support"),
        path=lambda c: f"{API_OAK}/{_worry(c).pk}/support",
        method="POST",
        data=lambda c: {"agreed_support": "Two words at snack"},
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/worries/{worry_id}/close"),
        path=lambda c: f"{API_OAK}/{_worry(c, discussed=True).pk}/close",
        method="POST",
        data=lambda c: {"outcome": "Progress as expected"},
        expect=_expect({"alice": 200, "bob": 200}),
    ),
    api_entry(
        _op("GET", "/family/worries/{worry_id}"),
        path=lambda c: f"/api/v1/family/worries/{_worry(c, discussed=True).pk}",
        expect=_expect({"dora": 200}),
    ),
]
