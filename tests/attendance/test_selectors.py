"""Reads of the register that other apps depend on."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.attendance.models import Attendance
from tandem.attendance.selectors import present_child_ids

pytestmark = pytest.mark.django_db


def _stay(child, by, day, *, out: bool) -> Attendance:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))
    return Attendance.objects.create(
        setting=child.setting,
        child=child,
        day=day,
        signed_in_at=at,
        signed_in_by=by,
        signed_out_at=at + dt.timedelta(hours=8) if out else None,
    )


def test_present_children_are_those_signed_in_and_not_yet_out_on_that_day(
    oak_tree, ada, ben, elm_child, alice, charlie, django_assert_num_queries
) -> None:
    day = dt.date(2025, 3, 3)
    _stay(ada, alice, day, out=False)
    _stay(ben, alice, day, out=True)
    _stay(ben, alice, day - dt.timedelta(days=1), out=False)
    _stay(elm_child, charlie, day, out=False)
    with django_assert_num_queries(1):
        present = present_child_ids(setting=oak_tree, day=day)
    assert present == {ada.pk}


def test_the_demo_seed_makes_a_believable_register_and_a_second_run_adds_nothing(
    oak_tree, ada, ben, dora, ed, bob_staff
) -> None:
    import random

    from tandem.attendance import demo
    from tandem.attendance.models import AuthorisedCollector, StaffShift

    today = oak_tree.today()
    for attempt in range(2):
        demo.seed(setting=oak_tree, today=today, rng=random.Random(7))
        counts = (
            Attendance.objects.filter(setting=oak_tree).count(),
            StaffShift.objects.filter(setting=oak_tree).count(),
            AuthorisedCollector.objects.filter(setting=oak_tree).count(),
        )
        if attempt == 0:
            first = counts
    assert counts == first
    assert StaffShift.objects.get().staff == bob_staff
    assert all(s.signed_in_at <= timezone.now() for s in Attendance.objects.all())


def test_the_demo_seed_fits_the_demo_nursery(db) -> None:
    import random

    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from tandem.attendance import demo
    from tandem.attendance.models import AuthorisedCollector, StaffShift
    from tandem.core.models import Setting

    call_command("demo", verbosity=0)
    with scopes_disabled():
        sunflower = Setting.objects.get(slug="sunflower")
        demo.seed(setting=sunflower, today=sunflower.today(), rng=random.Random(1))
        present = present_child_ids(setting=sunflower, day=sunflower.today())
        assert len(present) > 5
        assert StaffShift.objects.filter(setting=sunflower).exists()
        collector = AuthorisedCollector.objects.filter(setting=sunflower).exclude(photo="").first()
        with collector.photo.open("rb") as fh:
            assert fh.read(3) == b"\xff\xd8\xff"  # a real JPEG
