"""Routing and sending one notice to every family that wants e-mail: `python bench/notify.py`.

Builds its own database (var/bench-notify/, or PostgreSQL database tandem_bench_notify with
--postgresql) with the demo plus `demo --scale N` (50: about 5,000 guardians), starts a real
SMTP server (aiosmtpd) on a free port in this process, and in the same run measures:

- baseline: the same number of messages sent straight through one SMTP connection with
  smtplib (no database, no rendering): what the SMTP server and loopback cost on this machine;
- notify: one urgent notice per setting (from its manager) to every guardian whose preferences
  include e-mail (or who has none and an address), through notify_guardians. It is timed from
  the commit until the SMTP server has received every message, with --workers `manage.py
  worker` processes already running (TANDEM_NOTIFY_SENDERS = workers, so each notice's
  deliveries are shared). Tasks the demo left queued (media derivatives) are dropped first.

Urgent, so the demo families' digests and quiet hours do not hold anything back. Targets: one
worker <= 60 s, 4 workers on PostgreSQL <= 15 s, for about 5,000 messages. It also checks that
every message arrived exactly once. Helpers come from bench/pages.py."""

import argparse
import json
import os
import signal
import smtplib
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pages  # noqa: E402

ROOT = pages.ROOT
BENCH_VAR = ROOT / "var" / "bench-notify"
DATABASE = "tandem_bench_notify"
TARGETS = {1: 60.0, 4: 15.0}


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.ids: dict[str, int] = {}

    async def handle_DATA(self, server, session, envelope):
        message_id = ""
        for line in envelope.original_content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip().decode()
                break
            if not line:
                break
        with self.lock:
            self.count += 1
            self.ids[message_id] = self.ids.get(message_id, 0) + 1
        return "250 OK"


def seed() -> None:
    """In a child process with Django: the notices, one per setting. Prints the expected count."""
    import django

    django.setup()
    from django.db import transaction
    from django_scopes import scopes_disabled

    from tandem.core.models import CommunicationPreference, Guardian, Setting, StaffMember
    from tandem.notify.services import notify_guardians

    with scopes_disabled():
        prefs = {p.guardian_id: p for p in CommunicationPreference.objects.all()}
        expected, notices = 0, 0
        started = time.monotonic()
        with transaction.atomic():
            for setting in Setting.objects.order_by("slug"):
                manager = next(
                    (
                        s
                        for s in StaffMember.objects.filter(setting=setting, is_active=True).select_related("user")
                        if "manager" in s.roles or "owner" in s.roles
                    ),
                    None,
                )
                if manager is None:
                    continue
                guardians = []
                for g in Guardian.objects.filter(setting=setting).exclude(email=""):
                    p = prefs.get(g.pk)
                    if p is None or not p.channels or "email" in p.channels:
                        guardians.append(g)
                if not guardians:
                    continue
                notify_guardians(
                    setting=setting,
                    guardians=guardians,
                    kind="bench.notify",
                    template="notify/notices/plain",
                    context={"subject": "Nursery closed tomorrow", "body": "The boiler has broken. Sorry!"},
                    url="/family/",
                    urgent=True,
                    sent_by=manager.user,
                )
                expected += len(guardians)
                notices += 1
        committed = time.time()
        print(
            json.dumps(
                {"expected": expected, "notices": notices, "seed_s": time.monotonic() - started, "at": committed}
            )
        )


def drain() -> None:
    """In a child process: drop the tasks the demo left waiting (media derivatives and the
    like, in the benchmark's own database), so the workers measure only the notices."""
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").delete()


def baseline(port: int, total: int) -> float:
    started = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(total):
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "tandem@localhost", f"p{i}@bench.test", "Nursery closed tomorrow"
            msg["Message-ID"] = f"<baseline-{i}@bench>"
            msg.set_content("The boiler has broken. Sorry!")
            smtp.send_message(msg)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--database", default=os.environ.get("PGDATABASE_BENCH", DATABASE))
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--drain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed()
        return
    if args.drain:
        drain()
        return
    if args.database in ("tandem",) or args.database.startswith("test_tandem"):
        sys.exit("use a database of the benchmark's own, never tandem or test_tandem*")

    counter = Counter()
    port = pages.free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    var_dir = BENCH_VAR / ("postgresql" if args.postgresql else "sqlite")
    env, engine = pages.bench_env(
        var_dir,
        postgresql=args.postgresql,
        database=args.database,
        TANDEM_EMAIL_BACKEND="smtp",
        TANDEM_EMAIL_HOST="127.0.0.1",
        TANDEM_EMAIL_PORT=str(port),
        TANDEM_NOTIFY_SENDERS=str(args.workers),
        TANDEM_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    if args.postgresql:
        env["PGDATABASE"] = args.database
    pages.prepare_demo(env, args.database, scale=args.scale)
    subprocess.run([sys.executable, "bench/notify.py", "--drain"], cwd=ROOT, env=env, check=True)

    # The workers start first (and run their periodic tasks), so the clock measures the notices.
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(args.workers)
    ]
    try:
        time.sleep(10)
        before = counter.count
        out = subprocess.run(
            [sys.executable, "bench/notify.py", "--seed"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        seeded = json.loads(out.stdout.decode().strip().splitlines()[-1])
        expected = seeded["expected"] + before
        print(
            f"== {engine}: {seeded['notices']} notices to {seeded['expected']} guardians, {args.workers} worker(s) =="
        )
        while counter.count < expected and time.time() - seeded["at"] < args.timeout:
            time.sleep(0.05)
        elapsed = time.time() - seeded["at"]
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=30)
    received = counter.count - before
    expected -= before
    duplicates = sum(1 for n in counter.ids.values() if n > 1)
    base = baseline(port, expected)
    controller.stop()
    target = TARGETS.get(args.workers)
    result = {
        "engine": engine,
        "workers": args.workers,
        "scale": args.scale,
        "messages_expected": expected,
        "messages_received": received,
        "duplicates": duplicates,
        "notify_s": round(elapsed, 2),
        "messages_per_s": round(received / elapsed, 1) if elapsed else None,
        "baseline_smtp_s": round(base, 2),
        "ratio_to_baseline": round(elapsed / base, 1) if base else None,
        "target_s": target,
    }
    print(json.dumps(result, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"notify-{engine}-{args.workers}.json").write_text(json.dumps(result, indent=2))
    if received != expected or duplicates:
        sys.exit("not every message arrived exactly once")


if __name__ == "__main__":
    main()
