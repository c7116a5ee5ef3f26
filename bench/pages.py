"""Page speed under load: `make bench` (or `python bench/pages.py [--postgresql]`).

Builds its own database (var/bench/bench.sqlite3, or the PostgreSQL database tandem_bench),
loads the demo plus `demo --scale 50` (about 5,000 children), starts gunicorn on a free
loopback port with production settings, signs in, and sends a bounded number of requests per
page from 20 concurrent clients. Reports client latency and server time (from gunicorn's
access log, %(D)s: the time the worker spent on the request, without the time it waited in
the listen queue) as p50/p95/p99, requests per second, and each page's p95 against a trivial
baseline view measured in the same run. See bench/README.md for how to read the figures."""

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
TARGET_P95_MS = 50.0
PASSWORD = "tandem-demo"  # the demo's published password (tandem/core/demo/__init__.py)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    sign_in: str | None  # e-mail of the demo account, None for anonymous
    what: str


PAGES = [
    Page("baseline", "/healthz", None, "trivial view: one SELECT 1 and one heartbeat read"),
    Page("family-home", "/family/", "parent@demo.tandem.test", "a guardian's home: two children"),
    Page("children-sunflower", "/s/sunflower/children/", "manager@demo.tandem.test", "staff list, 40 children"),
    Page(
        "children-scale",
        "/s/scale-0001/children/",
        "manager@scale-0001.demo.tandem.test",
        "staff list, 100 children (first page of 50) in a 5,000-child database",
    ),
]


