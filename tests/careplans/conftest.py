"""Care plan fixtures: Ada's plan, started 170 days ago (written by alice), and dora's record."""

import datetime as dt

import pytest

from tandem.careplans import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ada_plan(ada, alice, dora):
    today = ada.setting.today()
    return services.care_plan_write(
        child=ada,
        by=alice,
        start_date=today - dt.timedelta(days=170),
        sections={"routines": "Nap at 12:30", "dietary_needs": "No peanuts", "comfort": "Blue bunny"},
    )


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
