"""Server-side SVG charts: one chart serves the page and the PDF (WeasyPrint draws SVG), with no
JavaScript and nothing inline that the strict CSP would refuse (presentation attributes only, no
style attributes). Grown from the journal export's area chart (tandem.journal_export.build).

Each function returns a Chart: the SVG markup (every label escaped here) and the same numbers as
rows for the data-table alternative, which templates/reports/_chart.html shows next to the chart:

    chart = bar_chart([("Yes", 12), ("No", 3)], title=_("Do you know your child's key person?"))
    {% include "reports/_chart.html" with chart=chart %}

Accessibility: the SVG has role="img", a <title> and a <desc> (aria-labelledby both), and the
table says everything the picture says. Colours: every bar and line is at least 3:1 against
white (WCAG 1.4.11, non-text contrast) and text is #1f2a2e (about 14:1). Neighbouring segments
of a stacked bar are separated by a white gap, so they do not rely on colour alone; the legend
and the table name each segment. Right to left: with rtl=True the chart is mirrored (labels on
the right, bars grow to the left, the time axis runs right to left), as a reader of Arabic or
Urdu expects."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import count

from django.utils.safestring import SafeString, mark_safe

INK = "#1f2a2e"  # text, about 14:1 on white
MUTED = "#4f5d63"  # axis labels, about 6.6:1
GRID = "#c9d1d3"  # gridlines (decoration only)
BAR = "#2f6f73"  # the journal export's teal, 5.9:1
# A scale from "not at all" to "completely": each 3:1 or more against white, dark at both ends.
SCALE_COLOURS = ["#a0302a", "#c2571b", "#6b6f72", "#3b7f8c", "#1d4e5c"]
# Lines of a chart over time, told apart by colour AND marker shape.
SERIES_COLOURS = ["#2f6f73", "#a0302a", "#5b4a9e", "#8a5a00", "#1d4e5c", "#7a3b69"]
MARKERS = ["circle", "square", "diamond", "triangle"]

_ids = count(1)


@dataclass
class Chart:
    svg: SafeString
    title: str
    desc: str
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    bars: int = 0  # drawn bars (or points), for tests and for "no data yet"

    def __html__(self) -> str:  # {{ chart }} in a template shows the SVG
        return str(self.svg)


def _text(value) -> str:
    return escape(str(value), quote=True)


def _short(label: str, limit: int) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _open(width: int, height: int, title: str, desc: str) -> tuple[list[str], str]:
    uid = f"chart{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{_text(title)}</title>',
        f'<desc id="{uid}-d">{_text(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    return parts, uid


def _percent(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    desc: str = "",
    value_header: str = "",
    label_header: str = "",
    total: float | None = None,
    rtl: bool = False,
    width: int = 640,
    suffix: str = "",
) -> Chart:
    """Horizontal bars, one per (label, value). With TOTAL, each bar also shows its percentage of
    it (the count of people who answered a question) and the bars are scaled to TOTAL."""
    label_w, row_h, top, gap_end = min(260, width // 2 - 20), 28, 8, 70
    bar_w = width - label_w - gap_end
    height = top + row_h * max(1, len(rows)) + 8
    most = total if total else max((v for _label, v in rows), default=0) or 1
    parts, _uid = _open(width, height, title, desc)

    def x(pos: float) -> float:  # mirrored for right to left
        return width - pos if rtl else pos

    start, end = ("start", "end") if not rtl else ("end", "start")
    drawn = 0
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = max(round(bar_w * value / most), 1 if value else 0)
        parts.append(
            f'<text x="{x(label_w - 8)}" y="{y + 18}" font-size="13" text-anchor="{end}" '
            f'fill="{INK}">{_text(_short(label, 34))}</text>'
        )
        parts.append(f'<rect x="{x(label_w)}" y="{y + 5}" width="1" height="{row_h - 10}" fill="{MUTED}"/>')
        if w:
            left = x(label_w + w) if rtl else label_w
            parts.append(f'<rect class="bar" x="{left}" y="{y + 5}" width="{w}" height="{row_h - 10}" fill="{BAR}"/>')
            drawn += 1
        shown = f"{value:g}{suffix}" + (f" ({_percent(value, total)}%)" if total else "")
        parts.append(
            f'<text x="{x(label_w + w + 6)}" y="{y + 18}" font-size="12" text-anchor="{start}" '
            f'fill="{INK}">{_text(shown)}</text>'
        )
    parts.append("</svg>")
    table_rows = [
        [label, f"{value:g}{suffix}"] + ([f"{_percent(value, total)}%"] if total else []) for label, value in rows
    ]
    headers = [label_header, value_header] + (["%"] if total else [])
    return Chart(mark_safe("".join(parts)), title, desc, headers, table_rows, drawn)  # noqa: S308 (escaped above)


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    segments: Sequence[str],
    title: str,
    desc: str = "",
    label_header: str = "",
    rtl: bool = False,
    width: int = 640,
    colours: Sequence[str] = SCALE_COLOURS,
) -> Chart:
    """One bar per row, split into SEGMENTS (a 1-5 scale: "not at all" ... "completely"), each
    segment's width its share of the row's answers. A legend names the segments."""
    label_w, row_h, top = min(200, width // 3), 30, 8
    bar_w = width - label_w - 16
    legend_h = 22 * ((len(segments) + 2) // 3)
    height = top + row_h * max(1, len(rows)) + 10 + legend_h
    parts, _uid = _open(width, height, title, desc)

    def x(pos: float) -> float:
        return width - pos if rtl else pos

    end = "end" if not rtl else "start"
    drawn = 0
    for i, (label, counts) in enumerate(rows):
        y = top + i * row_h
        total = sum(counts)
        parts.append(
            f'<text x="{x(label_w - 8)}" y="{y + 19}" font-size="13" text-anchor="{end}" '
            f'fill="{INK}">{_text(_short(label, 26))}</text>'
        )
        offset = 0.0
        for j, n in enumerate(counts):
            if not n or not total:
                continue
            w = bar_w * n / total
            left = x(label_w + offset + w) if rtl else label_w + offset
            parts.append(
                f'<rect class="bar" x="{left:.1f}" y="{y + 4}" width="{max(w - 2, 1):.1f}" height="{row_h - 8}" '
                f'fill="{colours[j % len(colours)]}"><title>{_text(segments[j])}: {n}</title></rect>'
            )
            offset += w
            drawn += 1
    legend_y = top + row_h * max(1, len(rows)) + 10
    col_w = (width - 16) // 3
    for j, name in enumerate(segments):
        lx, ly = 8 + (j % 3) * col_w, legend_y + 22 * (j // 3)
        sx = x(lx + 14) if rtl else lx
        parts.append(f'<rect x="{sx}" y="{ly}" width="14" height="14" fill="{colours[j % len(colours)]}"/>')
        parts.append(
            f'<text x="{x(lx + 20)}" y="{ly + 12}" font-size="12" text-anchor="{"end" if rtl else "start"}" '
            f'fill="{INK}">{_text(_short(name, 30))}</text>'
        )
    parts.append("</svg>")
    headers = [label_header, *segments]
    table_rows = [[label, *counts] for label, counts in rows]
    return Chart(mark_safe("".join(parts)), title, desc, headers, table_rows, drawn)  # noqa: S308 (escaped above)


def _marker(shape: str, cx: float, cy: float, colour: str, tip: str, cls: str = "point") -> str:
    tip_el = f"<title>{_text(tip)}</title>"
    if shape == "square":
        box = f'x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10"'
        return f'<rect class="{cls}" {box} fill="{colour}">{tip_el}</rect>'
    if shape == "diamond":
        pts = f"{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy:.1f} {cx:.1f},{cy + 6:.1f} {cx - 6:.1f},{cy:.1f}"
        return f'<polygon class="{cls}" points="{pts}" fill="{colour}">{tip_el}</polygon>'
    if shape == "triangle":
        pts = f"{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy + 5:.1f} {cx - 6:.1f},{cy + 5:.1f}"
        return f'<polygon class="{cls}" points="{pts}" fill="{colour}">{tip_el}</polygon>'
    return f'<circle class="{cls}" cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}">{tip_el}</circle>'


def line_chart(
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    x_labels: Sequence[str],
    title: str,
    desc: str = "",
    y_max: float = 100,
    y_suffix: str = "%",
    label_header: str = "",
    rtl: bool = False,
    width: int = 640,
) -> Chart:
    """Change over time: one line with points per series (a question), one x position per label
    (a survey round). A missing value (None) breaks the line. Y runs from 0 to Y_MAX."""
    left, right, top, plot_h = 48, 16, 12, 180
    legend_h = 22 * len(series)
    height = top + plot_h + 34 + legend_h
    plot_w = width - left - right
    parts, _uid = _open(width, height, title, desc)

    def x(pos: float) -> float:
        return width - pos if rtl else pos

    def px(i: int) -> float:
        n = len(x_labels)
        return left + (plot_w * (i + 0.5) / n if n else 0)

    def py(v: float) -> float:
        return top + plot_h - plot_h * min(max(v, 0), y_max) / (y_max or 1)

    for step in range(0, 5):
        v = y_max * step / 4
        parts.append(
            f'<line x1="{x(left)}" x2="{x(left + plot_w)}" y1="{py(v):.1f}" y2="{py(v):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x(left - 6)}" y="{py(v) + 4:.1f}" font-size="11" text-anchor="{"start" if rtl else "end"}" '
            f'fill="{MUTED}">{v:g}{_text(y_suffix)}</text>'
        )
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x(px(i)):.1f}" y="{top + plot_h + 18}" font-size="12" text-anchor="middle" '
            f'fill="{INK}">{_text(_short(label, 16))}</text>'
        )
    drawn = 0
    for k, (name, values) in enumerate(series):
        colour, shape = SERIES_COLOURS[k % len(SERIES_COLOURS)], MARKERS[k % len(MARKERS)]
        run: list[str] = []
        for i, v in enumerate(list(values) + [None]):
            if v is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                    )
                run = []
                continue
            run.append(f"{x(px(i)):.1f},{py(v):.1f}")
        for i, v in enumerate(values):
            if v is not None:
                parts.append(_marker(shape, x(px(i)), py(v), colour, f"{name}, {x_labels[i]}: {v:g}{y_suffix}"))
                drawn += 1
        ly = top + plot_h + 34 + 22 * k
        parts.append(_marker(shape, x(left + 6), ly + 6, colour, name, cls="legend-mark"))
        parts.append(
            f'<text x="{x(left + 18)}" y="{ly + 10}" font-size="12" text-anchor="{"end" if rtl else "start"}" '
            f'fill="{INK}">{_text(_short(name, 70))}</text>'
        )
    parts.append("</svg>")
    headers = [label_header, *x_labels]
    table_rows = [[name, *("—" if v is None else f"{v:g}{y_suffix}" for v in values)] for name, values in series]
    return Chart(mark_safe("".join(parts)), title, desc, headers, table_rows, drawn)  # noqa: S308 (escaped above)
