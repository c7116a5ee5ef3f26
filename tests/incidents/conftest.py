"""Fixtures for accidents and incidents: an accident to Ada recorded by bob (her key person)."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.incidents import services


def local(moment: dt.datetime) -> str:
    """MOMENT as a datetime-local form value in Oak Tree's time zone (Europe/London)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def ada_accident(ada, bob, dora):
    return services.incident_record(
        child=ada,
        by=bob,
        kind="accident",
        occurred_at=timezone.now() - dt.timedelta(hours=2),
        description="Ada slipped on the wet floor by the sink and bumped her knee.",
        location="Bathroom",
        marks=[{"view": "front", "x": 41, "y": 72, "note": "Red mark"}],
        first_aid="Cold compress for five minutes.",
    )


@pytest.fixture
def notifiable_accident(ada, bob, dora):
    return services.incident_record(
        child=ada,
        by=bob,
        kind="accident",
        occurred_at=timezone.now() - dt.timedelta(days=5),
        description="Ada fell from the slide and broke her wrist; taken to hospital.",
        is_serious=True,
        notifiable=True,
        notifiable_reason="serious_injury",
    )
