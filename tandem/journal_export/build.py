"""Making the files: a child's journal as a PDF (WeasyPrint) or as a ZIP of HTML pages and media
that opens without internet.

What goes in is exactly what the child's family sees: the journal's family view
(tandem.journal.selectors) decides, per observation, the other children's names ("a friend") and
each photo (as it is, a blurred copy, or withheld). Photos come from their "display" or blurred
copies, never the originals. Memory stays flat however many photos there are: observations are
read 25 at a time, photos are copied one at a time from storage (into the ZIP, or as small JPEGs
in a temporary folder WeasyPrint reads from), and the finished file is written to disk, then to
storage, never held whole in memory."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import zipfile
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tandem.access import rules
from tandem.core.models import Child
from tandem.journal import selectors as journal_selectors
from tandem.journal.models import Observation
from tandem.media.models import MediaFile
from tandem.media.signing import media_token_read

from .models import JournalExport

CHUNK = 25
PDF_PHOTO_PX = 1000  # long side of the JPEG put in the PDF: sharp on A4, small in memory
COPY_BUFFER = 256 * 1024


@dataclass
class ExportPhoto:
    kind: str
    file: object  # a FieldFile of the copy the family may see
    ext: str
    caption: str = ""
    blurred: bool = False
    src: str = ""  # where the page finds it (filled by the builder)


@dataclass
class ExportItem:
    number: int
    occurred_at: dt.datetime
    author_name: str
    text_html: str  # cleaned by nh3 in the journal app (and redacted for the family)
    child_voice: str
    next_steps: str
    home_ideas: str
    areas: list[str]
    is_group: bool
    photos: list[ExportPhoto] = field(default_factory=list)
    other_media: list[str] = field(default_factory=list)  # "a video", … not in the PDF
    page: str = ""


def _viewer(export: JournalExport):
    """Who the family view is signed for. Links never leave this process (we only read which copy
    they name), so an export asked for by nobody (a child leaving) uses a stand-in."""
    return export.requested_by or SimpleNamespace(pk=f"journal-export-{export.pk}")


def _own_children(export: JournalExport) -> list[Child]:
    """The children whose names stay: the requesting guardian's children, otherwise the child alone."""
    user = export.requested_by
    if export.side == JournalExport.Side.FAMILY and user is not None:
        own = list(Child.objects.filter(id__in=rules.guardian_child_ids(user)))
        if any(c.pk == export.child_id for c in own):
            return own
    return [export.child]


