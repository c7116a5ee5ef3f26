"""The staff conversation list under load: `python bench/conversations.py [--postgresql]`.

Builds its own database (var/bench-conversations/, or PostgreSQL database
tandem_bench_conversations) with the demo plus `demo --scale N` (default 50: about 5,000
children), adds CONVERSATIONS threads in bulk to scale-0001 (one per family until the families
run out, then a second one; each with MESSAGES messages alternating family and staff, the last
one from the family, a third of them read by the manager), starts gunicorn like bench/pages.py
and measures from 20 concurrent clients, in the same run:

- baseline: /healthz, the cost of Django answering at all;
- inbox: /s/scale-0001/conversations/ as the manager (sees all of the setting's: the first 50 shown,
  unread first, each with its last message and unread count);
- inbox-unread: the same with ?unread=on;
- family-inbox: /family/conversations/ as one guardian.

Server time is the Server-Timing `app;dur` header and gunicorn's access log. Target: inbox p95
<= 50 ms server time. The ratio to the baseline is printed beside it, so a busy machine shows
up as a high baseline rather than as a slow page. Helpers come from bench/pages.py."""

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
BENCH_VAR = ROOT / "var" / "bench-conversations"
SLUG = "scale-0001"
CONVERSATIONS = 600
MESSAGES = 6
TARGETS = {"inbox": 50.0, "inbox-unread": 50.0}


