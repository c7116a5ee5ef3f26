"""Journal fixtures on top of the cast: consents, a real photo of a face (the public-domain NASA
astronaut portrait, tests/fixtures/astronaut.jpg) uploaded through the media app, and a group
observation of Ada and Ben."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tandem.core.models import Consent, ConsentKind
from tandem.journal import services
from tandem.journal.models import Observation
from tandem.media.models import FaceBox

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALL_PHOTO_CONSENTS = (ConsentKind.PHOTOS_OWN_JOURNAL, ConsentKind.GROUP_PHOTOS, ConsentKind.DISPLAY_BOARDS)


def grant(child, *kinds, granted: bool = True) -> None:
    for kind in kinds or ALL_PHOTO_CONSENTS:
        Consent.objects.update_or_create(
            child=child, kind=kind, defaults={"setting": child.setting, "granted": granted}
        )


def astronaut_upload(name: str = "astronaut.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / "astronaut.jpg").read_bytes(), content_type="image/jpeg")


def png_upload(name: str = "painting.png", colour=(200, 80, 40), size=(640, 480)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def bob_member(bob_staff):
    return bob_staff


@pytest.fixture
def alice_member(alice, oak_tree):
    return alice.staff_memberships.get(setting=oak_tree)


@pytest.fixture
def consents(ada, ben):
    """Both families agreed to every kind of photo."""
    grant(ada)
    grant(ben)


def make_observation(*, author, by, children, uploads=(), text="Ada and Ben built a tower.", **more) -> Observation:
    return services.observation_create(
        setting=author.setting,
        author=author,
        by=by,
        children=children,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        text_markdown=text,
        uploads=uploads,
        **more,
    )


@pytest.fixture
def group_observation(django_capture_on_commit_callbacks, bob_staff, bob, ada, ben, consents, dora, ed):
    """A published observation of Ada and Ben with the astronaut photo, in which only Ada
    appears; the one face found is tagged as Ada's."""
    with django_capture_on_commit_callbacks(execute=True):
        observation = make_observation(
            author=bob_staff,
            by=bob,
            children=[ada, ben],
            uploads=[astronaut_upload()],
            text="Ada Lovelace showed Ben how to stack the cups. Then **Ben** tried.",
            child_voice='Ada: "Look, Ben!"',
            home_ideas="Stack tins with Ada at home.",
        )
    link = observation.media_links.get()
    services.observation_media_tag(link=link, by=bob, children=[ada], caption="Ada at the tower")
    face = FaceBox.objects.filter(media=link.media).order_by("-w").first()
    assert face is not None, "the astronaut's face was not found"
    face.child = ada
    face.save(update_fields=["child"])
    from tandem.access.permissions import StaffPermissions

    services.observation_publish(
        observation=observation, by=bob, staff=bob_staff, perms=StaffPermissions.for_roles(bob_staff.roles)
    )
    observation.refresh_from_db()
    return observation
