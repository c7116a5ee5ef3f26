"""The care diary under load: `python bench/care.py [--postgresql]`.

Builds its own database (var/bench-care/, or PostgreSQL database tandem_bench_care) with the
demo plus `demo --scale 50` (about 5,000 children), adds a month of diary data for one room of
30 children (20 entries per child per day, today included), starts gunicorn like
bench/pages.py and measures, from 20 concurrent clients and in the same run:

- baseline: /healthz, the cost of Django answering at all;
- room-day: the room's day view for those 30 children with 20 entries each today;
- entry-12: one POST of the multi-child entry form for 12 children of another room (a new
  idempotency key each time, so each one writes 12 entries and 12 audit entries; the measured
  room's day is not changed by it).

Server time is the Server-Timing `app;dur` header (Django's own time) and gunicorn's access log.
Targets: room-day p95 <= 50 ms, entry-12 p95 <= 150 ms (server time). Helpers come from
bench/pages.py. See bench/README.md for how to read the figures."""

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tandem, for the --seed child
import pages  # noqa: E402  (bench/pages.py: request, sign_in, hammer, percentiles, ...)

ROOT = pages.ROOT
BENCH_VAR = ROOT / "var" / "bench-care"
SLUG = "scale-0001"
ROOM = "Toddlers"
POST_ROOM = "Babies"
MANAGER = "manager@scale-0001.demo.tandem.test"
ENTRIES_PER_DAY = 20
DAYS = 30
TARGETS = {"room-day": 50.0, "entry-12": 150.0, "room-day-1": 50.0, "entry-12-1": 150.0}


def seed() -> None:
    """A month of diary data for the measured room (idempotent: days already there are kept).
    Runs in a child process with Django set up."""
    import django

    django.setup()
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from tandem.care.models import CareRoutine, DiaryEntry
    from tandem.core.models import Child, Room, Setting, StaffMember

    # A benchmark fixture across one setting's tables, written in bulk: no request scope here.
    with scopes_disabled():
        setting = Setting.objects.get(slug=SLUG)
        room = Room.objects.get(setting=setting, name=ROOM)
        children = list(Child.objects.filter(room=room, leave_date__isnull=True).order_by("first_name", "id")[:30])
        staff = StaffMember.objects.filter(setting=setting).select_related("user").first().user
        import zoneinfo

        tz = zoneinfo.ZoneInfo(setting.timezone)
        now = timezone.now().astimezone(tz)
        today = now.date()
        CareRoutine.objects.bulk_create(
            [CareRoutine(setting=setting, child=c, nap_times="12:30", nappy_interval_minutes=150,
                         feed_interval_minutes=180) for c in children],
            ignore_conflicts=True,
        )  # fmt: skip
        done = set(
            DiaryEntry.objects.filter(setting=setting, child__in=children).values_list("day", flat=True).distinct()
        )
        kinds = [("nappy", {"nappy": "wet"}), ("feed", {"feed_type": "bottle", "amount_ml": 120}),
                 ("drink", {"amount_ml": 100, "offered": "Water"}), ("mood", {"mood": "happy"}),
                 ("meal", {"offered": "Pasta", "eaten": "most"}), ("activity", {"notes": "Painting"})]  # fmt: skip
        rows = []
        for back in range(DAYS, -1, -1):
            day = today - dt.timedelta(days=back)
            if day in done:
                continue
            # Today: the 20 entries end just before now; earlier days: through the day.
            end = now - dt.timedelta(minutes=1) if back == 0 else dt.datetime.combine(day, dt.time(17, 0), tzinfo=tz)
            for child in children:
                for i in range(ENTRIES_PER_DAY):
                    at = end - dt.timedelta(minutes=3 * (ENTRIES_PER_DAY - i))
                    kind, fields = kinds[i % len(kinds)]
                    if i == 5:
                        kind, fields = "sleep", {"ended_at": at + dt.timedelta(minutes=2)}
                    rows.append(DiaryEntry(setting=setting, child=child, day=at.date(), kind=kind, occurred_at=at,
                                           recorded_by=staff, **fields))  # fmt: skip
        # The POSTs go to another room (12 of its children), so they never add to the room
        # whose day is measured; one entry today puts those children on the room's list.
        other = Room.objects.get(setting=setting, name=POST_ROOM)
        twelve = list(Child.objects.filter(room=other, leave_date__isnull=True).order_by("first_name", "id")[:12])
        if not DiaryEntry.objects.filter(child__in=twelve, day=today).exists():
            half_an_hour_ago = now - dt.timedelta(minutes=30)
            rows += [DiaryEntry(setting=setting, child=c, day=today, kind="mood", mood="happy",
                                occurred_at=half_an_hour_ago, recorded_by=staff) for c in twelve]  # fmt: skip
        DiaryEntry.objects.bulk_create(rows, batch_size=1000)
        print(f"diary: added {len(rows)} entries for {len(children)} children in {ROOM} of {SLUG}")
        print(json.dumps({"room": str(room.pk), "post_room": str(other.pk), "children": [str(c.pk) for c in twelve]}))