def _range(export: JournalExport) -> tuple[dt.datetime, dt.datetime]:
    tz = zoneinfo.ZoneInfo(export.setting.timezone)
    start = dt.datetime.combine(export.date_from, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(export.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def observation_ids(export: JournalExport) -> list:
    """The child's observations the family may read in the date range, oldest first."""
    start, end = _range(export)
    qs = journal_selectors.published_for_families(
        Observation.objects.filter(
            setting_id=export.setting_id,
            child_links__child_id=export.child_id,
            occurred_at__gte=start,
            occurred_at__lt=end,
        )
    )
    return list(qs.order_by("occurred_at", "created_at").values_list("pk", flat=True).distinct())


def _variant_file(media: MediaFile, url: str | None):
    """The file a family-view link names, or None (a photo's original is never exported)."""
    if not url:
        return None
    data = media_token_read(resolve(url).kwargs["token"])
    if data is None:
        return None
    name = data["v"]
    if name == "original":
        return None if media.kind == MediaFile.Kind.PHOTO else media.original
    variant = next((v for v in media.variants.all() if v.name == name), None)
    return variant.file if variant else None


OTHER_MEDIA = {  # labels translated in the template ({% translate m %})
    MediaFile.Kind.VIDEO: (gettext_noop("a video"), "mp4"),
    MediaFile.Kind.AUDIO: (gettext_noop("a voice note"), "m4a"),
    MediaFile.Kind.DOCUMENT: (gettext_noop("a document"), "pdf"),
}


def _ext(media: MediaFile, file) -> str:
    suffix = Path(file.name).suffix.lstrip(".").lower()
    return suffix or OTHER_MEDIA.get(media.kind, ("", "bin"))[1]


def iter_items(export: JournalExport, ids: list) -> Iterator[ExportItem]:
    """Each observation as the family sees it, 25 read at a time (queries per chunk are fixed)."""
    own = _own_children(export)
    viewer = _viewer(export)
    tz = zoneinfo.ZoneInfo(export.setting.timezone)
    number = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        observations = list(
            Observation.objects.filter(pk__in=chunk)
            .select_related("author__user")
            .prefetch_related(journal_selectors._media_prefetch())
            .order_by("occurred_at", "created_at")
        )
        views = journal_selectors.family_views_for(observations, child=export.child, own_children=own, viewer=viewer)
        for obs, view in zip(observations, views, strict=True):
            media_by_id = {link.media_id: link.media for link in obs.media_links.all()}
            number += 1
            item = ExportItem(
                number=number,
                occurred_at=obs.occurred_at.astimezone(tz),
                author_name=view.author_name,
                text_html=view.text_html,
                child_voice=view.child_voice,
                next_steps=view.next_steps,
                home_ideas=view.home_ideas,
                areas=view.areas,
                is_group=view.is_group,
            )
            for photo in view.photos:
                media = media_by_id.get(photo.media_id)
                if media is None or photo.withheld:
                    continue
                file = _variant_file(media, photo.url)
                if file is None:
                    continue
                if media.kind == MediaFile.Kind.PHOTO:
                    item.photos.append(
                        ExportPhoto(
                            kind=media.kind,
                            file=file,
                            ext=_ext(media, file),
                            caption=photo.caption,
                            blurred=photo.blurred,
                        )
                    )
                else:
                    item.other_media.append(OTHER_MEDIA[media.kind][0])
                    item.photos.append(
                        ExportPhoto(kind=media.kind, file=file, ext=_ext(media, file), caption=photo.caption)
                    )
            yield item


# --- the chart ------------------------------------------------------------------------------------


def area_counts(export: JournalExport, items_areas: Counter) -> list[tuple[str, int]]:
    """Observations per area: every area of the setting's framework (0 included), in its order,
    then any area from an older framework version the observations still link to."""
    from tandem.curriculum.selectors import FrameworkMissing, area_explanations_for_setting

    try:
        names = [a.name for a in area_explanations_for_setting(export.setting)]
    except FrameworkMissing:
        names = []
    rows = [(n, items_areas.get(n, 0)) for n in names]
    rows += [(n, c) for n, c in items_areas.items() if n not in names]
    return rows


def area_chart_svg(rows: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart as SVG markup (labels escaped here), drawn on the server so the same
    chart serves the PDF and the offline pages. No style attributes: presentation attributes only."""
    label_w, bar_w, row_h, top = 300, 300, 26, 30
    height = top + row_h * max(1, len(rows)) + 10
    width = label_w + bar_w + 50
    most = max((c for _n, c in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="#1f2a2e">{escape(title)}</text>',
    ]
    for i, (name, count) in enumerate(rows):
        y = top + i * row_h
        w = round(bar_w * count / most)
        label = name if len(name) <= 44 else name[:43] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end" '
            f'fill="#1f2a2e">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 1)}" height="{row_h - 8}" fill="#2f6f73"/>')
        parts.append(f'<text x="{label_w + max(w, 1) + 6}" y="{y + 17}" font-size="12" fill="#1f2a2e">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- PDF --------------------------------------------------------------------------------------------


def _jpeg_for_pdf(file, target: Path) -> bool:
    """A small JPEG of one photo copy (one image in memory at a time); False if unreadable."""
    from PIL import Image

    try:
        with file.open("rb") as fh, Image.open(fh) as im:
            im.draft("RGB", (PDF_PHOTO_PX, PDF_PHOTO_PX))
            im = im.convert("RGB")
            im.thumbnail((PDF_PHOTO_PX, PDF_PHOTO_PX))
            im.save(target, "JPEG", quality=80, optimize=True)
        return True
    except (OSError, ValueError):
        return False


def _context(export: JournalExport, *, count: int, chart_svg: str) -> dict:
    return {
        "export": export,
        "child": export.child,
        "setting": export.setting,
        "count": count,
        "chart_svg": chart_svg,  # built by area_chart_svg, labels escaped there
        "made_at": timezone.now(),
    }


def build_pdf(export: JournalExport, target: Path, progress: Callable[[int], None]) -> tuple[int, int]:
    """Write the PDF to TARGET; return (observations, photos)."""
    from weasyprint import HTML

    ids = observation_ids(export)
    areas: Counter = Counter()
    items, photos = [], 0
    with tempfile.TemporaryDirectory(prefix="tandem-export-") as tmp:
        for item in iter_items(export, ids):
            areas.update(item.areas)
            kept = []
            for photo in item.photos:
                if photo.kind != MediaFile.Kind.PHOTO:
                    continue
                path = Path(tmp) / f"{item.number}-{len(kept)}.jpg"
                if _jpeg_for_pdf(photo.file, path):
                    photo.src = path.as_uri()
                    photo.file = None  # keep only the path: nothing of the image stays in memory
                    kept.append(photo)
            item.photos = kept
            photos += len(kept)
            items.append(item)
            progress(5 + int(55 * item.number / max(1, len(ids))))
        language = export.language if export.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language), timezone.override(zoneinfo.ZoneInfo(export.setting.timezone)):
            chart = area_chart_svg(area_counts(export, areas), title=_("Observations in each area of learning"))
            html = render_to_string(
                "journal_export/journal_pdf.html",
                {
                    **_context(export, count=len(items), chart_svg=chart),
                    "items": items,
                    "pdf_language": language,
                    "pdf_direction": "rtl" if translation.get_language_bidi() else "ltr",
                },
            )
        progress(65)
        document = HTML(string=html, base_url=tmp).render()
        progress(85)
        document.write_pdf(target=str(target))
    return len(items), photos


# --- ZIP --------------------------------------------------------------------------------------------


def _copy_into_zip(zf: zipfile.ZipFile, name: str, file) -> None:
    """Stream one file from storage into the archive (no whole file in memory)."""
    with file.open("rb") as src, zf.open(name, "w", force_zip64=True) as dst:
        shutil.copyfileobj(src, dst, COPY_BUFFER)


def build_zip(export: JournalExport, target: Path, progress: Callable[[int], None]) -> tuple[int, int]:
    """Write the ZIP to TARGET: index.html, one page per observation, media/, style.css."""
    ids = observation_ids(export)
    areas: Counter = Counter()
    index, photos = [], 0
    language = export.language if export.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    folder = export.filename.rsplit(".", 1)[0]
    with (
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
        translation.override(language),
        timezone.override(zoneinfo.ZoneInfo(export.setting.timezone)),
    ):
        zf.writestr(f"{folder}/style.css", render_to_string("journal_export/zip_style.css"))
        for item in iter_items(export, ids):
            areas.update(item.areas)
            for i, photo in enumerate(item.photos):
                name = f"media/{item.number:04d}-{i + 1}.{photo.ext}"
                # Photos are WebP/JPEG and video is compressed already: store them as they are.
                zf.compression = zipfile.ZIP_STORED
                _copy_into_zip(zf, f"{folder}/{name}", photo.file)
                zf.compression = zipfile.ZIP_DEFLATED
                photo.src = f"../{name}"
                photo.file = None
                photos += photo.kind == MediaFile.Kind.PHOTO
            item.page = f"observations/{item.occurred_at:%Y-%m-%d}-{item.number:04d}.html"
            zf.writestr(
                f"{folder}/{item.page}",
                render_to_string(
                    "journal_export/zip_observation.html",
                    {**_context(export, count=0, chart_svg=""), "item": item, "pdf_language": language},
                ),
            )
            index.append(
                SimpleNamespace(
                    page=item.page,
                    occurred_at=item.occurred_at,
                    areas=item.areas,
                    photo_count=sum(p.kind == MediaFile.Kind.PHOTO for p in item.photos),
                    first_photo=next((p.src[3:] for p in item.photos if p.kind == MediaFile.Kind.PHOTO), ""),
                    summary=item.child_voice or "",
                )
            )
            progress(5 + int(85 * item.number / max(1, len(ids))))
        chart = area_chart_svg(area_counts(export, areas), title=_("Observations in each area of learning"))
        zf.writestr(
            f"{folder}/index.html",
            render_to_string(
                "journal_export/zip_index.html",
                {**_context(export, count=len(index), chart_svg=chart), "entries": index, "pdf_language": language},
            ),
        )
    return len(index), photos
