"""Reads of the register, already scoped by tandem.access.rules where they concern children."""

from datetime import date
from uuid import UUID

from tandem.attendance.models import Attendance
from tandem.core.models import Setting


def present_child_ids(*, setting: Setting, day: date) -> set[UUID]:
    """Children of SETTING signed in on DAY and not yet signed out (one query). For other apps
    (the diary's room day view); the caller has already checked who may see the children."""
    return set(
        Attendance.objects.filter(setting=setting, day=day, signed_out_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )
