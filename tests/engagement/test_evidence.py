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


@pytest.mark.django_db
def test_complaints_are_counted_and_the_record_names_no_child(oak_tree, ada, dora) -> None:
    from tandem.concerns import services as concern_services

    concern_services.concern_raise(
        setting=oak_tree,
        by=dora,
        guardian=dora.guardianships.get(),
        kind="complaint",
        about="Ada Lovelace came home with a bump nobody told us about.",
        child=ada,
        language="en",
    )
    section = _sections(oak_tree)["concerns"]
    assert section.context["received"] == 1
    assert section.context["complaints"] == 1 and section.context["still_open"] == 1
    assert "Ada" not in section.context["record"][0]["nature"]


@pytest.mark.django_db
def test_a_survey_answered_by_fewer_than_five_shows_no_numbers(oak_tree, alice, dora, ed, ada) -> None:
    from tandem.surveys import services as survey_services
    from tests.surveys.conftest import answers_for, make_survey

    survey = make_survey(oak_tree, alice)
    survey_services.response_submit(
        survey=survey, by=dora, guardian=dora.guardianships.get(), answers=answers_for(survey)
    )
    (row,) = _sections(oak_tree)["surveys"].context["rows"]
    assert row["rate"].invited == 2
    assert row["rate"].responded is None  # fewer than 5: hidden


@pytest.mark.django_db
def test_no_section_breaks_on_an_empty_setting(elm_house, charlie) -> None:
    keys = set(_sections(elm_house, days=365))
    assert {"communication", "contributions", "starting_well", "concerns"} <= keys


@pytest.mark.django_db
def test_messages_sent_by_a_way_the_family_chose_are_counted(
    oak_tree, ada, dora, ed, ben, django_capture_on_commit_callbacks
) -> None:
    from tandem.notify.models import Delivery
    from tandem.notify.services import notify_guardians

    prefs = dora.guardianships.get().preferences
    prefs.channels = ["letter"]
    prefs.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify_guardians(
            setting=oak_tree,
            guardians=[dora.guardianships.get(), ed.guardianships.get()],
            kind="announcements.pickup_reminder",
            template="announcements/notices/pickup_reminder",
            context={"title": "Trip", "setting": oak_tree.name},
        )
    deliveries = _sections(oak_tree)["communication"].context["deliveries"]
    non_push = Delivery.objects.exclude(channel="push").count()
    assert deliveries["total"] == non_push
    # dora chose letters and got a letter; ed chose nothing, so the app and e-mail are his choice
    assert deliveries["chosen"] == non_push
