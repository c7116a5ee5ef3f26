"""API for curriculum (mounted at /api/v1/): staff paths "/settings/{setting_slug}/curriculum/...", family paths
"/family/curriculum/...". Same access rules as the pages.

Names come out in the caller's language (the API's locale middleware), codes are stable across
framework versions, ids are the rows an observation links to."""

from django.http import HttpRequest
from ninja import Router, Schema

from tandem.access import rules
from tandem.curriculum import selectors

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
