"""The verbs of the care diary: good entries are recorded once; bad input gets a clear message
and saves nothing; corrections and strike-outs keep the earlier value."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from tandem.care import services
from tandem.care.models import CareRoutine, DayFinalisation, DaySummarySent, DiaryEntry, MorningHandover, SleepCheck
from tandem.core.models import AuditEntry, RecordVersion
from tests import factories as f

pytestmark = pytest.mark.django_db


def _errors(exc) -> str:
    return " ".join(exc.value.messages)


# --- recording ----------------------------------------------------------------------------------


def test_it_records_a_bottle_on_the_setting_day_and_logs_no_content(ada, bob, earlier) -> None:
    entry, created = services.diary_entry_record(
        child=ada, by=bob, kind="feed", occurred_at=earlier, idempotency_key=uuid.uuid4(),
        feed_type="bottle", amount_ml=180, notes="Took it slowly",
    )  # fmt: skip
    assert created
    assert entry.day == services.local_day(ada.setting, earlier)
    assert entry.amount_ml == 180 and entry.source == "staff"
    log = AuditEntry.objects.get(action="care.diary_entry.recorded")
    assert log.object_id == str(entry.pk) and log.child_id == ada.pk
    assert "Took it slowly" not in str(log.data)


def test_the_same_idempotency_key_records_the_entry_once(ada, bob, earlier) -> None:
    key = uuid.uuid4()
    first, created = services.diary_entry_record(
        child=ada, by=bob, kind="nappy", nappy="wet", occurred_at=earlier, idempotency_key=key
    )
    again, created_again = services.diary_entry_record(
        child=ada, by=bob, kind="nappy", nappy="wet", occurred_at=earlier, idempotency_key=key
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert DiaryEntry.objects.filter(child=ada).count() == 1
    assert AuditEntry.objects.filter(action="care.diary_entry.recorded").count() == 1


def test_lunch_for_the_whole_table_is_one_entry_per_child(oak_tree, babies, ada, bob, earlier) -> None:
    others = f.ChildFactory.create_batch(11, room=babies)
    children = [ada, *others]
    entries, created = services.diary_entry_record_many(
        setting=oak_tree, children=children, by=bob, kind="meal", occurred_at=earlier,
        idempotency_key=uuid.uuid4(), offered="Shepherd's pie", eaten="most",
    )  # fmt: skip
    assert created
    assert [e.child_id for e in entries] == [c.pk for c in children]
    assert DiaryEntry.objects.filter(kind="meal", offered="Shepherd's pie").count() == 12
    assert AuditEntry.objects.filter(action="care.diary_entry.recorded").count() == 12


def test_a_multi_child_post_sent_twice_records_nothing_more(oak_tree, babies, ada, bob, earlier) -> None:
    children = [ada, *f.ChildFactory.create_batch(2, room=babies)]
    key = uuid.uuid4()
    first, _ = services.diary_entry_record_many(
        setting=oak_tree,
        children=children,
        by=bob,
        kind="drink",
        occurred_at=earlier,
        idempotency_key=key,
        amount_ml=100,
    )
    second, created = services.diary_entry_record_many(
        setting=oak_tree,
        children=children,
        by=bob,
        kind="drink",
        occurred_at=earlier,
        idempotency_key=key,
        amount_ml=100,
    )
    assert not created
    assert [e.pk for e in second] == [e.pk for e in first]
    assert DiaryEntry.objects.filter(kind="drink").count() == 3


def test_a_multi_child_entry_takes_a_bounded_number_of_queries(
    oak_tree, babies, ada, bob, earlier, django_assert_num_queries
) -> None:
    few = [ada, *f.ChildFactory.create_batch(2, room=babies)]
    many = [*few, *f.ChildFactory.create_batch(27, room=babies)]
    # (savepoints: the service's transaction and the insert's) memberships, visible children,
    # existing keys, insert the entries, insert the audit entries
    with django_assert_num_queries(9):
        services.diary_entry_record_many(
            setting=oak_tree,
            children=few,
            by=bob,
            kind="snack",
            occurred_at=earlier,
            idempotency_key=uuid.uuid4(),
            eaten="all",
        )
    with django_assert_num_queries(8):  # bob's memberships are cached on him now
        services.diary_entry_record_many(
            setting=oak_tree,
            children=many,
            by=bob,
            kind="snack",
            occurred_at=earlier,
            idempotency_key=uuid.uuid4(),
            eaten="all",
        )
    assert DiaryEntry.objects.count() == 33


def test_one_invalid_child_means_nothing_is_saved_for_any(oak_tree, babies, ada, bob, elm_child, earlier) -> None:
    other = f.ChildFactory(room=babies)
    with pytest.raises(services.CareError):
        services.diary_entry_record_many(
            setting=oak_tree,
            children=[ada, other, elm_child],
            by=bob,
            kind="meal",
            occurred_at=earlier,
            idempotency_key=uuid.uuid4(),
            eaten="some",
        )
    assert not DiaryEntry.objects.exists()


def test_it_refuses_a_child_the_person_may_not_see(ada, charlie, earlier) -> None:
    with pytest.raises(services.CareError) as exc:
        services.diary_entry_record(child=ada, by=charlie, kind="nappy", nappy="wet", occurred_at=earlier)
    assert "may not record" in _errors(exc)
    assert not DiaryEntry.objects.exists()


def test_a_guardian_records_only_for_their_own_child(ada, ben, dora, earlier) -> None:
    entry, _ = services.diary_entry_record(
        child=ada,
        by=dora,
        kind="sleep",
        source="guardian",
        occurred_at=earlier - dt.timedelta(hours=2),
        ended_at=earlier,
    )
    assert entry.source == "guardian"
    with pytest.raises(services.CareError):
        services.diary_entry_record(child=ben, by=dora, kind="note", source="guardian", occurred_at=earlier, notes="Hi")
    assert DiaryEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"kind": "sleep", "ended_at": "-1h"}, "ended_at", "cannot end before it starts"),
        ({"kind": "nappy", "nappy": "wet", "occurred_at": "+1h"}, "occurred_at", "in the future"),
        ({"kind": "sleep", "ended_at": "+1h"}, "ended_at", "in the future"),
        ({"kind": "feed", "feed_type": "bottle", "amount_ml": -20}, "amount_ml", "cannot be negative"),
        ({"kind": "feed", "feed_type": "bottle", "amount_ml": 5000}, "amount_ml", "more than a child can drink"),
        ({"kind": "drink", "amount_ml": 501}, "amount_ml", "at most 500 ml"),
        ({"kind": "feed"}, "feed_type", "breast, bottle or solids"),
        ({"kind": "meal", "offered": "Soup"}, "eaten", "how much was eaten"),
        ({"kind": "nappy"}, "nappy", "wet, soiled or dry"),
        ({"kind": "temperature", "temperature_c": 48}, "temperature_c", "between 34 and 43"),
        ({"kind": "note"}, "notes", "Write what happened"),
        ({"kind": "meal", "eaten": "all", "ended_at": "+0h"}, "ended_at", "Only a sleep"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(ada, bob, fields, field, words) -> None:
    now = timezone.now()
    start = now - dt.timedelta(minutes=30)
    fields = dict(fields)
    for name in ("occurred_at", "ended_at"):
        if name in fields:
            fields[name] = (now if name == "occurred_at" else start) + dt.timedelta(hours=int(fields[name][:-1]))
    fields.setdefault("occurred_at", start)
    with pytest.raises(services.CareError) as exc:
        services.diary_entry_record(child=ada, by=bob, idempotency_key=uuid.uuid4(), **fields)
    assert field in exc.value.message_dict
    assert words in _errors(exc)
    assert not DiaryEntry.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="care.").exists()


def test_a_time_a_few_minutes_ahead_is_clock_drift_not_the_future(ada, bob) -> None:
    entry, _ = services.diary_entry_record(
        child=ada, by=bob, kind="mood", mood="happy", occurred_at=timezone.now() + dt.timedelta(minutes=3)
    )
    assert entry.pk


def test_overlapping_sleeps_are_refused(ada, bob, record) -> None:
    now = timezone.now()
    record(ada, kind="sleep", occurred_at=now - dt.timedelta(hours=3), ended_at=now - dt.timedelta(hours=2))
    with pytest.raises(services.CareError) as exc:
        record(
            ada, kind="sleep", occurred_at=now - dt.timedelta(hours=2, minutes=30), ended_at=now - dt.timedelta(hours=1)
        )
    assert "overlaps" in _errors(exc)
    record(ada, kind="sleep", occurred_at=now - dt.timedelta(minutes=90))  # ongoing, after the first
    with pytest.raises(services.CareError):
        record(ada, kind="sleep", occurred_at=now - dt.timedelta(minutes=10))  # still asleep
    assert DiaryEntry.objects.filter(kind="sleep").count() == 2


# --- corrections and strike-outs -----------------------------------------------------------------


def test_a_correction_keeps_the_earlier_value(ada, bob, alice, record) -> None:
    entry = record(ada, kind="feed", feed_type="bottle", amount_ml=120)
    services.diary_entry_correct(entry=entry, by=alice, amount_ml=150)
    entry.refresh_from_db()
    assert entry.amount_ml == 150 and entry.corrected_at is not None
    version = RecordVersion.objects.get(object_type="care.diaryentry", object_id=str(entry.pk))
    assert version.data["amount_ml"] == 120 and version.changed_by == alice
    assert AuditEntry.objects.get(action="care.diary_entry.corrected").data == {"fields": ["amount_ml"]}


def test_a_bad_correction_changes_nothing(ada, bob, record) -> None:
    entry = record(ada, kind="feed", feed_type="bottle", amount_ml=120)
    with pytest.raises(services.CareError):
        services.diary_entry_correct(entry=entry, by=bob, amount_ml=900)
    assert entry.amount_ml == 120  # the object in memory is put back too
    entry.refresh_from_db()
    assert entry.amount_ml == 120 and entry.corrected_at is None
    assert not RecordVersion.objects.exists()


def test_striking_out_needs_a_reason_and_keeps_the_entry(ada, bob, record) -> None:
    entry = record(ada)
    with pytest.raises(services.CareError):
        services.diary_entry_strike_out(entry=entry, by=bob, reason="  ")
    services.diary_entry_strike_out(entry=entry, by=bob, reason="Wrong child")
    entry.refresh_from_db()
    assert entry.struck_out_at and entry.struck_out_reason == "Wrong child"
    assert DiaryEntry.objects.filter(pk=entry.pk).exists()
    with pytest.raises(services.CareError):
        services.diary_entry_correct(entry=entry, by=bob, nappy="dry")


def test_a_struck_out_sleep_no_longer_blocks_a_new_one(ada, bob, record) -> None:
    wrong = record(ada, kind="sleep", occurred_at=timezone.now() - dt.timedelta(hours=1))
    services.diary_entry_strike_out(entry=wrong, by=bob, reason="Was not asleep")
    assert record(ada, kind="sleep", occurred_at=timezone.now() - dt.timedelta(minutes=20)).pk


def test_sleep_checks_fall_within_the_sleep_and_the_sleep_ends(ada, bob, record) -> None:
    sleep = record(ada, kind="sleep", occurred_at=timezone.now() - dt.timedelta(minutes=40))
    services.sleep_check_record(entry=sleep, by=bob)
    with pytest.raises(services.CareError):
        services.sleep_check_record(entry=sleep, by=bob, checked_at=sleep.occurred_at - dt.timedelta(minutes=5))
    services.sleep_end(entry=sleep, by=bob)
    with pytest.raises(services.CareError):
        services.sleep_end(entry=sleep, by=bob)
    assert SleepCheck.objects.filter(entry=sleep).count() == 1
    sleep.refresh_from_db()
    assert sleep.ended_at is not None


# --- routines, handovers, finalising, summaries -------------------------------------------------


def test_a_routine_is_tidied_and_its_change_versioned(ada, bob) -> None:
    services.care_routine_update(child=ada, by=bob, nap_times="9:30;13:00", feed_interval_minutes=180)
    routine = CareRoutine.objects.get(child=ada)
    assert routine.nap_times == "09:30, 13:00"
    services.care_routine_update(child=ada, by=bob, nap_times="10:00", feed_interval_minutes=180)
    assert RecordVersion.objects.filter(object_type="care.careroutine").count() == 1
    with pytest.raises(services.CareError) as exc:
        services.care_routine_update(child=ada, by=bob, nap_times="after lunch", feed_interval_minutes=5)
    assert set(exc.value.message_dict) == {"nap_times", "feed_interval_minutes"}


def test_a_guardian_sends_one_handover_a_day_and_updates_keep_the_old_one(ada, dora, ed) -> None:
    guardian = dora.guardianships.get()
    services.morning_handover_record(
        child=ada, guardian=guardian, by=dora, mood="tired", teething=True, collecting_today="Grandma"
    )
    services.morning_handover_record(
        child=ada, guardian=guardian, by=dora, mood="happy", teething=True, collecting_today="Grandma"
    )
    handover = MorningHandover.objects.get(child=ada)
    assert handover.mood == "happy"
    assert RecordVersion.objects.filter(object_type="care.morninghandover").count() == 1
    with pytest.raises(services.CareError):
        services.morning_handover_record(child=ada, guardian=ed.guardianships.get(), by=ed, mood="happy")


def test_finalising_sends_one_summary_in_the_guardians_language(
    oak_tree, ada, bob, dora, record, django_capture_on_commit_callbacks
) -> None:
    record(ada, kind="meal", offered="Fish pie", eaten="all")
    with pytest.raises(services.CareError):
        services.day_finalise(setting=oak_tree, children=[ada], day=oak_tree.today() + dt.timedelta(days=1), by=bob)

    with django_capture_on_commit_callbacks(execute=True):
        made = services.day_finalise(setting=oak_tree, children=[ada], day=oak_tree.today(), by=bob)
    assert len(made) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dora@home.test"]
    assert "Fish pie" in message.body
    assert "Ada" in message.subject
    # dora reads Polish: the date is written the Polish way
    with translation.override("pl"):
        assert date_format(oak_tree.today(), "l j F") in message.body
    assert DaySummarySent.objects.filter(finalisation=made[0]).count() == 1
    # Finalising again and running the catch-up again send nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.day_finalise(setting=oak_tree, children=[ada], day=oak_tree.today(), by=bob) == []
    assert services.day_summaries_deliver(finalisation_ids=[made[0].pk]) == 0
    assert len(mail.outbox) == 1


def test_realtime_and_on_demand_guardians_get_no_summary(
    oak_tree, ada, bob, dora, django_capture_on_commit_callbacks
) -> None:
    services.guardian_care_updates_set(guardian=dora.guardianships.get(), by=dora, mode="realtime")
    with django_capture_on_commit_callbacks(execute=True):
        services.day_finalise(setting=oak_tree, children=[ada], day=oak_tree.today(), by=bob)
    assert mail.outbox == []
    assert DayFinalisation.objects.filter(child=ada).exists()


def test_the_catch_up_task_sends_what_was_missed_once(oak_tree, ada, bob, dora) -> None:
    from tandem.care.tasks import day_summaries_catch_up

    DayFinalisation.objects.create(setting=oak_tree, child=ada, day=oak_tree.today(), by=bob, at=timezone.now())
    assert day_summaries_catch_up.call() == 1
    assert day_summaries_catch_up.call() == 0
    assert len(mail.outbox) == 1
