"""Progress worry fixtures: bob's worry about Ada's communication and language."""

import pytest

from tandem.core.models import StaffMember
from tandem.worries import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


def open_worry(child, by, staff, **overrides):
    data = {"area": "CL", "observed": "Ada uses few words and does not yet put two together.", "staff_notes": ""}
    data.update(overrides)
    return services.worry_open(child=child, by=by, raised_by=staff, **data)


@pytest.fixture
def worry(ada, bob, bob_staff):
    return open_worry(ada, bob, bob_staff, staff_notes="SECRET-STAFF-NOTE: speech therapy referral?")


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
