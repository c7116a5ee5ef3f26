"""The rules of progress worries, against the real database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tandem.core.models import RecordVersion
from tandem.notify.models import NoticeRecipient
from tandem.worries import selectors, services
from tandem.worries.models import Worry, WorryStage
from tests.meetings.conftest import record
from tests.worries.conftest import open_worry

pytestmark = pytest.mark.django_db


def _reload(worry) -> Worry:
    return Worry.objects.get(pk=worry.pk)


def test_opening_a_worry_tells_the_overseers(alice_staff, ada, bob, bob_staff) -> None:
    worry = open_worry(ada, bob, bob_staff)
    assert worry.is_open and worry.opened_on == worry.setting.today()
    recipients = set(NoticeRecipient.objects.filter(notice__kind="worries.opened").values_list("staff", flat=True))
    assert recipients == {alice_staff.pk}  # bob raised it himself


def test_a_worry_needs_a_prime_area_and_what_was_observed(ada, bob, bob_staff) -> None:
    with pytest.raises(ValidationError) as exc:
        open_worry(ada, bob, bob_staff, area="M")
    assert "area" in exc.value.message_dict
    with pytest.raises(ValidationError):
        open_worry(ada, bob, bob_staff, observed=" ")
    assert not Worry.objects.exists()


def test_a_case_cannot_close_without_a_family_conversation_and_agreed_support(worry, bob) -> None:
    with pytest.raises(ValidationError) as exc:
        services.worry_close(worry=worry, by=bob, outcome="Fine now")
    message = exc.value.messages[0]
    assert "cannot be closed yet" in message
    assert "conversation with the family" in message and "support agreed" in message
    assert _reload(worry).is_open

    # Support alone is not enough: the family has not been talked with.
    services.support_agree(worry=worry, by=bob, agreed_support="Two-word phrases at snack and bath time")
    with pytest.raises(ValidationError) as exc:
        services.worry_close(worry=worry, by=bob, outcome="Fine now")
    assert "conversation with the family" in exc.value.messages[0]
    assert "support agreed" not in exc.value.messages[0]
    assert _reload(worry).is_open


def test_a_conversation_alone_is_not_enough_either(worry, bob) -> None:
    services.discussion_record(
        worry=worry, by=bob, discussed_on=worry.setting.today(), family_views="Mum sees the same at home."
    )
    with pytest.raises(ValidationError) as exc:
        services.worry_close(worry=worry, by=bob, outcome="Fine now")
    assert "support agreed" in exc.value.messages[0]
    assert _reload(worry).is_open


def test_a_case_closes_once_discussed_and_support_agreed(worry, bob, dora_guardian) -> None:
    services.discussion_record(
        worry=worry,
        by=bob,
        discussed_on=worry.setting.today(),
        family_views="Mum sees the same at home.",
        agreed_support="Two-word phrases at snack and bath time",
    )
    assert NoticeRecipient.objects.filter(notice__kind="worries.shared", guardian=dora_guardian).count() == 1
    with pytest.raises(ValidationError):
        services.worry_close(worry=worry, by=bob, outcome=" ")
    closed = services.worry_close(worry=worry, by=bob, outcome="Progress as expected")
    assert not closed.is_open and closed.closed_on == worry.setting.today()
    assert RecordVersion.objects.filter(object_type="worries.worry", object_id=str(worry.pk)).exists()
    with pytest.raises(ValidationError):
        services.stage_record(worry=worry, by=bob, stage="review", on=worry.setting.today(), notes="x")


def test_a_structured_conversation_linked_to_the_case_counts(worry, ada, bob) -> None:
    assert not services.has_family_conversation(worry)
    record(ada, bob, worry=worry)
    assert services.has_family_conversation(worry)
    assert _reload(worry).shared_with_family_at is not None
    services.support_agree(worry=worry, by=bob, agreed_support="As in the plan")
    assert not services.worry_close(worry=worry, by=bob, outcome="Plan in place").is_open


def test_a_planned_conversation_does_not_count(worry, ada, bob) -> None:
    from tandem.meetings.services import conversation_plan

    conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today(), worry=worry)
    services.support_agree(worry=worry, by=bob, agreed_support="As in the plan")
    with pytest.raises(ValidationError):
        services.worry_close(worry=worry, by=bob, outcome="Plan in place")


def test_a_discussion_needs_the_family_views_and_a_sensible_date(worry, bob) -> None:
    with pytest.raises(ValidationError):
        services.discussion_record(worry=worry, by=bob, discussed_on=worry.setting.today(), family_views="")
    with pytest.raises(ValidationError):
        services.discussion_record(
            worry=worry, by=bob, discussed_on=worry.setting.today() + dt.timedelta(days=1), family_views="x"
        )
    assert _reload(worry).shared_with_family_at is None


def test_graduated_approach_stages_are_recorded_in_date_order(worry, bob) -> None:
    today = worry.setting.today()
    services.stage_record(worry=worry, by=bob, stage="plan", on=today, notes="Agreed outcomes")
    services.stage_record(worry=worry, by=bob, stage="assess", on=today - dt.timedelta(days=1), notes="Observed")
    with pytest.raises(ValidationError):
        services.stage_record(worry=worry, by=bob, stage="assess", on=today, notes=" ")
    assert [s.stage for s in WorryStage.objects.filter(worry=worry)] == ["assess", "plan"]
    kinds = [e["kind"] for e in selectors.timeline(worry)]
    assert kinds[0] in ("opened", "stage") and kinds.count("stage") == 2


def test_days_open_is_counted_from_the_day_it_was_opened(worry) -> None:
    today = worry.setting.today()
    Worry.objects.filter(pk=worry.pk).update(opened_on=today - dt.timedelta(days=29))
    worry = _reload(worry)
    assert worry.days_open(today) == 29
    Worry.objects.filter(pk=worry.pk).update(closed_on=today - dt.timedelta(days=9))
    assert _reload(worry).days_open(today) == 20


def test_the_two_year_check_is_shown_between_24_and_36_months(ada) -> None:
    dob = ada.date_of_birth
    assert selectors.two_year_check(ada, today=dob + dt.timedelta(days=365 * 2 - 30)) is None
    check = selectors.two_year_check(ada, today=dt.date(dob.year + 3, (dob.month + 6) % 12, dob.day))
    assert check == {"months": 30, "years": 2, "rest": 6}
    assert selectors.two_year_check(ada, today=dt.date(dob.year + 3, dob.month, dob.day)) is None
    assert selectors.two_year_check(ada, today=dt.date(dob.year + 2, dob.month, dob.day))["months"] == 24


def test_observations_from_the_journal_can_be_linked_but_only_of_this_child(ada, ben, bob, bob_staff) -> None:
    from tandem.journal.models import Observation, ObservationChild

    def observation(child):
        o = Observation.objects.create(setting=child.setting, author=bob_staff, text_markdown="Said 'ball'")
        ObservationChild.objects.create(setting=child.setting, observation=o, child=child)
        return o

    own, other = observation(ada), observation(ben)
    with pytest.raises(ValidationError) as exc:
        open_worry(ada, bob, bob_staff, observations=[own, other])
    assert "observations" in exc.value.message_dict
    assert not Worry.objects.exists()
    worry = open_worry(ada, bob, bob_staff, observations=[own])
    assert list(worry.observations.all()) == [own]
