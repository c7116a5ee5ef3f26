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
