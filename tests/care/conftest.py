"""Care fixtures on top of the cast: times a little in the past, and helpers to make entries."""

import contextlib
import datetime as dt
import uuid

import pytest
from django.utils import timezone

from tandem.care import services


@pytest.fixture
def earlier() -> dt.datetime:
    """Half an hour ago (so tests never write a time in the future)."""
    return timezone.now() - dt.timedelta(minutes=30)


@pytest.fixture
def record(bob):
    """Record an entry for a child as bob (or BY), returning the entry."""

    def make(child, *, kind="nappy", occurred_at=None, by=None, **fields):
        if kind == "nappy":
            fields.setdefault("nappy", "wet")
        entry, _created = services.diary_entry_record(
            child=child,
            by=by or bob,
            kind=kind,
            occurred_at=occurred_at or timezone.now() - dt.timedelta(minutes=30),
            idempotency_key=uuid.uuid4(),
            **fields,
        )
        return entry

    return make


def sign_in(*children, by=None) -> None:
    """Sign CHILDREN in on the register an hour ago (the room's day shows the children present)."""
    from django.core.exceptions import ValidationError

    from tandem.attendance.services import attendance_sign_in
    from tandem.core.models import StaffMember

    for child in children:
        person = by or StaffMember.objects.filter(setting=child.setting).select_related("user").first().user
        with contextlib.suppress(ValidationError):  # already signed in
            attendance_sign_in(child=child, by=person, at=timezone.now() - dt.timedelta(hours=1))
