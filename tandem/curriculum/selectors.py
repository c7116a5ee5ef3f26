"""Reads of curriculum data. Frameworks are reference data shared by all settings (no child's data),
so these selectors need no viewer; the pages and the API that call them check membership first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext

from tandem.core.models import Setting

from .models import Area, Aspect, Band, Characteristic, Framework, LeuvenLevel, LeuvenScale, Principle, Statement


class FrameworkMissing(LookupError):
    """No framework file has been loaded for this code (run `manage.py curriculum_load`)."""


def framework_get(*, code: str) -> Framework:
    """The current (highest revision) version of the framework with this code."""
    fw = Framework.objects.filter(code=code).order_by("-revision").first()
    if fw is None:
        raise FrameworkMissing(code)
    return fw


def framework_for_setting(setting: Setting) -> Framework:
    """The current version of the framework the setting chose (core.Setting.curriculum_framework)."""
    return framework_get(code=setting.curriculum_framework)


@dataclass
class AspectNode:
    aspect: Aspect
    statements: list[Statement] = field(default_factory=list)


@dataclass
class AreaNode:
    area: Area
    aspects: list[AspectNode] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)  # directly under the area (no aspect)

    @property
    def all_statements(self) -> list[Statement]:
        return [s for node in self.aspects for s in node.statements] + self.statements


@dataclass
class CurriculumTree:
    framework: Framework
    areas: list[AreaNode]
    bands: list[Band]
    characteristics: list[Characteristic]  # top level, each with .points (its sub-points)
    principles: list[Principle]

    @property
    def elgs(self) -> list[Statement]:
        return [s for a in self.areas for s in a.all_statements if s.is_elg]


def curriculum_tree(framework: Framework) -> CurriculumTree:
    """Areas → aspects → statements, plus bands, CoEL and principles, in six flat queries whatever the size."""
    areas = list(Area.objects.filter(framework=framework).order_by("order"))  # 1
    aspects = list(Aspect.objects.filter(framework=framework).order_by("order"))  # 2
    statements = list(Statement.objects.filter(framework=framework).order_by("order"))  # 3
    bands = list(Band.objects.filter(framework=framework).order_by("order"))  # 4
    characteristics = list(Characteristic.objects.filter(framework=framework).order_by("order"))  # 5
    principles = list(Principle.objects.filter(framework=framework).order_by("order"))  # 6
    band_by_id = {b.pk: b for b in bands}
    nodes = {a.pk: AreaNode(area=a) for a in areas}
    aspect_nodes = {}
    for asp in aspects:
        asp.area = nodes[asp.area_id].area
        aspect_nodes[asp.pk] = AspectNode(aspect=asp)
        nodes[asp.area_id].aspects.append(aspect_nodes[asp.pk])
    for s in statements:
        s.area = nodes[s.area_id].area
        s.band = band_by_id.get(s.band_id) if s.band_id else None
        if s.aspect_id:
            s.aspect = aspect_nodes[s.aspect_id].aspect
            aspect_nodes[s.aspect_id].statements.append(s)
        else:
            nodes[s.area_id].statements.append(s)
    top = []
    by_id = {c.pk: c for c in characteristics}
    for c in characteristics:
        c.points = []
    for c in characteristics:
        if c.parent_id:
            by_id[c.parent_id].points.append(c)
        else:
            top.append(c)
    return CurriculumTree(
        framework=framework,
        areas=list(nodes.values()),
        bands=bands,
        characteristics=top,
        principles=principles,
    )


@dataclass(frozen=True)
class CurriculumChoices:
    """What an observation form offers for one setting. Querysets are lazy (no query until used), so a
    form can build them at request time; the *_choices lists are for grouped <select>/checkbox widgets."""

    framework: Framework
    areas: QuerySet[Area]
    aspects: QuerySet[Aspect]
    statements: QuerySet[Statement]
    characteristics: QuerySet[Characteristic]

    def area_choices(self) -> list[tuple[int, str]]:
        return [(a.pk, a.display_name) for a in self.areas]

    def aspect_choices(self) -> list[tuple[str, list[tuple[int, str]]]]:
        """Aspects grouped under their area's name."""
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        for asp in self.aspects.select_related("area"):
            groups.setdefault(asp.area_id, (asp.area.display_name, []))[1].append((asp.pk, asp.display_name))
        return list(groups.values())

    def statement_choices(self, *, elgs_only: bool = False) -> list[tuple[str, list[tuple[int, str]]]]:
        """Statements grouped under their area's name (ELGs only if asked)."""
        qs = self.statements.select_related("area")
        if elgs_only:
            qs = qs.filter(is_elg=True)
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        for s in qs:
            groups.setdefault(s.area_id, (s.area.display_name, []))[1].append((s.pk, s.display_text))
        return list(groups.values())

    def characteristic_choices(self) -> list[tuple[str, list[tuple[int, str]]]]:
        """Sub-points grouped under their characteristic; a characteristic without sub-points is its own choice."""
        rows = list(self.characteristics)
        top = [c for c in rows if c.parent_id is None]
        out = []
        for c in top:
            points = [(p.pk, p.display_name) for p in rows if p.parent_id == c.pk]
            out.append((c.display_name, [(c.pk, gettext("%(name)s (in general)") % {"name": c.display_name})] + points))
        return out


