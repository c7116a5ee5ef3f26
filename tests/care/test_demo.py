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
