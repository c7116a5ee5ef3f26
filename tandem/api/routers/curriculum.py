"""API for curriculum (mounted at /api/v1/): staff paths "/settings/{setting_slug}/curriculum/...", family paths
"/family/curriculum/...". Same access rules as the pages.

Names come out in the caller's language (the API's locale middleware), codes are stable across
framework versions, ids are the rows an observation links to."""

import datetime as dt
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.api.errors import ApiError
from tandem.curriculum import selectors
from tandem.journal_export import selectors as export_selectors
from tandem.journal_export import services as export_services
from tandem.journal_export.models import JournalExport

router = Router(tags=["curriculum"])


class StatementOut(Schema):
    id: int
    code: str
    text: str
    band: str | None
    is_elg: bool
    in_gld: bool


class AspectOut(Schema):
    id: int
    code: str
    name: str
    statements: list[StatementOut]


class AreaOut(Schema):
    id: int
    code: str
    short_code: str
    name: str
    alt_name: str
    kind: str
    family_text: str
    aspects: list[AspectOut]
    statements: list[StatementOut]


class PointOut(Schema):
    id: int
    code: str
    name: str


class CharacteristicOut(Schema):
    id: int
    code: str
    name: str
    alt_name: str
    points: list[PointOut]


class PrincipleOut(Schema):
    code: str
    group: str
    name: str
    alt_name: str


class BandOut(Schema):
    code: str
    name: str
    age_from_months: int | None
    age_to_months: int | None


class LeuvenLevelOut(Schema):
    value: int
    label: str


class LeuvenScaleOut(Schema):
    code: str
    name: str
    levels: list[LeuvenLevelOut]


class FrameworkTreeOut(Schema):
    id: int
    code: str
    version: str
    revision: int
    name: str
    area_label: str
    band_label: str
    areas: list[AreaOut]
    bands: list[BandOut]
    characteristics: list[CharacteristicOut]
    principles: list[PrincipleOut]
    leuven: list[LeuvenScaleOut]


def _statement(s) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": s.pk,
        "code": s.code,
        "text": s.display_text,
        "band": s.band.code if s.band else None,
        "is_elg": s.is_elg,
        "in_gld": s.in_gld,
    }


def present_tree(tree: selectors.CurriculumTree, leuven: list) -> dict:
    fw = tree.framework
    return {
        "id": fw.pk,
        "code": fw.code,
        "version": fw.version,
        "revision": fw.revision,
        "name": fw.display_name,
        "area_label": fw.display_area_label,
        "band_label": fw.display_band_label,
        "areas": [
            {
                "id": n.area.pk,
                "code": n.area.code,
                "short_code": n.area.short_code,
                "name": n.area.display_name,
                "alt_name": n.area.alt_name,
                "kind": n.area.kind,
                "family_text": n.area.display_family_text,
                "aspects": [
                    {
                        "id": a.aspect.pk,
                        "code": a.aspect.code,
                        "name": a.aspect.display_name,
                        "statements": [_statement(s) for s in a.statements],
                    }
                    for a in n.aspects
                ],
                "statements": [_statement(s) for s in n.statements],
            }
            for n in tree.areas
        ],
        "bands": [
            {
                "code": b.code,
                "name": b.display_name,
                "age_from_months": b.age_from_months,
                "age_to_months": b.age_to_months,
            }
            for b in tree.bands
        ],
        "characteristics": [
            {
                "id": c.pk,
                "code": c.code,
                "name": c.display_name,
                "alt_name": c.alt_name,
                "points": [{"id": p.pk, "code": p.code, "name": p.display_name} for p in c.points],
            }
            for c in tree.characteristics
        ],
        "principles": [
            {"code": p.code, "group": p.display_group, "name": p.display_name, "alt_name": p.alt_name}
            for p in tree.principles
        ],
        "leuven": [
            {
                "code": s.code,
                "name": s.display_name,
                "levels": [{"value": lvl.value, "label": lvl.display_label} for lvl in s.levels.all()],
            }
            for s in leuven
        ],
    }


