"""The evidence sections count what the partnership apps recorded, for the chosen period only."""

import datetime as dt

import pytest

from tandem.engagement import evidence
from tandem.engagement.selectors import Period
from tests.meetings.conftest import record
from tests.worries.conftest import open_worry


def _sections(setting, days=30) -> dict:
    today = setting.today()
    period = Period(start=today - dt.timedelta(days=days - 1), end=today)
    return {s.key: s for s in evidence.build_sections(setting=setting, period=period)}


@pytest.mark.django_db
def test_structured_conversations_held_are_counted(oak_tree, ada, bob, dora) -> None:
    record(ada, bob)
    section = _sections(oak_tree)["structured_conversations"]
    assert section.context["held"] == 1
    assert section.context["families"] == 1
    assert section.context["priorities"] >= 1


@pytest.mark.django_db
def test_progress_worries_show_whether_they_were_discussed_with_the_family(oak_tree, ada, bob, bob_staff) -> None:
    open_worry(ada, bob, bob_staff)
    section = _sections(oak_tree)["progress_worries"]
    assert section.context["opened"] == 1
    assert section.context["discussed"] == 0
    assert section.context["open_now"] == 1


@pytest.mark.django_db
def test_nothing_from_another_setting_is_counted(oak_tree, elm_house, ada, bob, dora, charlie) -> None:
    record(ada, bob)
    section = _sections(elm_house)["structured_conversations"]
    assert section.context["held"] == 0
