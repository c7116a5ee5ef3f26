"""Photo uploads under real conditions: `python bench/media.py [--postgresql]`.

Builds its own database (var/bench-media/, or PostgreSQL database tandem_bench_media) with the
demo, starts gunicorn (production settings) and real background workers (`manage.py worker`),
signs in as the demo manager and uploads ten 12-megapixel JPEGs (NASA's astronaut portrait from
tests/fixtures, enlarged to 4000 × 3000, with EXIF orientation 6 and a GPS position, as a phone
sends them) one after another through the upload page (POST media:upload, as htmx does).

Measures: each upload request's time (target <= 1 s: the request sniffs, decodes, turns,
re-encodes without metadata and stores the original; the copies are left to the workers), and
the time from the last upload's answer until every photo is ready with its thumbnail and
display copies (target <= 5 s). Helpers come from bench/pages.py."""

import argparse
import io
import json
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (bench/pages.py: request, sign_in, percentiles, ...)

ROOT = pages.ROOT
BENCH_VAR = ROOT / "var" / "bench-media"
SLUG = "sunflower"
MANAGER = "manager@demo.tandem.test"
TARGET_REQUEST_S = 1.0
TARGET_DERIVATIVES_S = 5.0


def twelve_megapixel_jpeg() -> bytes:
    from PIL import Image

    img = Image.open(ROOT / "tests" / "fixtures" / "astronaut.jpg").convert("RGB")
    img = img.resize((3000, 4000), Image.Resampling.BICUBIC).transpose(Image.Transpose.ROTATE_90)  # 4000 × 3000
    exif = Image.Exif()
    exif[0x010F] = "Phonemaker"
    exif[0x0112] = 6  # the phone was held upright: the pixels are stored sideways, the tag turns them back
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 26.0), "W", (0.0, 7.0, 39.0)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--photos", type=int, default=10)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--task-workers", type=int, default=2)
    args = parser.parse_args()

    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tandem.settings",
        "TANDEM_DEBUG": "no",
        "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),
        "TANDEM_SECURE_COOKIES": "no",
        "TANDEM_ALLOWED_HOSTS": "127.0.0.1",
        "TANDEM_VAR_DIR": str(BENCH_VAR),
        "TANDEM_LOG_LEVEL": "WARNING",
        "TANDEM_EMAIL_BACKEND": "console",
        "TANDEM_API_RATE": "100000/m",
    }
    if args.postgresql:
        env |= {"TANDEM_DB": "postgresql", "PGDATABASE": "tandem_bench_media"}
        pages.ensure_postgresql_database("tandem_bench_media")
        database = "postgresql"
    else:
        env |= {"TANDEM_DB": "sqlite", "TANDEM_SQLITE_PATH": str(BENCH_VAR / "bench.sqlite3")}
        database = "sqlite"

    print(f"== preparing the {database} database ==")
    pages.manage(env, "migrate", "--no-input", "-v", "0")
    pages.manage(env, "collectstatic", "--no-input", "-v", "0")
    pages.manage(env, "demo", "-v", "0")
    photo = twelve_megapixel_jpeg()
    print(f"photo: 4000 × 3000 JPEG with EXIF orientation 6 and GPS, {len(photo) / 1e6:.1f} MB")

    port = pages.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tandem.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.web_workers), "--log-level", "warning", "--timeout", "60"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "worker",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--worker-id",
                f"bench-{i}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for i in range(args.task_workers)
    ]
    try:
        for _ in range(100):
            try:
                pages.request(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        cookie = pages.sign_in(port, MANAGER)
        status, headers, body = pages.request(port, f"/m/s/{SLUG}/", cookie=cookie)
        if status != 200:
            raise SystemExit(f"/m/s/{SLUG}/ answered {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        jar = dict(p.split("=", 1) for p in cookie.split("; "))
        jar.update(pages.cookies_from(headers))
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())

        durations, ids = [], []
        for n in range(args.photos):
            data, ctype = multipart({"csrfmiddlewaretoken": token, "field_name": "media"}, f"IMG_{n:04}.JPG", photo)
            started = time.monotonic()
            status, _h, answer = pages.request(
                port, f"/m/s/{SLUG}/upload/", cookie=cookie, method="POST", body=data,
                headers={"Content-Type": ctype, "HX-Request": "true", "Referer": f"http://127.0.0.1:{port}/"},
            )  # fmt: skip
            durations.append(time.monotonic() - started)
            found = re.findall(rb'name="media" value="([0-9a-f-]{36})"', answer)
            if status != 200 or not found:
                raise SystemExit(f"upload {n} answered {status}: {answer[:300]!r}")
            ids.append(found[0].decode())
            print(f"  upload {n + 1:>2}: {durations[-1] * 1000:.0f} ms")
        last_answer = time.monotonic()

        pending = set(ids)
        while pending and time.monotonic() - last_answer < 60:
            for media_id in list(pending):
                status, _h, answer = pages.request(port, f"/api/v1/settings/{SLUG}/media/{media_id}", cookie=cookie)
                item = json.loads(answer)
                if item.get("status") == "ready" and {"thumb", "display"} <= set(item.get("variants", [])):
                    pending.discard(media_id)
                elif item.get("status") == "failed":
                    raise SystemExit(f"{media_id} failed: {item.get('failure_reason')}")
            time.sleep(0.05)
        all_ready = time.monotonic() - last_answer
    finally:
        for proc in [server, *workers]:
            proc.terminate()
        for proc in [server, *workers]:
            proc.wait(timeout=20)

    result = {
        "database": database,
        "cpus": os.cpu_count(),
        "photos": args.photos,
        "web_workers": args.web_workers,
        "task_workers": args.task_workers,
        "upload_ms": pages.percentiles([d * 1000 for d in durations]),
        "upload_max_ms": round(max(durations) * 1000, 1),
        "all_derivatives_ready_after_last_upload_s": round(all_ready, 2) if not pending else None,
        "meets_request_target": max(durations) <= TARGET_REQUEST_S,
        "meets_derivatives_target": not pending and all_ready <= TARGET_DERIVATIVES_S,
    }
    print(json.dumps(result, indent=2))
    (pages.RESULTS).mkdir(parents=True, exist_ok=True)
    (pages.RESULTS / f"media-{database}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