@router.get(
    "/settings/{setting_slug}/curriculum",
    response=FrameworkTreeOut,
    summary="The setting's curriculum framework, as a tree",
)
def framework_tree(request: HttpRequest, setting_slug: str) -> dict:
    """The current version of the framework the setting follows: areas → aspects → statements (the
    ids observations link to), age bands or ranges, Characteristics of Effective Learning, principles
    and the Leuven scales. Any member of the setting may read it."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    tree = selectors.curriculum_tree(selectors.framework_for_setting(membership.setting))
    return present_tree(tree, selectors.leuven_scales())


# --- journals to keep (tandem.journal_export) --------------------------------------------------------
# Staff: the child's key person or a manager (403 otherwise; 404 for a child you may not see).
# Families: the child's guardians. Each side lists and reads only its own exports.


class JournalExportIn(Schema):
    kind: str = Field("pdf", description='"pdf" or "zip".')
    date_from: dt.date
    date_to: dt.date


class JournalExportOut(Schema):
    id: UUID
    child_id: UUID
    kind: str
    date_from: dt.date
    date_to: dt.date
    status: str
    progress: int
    reason: str
    observation_count: int
    size: int
    created_at: dt.datetime
    finished_at: dt.datetime | None
    download_url: str | None = Field(None, description="The page that downloads the file (signed-in session).")


def _export_out(export: JournalExport) -> dict:
    if export.status != JournalExport.Status.READY:
        url = None
    elif export.side == JournalExport.Side.STAFF:
        url = reverse("journal_export:download", args=[export.setting.slug, export.pk])
    else:
        url = reverse("journal_export_family:download", args=[export.pk])
    return {
        "id": export.pk,
        "child_id": export.child_id,
        "kind": export.kind,
        "date_from": export.date_from,
        "date_to": export.date_to,
        "status": export.status,
        "progress": export.progress,
        "reason": export.reason,
        "observation_count": export.observation_count,
        "size": export.size,
        "created_at": export.created_at,
        "finished_at": export.finished_at,
        "download_url": url,
    }


def _export_request(request: HttpRequest, child, side: str, payload: JournalExportIn) -> Status:
    if payload.kind not in JournalExport.Kind.values:
        raise ApiError(422, "invalid", _("Choose PDF or ZIP."), [{"field": "kind"}])
    export = export_services.journal_export_request(
        child=child,
        by=request.auth,
        side=side,
        kind=payload.kind,
        date_from=payload.date_from,
        date_to=payload.date_to,
        language=get_language() or "en",
    )
    export.refresh_from_db()
    return Status(201, _export_out(export))


@router.get(
    "/settings/{setting_slug}/journal-export/children/{child_id}",
    response=list[JournalExportOut],
    summary="A child's journals to keep, made by staff",
)
def staff_export_list(request: HttpRequest, setting_slug: str, child_id: str) -> list[dict]:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child = export_selectors.child_for_staff_export(user=request.auth, membership=membership, child_id=child_id)
    exports = export_selectors.export_list_for_child(child=child, side=JournalExport.Side.STAFF).select_related(
        "setting"
    )[:50]
    return [_export_out(e) for e in exports]


@router.post(
    "/settings/{setting_slug}/journal-export/children/{child_id}",
    response={201: JournalExportOut},
    summary="Ask for a child's journal as a PDF or ZIP (key person or manager)",
)
def staff_export_request(request: HttpRequest, setting_slug: str, child_id: str, payload: JournalExportIn) -> Status:
    """The file is made in the background: poll the export until its status is "ready"."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child = export_selectors.child_for_staff_export(user=request.auth, membership=membership, child_id=child_id)
    return _export_request(request, child, JournalExport.Side.STAFF, payload)


@router.get(
    "/settings/{setting_slug}/journal-export/{export_id}",
    response=JournalExportOut,
    summary="One journal to keep made by staff: its progress and download link",
)
def staff_export_detail(request: HttpRequest, setting_slug: str, export_id: str) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return _export_out(export_selectors.export_for_staff(user=request.auth, membership=membership, export_id=export_id))


@router.get(
    "/family/journal-export/children/{child_id}",
    response=list[JournalExportOut],
    summary="Your child's journals to keep",
)
def family_export_list(request: HttpRequest, child_id: str) -> list[dict]:
    child = export_selectors.child_for_family_export(user=request.auth, child_id=child_id)
    exports = export_selectors.export_list_for_child(child=child, side=JournalExport.Side.FAMILY).select_related(
        "setting"
    )[:50]
    return [_export_out(e) for e in exports]


@router.post(
    "/family/journal-export/children/{child_id}",
    response={201: JournalExportOut},
    summary="Ask for your child's journal as a PDF or ZIP",
)
def family_export_request(request: HttpRequest, child_id: str, payload: JournalExportIn) -> Status:
    """The file is made in the background: poll the export until its status is "ready"."""
    child = export_selectors.child_for_family_export(user=request.auth, child_id=child_id)
    return _export_request(request, child, JournalExport.Side.FAMILY, payload)


@router.get(
    "/family/journal-export/{export_id}",
    response=JournalExportOut,
    summary="One of your journals to keep: its progress and download link",
)
def family_export_detail(request: HttpRequest, export_id: str) -> dict:
    return _export_out(export_selectors.export_for_family(user=request.auth, export_id=export_id))