def post_hammer(port: int, path: str, cookie: str, make_body, total: int, concurrency: int):
    """Like pages.hammer, for POSTs whose body is made fresh for each request."""
    latencies, app_times, statuses = [], [], {}
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            app = None
            try:
                status, headers, _ = pages.request(
                    port, path, cookie=cookie, method="POST", body=make_body(),
                    headers={"Content-Type": "application/x-www-form-urlencoded",
                             "Referer": f"http://127.0.0.1:{port}/"},
                )  # fmt: skip
                found = pages.APP_TIMING.search(next((v for k, v in headers if k.lower() == "server-timing"), ""))
                app = float(found.group(1)) if found else None
            except OSError:
                status = 0
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                if app is not None:
                    app_times.append(app)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, app_times, statuses, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--requests", type=int, default=1000, help="requests per measurement (default 1000)")
    parser.add_argument("--posts", type=int, default=400, help="multi-child POSTs (default 400)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="one per core (default)")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.seed:
        seed()
        return

    env, database = pages.bench_env(
        BENCH_VAR, postgresql=args.postgresql, database="tandem_bench_care", TANDEM_API_RATE="100000/m"
    )
    pages.prepare_demo(env, database)
    out = subprocess.run(
        [sys.executable, __file__, "--seed"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    print(out.stdout.strip().splitlines()[0])
    ids = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"data: {pages.counts(env)}")

    pages.beat(env)
    load_before = os.getloadavg()
    log = BENCH_VAR / "access.log"
    results = []
    with pages.gunicorn(env, workers=args.workers, log=log) as port:
        cookie = pages.sign_in(port, MANAGER)
        room_path = f"/s/{SLUG}/care/rooms/{ids['room']}/"
        form_path = f"/s/{SLUG}/care/rooms/{ids['post_room']}/entries/"
        status, headers, body = pages.request(port, f"{form_path}?kind=drink", cookie=cookie)
        if status != 200:
            raise SystemExit(f"{form_path} answered {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        jar = dict(p.split("=", 1) for p in cookie.split("; "))
        jar.update(pages.cookies_from(headers))
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        count = body.count(b'name="children"')
        print(f"room: {count} children in the entry form; room day {room_path}")

        def entry_body() -> str:
            at = time.strftime("%H:%M", time.localtime(time.time() - 120))
            return urllib.parse.urlencode(
                [("csrfmiddlewaretoken", token), ("kind", "drink"), ("time", at), ("amount_ml", "100"),
                 ("offered", "Water"), ("idempotency_key", str(uuid.uuid4()))]
                + [("children", c) for c in ids["children"]]
            )  # fmt: skip

        def measure(name: str, path: str, run) -> None:
            pages.beat(env)
            run(20)  # warm up
            time.sleep(0.2)
            offset = log.stat().st_size
            latencies, app_times, statuses, seconds = run(None)
            time.sleep(0.3)
            server_ms, _ = pages.server_times(log, offset, path)
            ok = {200, 302}
            results.append({
                "page": name, "path": path, "requests": len(latencies),
                "errors": sum(n for s, n in statuses.items() if s not in ok),
                "statuses": {str(k): v for k, v in sorted(statuses.items())},
                "requests_per_second": round(len(latencies) / seconds, 1),
                "client_ms": pages.percentiles(latencies), "server_ms": pages.percentiles(server_ms),
                "app_ms": pages.percentiles(app_times),
            })  # fmt: skip
            r = results[-1]
            print(f"  {name:<10} {r['requests_per_second']:>7.1f} req/s  app p95 {r['app_ms'].get('p95')} ms  "
                  f"statuses {r['statuses']}")  # fmt: skip

        for name, path, total in (("baseline", "/healthz", args.requests), ("room-day", room_path, args.requests)):
            measure(name, path, lambda n, p=path, t=total, c=cookie if name != "baseline" else "": pages.hammer(
                port, p, c, total=n or t, concurrency=args.concurrency))  # fmt: skip
        # The same two requests from one client at a time: the cost of the page itself, without
        # waiting for a CPU (on a small machine 20 clients and 4 workers share two cores).
        measure("room-day-1", room_path, lambda n: pages.hammer(
            port, room_path, cookie, total=n or 200, concurrency=1))  # fmt: skip
        measure("entry-12-1", form_path, lambda n: post_hammer(
            port, form_path, cookie, entry_body, total=n or 100, concurrency=1))  # fmt: skip
        measure("entry-12", form_path, lambda n: post_hammer(
            port, form_path, cookie, entry_body, total=n or args.posts, concurrency=args.concurrency))  # fmt: skip

    base = results[0]
    print()
    print(f"{database}, gunicorn {args.workers} sync workers, {args.concurrency} clients")
    header = (
        f"{'page':<10} {'req/s':>7} {'err':>4} | {'app p50':>7} {'p95':>6} {'p99':>6} | "
        f"{'server p95':>10} | {'client p95':>10} | {'p95/base':>8} {'target':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        a, s, c = r["app_ms"], r["server_ms"], r["client_ms"]
        r["ratio_app_p95_to_baseline"] = round(a["p95"] / base["app_ms"]["p95"], 2) if base["app_ms"] else None
        target = TARGETS.get(r["page"])
        r["meets_target"] = None if target is None else a["p95"] <= target
        print(f"{r['page']:<10} {r['requests_per_second']:>7.1f} {r['errors']:>4} | {a['p50']:>7.1f} {a['p95']:>6.1f} "
              f"{a['p99']:>6.1f} | {s.get('p95', 0):>10.1f} | {c['p95']:>10.1f} | "
              f"{r['ratio_app_p95_to_baseline'] or 0:>8.2f} "
              f"{'' if target is None else ('yes' if r['meets_target'] else 'NO'):>7}")  # fmt: skip
    print("app ms: the Server-Timing header (Django's own time); server ms: gunicorn's access log.")
    print(f"load average before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    pages.RESULTS.mkdir(parents=True, exist_ok=True)
    out_file = pages.RESULTS / f"care-{database}-latest.json"
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": database,
        "targets_ms": TARGETS,
        "pages": results,
    }
    out_file.write_text(json.dumps(report, indent=2))
    print(f"written to {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
