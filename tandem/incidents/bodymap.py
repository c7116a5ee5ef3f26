"""The body map: marks on a child outline, front and back. A mark is {view, x, y, note} where x
and y are percentages (0–100) of the outline's width and height, so the same marks draw the
same on the page, on a phone and in the PDF. The named regions are the keyboard and no-JS way
to place a mark: each maps to a point on the outline."""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VIEWS = ("front", "back")
MAX_MARKS = 30
MAX_NOTE = 200
# The outline is drawn in a 100 × 200 viewBox (templates/incidents/_bodymap.html).
VIEWBOX_HEIGHT_FACTOR = 2


@dataclass(frozen=True)
class Region:
    code: str
    label: str
    view: str
    x: float
    y: float


# On the front view the child's right side is on the viewer's left; on the back it is the other way.
REGIONS = [
    Region("front-head", _("Head or face"), "front", 50, 11),
    Region("front-neck", _("Neck"), "front", 50, 19.5),
    Region("front-chest", _("Chest"), "front", 50, 28),
    Region("front-tummy", _("Tummy"), "front", 50, 42),
    Region("front-right-arm", _("Right arm (front)"), "front", 24, 35),
    Region("front-left-arm", _("Left arm (front)"), "front", 76, 35),
    Region("front-right-hand", _("Right hand"), "front", 24, 51),
    Region("front-left-hand", _("Left hand"), "front", 76, 51),
    Region("front-right-leg", _("Right leg (front)"), "front", 41, 62),
    Region("front-left-leg", _("Left leg (front)"), "front", 59, 62),
    Region("front-right-knee", _("Right knee"), "front", 41, 72),
    Region("front-left-knee", _("Left knee"), "front", 59, 72),
    Region("front-right-foot", _("Right foot"), "front", 41, 92),
    Region("front-left-foot", _("Left foot"), "front", 59, 92),
    Region("back-head", _("Back of the head"), "back", 50, 11),
    Region("back-upper", _("Upper back"), "back", 50, 28),
    Region("back-lower", _("Lower back"), "back", 50, 40),
    Region("back-bottom", _("Bottom"), "back", 50, 48),
    Region("back-left-arm", _("Left arm (back)"), "back", 24, 35),
    Region("back-right-arm", _("Right arm (back)"), "back", 76, 35),
    Region("back-left-leg", _("Back of the left leg"), "back", 41, 65),
    Region("back-right-leg", _("Back of the right leg"), "back", 59, 65),
]
REGIONS_BY_CODE = {r.code: r for r in REGIONS}


def region_choices() -> list[tuple[str, str]]:
    return [(r.code, r.label) for r in REGIONS]


def marks_from_regions(codes: list[str]) -> list[dict]:
    """A mark at the middle of each named region, labelled with the region's name."""
    marks = []
    for code in codes:
        region = REGIONS_BY_CODE.get(code)
        if region is not None:
            marks.append({"view": region.view, "x": region.x, "y": region.y, "note": str(region.label)})
    return marks


def clean_marks(raw) -> tuple[list[dict], list[str]]:
    """MARKS made safe to keep: a list of at most MAX_MARKS {view, x, y, note} with x and y
    within the outline (0–100) and short notes. Returns (marks, errors); errors are translated
    and name the mark by its number, as the person sees it."""
    if raw in (None, ""):
        return [], []
    if not isinstance(raw, list):
        return [], [gettext("The body map could not be read. Tap the outline again.")]
    if len(raw) > MAX_MARKS:
        return [], [gettext("Put at most %(n)s marks on the body map.") % {"n": MAX_MARKS}]
    marks, errors = [], []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            errors.append(gettext("Mark %(n)s could not be read.") % {"n": number})
            continue
        view = item.get("view")
        try:
            x, y = float(item.get("x")), float(item.get("y"))
        except (TypeError, ValueError):
            errors.append(gettext("Mark %(n)s has no place on the outline.") % {"n": number})
            continue
        if view not in VIEWS:
            errors.append(gettext("Mark %(n)s must be on the front or the back.") % {"n": number})
            continue
        if not (0 <= x <= 100 and 0 <= y <= 100) or x != x or y != y:  # x != x: NaN
            errors.append(gettext("Mark %(n)s is outside the body outline.") % {"n": number})
            continue
        note = item.get("note") or ""
        if not isinstance(note, str) or len(note) > MAX_NOTE:
            errors.append(
                gettext("The note on mark %(n)s must be text of at most %(max)s characters.")
                % {"n": number, "max": MAX_NOTE}
            )
            continue
        marks.append({"view": view, "x": round(x, 1), "y": round(y, 1), "note": note.strip()})
    return marks, errors


def marks_for_display(marks: list[dict]) -> list[dict]:
    """Numbered marks with their point in the outline's viewBox, for the page and the PDF."""
    return [
        {
            **m,
            "number": n,
            "cx": m["x"],
            "cy": round(m["y"] * VIEWBOX_HEIGHT_FACTOR, 1),
            "ty": round(m["y"] * VIEWBOX_HEIGHT_FACTOR + 2, 1),  # the number's baseline, centred in the dot
        }
        for n, m in enumerate(marks or [], start=1)
    ]
