"""Transition fixtures: Ada's planned move from Babies to Pre-school with a summary by bob."""

import datetime as dt

import pytest

from tandem.transitions import services


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ada_move(ada, bob, preschool, dora):
    t = services.transition_plan(
        child=ada, by=bob, kind="room", planned_date=ada.setting.today() + dt.timedelta(days=21), to_room=preschool
    )
    return services.transition_summary_write(transition_=t, by=bob, summary="Ada loves the sand tray.")
