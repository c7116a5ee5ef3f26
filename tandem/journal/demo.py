"""Demo learning journal for a setting that already has rooms, staff, children and guardians:
about six observations per child over the last three months (a quarter of them group
observations), with real images (paintings and block towers drawn with Pillow, and the
public-domain NASA astronaut portrait, whose face is tagged so families see it blurred where
consent is missing), curriculum links, a few comments, moments from home and "we tried this at
home". Running it twice changes nothing."""

import datetime as dt
import io
import random
import zoneinfo
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from tandem.core.models import Child, ChildGuardian, Setting, StaffMember
from tandem.journal.models import (
    Comment,
    HomeMoment,
    Observation,
    ObservationChild,
    ObservationMedia,
    TriedAtHome,
)
from tandem.journal.text import render_markdown

ASTRONAUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "astronaut.jpg"

TEXTS = [
    (
        "{a} filled the big jug at the water tray and poured it slowly into the funnel, watching it run out.",
        "Try pouring games in the bath with cups of different sizes.",
    ),
    (
        '{a} built a tower of eight blocks and counted them, pointing at each one: "one, two, three…"',
        "Count the stairs together on the way to bed.",
    ),
    (
        '{a} and {b} shared the red paint and made handprints together. {a} said "look, big hand!"',
        "Make handprints with flour on a baking tray.",
    ),
    (
        "{a} listened to the story of the Gruffalo and joined in with the repeated words.",
        "Read a favourite book together and pause for {a} to finish the line.",
    ),
    (
        "{a} climbed to the top of the low frame, then slid down on their tummy, laughing.",
        "Visit the park and let {a} choose which climbing frame to try.",
    ),
    (
        "{a} found a snail in the garden and showed {b}. They watched it move along a leaf.",
        "Look for minibeasts under stones on a walk.",
    ),
]
VOICES = ['"More water!"', '"I did it!"', '"It\'s a snail house."', '"Again, again!"', '"Big tower!"']
NEXT_STEPS = [
    "Offer pouring with smaller jugs to build control.",
    "Model counting to ten in everyday routines.",
    "Encourage turn-taking in small-group painting.",
    "Share more books with repeated refrains.",
]
COMMENTS = ["We loved this! She does the same at home.", "Thank you for sharing 😊", "He talked about it all evening."]
HOME = [
    ("We baked biscuits and she counted the cherries on top.", "en"),
    ("Policzyła schody do dziesięciu po polsku!", "pl"),
    ("He helped to water the tomatoes in the garden.", "en"),
]


def _at(setting: Setting, day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(setting.timezone))


def _drawing(rng: random.Random, kind: str) -> bytes:
    """A believable picture: a child's painting (blobs and strokes) or a tower of blocks."""
    img = Image.new("RGB", (1200, 900), (250, 247, 240))
    d = ImageDraw.Draw(img)
    colours = [(220, 60, 50), (40, 120, 200), (250, 200, 40), (60, 170, 90), (160, 80, 180), (240, 130, 40)]
    if kind == "tower":
        d.rectangle((0, 760, 1200, 900), fill=(180, 150, 110))
        x, y = 500, 760
        for _i in range(rng.randint(5, 9)):
            w = rng.randint(150, 220)
            d.rectangle(
                (x - w // 2 + rng.randint(-15, 15), y - 90, x + w // 2, y),
                fill=rng.choice(colours),
                outline=(60, 40, 20),
                width=4,
            )
            y -= 90
    else:
        for _i in range(rng.randint(8, 16)):
            cx, cy, r = rng.randint(100, 1100), rng.randint(100, 800), rng.randint(40, 160)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rng.choice(colours))
        for _i in range(6):
            d.line([(rng.randint(0, 1200), rng.randint(0, 900)) for _j in range(4)], fill=rng.choice(colours), width=18)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _media_pool(setting: Setting, by, rng: random.Random) -> tuple[list, object | None]:
    from tandem.media.services import media_derivatives_make, media_upload

    pool = []
    for i in range(6):
        kind = "tower" if i % 2 else "painting"
        upload = SimpleUploadedFile(f"{kind}-{i}.jpg", _drawing(rng, kind), content_type="image/jpeg")
        pool.append(media_derivatives_make(media=media_upload(setting=setting, uploaded_file=upload, by=by)))
    astronaut = None
    if ASTRONAUT.exists():
        upload = SimpleUploadedFile("dressing-up.jpg", ASTRONAUT.read_bytes(), content_type="image/jpeg")
        astronaut = media_derivatives_make(media=media_upload(setting=setting, uploaded_file=upload, by=by))
    return pool, astronaut


def _curriculum(setting: Setting):
    try:
        from tandem.curriculum.selectors import curriculum_choices

        choices = curriculum_choices(setting)
        return list(choices.areas), list(choices.statements)
    except Exception:  # no framework loaded: observations without links are still believable
        return [], []


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Observation.objects.filter(setting=setting).exists():
        return
    children = list(Child.objects.filter(setting=setting, leave_date__isnull=True).order_by("first_name", "last_name"))
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    if not children or not staff:
        return
    authors = [m for m in staff if "practitioner" in m.roles] or staff
    pool, astronaut = _media_pool(setting, authors[0].user, rng)
    areas, statements = _curriculum(setting)
    links = {}
    for link in (
        ChildGuardian.objects.filter(setting=setting).select_related("guardian").order_by("guardian__first_name")
    ):
        links.setdefault(link.child_id, link.guardian)

    made: list[Observation] = []
    for child in children:
        author = child.key_person if child.key_person_id else rng.choice(authors)
        for n in range(6):
            day = today - dt.timedelta(days=rng.randint(1, 90))
            group = [child]
            if n % 4 == 0:
                mates = [c for c in children if c.room_id == child.room_id and c.pk != child.pk]
                group += rng.sample(mates, min(len(mates), rng.randint(1, 2)))
            text, idea = rng.choice(TEXTS)
            names = {"a": group[0].known_as, "b": group[-1].known_as if len(group) > 1 else "a friend"}
            markdown = text.format(**names)
            published = n < 5
            when = _at(setting, day, rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
            observation = Observation.objects.create(
                setting=setting,
                author=author,
                occurred_at=when,
                text_markdown=markdown,
                text_html=render_markdown(markdown),
                child_voice=rng.choice(VOICES) if rng.random() < 0.5 else "",
                next_steps=rng.choice(NEXT_STEPS),
                home_ideas=idea.format(**names),
                leuven_wellbeing=rng.choice([None, 3, 4, 5]),
                leuven_involvement=rng.choice([None, 3, 4, 5]),
                status=Observation.Status.PUBLISHED if published else Observation.Status.DRAFT,
                published_at=when + dt.timedelta(hours=2) if published else None,
            )
            ObservationChild.objects.bulk_create(
                [ObservationChild(setting=setting, observation=observation, child=c) for c in group]
            )
            if areas:
                observation.areas.set(rng.sample(areas, min(2, len(areas))))
            if statements:
                observation.statements.set(rng.sample(statements, min(2, len(statements))))
            photo = astronaut if (astronaut is not None and len(group) > 1 and n == 0) else rng.choice(pool)
            om = ObservationMedia.objects.create(setting=setting, observation=observation, media=photo)
            om.children_in_photo.set(group if photo is not astronaut else group[:1])
            if photo is astronaut:
                face = astronaut.faces.order_by("-w").first()
                if face is not None and face.child_id is None:
                    face.child = group[0]
                    face.save(update_fields=["child"])
            made.append(observation)

    for observation in rng.sample([o for o in made if o.status == "published"], min(12, len(made))):
        child = observation.child_links.first().child
        guardian = links.get(child.pk)
        if guardian is None or guardian.user_id is None:
            continue
        Comment.objects.create(
            setting=setting,
            observation=observation,
            child=child,
            author=guardian.user,
            guardian=guardian,
            text=rng.choice(COMMENTS),
            created_at=observation.published_at + dt.timedelta(hours=3),
        )
        if rng.random() < 0.5:
            TriedAtHome.objects.get_or_create(
                observation=observation,
                child=child,
                guardian=guardian,
                defaults={"setting": setting, "note": "We tried it!"},
            )
    for i, child in enumerate(children[:6]):
        guardian = links.get(child.pk)
        if guardian is None:
            continue
        text, language = HOME[i % len(HOME)]
        moment = HomeMoment.objects.create(
            setting=setting,
            child=child,
            guardian=guardian,
            text=text,
            language=language,
            occurred_on=today - dt.timedelta(days=i + 1),
        )
        if i % 2 == 0:
            moment.media.add(rng.choice(pool))
