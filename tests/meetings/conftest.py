"""Structured conversation fixtures: a plan bob recorded with dora about Ada."""

import datetime as dt

import pytest

from tandem.core.models import StaffMember
from tandem.meetings import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def adam_staff(adam):
    return StaffMember.objects.get(user=adam)


def priorities(n: int = 2) -> list[dict]:
    return [
        {
            "text": f"Priority {i}: using two words together",
            "at_home": f"Mum names things at bath time ({i})",
            "in_setting": f"Bob models two-word phrases at snack ({i})",
        }
        for i in range(1, n + 1)
    ]


def record(child, by, **overrides):
    today = child.setting.today()
    data = {
        "meeting_on": today,
        "family_words": "Ada says 'more' and 'no'. We worry she gets cross when we don't understand.",
        "practitioner_view": "She points and leads us by the hand.",
        "focus": "Helping Ada to be understood",
        "priorities": priorities(2),
        "review_on": today + dt.timedelta(days=42),
        "mode": "face",
        "attendees": "Dora (mum), Bob (key person)",
        "interpreter_used": True,
        "interpreter_language": "Polish",
        "staff_notes": "SECRET-STAFF-NOTE: discuss with the SENCO",
    }
    data.update(overrides)
    return services.conversation_record(child=child, by=by, **data)


@pytest.fixture
def plan(ada, bob, dora):
    return record(ada, bob)


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
