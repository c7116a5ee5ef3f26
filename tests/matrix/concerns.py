"""Concerns and complaints pages and API (tandem.concerns, tandem.api.routers.concerns).

Staff: only those with can_handle_concerns (alice: manager and DSL) open the list, a case and
the complaints record; bob (practitioner) and adam (administrator) get 403; charlie, olive and
the families 404. Families: dora raised the concern about Ada, so only she opens it (ed, the
wrong family, gets 404); every guardian may open their own list and raise one (dora and ed)."""

from tests.matrix import PEOPLE, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/concerns"
HANDLERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _concern(c, *, informal: bool = False):
    """Dora's concern about Ada (made on first use in each case)."""
    from tandem.concerns import services
    from tandem.concerns.models import Concern

    existing = Concern.objects.filter(child=c["ada"]).first()
    if existing is None:
        guardian = c["dora"].guardianships.get()
        existing = services.concern_raise(
            setting=c["ada"].setting,
            by=c["dora"],
            guardian=guardian,
            kind="concern",
            child=c["ada"],
            about="Ada came home without her coat.",
            language="pl",
        )
    if informal and existing.status != "awaiting_family":
        existing = services.concern_offer_informal(concern=existing, summary="Coat found.", by=c["alice"])
    return existing


def _kw(c):
    return {"setting_slug": OAK, "concern_id": _concern(c).pk}


def _alice_staff_id(c) -> str:
    from tandem.core.models import StaffMember

    return str(StaffMember.objects.get(user=c["alice"]).pk)


def _guardians_page(name: str, *, method: str = "GET", data=None, ok: int = 200) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect.update({"dora": ok, "ed": ok})
    expect[None] = 302
    from tests.matrix import Entry

    return Entry(name=name, expect=expect, method=method, data=data)


ENTRIES = [
    staff_page("concerns:index", **HANDLERS),
    staff_page("concerns:record", **HANDLERS),
    staff_page(
        "concerns:record",
        method="POST",
        data=lambda c: {
            "kind": "complaint",
            "channel": "phone",
            "received_on": c["ada"].setting.today().isoformat(),
            "complainant_name": "A grandparent",
            "about": "Rang about the car park.",
        },
        ok=302,
        **HANDLERS,
    ),
    staff_page("concerns:summary", **HANDLERS),
    staff_page("concerns:summary-pdf", **HANDLERS),
    staff_page("concerns:detail", kwargs=_kw, **HANDLERS),
    staff_page(
        "concerns:assign",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"assigned_to": _alice_staff_id(c)},
        ok=302,
        **HANDLERS,
    ),
    staff_page(
        "concerns:step", kwargs=_kw, method="POST", data=lambda c: {"kind": "note", "text": "Rang"}, ok=302, **HANDLERS
    ),
    staff_page(
        "concerns:update-record",
        kwargs=_kw,
        method="POST",
        data=lambda c: {"nature": "Lost clothing"},
        ok=302,
        **HANDLERS,
    ),
    staff_page(
        "concerns:outcome", kwargs=_kw, method="POST", data=lambda c: {"outcome": "Found it."}, ok=302, **HANDLERS
    ),
    staff_page(
        "concerns:informal", kwargs=_kw, method="POST", data=lambda c: {"summary": "Found it."}, ok=302, **HANDLERS
    ),
    staff_page("concerns:close", kwargs=_kw, method="POST", ok=302, **HANDLERS),
    _guardians_page("concerns_family:index"),
    _guardians_page("concerns_family:raise"),
    _guardians_page(
        "concerns_family:raise", method="POST", data=lambda c: {"kind": "concern", "about": "A question"}, ok=302
    ),
    family_page("concerns_family:detail", kwargs=lambda c: {"concern_id": _concern(c).pk}),
    family_page(
        "concerns_family:confirm",
        kwargs=lambda c: {"concern_id": _concern(c, informal=True).pk},
        method="POST",
        data=lambda c: {"happy": "yes"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/concerns"),
        path=lambda c: API_OAK,
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/concerns/{concern_id}"),
        path=lambda c: f"{API_OAK}/{_concern(c).pk}",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/concerns/{concern_id}/assign"),
        path=lambda c: f"{API_OAK}/{_concern(c).pk}/assign",
        method="POST",
        data=lambda c: {"staff_id": _alice_staff_id(c)},
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/concerns/{concern_id}/steps"),
        path=lambda c: f"{API_OAK}/{_concern(c).pk}/steps",
        method="POST",
        data=lambda c: {"kind": "contact", "text": "Spoke to Dora at pick-up"},
        expect=_expect({"alice": 201, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/concerns/{concern_id}/outcome"),
        path=lambda c: f"{API_OAK}/{_concern(c).pk}/outcome",
        method="POST",
        data=lambda c: {"outcome": "The coat was in the lost property box."},
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/concerns/{concern_id}/informal"),
        path=lambda c: f"{API_OAK}/{_concern(c).pk}/informal",
        method="POST",
        data=lambda c: {"summary": "The coat was in lost property."},
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/family/concerns"),
        path=lambda c: "/api/v1/family/concerns",
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("POST", "/family/concerns"),
        path=lambda c: "/api/v1/family/concerns",
        method="POST",
        data=lambda c: {"kind": "feedback", "about": "Lovely sports day", "anonymous": True},
        expect=_expect({"dora": 201, "ed": 201}),
    ),
    api_entry(
        _op("GET", "/family/concerns/{concern_id}"),
        path=lambda c: f"/api/v1/family/concerns/{_concern(c).pk}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/concerns/{concern_id}/confirm"),
        path=lambda c: f"/api/v1/family/concerns/{_concern(c, informal=True).pk}/confirm",
        method="POST",
        data=lambda c: {"happy": True},
        expect=_expect({"dora": 200}),
    ),
]