def seed() -> None:
    """Bulk conversations in scale-0001 (idempotent). Prints the manager's and a guardian's
    e-mail as JSON on the last line."""
    import django

    django.setup()
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from tandem.access.permissions import StaffPermissions
    from tandem.conversations.models import Conversation, Message, MessageRead, Participant
    from tandem.core.models import ChildGuardian, Setting, StaffMember

    with scopes_disabled():  # a benchmark fixture written in bulk for one setting
        setting = Setting.objects.get(slug=SLUG)
        staff = list(StaffMember.objects.filter(setting=setting, is_active=True).select_related("user"))
        manager = next(s for s in staff if StaffPermissions.for_roles(s.roles).can_manage_staff)
        links = list(
            ChildGuardian.objects.filter(setting=setting, child__leave_date__isnull=True)
            .select_related("guardian__user", "child")
            .order_by("child_id", "guardian_id")
        )
        with_account = next(link for link in links if link.guardian.user_id)
        target = {"manager": manager.user.email, "guardian": with_account.guardian.user.email}
        if Conversation.objects.filter(setting=setting).exists():
            print("conversations: already there")
            print(json.dumps(target))
            return
        now = timezone.now()
        conversations, messages, reads, participants = [], [], [], []
        for n in range(CONVERSATIONS):
            link = links[n % len(links)]
            last = now - dt.timedelta(minutes=17 * n + 1)
            c = Conversation(
                setting=setting,
                family_id=link.guardian.family_id,
                child=link.child,
                subject=f"About {link.child.first_name} ({n})",
                created_by=manager.user,
                created_at=last - dt.timedelta(hours=MESSAGES),
                last_message_at=last,
                last_message_preview=f"Message {MESSAGES - 1} about {link.child.first_name}",
                last_message_kind="message",
                last_message_by_family=True,
                last_family_message_at=last,
                last_setting_message_at=last - dt.timedelta(hours=1),
            )
            conversations.append(c)
            for k in range(MESSAGES):
                by_family = (MESSAGES - k) % 2 == 1
                m = Message(
                    setting=setting,
                    conversation=c,
                    author=link.guardian.user if by_family and link.guardian.user_id else manager.user,
                    author_guardian=link.guardian if by_family else None,
                    author_staff=None if by_family else manager,
                    body=f"Message {k} about {link.child.first_name}: how the day went, naps and lunch.",
                    created_at=last - dt.timedelta(hours=MESSAGES - 1 - k),
                )
                messages.append(m)
                if n % 3 == 0:
                    reads.append(
                        MessageRead(setting=setting, message=m, reader=manager.user, by_staff=True, read_at=last)
                    )
            if n % 3 == 0:
                participants.append(
                    Participant(setting=setting, conversation=c, user=manager.user, is_staff=True, last_read_at=last)
                )
        Conversation.objects.bulk_create(conversations, batch_size=1000)
        Message.objects.bulk_create(messages, batch_size=2000)
        MessageRead.objects.bulk_create(reads, batch_size=2000)
        Participant.objects.bulk_create(participants, batch_size=1000)
        print(f"conversations: added {len(conversations)} conversations, {len(messages)} messages to {SLUG}")
        print(json.dumps(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="one per core (default)")
    parser.add_argument("--scale", type=int, default=50, help="generated settings of 100 children (default 50)")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed()
        return

    env, database = pages.bench_env(BENCH_VAR, postgresql=args.postgresql, database="tandem_bench_conversations")
    pages.prepare_demo(env, database, scale=args.scale)
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
        manager = pages.sign_in(port, target["manager"])
        guardian = pages.sign_in(port, target["guardian"])
        inbox = f"/s/{SLUG}/conversations/"
        status, _headers, body = pages.request(port, inbox, cookie=manager)
        shown = body.count(b'class="card')
        print(f"inbox: status {status}, {shown} conversations shown ({inbox})")
        if status != 200 or shown < 50:
            raise SystemExit("the inbox did not show its first 50 conversations")

        def measure(name: str, path: str, cookie: str, total: int, concurrency: int) -> None:
            pages.beat(env)
            status, _h, _b = pages.request(port, path, cookie=cookie)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            pages.hammer(port, path, cookie, total=20, concurrency=concurrency)  # warm up
            time.sleep(0.2)
            offset = log.stat().st_size
            latencies, app_times, statuses, seconds = pages.hammer(
                port, path, cookie, total=total, concurrency=concurrency
            )
            time.sleep(0.3)
            server_ms, _ = pages.server_times(log, offset, path.split("?")[0])
            results.append({
                "page": name, "path": path, "requests": len(latencies),
                "errors": sum(n for s, n in statuses.items() if s != 200),
                "requests_per_second": round(len(latencies) / seconds, 1),
                "client_ms": pages.percentiles(latencies), "server_ms": pages.percentiles(server_ms),
                "app_ms": pages.percentiles(app_times),
            })  # fmt: skip

        measure("baseline", "/healthz", "", args.requests, args.concurrency)
        measure("inbox", inbox, manager, args.requests, args.concurrency)
        measure("inbox-unread", inbox + "?unread=on", manager, args.requests, args.concurrency)
        measure("family-inbox", "/family/conversations/", guardian, args.requests, args.concurrency)

    base = results[0]
    print()
    print(f"{database}, gunicorn {args.workers} sync workers, {args.concurrency} clients, scale {args.scale}")
    print(f"{'page':<13} {'req/s':>7} {'err':>4} | {'app p50':>7} {'p95':>6} {'p99':>6} | {'server p95':>10} | "
          f"{'client p95':>10} | {'p95/base':>8} | {'target':>6}")  # fmt: skip
    for r in results:
        a, s, c = r["app_ms"], r["server_ms"], r["client_ms"]
        own = a if a else s
        target_ms = TARGETS.get(r["page"])
        r["meets_target"] = None if target_ms is None else own.get("p95", 1e9) <= target_ms
        base_own = base["app_ms"] or base["server_ms"]
        r["ratio_p95_to_baseline"] = round(own["p95"] / base_own["p95"], 2) if base_own.get("p95") else None
        print(f"{r['page']:<13} {r['requests_per_second']:>7.1f} {r['errors']:>4} | {a.get('p50', 0):>7.1f} "
              f"{a.get('p95', 0):>6.1f} {a.get('p99', 0):>6.1f} | {s.get('p95', 0):>10.1f} | {c['p95']:>10.1f} | "
              f"{r['ratio_p95_to_baseline'] or 0:>8.2f} | "
              f"{'' if target_ms is None else ('yes' if r['meets_target'] else 'NO'):>6}")  # fmt: skip
    pages.RESULTS.mkdir(parents=True, exist_ok=True)
    out_file = pages.RESULTS / f"conversations-{database}-latest.json"
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report = {"when": when, "database": database, "scale": args.scale, "targets_ms": TARGETS, "pages": results}
    out_file.write_text(json.dumps(report, indent=2))
    print(f"written to {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