@dataclass
class Result:
    page: str
    path: str
    what: str
    requests: int
    errors: int
    statuses: dict[str, int]
    seconds: float
    requests_per_second: float
    client_ms: dict[str, float]
    server_ms: dict[str, float] = field(default_factory=dict)  # gunicorn access log
    app_ms: dict[str, float] = field(default_factory=dict)  # Server-Timing header, when present
    ratio_p95_to_baseline: float | None = None
    meets_target: bool | None = None


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def rank(p: float) -> float:  # nearest rank
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]

    return {
        "p50": round(rank(50), 2),
        "p95": round(rank(95), 2),
        "p99": round(rank(99), 2),
        "mean": round(statistics.fmean(ordered), 2),
        "max": round(ordered[-1], 2),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def ensure_postgresql_database(name: str) -> None:
    import psycopg

    params = {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "postgres"),
        "password": os.environ.get("PGPASSWORD", ""),
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created PostgreSQL database {name}")


def request(port: int, path: str, cookie: str = "", method: str = "GET", body: str = "", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        all_headers = {"Host": "127.0.0.1", "Cookie": cookie, **(headers or {})}
        conn.request(method, path, body=body or None, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheaders(), data
    finally:
        conn.close()


def cookies_from(headers) -> dict[str, str]:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()
    return jar


def sign_in(port: int, email: str) -> str:
    """A session cookie for EMAIL, the way a browser gets one: GET the form, POST it with the
    CSRF token."""
    status, headers, body = request(port, "/accounts/login/")
    jar = cookies_from(headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not match:
        raise SystemExit(f"the sign-in page did not answer as expected ({status})")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match.group(1).decode(), "login": email, "password": PASSWORD}
    )
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, _ = request(
        port,
        "/accounts/login/",
        cookie=cookie,
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/"},
    )
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"could not sign in as {email} (status {status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


APP_TIMING = re.compile(r"app;dur=([0-9.]+)")


def hammer(port: int, path: str, cookie: str, total: int, concurrency: int):
    """TOTAL requests from CONCURRENCY threads, each waiting for its answer before the next.
    Returns client latencies and Server-Timing `app` durations (when the header is there) in
    milliseconds, the count of each status, and the wall time in seconds."""
    latencies: list[float] = []
    app_times: list[float] = []
    statuses: dict[int, int] = {}
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
                status, headers, _body = request(port, path, cookie=cookie)
                timing = next((v for k, v in headers if k.lower() == "server-timing"), "")
                found = APP_TIMING.search(timing)
                app = float(found.group(1)) if found else None
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
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


def server_times(log: Path, offset: int, path: str) -> tuple[list[float], int]:
    """Milliseconds per request for PATH from the access log lines written after OFFSET."""
    with log.open("rb") as fh:
        fh.seek(offset)
        data = fh.read()
    times = []
    for line in data.decode(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == path:
            times.append(int(parts[2]) / 1000)
    return times, offset + len(data)


def counts(env: dict) -> dict:
    code = (
        "import json; from django_scopes import scopes_disabled; from tandem.core.models import *;\n"
        "with scopes_disabled(): print(json.dumps({m.__name__: m.objects.count() for m in "
        "(Setting, Child, Guardian, StaffMember, Consent)}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def beat(env: dict) -> None:
    """Write the worker heartbeat so /healthz answers 200 (no worker runs during the bench)."""
    code = "from tandem.core.management.commands.worker import beat; beat()"
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True)


def bench_env(var_dir: Path, *, postgresql: bool, database: str, **extra: str) -> tuple[dict, str]:
    """The environment of a benchmark's own server: production settings, a throwaway secret key,
    its own var/ folder and database (SQLite there, or the PostgreSQL database DATABASE)."""
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "TANDEM_DEBUG": "no",
        "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),
        "TANDEM_SECURE_COOKIES": "no",
        "TANDEM_ALLOWED_HOSTS": "127.0.0.1",
        "TANDEM_VAR_DIR": str(var_dir),
        "TANDEM_LOG_LEVEL": "WARNING",
        "TANDEM_EMAIL_BACKEND": "console",
        **extra,
    }
    if postgresql:
        ensure_postgresql_database(database)
        return env | {"TANDEM_DB": "postgresql", "PGDATABASE": database}, "postgresql"
    return env | {"TANDEM_DB": "sqlite", "TANDEM_SQLITE_PATH": str(var_dir / "bench.sqlite3")}, "sqlite"


def prepare_demo(env: dict, database: str, scale: int = 50) -> None:
    """Migrate, collect static files and load the demo plus SCALE generated settings (idempotent)."""
    print(f"== preparing the {database} database ==")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "demo", "-v", "0")
    manage(env, "demo", "--scale", str(scale), "-v", "0")


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int, log: Path):
    """Serve Tandem with gunicorn on a free loopback port, logging each request's own time to LOG;
    yields the port once /healthz answers, and stops the server afterwards."""
    port = free_port()
    log.write_text("")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tandem.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--access-logfile", str(log),
         "--access-logformat", "%(U)s %(s)s %(D)s", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                request(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgresql", action="store_true", help="use PostgreSQL (database tandem_bench)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per page (default 2000)")
    parser.add_argument("--concurrency", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--workers", type=int, default=min(4, max(2, 2 * (os.cpu_count() or 1))))
    parser.add_argument("--scale", type=int, default=50, help="generated settings of 100 children (default 50)")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    args = parser.parse_args()

    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "TANDEM_DEBUG": "no",
        "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),  # throwaway: sessions die with the run
        "TANDEM_SECURE_COOKIES": "no",  # plain http on loopback
        "TANDEM_ALLOWED_HOSTS": "127.0.0.1",
        "TANDEM_VAR_DIR": str(BENCH_VAR),
        "TANDEM_LOG_LEVEL": "WARNING",
        "TANDEM_EMAIL_BACKEND": "console",
    }
    if args.postgresql:
        env |= {"TANDEM_DB": "postgresql", "PGDATABASE": "tandem_bench"}
        if args.fresh:
            subprocess.run(["dropdb", "--if-exists", "-h", os.environ.get("PGHOST", "127.0.0.1"),
                            "-U", os.environ.get("PGUSER", "postgres"), "tandem_bench"], check=False)  # fmt: skip
        ensure_postgresql_database("tandem_bench")
        database = "postgresql"
    else:
        sqlite_path = BENCH_VAR / "bench.sqlite3"
        env |= {"TANDEM_DB": "sqlite", "TANDEM_SQLITE_PATH": str(sqlite_path)}
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        database = "sqlite"

    print(f"== preparing the {database} database ==")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    demo_seconds = manage(env, "demo", "-v", "0")
    scale_seconds = manage(env, "demo", "--scale", str(args.scale), "-v", "0")
    data = counts(env)
    print(f"data: {data}")

    beat(env)
    load_before = os.getloadavg()
    port = free_port()
    log = BENCH_VAR / "access.log"
    log.write_text("")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "tandem.wsgi",
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers),
            "--access-logfile", str(log),
            "--access-logformat", "%(U)s %(s)s %(D)s",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    results: list[Result] = []
    try:
        for _ in range(100):
            try:
                request(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        cookies = {p.sign_in: sign_in(port, p.sign_in) for p in PAGES if p.sign_in}

        for page in PAGES:
            beat(env)
            cookie = cookies.get(page.sign_in, "")
            status, _, _ = request(port, page.path, cookie=cookie)
            if status != 200:
                raise SystemExit(f"{page.path} answered {status} before the run")
            hammer(port, page.path, cookie, total=min(200, args.requests), concurrency=args.concurrency)  # warm up
            time.sleep(0.2)
            offset = log.stat().st_size
            latencies, app_times, statuses, seconds = hammer(
                port, page.path, cookie, total=args.requests, concurrency=args.concurrency
            )
            time.sleep(0.3)  # let the last log lines land
            server_ms, _ = server_times(log, offset, page.path)
            errors = sum(n for s, n in statuses.items() if s != 200)
            results.append(
                Result(
                    page=page.name,
                    path=page.path,
                    what=page.what,
                    requests=len(latencies),
                    errors=errors,
                    statuses={str(k): v for k, v in sorted(statuses.items())},
                    seconds=round(seconds, 2),
                    requests_per_second=round(len(latencies) / seconds, 1),
                    client_ms=percentiles(latencies),
                    server_ms=percentiles(server_ms),
                    app_ms=percentiles(app_times),
                )
            )
            r = results[-1]
            print(f"  {page.name:<20} {r.requests_per_second:>7.1f} req/s  server p95 {r.server_ms.get('p95')} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)

    base = results[0]
    for r in results:
        if r.server_ms and base.server_ms:
            r.ratio_p95_to_baseline = round(r.server_ms["p95"] / base.server_ms["p95"], 2)
            r.meets_target = r.server_ms["p95"] <= TARGET_P95_MS

    header = (
        f"{'page':<20} {'req/s':>7} {'err':>4} | {'server ms p50':>13} {'p95':>6} {'p99':>6} | "
        f"{'client ms p50':>13} {'p95':>6} {'p99':>6} | {'p95/base':>8} {'≤50ms':>5}"
    )
    print()
    print(
        f"{database}, gunicorn {args.workers} sync workers, {args.concurrency} clients, {args.requests} requests/page"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        s, c = r.server_ms, r.client_ms
        print(
            f"{r.page:<20} {r.requests_per_second:>7.1f} {r.errors:>4} | {s.get('p50', 0):>13.1f} "
            f"{s.get('p95', 0):>6.1f} {s.get('p99', 0):>6.1f} | {c['p50']:>13.1f} {c['p95']:>6.1f} {c['p99']:>6.1f} | "
            f"{r.ratio_p95_to_baseline or 0:>8.2f} {'yes' if r.meets_target else 'NO':>5}"
        )
    print("server ms: gunicorn's own request time; client ms: includes queueing for a free worker.")
    if any(r.app_ms for r in results):
        print("Server-Timing app;dur (Django's middleware-to-middleware time), ms:")
        for r in results:
            a = r.app_ms
            if a:
                print(f"  {r.page:<20} p50 {a['p50']:>6.1f}  p95 {a['p95']:>6.1f}  p99 {a['p99']:>6.1f}")
    print(f"load average before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit.stdout.strip(),
        "database": database,
        "gunicorn_workers": args.workers,
        "concurrency": args.concurrency,
        "requests_per_page": args.requests,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "data": data,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "demo_seconds": round(demo_seconds, 1),
        "demo_scale_seconds": round(scale_seconds, 1),
        "target_p95_ms": TARGET_P95_MS,
        "server_time_source": "gunicorn access log %(D)s (microseconds spent by the worker on the request)",
        "pages": [asdict(r) for r in results],
    }
    out = RESULTS / "latest.json"
    out.write_text(json.dumps(report, indent=2))
    shutil.copy(out, RESULTS / f"{database}-latest.json")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
