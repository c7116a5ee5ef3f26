"""Demo floor books and room boards for a setting that already has rooms, staff, children and
guardians: a floor book per room with a few pages (children's "drawings" and "paintings" made
with Pillow, and their words), board posts such as "Wellies tomorrow!", a page from home waiting
for staff, and one screen link for the pre-school room. Running it twice changes nothing.

Photos go through the real media pipeline (media_upload, then the copies made at once instead
of by the worker), so they are stored privately without metadata like any upload."""

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from PIL import Image, ImageDraw

from tandem.core.models import Child, Consent, ConsentKind, Guardian, Room, Setting, StaffMember
from tandem.floorbooks import services
from tandem.floorbooks.models import FloorBook, RoomDisplay
from tandem.media.services import media_derivatives_make

TOPICS = [
    (
        "What we found in the garden",
        [
            ("We went on a bug hunt and found three snails under the log.", "Snails are slow!\nThis one is the daddy."),
            ("We planted beans in pots and gave them water.", "My bean is the biggest.\nGrow, beans, grow!"),
            ("We made a hotel for the mini-beasts from sticks and pine cones.", "The worms can sleep here."),
        ],
    ),
    (
        "Our big build",
        [
            ("We built a tower as tall as Bob out of blocks.", "It's taller than the door!"),
            ("The tower fell down, so we built a bridge instead.", "Crash! Let's do it again."),
        ],
    ),
]
COLOURS = [(230, 57, 70), (244, 162, 97), (42, 157, 143), (38, 70, 83), (233, 196, 106), (106, 76, 147)]


def _drawing(rng: random.Random, name: str) -> SimpleUploadedFile:
    """A child's painting: bold blobs and lines on paper, as a JPEG like a tablet's camera makes."""
    img = Image.new("RGB", (1200, 900), (250, 246, 236))
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(6, 12)):
        colour = rng.choice(COLOURS)
        x, y = rng.randint(0, 1100), rng.randint(0, 800)
        r = rng.randint(40, 180)
        if rng.random() < 0.6:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.line([(x, y), (rng.randint(0, 1200), rng.randint(0, 900))], fill=colour, width=rng.randint(8, 24))
    draw.rectangle((520, 80, 680, 160), fill=(255, 210, 63))  # a sun, of course
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _upload(*, setting: Setting, by, rng: random.Random, name: str):
    from tandem.media.services import media_upload

    media = media_upload(setting=setting, uploaded_file=_drawing(rng, name), by=by)
    return media_derivatives_make(media=media)  # ready now; the queued task finds nothing left to do


def _consenting(children: list[Child]) -> list[Child]:
    """Children whose families agreed to group photos and displays (tagged in the demo's photos)."""
    ok = set(
        Consent.objects.filter(
            child__in=children, granted=True, kind__in=[ConsentKind.GROUP_PHOTOS, ConsentKind.DISPLAY_BOARDS]
        )
        .values_list("child_id", "kind")
        .distinct()
    )
    return [c for c in children if (c.pk, ConsentKind.GROUP_PHOTOS) in ok and (c.pk, ConsentKind.DISPLAY_BOARDS) in ok]


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if FloorBook.objects.filter(setting=setting).exists():
        return
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    if not staff:
        return
    manager = next((m for m in staff if {"manager", "owner"} & set(m.roles)), staff[0]).user
    rooms = list(Room.objects.filter(setting=setting, is_active=True).order_by("age_from_months", "name"))
    for index, room in enumerate(rooms):
        author = next((m for m in staff if room in m.rooms.all()), staff[0]).user
        children = list(Child.objects.filter(room=room, leave_date__isnull=True).order_by("first_name"))
        taggable = _consenting(children)
        title, pages = TOPICS[index % len(TOPICS)]
        book = services.floor_book_create(
            setting=setting, by=author, title=title, room=room, description="Our ideas and what we did about them."
        )
        for number, (caption, words) in enumerate(pages):
            named = [c.known_as for c in rng.sample(children, k=min(2, len(children)))] if children else []
            quotes = "\n".join(
                f"{named[i % len(named)]}: {w}" if named else w for i, w in enumerate(words.splitlines())
            )
            photo = _upload(setting=setting, by=author, rng=rng, name=f"floorbook-{number}.jpg")
            tagged = rng.sample(taggable, k=min(2, len(taggable))) if taggable else []
            page = services.floor_book_page_add(
                book=book,
                by=author,
                caption=caption,
                children_words=quotes,
                photos=[photo],
                children_in_photos=[tagged],
            )
            if number == 0:
                services.floor_book_page_set_display(page=page, by=author, cleared=True)
        guardian = Guardian.objects.filter(child_links__child__in=children, user__isnull=False).first()
        if guardian is not None:
            services.floor_book_page_add_from_home(
                book=book,
                guardian=guardian,
                by=guardian.user,
                caption="We found a snail in our garden at home too!",
                children_words="It has a stripy shell.",
            )
            services.floor_book_comment_add(
                book=book, guardian=guardian, by=guardian.user, text="Thank you, this made our evening."
            )
        services.room_board_post_create(
            room=room,
            by=author,
            kind="we_need",
            text="**Wellies tomorrow!** We are going puddle jumping.",
            cleared_for_display=True,
        )
        services.room_board_post_create(
            room=room,
            by=author,
            kind="today",
            text="Today we made playdough and counted the snails in the garden.",
            photo=_upload(setting=setting, by=author, rng=rng, name="today.jpg"),
            cleared_for_display=True,
        )
        services.room_board_post_create(
            room=room, by=author, kind="reminder", text="Please label your child's spare clothes."
        )
    preschool = (
        Room.objects.filter(setting=setting, is_active=True)
        .filter(Q(name__icontains="pre") | Q(age_from_months__gte=36))
        .order_by("-age_from_months")
        .first()
    )
    if preschool is not None and not RoomDisplay.objects.filter(room=preschool).exists():
        services.room_display_create(room=preschool, by=manager, name="By the pre-school door")
