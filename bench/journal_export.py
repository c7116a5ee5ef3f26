"""A journal to keep with 300 observations and photos: `python bench/journal_export.py [--zip] [--fresh]`.

Builds its own database and files under var/bench-journal-export/ (never your development data):
one setting, a child with 300 published observations over a year, each with one photo whose
"display" copy is a distinct 1600 × 1200 WebP (as the media app makes them) and a tagged face.
Then, in a fresh subprocess (so nothing from seeding is counted), it makes the child's journal as
a PDF (or ZIP) through the real service, exactly as the background task does, and reports the wall
time and the peak memory of that process (resource.getrusage(RUSAGE_SELF).ru_maxrss).

Targets (issue 4): the PDF of 300 observations with photos in <= 60 s with peak memory <= 600 MB."""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench-journal-export"
OBSERVATIONS = 300
TARGET_S = 60.0
TARGET_MB = 600.0


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "TANDEM_DEBUG": "yes",
        "TANDEM_VAR_DIR": str(BENCH_VAR),
        "TANDEM_SQLITE_PATH": str(BENCH_VAR / "bench.sqlite3"),
        "TANDEM_TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        "PYTHONPATH": str(ROOT),
    }


def _photo(i: int) -> bytes:
    """A distinct, photo-like 1600 × 1200 WebP (gradients and shapes, so it compresses like a photo)."""
    import io

    from PIL import Image, ImageDraw, ImageFilter

    base = Image.open(ROOT / "tests" / "fixtures" / "astronaut.jpg").convert("RGB").resize((1600, 1200))
    draw = ImageDraw.Draw(base)
    for k in range(12):
        x, y = (i * 97 + k * 131) % 1500, (i * 53 + k * 71) % 1100
        draw.ellipse((x, y, x + 60 + k * 9, y + 40 + k * 7), fill=((i * 7 + k * 40) % 256, (k * 20) % 256, i % 256))
    base = base.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    base.save(out, "WEBP", quality=80)
    return out.getvalue()


def seed() -> str:
    import datetime as dt

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from tandem.core.models import (
        Child,
        ChildGuardian,
        Consent,
        ConsentKind,
        Family,
        Guardian,
        Organisation,
        Room,
        Setting,
        StaffMember,
    )
    from tandem.journal.models import Observation, ObservationChild, ObservationMedia
    from tandem.journal_export.models import JournalExport
    from tandem.media.models import FaceBox, MediaFile, MediaVariant

    User = get_user_model()
    with scopes_disabled():  # seed data for the benchmark only
        org, _ = Organisation.objects.get_or_create(slug="bench-org", defaults={"name": "Bench"})
        setting, _ = Setting.objects.get_or_create(
            slug="bench", defaults={"name": "Bench Nursery", "organisation": org}
        )
        room, _ = Room.objects.get_or_create(setting=setting, name="Pre-school")
        user, _ = User.objects.get_or_create(
            email="kp@bench.test", defaults={"username": "kp-bench", "first_name": "Kim", "last_name": "Key"}
        )
        staff, _ = StaffMember.objects.get_or_create(setting=setting, user=user, defaults={"roles": ["practitioner"]})
        parent, _ = User.objects.get_or_create(
            email="parent@bench.test", defaults={"username": "parent-bench", "first_name": "Pat"}
        )
        family, _ = Family.objects.get_or_create(setting=setting, name="Bench family")
        child, created = Child.objects.get_or_create(
            setting=setting,
            first_name="Ava",
            last_name="Bench",
            defaults={"date_of_birth": dt.date(2022, 3, 1), "room": room, "family": family, "key_person": staff},
        )
        guardian, _ = Guardian.objects.get_or_create(
            setting=setting, user=parent, defaults={"first_name": "Pat", "last_name": "Bench", "family": family}
        )
        ChildGuardian.objects.get_or_create(
            setting=setting, child=child, guardian=guardian, defaults={"relationship": "mother"}
        )
        for kind in (ConsentKind.PHOTOS_OWN_JOURNAL, ConsentKind.GROUP_PHOTOS):
            Consent.objects.update_or_create(setting=setting, child=child, kind=kind, defaults={"granted": True})
        have = Observation.objects.filter(setting=setting).count()
        now = timezone.now()
        for i in range(have, OBSERVATIONS):
            obs = Observation.objects.create(
                setting=setting,
                author=staff,
                occurred_at=now - dt.timedelta(days=360 * (OBSERVATIONS - i) / OBSERVATIONS, hours=1),
                text_markdown=f"Ava built tower number {i} and counted the blocks.",
                text_html=f"<p>Ava built tower number {i} and counted the blocks.</p>",
                child_voice="Look, it is taller than me!",
                home_ideas="Count the stairs together.",
                status="published",
                published_at=now,
            )
            ObservationChild.objects.create(setting=setting, observation=obs, child=child)
            data = _photo(i)
            media = MediaFile(
                setting=setting,
                kind="photo",
                status="ready",
                progress=100,
                content_type="image/webp",
                size=len(data),
                width=1600,
                height=1200,
                uploaded_by=user,
            )
            media.original.save("original.webp", ContentFile(data), save=False)
            media.save()
            variant = MediaVariant(
                setting=setting, media=media, name="display", width=1600, height=1200, size=len(data)
            )
            variant.file.save("display.webp", ContentFile(data), save=False)
            variant.save()
            FaceBox.objects.create(setting=setting, media=media, x=600, y=300, w=300, h=300, child=child)
            link = ObservationMedia.objects.create(setting=setting, observation=obs, media=media)
            link.children_in_photo.add(child)
        today = timezone.localdate()
        export = JournalExport.objects.create(
            setting=setting,
            child=child,
            requested_by=parent,
            side="family",
            kind=os.environ.get("BENCH_KIND", "pdf"),
            date_from=today - dt.timedelta(days=366),
            date_to=today,
        )
        return str(export.pk)


def measure(export_id: str) -> dict:
    import django

    django.setup()
    from django_scopes import scopes_disabled

    from tandem.journal_export import services
    from tandem.journal_export.models import JournalExport

    with scopes_disabled():  # the task opens the setting's scope; here we time the same service
        export = JournalExport.objects.select_related("setting", "child", "requested_by").get(pk=export_id)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        export = services.journal_export_make(export=export)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    return {
        "kind": export.kind,
        "status": export.status,
        "observations": export.observation_count,
        "photos": export.photo_count,
        "size_mb": round(export.size / 1e6, 1),
        "seconds": round(seconds, 1),
        "peak_mb": round(peak_mb, 1),
        "startup_mb": round(before / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", action="store_true", help="Measure the ZIP instead of the PDF.")
    parser.add_argument("--fresh", action="store_true", help="Start from an empty database.")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        print(seed())
        return
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.fresh and BENCH_VAR.exists():
        shutil.rmtree(BENCH_VAR)
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    e = {**env(), "BENCH_KIND": "zip" if args.zip else "pdf"}
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=ROOT, env=e, check=True)
    t = time.perf_counter()
    export_id = (
        subprocess.run([py, __file__, "--seed"], cwd=ROOT, env=e, check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"seeded in {time.perf_counter() - t:.0f} s")
    out = subprocess.run(
        [py, __file__, "--measure", export_id], cwd=ROOT, env=e, check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["targets"] = {"seconds": TARGET_S, "peak_mb": TARGET_MB}
    result["ok"] = result["seconds"] <= TARGET_S and result["peak_mb"] <= TARGET_MB
    print(json.dumps(result, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"journal-export-{result['kind']}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
