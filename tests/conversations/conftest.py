"""Conversations fixtures: dora's guardian record, Oak Tree's opening hours, a thread about
Ada that dora started, and helpers to make files."""

import datetime as dt
import io

import pytest
from PIL import Image

from tandem.conversations import services
from tandem.core.models import StaffMember


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def weekday_hours(oak_tree, alice):
    """Monday to Friday 07:30–18:00; weekends closed."""
    services.opening_hours_set(
        setting=oak_tree,
        by=alice,
        week={d: (dt.time(7, 30), dt.time(18, 0)) for d in range(5)},
    )
    return oak_tree


@pytest.fixture
def dora_thread(ada, dora, dora_guardian):
    """Started on a Wednesday morning, in opening hours whatever the clock says."""
    return services.conversation_start_for_family(
        user=dora,
        guardian=dora_guardian,
        child=ada,
        subject="Sleep at nursery",
        body="Dzień dobry, Ada źle spała w nocy.",
        now=dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC),
    )


def jpeg_upload(name="photo.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