def curriculum_choices(setting: Setting) -> CurriculumChoices:
    """The setting's current framework's areas, aspects, statements and CoEL, for the journal's forms."""
    fw = framework_for_setting(setting)
    return CurriculumChoices(
        framework=fw,
        areas=Area.objects.filter(framework=fw).order_by("order"),
        aspects=Aspect.objects.filter(framework=fw).order_by("area__order", "order"),
        statements=Statement.objects.filter(framework=fw).order_by("order"),
        characteristics=Characteristic.objects.filter(framework=fw).order_by("order"),
    )


def leuven_choices(scale: str) -> list[tuple[int, str]]:
    """(value, "3 – Moderate") for one Leuven scale ("wellbeing" or "involvement"), in the viewer's language."""
    levels = LeuvenLevel.objects.filter(scale__code=scale).order_by("value")
    return [(lvl.value, f"{lvl.value} – {lvl.display_label}") for lvl in levels]


def leuven_label(scale: str, value: int | None) -> str:
    """The label of one Leuven score ("High"), or "" when not scored."""
    if value is None:
        return ""
    level = LeuvenLevel.objects.filter(scale__code=scale, value=value).first()
    return level.display_label if level else str(value)


@dataclass(frozen=True)
class AreaExplanation:
    code: str
    short_code: str
    name: str
    alt_name: str
    is_prime: bool
    text: str


def area_explanations_for_setting(setting: Setting) -> list[AreaExplanation]:
    """Plain-words explanation of each area of the setting's framework, for families (in their language)."""
    fw = framework_for_setting(setting)
    return [
        AreaExplanation(
            code=a.code,
            short_code=a.short_code,
            name=a.display_name,
            alt_name=a.alt_name,
            is_prime=a.is_prime,
            text=a.display_family_text,
        )
        for a in Area.objects.filter(framework=fw).order_by("order")
    ]


def _matches(query: str, *texts: str) -> bool:
    return any(query in t.casefold() for t in texts if t)


def tree_search(tree: CurriculumTree, *, query: str) -> list[AreaNode]:
    """The tree's areas cut down to what matches QUERY in the viewer's language (all of it if empty).
    An area or aspect that matches keeps everything under it."""
    q = query.casefold().strip()
    if not q:
        return tree.areas
    out = []
    for node in tree.areas:
        area = node.area
        if _matches(q, area.display_name, area.alt_name, area.short_code):
            out.append(node)
            continue
        aspects = []
        for asp in node.aspects:
            if _matches(q, asp.aspect.display_name):
                aspects.append(asp)
            else:
                hits = [s for s in asp.statements if _matches(q, s.display_text)]
                if hits:
                    aspects.append(AspectNode(aspect=asp.aspect, statements=hits))
        statements = [s for s in node.statements if _matches(q, s.display_text)]
        if aspects or statements:
            out.append(AreaNode(area=area, aspects=aspects, statements=statements))
    return out


def leuven_scales() -> list[LeuvenScale]:
    """Both Leuven scales with their five levels (two queries)."""
    return list(LeuvenScale.objects.prefetch_related("levels").order_by("order"))
