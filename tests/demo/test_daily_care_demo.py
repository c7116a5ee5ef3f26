"""The demo nursery has a day to look at: a register, medicines and accidents."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from tandem.attendance.models import Attendance
from tandem.incidents.models import Incident
from tandem.medicines.models import MedicineAdministration, MedicinePermission

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_register_medicines_and_accidents_and_a_second_run_adds_none() -> None:
    call_command("demo", verbosity=0)
    counts = (
        Attendance.objects.filter(day=timezone.localdate()).count(),
        MedicinePermission.objects.count(),
        MedicineAdministration.objects.count(),
        Incident.objects.count(),
    )
    assert all(n > 0 for n in counts), counts
    call_command("demo", verbosity=0)
    assert counts == (
        Attendance.objects.filter(day=timezone.localdate()).count(),
        MedicinePermission.objects.count(),
        MedicineAdministration.objects.count(),
        Incident.objects.count(),
    )
