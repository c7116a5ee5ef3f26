"""Floor book fixtures on top of the cast: a second family in Ada's room (fay, Cyd's mother),
the Babies floor book, and a real photo of a face (the public-domain NASA astronaut portrait,
tests/fixtures/astronaut.jpg) uploaded through the media app, its face tagged as Ada's."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tandem.core.models import Consent, ConsentKind
from tandem.floorbooks import services
from tandem.media.models import FaceBox
from tests import factories as f

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PHOTO_CONSENTS = (ConsentKind.PHOTOS_OWN_JOURNAL, ConsentKind.GROUP_PHOTOS, ConsentKind.DISPLAY_BOARDS)


def grant(child, *kinds, granted: bool = True) -> None:
    for kind in kinds or PHOTO_CONSENTS:
        Consent.objects.update_or_create(
            child=child, kind=kind, defaults={"setting": child.setting, "granted": granted}
        )


def astronaut_upload(name: str = "astronaut.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / "astronaut.jpg").read_bytes(), content_type="image/jpeg")


def png_upload(name: str = "drawing.png", colour=(200, 80, 40), size=(640, 480)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def cyd(oak_tree, babies):
    family = f.FamilyFactory(setting=oak_tree, name="Cooper")
    return f.ChildFactory(
        room=babies, family=family, first_name="Cyd", last_name="Cooper", date_of_birth=dt.date(2024, 9, 1)
    )


@pytest.fixture
def fay(cyd):
    """Cyd's mother: another family in Ada's room."""
    user = f.UserFactory(username="fay", email="fay@home.test", first_name="Fay", last_name="Cooper")
    guardian = f.GuardianFactory(family=cyd.family, first_name="Fay", last_name="Cooper", user=user, email=user.email)
    f.ChildGuardianFactory(child=cyd, guardian=guardian, relationship="mother")
    return user


@pytest.fixture
def consents(ada, cyd, ben):
    """Every family agreed to every kind of photo (tests take consents away)."""
    for child in (ada, cyd, ben):
        grant(child)


@pytest.fixture
def book(babies, bob):
    return services.floor_book_create(setting=babies.setting, by=bob, title="Our garden", room=babies)


@pytest.fixture
def ada_photo_page(django_capture_on_commit_callbacks, book, bob, ada, dora, consents):
    """A page with the astronaut photo, Ada tagged in it, and the face found on it tagged as hers."""
    with django_capture_on_commit_callbacks(execute=True):
        page = services.floor_book_page_add(
            book=book,
            by=bob,
            caption="Ada Lovelace planted the beans.",
            children_words="Ada: Grow, beans!",
            uploads=[astronaut_upload()],
            children_in_photos=[[ada]],
        )
    photo = page.photos.select_related("media").get()
    photo.media.refresh_from_db()
    assert photo.media.status == "ready"
    face = FaceBox.objects.filter(media=photo.media).order_by("-w").first()
    assert face is not None, "the astronaut's face was not found"
    face.child = ada
    face.save(update_fields=["child"])
    return page


def face_box(page) -> FaceBox:
    return FaceBox.objects.filter(media=page.photos.get().media, child__isnull=False).get()
