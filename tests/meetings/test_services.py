"""The rules of structured conversations, against the real database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tandem.core.models import RecordVersion
from tandem.meetings import services
from tandem.meetings.models import Conversation, FamilyComment, Priority
from tandem.notify.models import NoticeRecipient
from tests.meetings.conftest import priorities, record

pytestmark = pytest.mark.django_db


def test_a_conversation_keeps_the_family_words_first_with_its_priorities(plan, ada, dora_guardian) -> None:
    assert plan.status == Conversation.Status.HELD
    assert plan.family_words.startswith("Ada says 'more'")
    assert [p.order for p in plan.priorities.all()] == [1, 2]
    assert plan.interpreter_language == "Polish"
    # The family is told the plan is ready.
    assert NoticeRecipient.objects.filter(notice__kind="meetings.plan_ready", guardian=dora_guardian).count() == 1


def test_the_family_words_are_required(ada, bob) -> None:
    with pytest.raises(ValidationError) as exc:
        record(ada, bob, family_words="   ")
    assert "family_words" in exc.value.message_dict
    assert not Conversation.objects.exists()


def test_a_review_date_before_the_meeting_is_refused_and_nothing_saved(ada, bob) -> None:
    today = ada.setting.today()
    for review_on in (today - dt.timedelta(days=1), today):
        with pytest.raises(ValidationError) as exc:
            record(ada, bob, review_on=review_on)
        assert exc.value.message_dict["review_on"] == ["The review date must be after the meeting."]
    assert not Conversation.objects.exists()
    assert not Priority.objects.exists()


@pytest.mark.parametrize("n", [0, 4])
def test_priorities_are_one_to_three(ada, bob, n) -> None:
    with pytest.raises(ValidationError) as exc:
        record(ada, bob, priorities=priorities(n))
    assert "no more than three" in exc.value.message_dict["priorities"][0]
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("n", [1, 3])
def test_one_or_three_priorities_are_accepted(ada, bob, n) -> None:
    assert record(ada, bob, priorities=priorities(n)).priorities.count() == n


def test_a_priority_needs_who_does_what_at_home_and_in_the_setting(ada, bob) -> None:
    rows = priorities(2)
    rows[1]["at_home"] = ""
    with pytest.raises(ValidationError) as exc:
        record(ada, bob, priorities=rows)
    assert "at home" in exc.value.message_dict["priorities"][0]
    assert not Conversation.objects.exists()


def test_an_interpreter_needs_a_language(ada, bob) -> None:
    with pytest.raises(ValidationError) as exc:
        record(ada, bob, interpreter_language="")
    assert "interpreter_language" in exc.value.message_dict


def test_edits_keep_the_earlier_version_and_never_change_the_family_words(plan, bob) -> None:
    words = plan.family_words
    services.conversation_edit(conversation=plan, by=bob, focus="Being understood at home and in the room")
    plan.refresh_from_db()
    assert plan.focus == "Being understood at home and in the room"
    assert plan.family_words == words
    version = RecordVersion.objects.get(object_type="meetings.conversation", object_id=str(plan.pk))
    assert version.data["focus"] == "Helping Ada to be understood"
    assert version.data["family_words"] == words
    with pytest.raises(ValidationError) as exc:
        services.conversation_edit(conversation=plan, by=bob, family_words="Something else")
    assert "cannot be changed" in exc.value.message_dict["family_words"][0]
    plan.refresh_from_db()
    assert plan.family_words == words
    assert RecordVersion.objects.filter(object_id=str(plan.pk)).count() == 1


def test_an_edit_with_a_review_date_before_the_meeting_is_refused(plan, bob) -> None:
    with pytest.raises(ValidationError):
        services.conversation_edit(conversation=plan, by=bob, review_on=plan.meeting_on - dt.timedelta(days=3))
    plan.refresh_from_db()
    assert plan.review_on > plan.meeting_on
    assert not RecordVersion.objects.filter(object_id=str(plan.pk)).exists()


def test_the_family_comments_and_the_key_person_is_told(plan, dora, dora_guardian, bob_staff) -> None:
    services.family_comment_add(conversation=plan, guardian=dora_guardian, by=dora, text="We will try at bath time.")
    assert FamilyComment.objects.get().text == "We will try at bath time."
    assert NoticeRecipient.objects.filter(notice__kind="meetings.family_commented", staff=bob_staff).count() == 1
    with pytest.raises(ValidationError):
        services.family_comment_add(conversation=plan, guardian=dora_guardian, by=dora, text="  ")


def test_the_review_records_progress_and_priorities_carry_into_a_new_plan(plan, ada, bob) -> None:
    first, second = plan.priorities.all()
    with pytest.raises(ValidationError):  # every priority needs its progress
        services.conversation_review(
            conversation=plan, by=bob, reviewed_on=ada.setting.today(), summary="Good", progress={}
        )
    services.conversation_review(
        conversation=plan,
        by=bob,
        reviewed_on=ada.setting.today(),
        summary="Lots of two-word phrases now",
        progress={str(first.pk): {"progress": "achieved"}, str(second.pk): {"progress": "some", "notes": "At home"}},
    )
    plan.refresh_from_db()
    assert plan.status == Conversation.Status.REVIEWED
    first.refresh_from_db()
    assert first.progress == "achieved"
    new = record(
        ada,
        bob,
        follows=plan,
        priorities=[
            {"text": second.text, "at_home": second.at_home, "in_setting": second.in_setting, "carried_from": second.pk}
        ],
    )
    carried = new.priorities.get()
    assert carried.carried_from == second
    assert new.follows == plan


def test_a_planned_meeting_is_recorded_later(ada, bob) -> None:
    planned = services.conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today() + dt.timedelta(days=5))
    assert planned.is_planned
    with pytest.raises(ValidationError):
        services.conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today() - dt.timedelta(days=1))
    conversation = record(ada, bob, planned=planned)
    assert conversation.pk == planned.pk
    assert conversation.status == Conversation.Status.HELD


def test_reminders_are_sent_once(ada, bob, bob_staff, dora_guardian) -> None:
    today = ada.setting.today()
    services.conversation_plan(child=ada, by=bob, meeting_on=today + dt.timedelta(days=1))
    services.conversation_plan(child=ada, by=bob, meeting_on=today + dt.timedelta(days=20))  # too early to remind
    held = record(ada, bob, review_on=today + dt.timedelta(days=5))
    assert services.send_reminders(setting=ada.setting) == 2
    assert services.send_reminders(setting=ada.setting) == 0
    assert NoticeRecipient.objects.filter(notice__kind="meetings.meeting_reminder", guardian=dora_guardian).count() == 1
    assert NoticeRecipient.objects.filter(notice__kind="meetings.meeting_reminder", staff=bob_staff).count() == 1
    assert NoticeRecipient.objects.filter(notice__kind="meetings.review_reminder", guardian=dora_guardian).count() == 1
    # A new review date earns a new reminder, once.
    services.conversation_edit(conversation=held, by=bob, review_on=today + dt.timedelta(days=6))
    assert services.send_reminders(setting=ada.setting) == 1
    assert services.send_reminders(setting=ada.setting) == 0


def test_the_periodic_task_sends_reminders_once(ada, bob, dora_guardian) -> None:
    from tandem.meetings.tasks import send_reminders

    services.conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today())
    send_reminders.enqueue()
    send_reminders.enqueue()
    assert NoticeRecipient.objects.filter(notice__kind="meetings.meeting_reminder", guardian=dora_guardian).count() == 1
