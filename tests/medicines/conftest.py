"""Medicines fixtures: Ada's inhaler permission (given by dora), and a dose bob gave."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.core.models import StaffMember
from tandem.medicines.models import MedicineAdministration, MedicinePermission


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def inhaler(ada, dora, dora_guardian):
    today = ada.setting.today()
    return MedicinePermission.objects.create(
        setting=ada.setting,
        child=ada,
        given_by=dora_guardian,
        medicine_name="Salbutamol inhaler",
        dose_amount=Decimal("2"),
        dose_unit="puffs",
        route="inhaled",
        conditions="If wheezy",
        min_hours_between=Decimal("4"),
        max_doses_per_day=3,
        start_date=today - dt.timedelta(days=3),
        end_date=today + dt.timedelta(days=30),
        reason="Wheeze",
        prescribed=True,
        signature="Dora Lovelace",
        recorded_by=dora,
    )


def make_dose(permission, *, given_by, hours_ago: float = 5, witnessed_by=None, amount="2") -> MedicineAdministration:
    return MedicineAdministration.objects.create(
        setting=permission.setting,
        child=permission.child,
        permission=permission,
        given_at=timezone.now() - dt.timedelta(hours=hours_ago),
        dose_amount=Decimal(amount),
        given_by=given_by,
        witnessed_by=witnessed_by,
        recorded_by=given_by.user,
    )


@pytest.fixture
def ada_dose(inhaler, bob_staff, alice_staff):
    return make_dose(inhaler, given_by=bob_staff, witnessed_by=alice_staff)


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
