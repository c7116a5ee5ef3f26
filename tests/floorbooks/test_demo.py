"""The demo's floor books and boards: believable, idempotent, real photos without metadata."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled
from PIL import Image

from tandem.core.models import Room, Setting
from tandem.floorbooks import demo
from tandem.floorbooks.models import FloorBook, FloorBookPage, RoomBoardPost, RoomDisplay

pytestmark = pytest.mark.django_db


def test_it_seeds_a_book_per_room_board_posts_and_one_screen_once() -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        sunflower = Setting.objects.get(slug="sunflower")
        today = sunflower.today()
        demo.seed(setting=sunflower, today=today, rng=random.Random(7))
        counts = (FloorBook.objects.count(), FloorBookPage.objects.count(), RoomBoardPost.objects.count())
        demo.seed(setting=sunflower, today=today, rng=random.Random(7))
        assert (FloorBook.objects.count(), FloorBookPage.objects.count(), RoomBoardPost.objects.count()) == counts
        rooms = Room.objects.filter(setting=sunflower, is_active=True).count()
        assert FloorBook.objects.filter(setting=sunflower).count() == rooms
        assert RoomBoardPost.objects.filter(setting=sunflower, text__icontains="Wellies tomorrow").count() == rooms
        assert RoomDisplay.objects.filter(setting=sunflower, active=True).count() == 1
        page = FloorBookPage.objects.filter(setting=sunflower, photos__isnull=False).first()
        media = page.photos.first().media
        assert media.status == "ready"
        with media.original.open("rb") as fh, Image.open(fh) as img:
            assert dict(img.getexif()) == {}
        assert FloorBookPage.objects.filter(setting=sunflower, status="pending").exists()
