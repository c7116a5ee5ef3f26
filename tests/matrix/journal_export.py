"""Journals to keep (tandem.journal_export; API operations in tandem.api.routers.curriculum).

Staff side: Ada's journal may be made by alice (manager: can_manage_staff) and bob (Ada's key
person); adam (administrator) sees Ada but may not make journals (403); charlie, olive, dora and
ed get 404; signed out is sent to sign in. Family side: only dora (Ada's guardian) gets in;
everyone else, staff included, gets 404. Each side downloads only its own exports: the exports
used here are made ready on first use in each case."""

import datetime as dt

from django.core.files.base import ContentFile

from tests.matrix import PEOPLE, api_entry, family_page, staff_page

OAK = "oak-tree"
MAKERS = {"allowed": ("alice", "bob"), "forbidden": ("adam",)}


def _export(c, side: str):
    """A ready PDF of Ada's journal for SIDE (made once per case)."""
    from tandem.journal_export.models import JournalExport

    ada = c["ada"]
    found = JournalExport.objects.filter(child=ada, side=side, status="ready").first()
    if found:
        return found
    today = ada.setting.today()
    export = JournalExport(
        setting=ada.setting,
        child=ada,
        requested_by=c["alice"] if side == "staff" else c["dora"],
        side=side,
        kind="pdf",
        date_from=today - dt.timedelta(days=30),
        date_to=today,
        status="ready",
        progress=100,
    )
    export.file.save("journal.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    export.save()
    return export


def _staff_export(c):
    return _export(c, "staff").pk


def _family_export(c):
    return _export(c, "family").pk


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _ada(c):
    return c["ada"].pk


def _form(c) -> dict:
    today = c["ada"].setting.today()
    return {"kind": "pdf", "date_from": (today - dt.timedelta(days=30)).isoformat(), "date_to": today.isoformat()}


def _api_expect(ok: dict, forbidden: tuple = ()) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect.update(ok)
    expect.update({p: 403 for p in forbidden})
    expect[None] = 401
    return expect


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


API_STAFF = "/settings/{setting_slug}/journal-export"
ENTRIES = [
    staff_page("journal_export:child", kwargs=_oak(child_id=_ada), **MAKERS),
    staff_page("journal_export:request", kwargs=_oak(child_id=_ada), method="POST", data=_form, ok=302, **MAKERS),
    staff_page("journal_export:status", kwargs=_oak(export_id=_staff_export), **MAKERS),
    staff_page("journal_export:download", kwargs=_oak(export_id=_staff_export), **MAKERS),
    family_page("journal_export_family:child", kwargs=lambda c: {"child_id": _ada(c)}),
    family_page(
        "journal_export_family:request", kwargs=lambda c: {"child_id": _ada(c)}, method="POST", data=_form, ok=302
    ),
    family_page("journal_export_family:status", kwargs=lambda c: {"export_id": _family_export(c)}),
    family_page("journal_export_family:download", kwargs=lambda c: {"export_id": _family_export(c)}),
    api_entry(
        _op("GET", f"{API_STAFF}/children/{{child_id}}"),
        path=lambda c: f"/api/v1/settings/{OAK}/journal-export/children/{_ada(c)}",
        expect=_api_expect({"alice": 200, "bob": 200}, forbidden=("adam",)),
    ),
    api_entry(
        _op("POST", f"{API_STAFF}/children/{{child_id}}"),
        path=lambda c: f"/api/v1/settings/{OAK}/journal-export/children/{_ada(c)}",
        method="POST",
        data=_form,
        expect=_api_expect({"alice": 201, "bob": 201}, forbidden=("adam",)),
    ),
    api_entry(
        _op("GET", f"{API_STAFF}/{{export_id}}"),
        path=lambda c: f"/api/v1/settings/{OAK}/journal-export/{_staff_export(c)}",
        expect=_api_expect({"alice": 200, "bob": 200}, forbidden=("adam",)),
    ),
    api_entry(
        _op("GET", "/family/journal-export/children/{child_id}"),
        path=lambda c: f"/api/v1/family/journal-export/children/{_ada(c)}",
        expect=_api_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/journal-export/children/{child_id}"),
        path=lambda c: f"/api/v1/family/journal-export/children/{_ada(c)}",
        method="POST",
        data=_form,
        expect=_api_expect({"dora": 201}),
    ),
    api_entry(
        _op("GET", "/family/journal-export/{export_id}"),
        path=lambda c: f"/api/v1/family/journal-export/{_family_export(c)}",
        expect=_api_expect({"dora": 200}),
    ),
]
