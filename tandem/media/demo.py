"""Demo data for media: a handful of real photos for each setting (drawn with Pillow: paintings,
block towers, a sand tray; plus NASA's public-domain astronaut portrait when the test fixtures
are present, so the faces page has a real face to show) and a letter home as a PDF, uploaded
through media_upload and with their copies made at once. Idempotent: a second run adds nothing.
Called by `manage.py demo` inside scopes_disabled."""

import datetime as dt
import io
import random
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from tandem.core.models import Setting, StaffMember
from tandem.media import services
from tandem.media.models import MediaFile

ASTRONAUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "astronaut.jpg"
SKY = (160, 200, 235)
PALETTE = [(220, 60, 50), (245, 180, 40), (60, 140, 80), (50, 90, 190), (150, 70, 160), (240, 120, 30)]


def _painting(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (1200, 900), (250, 247, 240))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y, r = rng.randint(0, 1200), rng.randint(0, 900), rng.randint(20, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(PALETTE))
    return img


def _blocks(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (1200, 900), (205, 170, 125))
    draw = ImageDraw.Draw(img)
    x = 450
    for level in range(8):
        w = rng.randint(180, 300)
        draw.rectangle((x, 820 - level * 90, x + w, 900 - level * 90), fill=rng.choice(PALETTE), outline=(40, 40, 40))
        x += rng.randint(-30, 30)
    return img


def _sand(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (1200, 900), (226, 200, 150))
    draw = ImageDraw.Draw(img)
    for _ in range(300):
        x, y = rng.randint(0, 1200), rng.randint(0, 900)
        draw.point((x, y), fill=(190, 160, 110))
    for _ in range(6):
        x, y = rng.randint(100, 1000), rng.randint(100, 700)
        draw.rectangle((x, y, x + 120, y + 80), fill=rng.choice(PALETTE))  # buckets and spades
    return img


def _letter_pdf() -> bytes:
    """A one-page letter home, made with WeasyPrint like Tandem's own PDFs."""
    from weasyprint import HTML

    return HTML(
        string="<h1>Wellies tomorrow, please!</h1><p>We are going to the park to jump in puddles.</p>"
    ).write_pdf()


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if MediaFile.objects.filter(setting=setting, original_name__startswith="demo-").exists():
        return
    member = StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").first()
    if member is None:
        return
    files = [
        ("demo-painting.jpg", _jpeg(_painting(rng))),
        ("demo-block-tower.jpg", _jpeg(_blocks(rng))),
        ("demo-sand-tray.jpg", _jpeg(_sand(rng))),
        ("demo-letter-home.pdf", _letter_pdf()),
    ]
    if ASTRONAUT.exists():
        files.append(("demo-dressing-up.jpg", ASTRONAUT.read_bytes()))
    for name, data in files:
        media = services.media_upload(setting=setting, uploaded_file=SimpleUploadedFile(name, data), by=member.user)
        services.media_derivatives_make(media=media)  # at once, so the demo has thumbnails without a worker
        services.media_detect_faces(media=media)
