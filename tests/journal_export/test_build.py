"""A child's journal to keep is what their family sees: names, photos and consent as in the
feed, display or blurred copies only, within the dates asked, readable offline."""

import datetime as dt
import io
import re
import zipfile

import numpy as np
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from tandem.core.models import ConsentKind
from tandem.journal import selectors as journal_selectors
from tandem.journal_export import build, services
from tandem.journal_export.models import JournalExport
from tandem.media.models import MediaVariant
from tests.journal_export.conftest import grant, make_observation

pytestmark = pytest.mark.django_db


def _read(export: JournalExport) -> bytes:
    with default_storage.open(export.file.name, "rb") as fh:
        return fh.read()


def _pdf_text(export: JournalExport) -> str:
    reader = PdfReader(io.BytesIO(_read(export)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _zip(export: JournalExport) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(_read(export)))


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


def test_a_familys_pdf_names_their_child_and_calls_the_other_a_friend(group_observation, dora, ada, make_export):
    export = make_export(ada, dora, kind="pdf")
    assert export.status == "ready" and export.progress == 100
    assert (export.observation_count, export.photo_count) == (1, 1)
    text = _pdf_text(export)
    assert "Ada's learning journal" in text
    assert "Ada Lovelace showed a friend how to stack the cups" in text
    assert "Ben" not in text
    assert "Observations in each area of learning" in text and "Communication and Language" in text
    images = [img for page in PdfReader(io.BytesIO(_read(export))).pages for img in page.images]
    assert len({img.name for img in images}) == 1  # one photo (pypdf may list it once per use)
    assert max(images[0].image.size) <= build.PDF_PHOTO_PX  # a display copy made small, never the original


def test_the_other_familys_zip_blurs_ada_when_her_group_consent_is_withdrawn(
    group_observation, ed, ben, ada, make_export, django_capture_on_commit_callbacks
) -> None:
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    with django_capture_on_commit_callbacks(execute=True):  # the blurred copy is made on first read
        journal_selectors.feed_for_guardian(user=ed, child=ben)
    export = make_export(ben, ed, kind="zip")
    zf = _zip(export)
    [photo] = [n for n in zf.namelist() if "/media/" in n]
    link = group_observation.media_links.get()
    display = MediaVariant.objects.get(media=link.media, name="display")
    blurred = MediaVariant.objects.get(media=link.media, name__startswith="blur-", name__regex=r"^blur-[0-9a-f]+$")
    data = zf.read(photo)
    with default_storage.open(blurred.file.name, "rb") as fh:
        assert data == fh.read()
    with default_storage.open(display.file.name, "rb") as fh:
        assert np.abs(_pixels(data) - _pixels(fh.read())).mean() > 0.5  # really differs where the face was
    page = next(zf.read(n).decode() for n in zf.namelist() if "/observations/" in n)
    assert "A friend showed Ben" in page and "Ada" not in page and "Lovelace" not in page


def test_a_photo_without_a_face_box_is_left_out_of_the_other_familys_journal(
    group_observation, ed, ben, ada, make_export
) -> None:
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    group_observation.media_links.get().media.faces.update(child=None)
    export = make_export(ben, ed, kind="zip")
    assert export.photo_count == 0
    assert not [n for n in _zip(export).namelist() if "/media/" in n]


def test_the_zip_opens_offline_every_link_is_relative_and_inside_the_archive(
    group_observation, dora, ada, make_export
) -> None:
    zf = _zip(make_export(ada, dora, kind="zip"))
    names = set(zf.namelist())
    root = next(iter(names)).split("/")[0]
    assert f"{root}/index.html" in names and f"{root}/style.css" in names
    for name in (n for n in names if n.endswith(".html")):
        html = zf.read(name).decode().replace('xmlns="http://www.w3.org/2000/svg"', "")  # a name, not a fetch
        assert "http://" not in html and "https://" not in html and "<script" not in html
        base = name.rsplit("/", 1)[0]
        for ref in re.findall(r'(?:href|src)="([^"]+)"', html):
            parts = f"{base}/{ref}".split("/")
            resolved: list[str] = []
            for part in parts:
                if part == "..":
                    resolved.pop()
                elif part not in ("", "."):
                    resolved.append(part)
            assert "/".join(resolved) in names, f"{name} links to {ref}, which is not in the ZIP"
    index = zf.read(f"{root}/index.html").decode()
    assert "<svg" in index and "Communication and Language" in index


def test_only_published_observations_in_the_dates_asked_for_are_in_the_journal(
    group_observation, bob_staff, bob, dora, ada, make_export, django_capture_on_commit_callbacks
) -> None:
    make_observation(author=bob_staff, by=bob, children=[ada], text="A draft nobody shared.")
    old = make_observation(author=bob_staff, by=bob, children=[ada], text="Long ago Ada sang.")
    old.occurred_at = timezone.now() - dt.timedelta(days=90)
    old.status, old.published_at = "published", timezone.now()
    old.save()
    export = make_export(ada, dora, kind="pdf", days=30)
    text = _pdf_text(export)
    assert export.observation_count == 1
    assert "A draft nobody shared" not in text and "Long ago" not in text
    assert make_export(ada, dora, kind="pdf", days=120).observation_count == 2


def test_an_observation_of_another_child_is_never_in_the_journal(
    bob_staff, bob, ben, dora, ada, consents, make_export
) -> None:
    obs = make_observation(author=bob_staff, by=bob, children=[ben], text="Ben alone.")
    obs.status, obs.published_at = "published", timezone.now()
    obs.save()
    export = make_export(ada, dora, kind="pdf")
    assert export.observation_count == 0
    assert "Ben alone" not in _pdf_text(export)


def test_a_build_that_fails_says_so_and_keeps_no_file(group_observation, dora, ada, make_export) -> None:
    link = group_observation.media_links.get()
    for variant in link.media.variants.all():
        default_storage.delete(variant.file.name)  # the copy vanished from storage
    export = make_export(ada, dora, kind="zip")
    assert export.status == "failed"
    assert export.failure_reason == "The journal could not be made. Please try again, or ask the setting."
    assert not export.file


def test_making_an_export_twice_leaves_the_finished_one_alone(group_observation, dora, ada, make_export) -> None:
    export = make_export(ada, dora, kind="pdf")
    name, finished = export.file.name, export.finished_at
    services.journal_export_make(export=export)
    export.refresh_from_db()
    assert (export.file.name, export.finished_at, export.status) == (name, finished, "ready")


def test_it_refuses_dates_the_wrong_way_round_and_saves_nothing(ada, dora) -> None:
    today = ada.setting.today()
    with pytest.raises(services.JournalExportError, match="end date"):
        services.journal_export_request(
            child=ada, by=dora, side="family", kind="pdf", date_from=today, date_to=today - dt.timedelta(days=1)
        )
    with pytest.raises(services.JournalExportError, match="future"):
        services.journal_export_request(
            child=ada,
            by=dora,
            side="family",
            kind="pdf",
            date_from=today + dt.timedelta(days=2),
            date_to=today + dt.timedelta(days=3),
        )
    assert not JournalExport.objects.exists()


def test_it_refuses_a_fourth_journal_while_three_are_being_made(ada, dora) -> None:
    today = ada.setting.today()
    for _ in range(services.MAX_UNFINISHED):
        services.journal_export_request(child=ada, by=dora, side="family", kind="pdf", date_from=today, date_to=today)
    with pytest.raises(services.JournalExportError, match="still being made"):
        services.journal_export_request(child=ada, by=dora, side="family", kind="zip", date_from=today, date_to=today)
    assert JournalExport.objects.count() == services.MAX_UNFINISHED


def test_a_child_leaving_gets_their_whole_journal_as_a_pdf_once(
    group_observation, ada, alice, django_capture_on_commit_callbacks
) -> None:
    ada.leave_date = ada.setting.today()
    ada.save(update_fields=["leave_date"])
    with django_capture_on_commit_callbacks(execute=True):
        export = services.journal_export_offer_on_leaving(child=ada, by=alice)
    again = services.journal_export_offer_on_leaving(child=ada, by=alice)
    export.refresh_from_db()
    assert again.pk == export.pk and JournalExport.objects.count() == 1
    assert (export.side, export.reason, export.kind, export.status) == ("family", "leaving", "pdf", "ready")
    assert export.date_to == ada.leave_date and export.observation_count == 1
    assert "a friend" in _pdf_text(export)


def test_the_chart_escapes_labels_and_draws_a_bar_per_area() -> None:
    svg = build.area_chart_svg([("<b>Maths</b>", 3), ("Literacy", 0)], title="Areas & more")
    assert "<b>" not in svg and "&lt;b&gt;Maths&lt;/b&gt;" in svg and "Areas &amp; more" in svg
    assert svg.count("<rect") == 2 and "style=" not in svg
