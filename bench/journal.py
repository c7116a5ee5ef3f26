"""A guardian's learning journal feed under load: `python bench/journal.py [--postgresql]`.

Builds its own database (var/bench-journal/, or PostgreSQL database tandem_bench_journal) with
the demo plus `demo --scale 50` (about 5,000 children), adds about 40 published observations per
child of scale-0001 in bulk (a quarter of them group observations of two children; each with a
photo and its thumbnail and display copies; one guardian's child has 60, so the first page holds
50), starts gunicorn like bench/pages.py and measures from 20 concurrent clients, in the same run:

- baseline: /healthz, the cost of Django answering at all;
- feed: /family/journal/children/<id>/ as that guardian: 50 observations, each redacted for the
  family (names, and for each photo the consent of every child in it, read at request time),
  with thumbnails behind signed links.

Server time is the Server-Timing `app;dur` header and gunicorn's access log. Target: feed p95
<= 60 ms server time. Helpers come from bench/pages.py."""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pages  # noqa: E402

ROOT = pages.ROOT
BENCH_VAR = ROOT / "var" / "bench-journal"
SLUG = "scale-0001"
PER_CHILD = 40
FEED_CHILD = 60
TARGETS = {"feed": 60.0, "feed-1": 60.0}


def seed() -> None:
    """Bulk observations for every child of scale-0001 (idempotent). Prints the guardian's
    e-mail and child id as JSON on the last line."""
    import io

    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone
    from django_scopes import scopes_disabled
    from PIL import Image

    from tandem.core.models import Child, ChildGuardian, Setting, StaffMember
    from tandem.journal.models import Observation, ObservationChild, ObservationMedia
    from tandem.media.models import MediaFile, MediaVariant

    # A benchmark fixture written in bulk for one setting: no request scope here.
    with scopes_disabled():
        setting = Setting.objects.get(slug=SLUG)
        link = (
            ChildGuardian.objects.filter(setting=setting, guardian__user__isnull=False, child__leave_date__isnull=True)
            .exclude(guardian__email="")
            .select_related("guardian__user", "child")
            .order_by("child__first_name", "child__id")
            .first()
        )
        target = {"email": link.guardian.user.email, "child": str(link.child_id)}
        if Observation.objects.filter(setting=setting).exists():
            print("journal: already there")
            print(json.dumps(target))
            return
        names = {}
        for name, size in (("original", (1600, 1200)), ("display", (1600, 1200)), ("thumb", (320, 240))):
            buf = io.BytesIO()
            Image.new("RGB", size, (120, 170, 200)).save(buf, "WEBP" if name != "original" else "JPEG")
            names[name] = default_storage.save(f"private/bench/{name}.{'jpg' if name == 'original' else 'webp'}",
                                               ContentFile(buf.getvalue()))  # fmt: skip
        children = list(Child.objects.filter(setting=setting, leave_date__isnull=True).order_by("room_id", "id"))
        author = StaffMember.objects.filter(setting=setting).first()
        now = timezone.now()
        observations, links, medias, variants, obs_media, in_photo = [], [], [], [], [], []
        Through = ObservationMedia.children_in_photo.through
        for index, child in enumerate(children):
            mate = children[index + 1] if index + 1 < len(children) else children[0]
            count = FEED_CHILD if str(child.pk) == target["child"] else PER_CHILD
            for n in range(count):
                when = now - dt.timedelta(hours=6 * n + index % 6 + 1)
                o = Observation(setting=setting, author=author, occurred_at=when, status="published",
                                published_at=when + dt.timedelta(minutes=30),
                                text_markdown=f"{child.first_name} and {mate.first_name} poured water ({n}).",
                                text_html=f"<p>{child.first_name} poured water ({n}).</p>",
                                home_ideas="Pour water in the bath.")  # fmt: skip
                observations.append(o)
                group = [child, mate] if n % 4 == 0 else [child]
                links += [ObservationChild(setting=setting, observation=o, child=c) for c in group]
                m = MediaFile(setting=setting, kind="photo", status="ready", progress=100, original=names["original"],
                              content_type="image/jpeg", width=1600, height=1200, size=1)  # fmt: skip
                medias.append(m)
                variants += [
                    MediaVariant(setting=setting, media=m, name=v, file=names[v]) for v in ("display", "thumb")
                ]
                om = ObservationMedia(setting=setting, observation=o, media=m)
                obs_media.append(om)
                in_photo += [(om, c) for c in group]
        Observation.objects.bulk_create(observations, batch_size=1000)
        ObservationChild.objects.bulk_create(links, batch_size=2000)
        MediaFile.objects.bulk_create(medias, batch_size=1000)
        MediaVariant.objects.bulk_create(variants, batch_size=2000)
        ObservationMedia.objects.bulk_create(obs_media, batch_size=1000)
        Through.objects.bulk_create(
            [Through(observationmedia_id=om.pk, child_id=c.pk) for om, c in in_photo], batch_size=2000
        )
        print(f"journal: added {len(observations)} observations for {len(children)} children of {SLUG}")
        print(json.dumps(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="one per core (default)")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed()
        return

    env, database = pages.bench_env(BENCH_VAR, postgresql=args.postgresql, database="tandem_bench_journal")
    pages.prepare_demo(env, database)
    out = subprocess.run(
        [sys.executable, __file__, "--seed"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    print(out.stdout.strip().splitlines()[0])
    target = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"data: {pages.counts(env)}")

    pages.beat(env)
    log = BENCH_VAR / "access.log"
    results = []
    with pages.gunicorn(env, workers=args.workers, log=log) as port:
        cookie = pages.sign_in(port, target["email"])
        feed = f"/family/journal/children/{target['child']}/"
        status, _headers, body = pages.request(port, feed, cookie=cookie)
        items, thumbs = body.count(b'class="obs-card"'), body.count(b'src="/m/')
        print(f"feed: status {status}, {items} observations, {thumbs} thumbnails ({feed})")
        if status != 200 or items != 50:
            raise SystemExit("the feed did not show 50 observations")

        def measure(name: str, path: str, cookie: str, total: int, concurrency: int) -> None:
            pages.beat(env)
            pages.hammer(port, path, cookie, total=20, concurrency=concurrency)  # warm up
            time.sleep(0.2)
            offset = log.stat().st_size
            latencies, app_times, statuses, seconds = pages.hammer(
                port, path, cookie, total=total, concurrency=concurrency
            )
            time.sleep(0.3)
            server_ms, _ = pages.server_times(log, offset, path)
            results.append({
                "page": name, "path": path, "requests": len(latencies),
                "errors": sum(n for s, n in statuses.items() if s != 200),
                "requests_per_second": round(len(latencies) / seconds, 1),
                "client_ms": pages.percentiles(latencies), "server_ms": pages.percentiles(server_ms),
                "app_ms": pages.percentiles(app_times),
            })  # fmt: skip

        measure("baseline", "/healthz", "", args.requests, args.concurrency)
        measure("feed", feed, cookie, args.requests, args.concurrency)
        measure("feed-1", feed, cookie, 200, 1)

    base = results[0]
    print()
    print(f"{database}, gunicorn {args.workers} sync workers, {args.concurrency} clients")
    print(f"{'page':<9} {'req/s':>7} {'err':>4} | {'app p50':>7} {'p95':>6} {'p99':>6} | {'server p95':>10} | "
          f"{'client p95':>10} | {'target':>6}")  # fmt: skip
    for r in results:
        a, s, c = r["app_ms"], r["server_ms"], r["client_ms"]
        target_ms = TARGETS.get(r["page"])
        r["meets_target"] = None if target_ms is None else a.get("p95", 1e9) <= target_ms
        r["ratio_app_p95_to_baseline"] = round(a["p95"] / base["app_ms"]["p95"], 2) if base["app_ms"] else None
        print(f"{r['page']:<9} {r['requests_per_second']:>7.1f} {r['errors']:>4} | {a.get('p50', 0):>7.1f} "
              f"{a.get('p95', 0):>6.1f} {a.get('p99', 0):>6.1f} | {s.get('p95', 0):>10.1f} | {c['p95']:>10.1f} | "
              f"{'' if target_ms is None else ('yes' if r['meets_target'] else 'NO'):>6}")  # fmt: skip
    pages.RESULTS.mkdir(parents=True, exist_ok=True)
    out_file = pages.RESULTS / f"journal-{database}-latest.json"
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report = {"when": when, "database": database, "targets_ms": TARGETS, "pages": results}
    out_file.write_text(json.dumps(report, indent=2))
    print(f"written to {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
