"""The demo adds real photos with their copies, and a second run adds nothing."""

import datetime as dt
import random

import pytest

from tandem.media import demo
from tandem.media.models import MediaFile

pytestmark = pytest.mark.django_db


def test_the_demo_adds_photos_with_copies_once(oak_tree, alice) -> None:
    demo.seed(setting=oak_tree, today=dt.date(2025, 3, 3), rng=random.Random(1))
    demo.seed(setting=oak_tree, today=dt.date(2025, 3, 3), rng=random.Random(1))
    media = MediaFile.objects.filter(setting=oak_tree)
    assert media.count() == 5
    assert media.filter(kind="photo", status="ready").count() == 4
    assert media.filter(kind="document").count() == 1
    assert media.get(original_name="demo-dressing-up.jpg").faces.count() == 1
