"""The diary's demo data is believable, valid by the diary's own rules, and loads once."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from tandem.care import demo
from tandem.care.models import CareRoutine, DayFinalisation, DiaryEntry, SleepCheck
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_demo_diary_is_believable_and_loads_once(oak_tree, babies, ada, bob, dora) -> None:
    f.ChildFactory.create_batch(3, room=babies)
    today = oak_tree.today()
    demo.seed(setting=oak_tree, today=today, rng=random.Random(1))
    count = DiaryEntry.objects.filter(setting=oak_tree).count()
    assert count > 4 * 15 * 8  # four children, most weekdays of a month, several entries a day
    assert CareRoutine.objects.filter(child=ada).exists()
    assert DayFinalisation.objects.filter(child=ada, day__lt=today).exists()
    assert not DiaryEntry.objects.filter(occurred_at__gt=timezone.now()).exists()
    assert not DiaryEntry.objects.filter(amount_ml__gt=500).exists()
    assert SleepCheck.objects.exists()
    # sleeps never overlap, and none ends before it starts
    for child_id in DiaryEntry.objects.values_list("child_id", flat=True).distinct():
        sleeps = list(DiaryEntry.objects.filter(child_id=child_id, kind="sleep").order_by("occurred_at"))
        for a, b in zip(sleeps, sleeps[1:], strict=False):
            assert a.ended_at is None or a.ended_at <= b.occurred_at or a.day != b.day
            assert a.ended_at is None or a.ended_at >= a.occurred_at
    demo.seed(setting=oak_tree, today=today, rng=random.Random(1))
    assert DiaryEntry.objects.filter(setting=oak_tree).count() == count
    assert today - dt.timedelta(days=31) <= DiaryEntry.objects.earliest("day").day


def test_it_seeds_the_sunflower_demo_and_its_room_day_shows_the_children(db) -> None:
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from tandem.care import selectors
    from tandem.core.models import Room, Setting, StaffMember

    call_command("demo", verbosity=0)
    with scopes_disabled():
        sunflower = Setting.objects.get(slug="sunflower")
        demo.seed(setting=sunflower, today=sunflower.today(), rng=random.Random("care"))
        count = DiaryEntry.objects.filter(setting=sunflower).count()
        demo.seed(setting=sunflower, today=sunflower.today(), rng=random.Random("care"))
        assert DiaryEntry.objects.filter(setting=sunflower).count() == count > 1000
        babies = Room.objects.get(setting=sunflower, name="Babies")
        manager = StaffMember.objects.filter(setting=sunflower, roles__icontains="manager").first().user
        day = sunflower.today() - dt.timedelta(days=1)
        while day.weekday() >= 5:  # the demo nursery is open on weekdays
            day -= dt.timedelta(days=1)
        room_day = selectors.room_day(user=manager, setting=sunflower, room=babies, day=day)
    assert room_day.children and all(cd.finalised for cd in room_day.children)
