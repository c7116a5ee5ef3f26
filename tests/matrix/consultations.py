"""Consultation pages and API (tandem.consultations, tandem.api.routers.consultations).

Staff: managing (start, publish, new version, reply, all comments) needs can_manage_partnership:
alice gets in, bob and adam get 403. Every member of staff reads and comments on a consultation
put to staff. charlie (another setting), olive, dora and ed get 404 on staff pages. Families:
Oak Tree's vision is put to every family, so dora and ed both read and comment (each sees only
their own comments); staff, charlie and olive get 404."""

from tests.matrix import PEOPLE, Entry, api_entry, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/consultations"
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}
FAMILIES = {**{p: 404 for p in PEOPLE}, "dora": 200, "ed": 200, None: 302}


def _vision(c, *, publish=True):
    from tandem.consultations import services
    from tandem.consultations.models import Consultation

    found = Consultation.objects.filter(title="Vision" if publish else "Draft").first()
    if found:
        return found
    consultation = services.consultation_create(
        setting=c["ada"].setting,
        by=c["alice"],
        title="Vision" if publish else "Draft",
        body="We welcome every child.\n\nWe work with families.",
        kind="vision",
        audience="everyone",
    )
    if publish:
        services.version_publish(consultation=consultation, by=c["alice"])
    return consultation


def _comment(c):
    from tandem.consultations import selectors, services
    from tandem.consultations.models import Comment

    found = Comment.objects.first()
    if found:
        return found
    vision = _vision(c)
    return services.comment_add(
        version=selectors.latest_version(vision), by=c["dora"], guardian=c["dora"].guardianships.get(), body="Lovely"
    )


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _family(name, *, method="GET", data=None, ok=200):
    expect = {**FAMILIES}
    expect.update({"dora": ok, "ed": ok})
    return Entry(
        name=name, expect=expect, kwargs=lambda c: {"consultation_id": _vision(c).pk}, method=method, data=data
    )


ENTRIES = [
    staff_page("consultations:index"),
    staff_page("consultations:create", **MANAGERS),
    staff_page(
        "consultations:create",
        method="POST",
        data=lambda c: {"kind": "vision", "title": "V2", "audience": "everyone", "body": "Text"},
        ok=302,
        **MANAGERS,
    ),
    staff_page("consultations:detail", kwargs=_oak(consultation_id=lambda c: _vision(c).pk)),
    staff_page(
        "consultations:detail",
        kwargs=_oak(consultation_id=lambda c: _vision(c).pk),
        method="POST",
        data=lambda c: {"paragraph": "1", "body": "Good"},
        ok=302,
    ),
    staff_page(
        "consultations:publish",
        kwargs=_oak(consultation_id=lambda c: _vision(c, publish=False).pk),
        method="POST",
        ok=302,
        **MANAGERS,
    ),
    staff_page("consultations:version-new", kwargs=_oak(consultation_id=lambda c: _vision(c).pk), **MANAGERS),
    staff_page(
        "consultations:version-new",
        kwargs=_oak(consultation_id=lambda c: _vision(c).pk),
        method="POST",
        data=lambda c: {"body": "New text.", "summary_of_changes": "You said, we did."},
        ok=302,
        **MANAGERS,
    ),
    staff_page(
        "consultations:reply",
        kwargs=_oak(consultation_id=lambda c: _vision(c).pk, comment_id=lambda c: _comment(c).pk),
        method="POST",
        data=lambda c: {"body": "Thank you", "visibility": "commenter"},
        ok=302,
        **MANAGERS,
    ),
    Entry(name="consultations_family:index", expect={**{p: 200 for p in PEOPLE}, None: 302}),
    _family("consultations_family:detail"),
    _family("consultations_family:detail", method="POST", data=lambda c: {"paragraph": "", "body": "Great"}, ok=302),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/consultations"),
        path=lambda c: API_OAK,
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/consultations"),
        path=lambda c: API_OAK,
        method="POST",
        data=lambda c: {"title": "Plan", "kind": "improvement", "body": "Aim one.", "publish": True},
        expect=_expect({"alice": 201, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/consultations/{consultation_id}/comments"),
        path=lambda c: f"{API_OAK}/{_vision(c).pk}/comments",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/consultations/{consultation_id}/comments/{comment_id}/replies"),
        path=lambda c: f"{API_OAK}/{_vision(c).pk}/comments/{_comment(c).pk}/replies",
        method="POST",
        data=lambda c: {"body": "Thanks", "visibility": "everyone"},
        expect=_expect({"alice": 201, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/family/consultations"),
        path=lambda c: "/api/v1/family/consultations",
        expect={**{p: 200 for p in PEOPLE}, None: 401},
        note="everyone signed in gets their own list (empty for staff)",
    ),
    api_entry(
        _op("GET", "/family/consultations/{consultation_id}/comments"),
        path=lambda c: f"/api/v1/family/consultations/{_vision(c).pk}/comments",
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("POST", "/family/consultations/{consultation_id}/comments"),
        path=lambda c: f"/api/v1/family/consultations/{_vision(c).pk}/comments",
        method="POST",
        data=lambda c: {"body": "Lovely", "paragraph": 1},
        expect=_expect({"dora": 201, "ed": 201}),
    ),
]
