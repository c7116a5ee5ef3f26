"""Fixtures for the register: a grandparent on Ada's list with a password and a photo."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tandem.attendance import services
from tandem.core.models import Guardian


def jpeg_bytes(size=(40, 30), colour=(200, 80, 40), *, fmt: str = "JPEG", exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(data: bytes | None = None, name: str = "face.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(), content_type=content_type)


def ago(**kwargs) -> dt.datetime:
    return timezone.now() - dt.timedelta(**kwargs)


@pytest.fixture
def dora_guardian(dora) -> Guardian:
    return Guardian.objects.get(user=dora)


@pytest.fixture
def granny(ada, dora, dora_guardian):
    return services.collector_add(
        child=ada,
        by=dora,
        guardian=dora_guardian,
        name="Grace Lovelace",
        relationship="Grandmother",
        phone="07700 900123",
        photo=upload(),
        password="bluebird",
    )


@pytest.fixture
def ada_in(ada, bob, dora_guardian):
    """Ada, signed in by bob an hour ago, dropped off by her mother."""
    return services.attendance_sign_in(child=ada, by=bob, at=ago(hours=1), guardian=dora_guardian)
