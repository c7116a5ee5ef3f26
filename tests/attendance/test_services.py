"""The verbs of the register: each validates, logs, keeps the earlier state, and changes
nothing when a rule is broken."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import check_password
from django.utils import timezone

from tandem.attendance import services
from tandem.attendance.models import Attendance, AuthorisedCollector, CollectionEvent, StaffShift
from tandem.core.models import AuditEntry, RecordVersion
from tests.attendance.conftest import ago, upload

pytestmark = pytest.mark.django_db
Outcome = CollectionEvent.Outcome


# --- sign in --------------------------------------------------------------------------------------


def test_it_signs_a_child_in_with_who_dropped_them_off_and_logs_it(ada, bob, dora_guardian) -> None:
    stay = services.attendance_sign_in(child=ada, by=bob, guardian=dora_guardian)
    assert stay.is_open and stay.dropped_off_by == "Dora Lovelace" and stay.signed_in_by == bob
    assert stay.day == ada.setting.today()
    entry = AuditEntry.objects.get(action="attendance.child.signed_in")
    assert entry.child == ada and entry.actor == bob


def test_it_will_not_sign_a_child_in_twice(ada_in, ada, bob) -> None:
    with pytest.raises(services.AttendanceError, match="already signed in"):
        services.attendance_sign_in(child=ada, by=bob)
    assert Attendance.objects.filter(child=ada).count() == 1


def test_it_refuses_a_sign_in_time_in_the_future(ada, bob) -> None:
    with pytest.raises(services.AttendanceError) as exc:
        services.attendance_sign_in(child=ada, by=bob, at=timezone.now() + dt.timedelta(hours=1))
    assert "signed_in_at" in exc.value.message_dict
    assert not Attendance.objects.exists()


def test_a_child_can_come_back_for_an_afternoon_session_but_not_before_leaving(ada, bob, dora_guardian) -> None:
    services.attendance_sign_in(child=ada, by=bob, at=ago(hours=3))
    services.attendance_sign_out(child=ada, by=bob, at=ago(hours=2), guardian=dora_guardian)
    with pytest.raises(services.AttendanceError) as exc:
        services.attendance_sign_in(child=ada, by=bob, at=ago(hours=2, minutes=30))
    assert "signed_in_at" in exc.value.message_dict
    services.attendance_sign_in(child=ada, by=bob, at=ago(minutes=30))
    assert Attendance.objects.filter(child=ada).count() == 2


def test_it_refuses_someone_else_s_parent_as_the_person_dropping_off(ada, ben, ed, bob) -> None:
    from tandem.core.models import Guardian

    with pytest.raises(services.AttendanceError):
        services.attendance_sign_in(child=ada, by=bob, guardian=Guardian.objects.get(user=ed))
    assert not Attendance.objects.exists()


# --- sign out and collection ----------------------------------------------------------------------


def test_it_refuses_to_sign_out_a_child_who_is_not_signed_in(ada, bob, dora_guardian) -> None:
    with pytest.raises(services.AttendanceError, match="not signed in"):
        services.attendance_sign_out(child=ada, by=bob, guardian=dora_guardian)
    assert not CollectionEvent.objects.exists()


def test_a_parent_allowed_to_collect_signs_the_child_out_as_on_the_list(ada_in, ada, bob, dora_guardian) -> None:
    event = services.attendance_sign_out(child=ada, by=bob, guardian=dora_guardian)
    ada_in.refresh_from_db()
    assert ada_in.signed_out_at is not None and ada_in.collected_by == "Dora Lovelace"
    assert event.on_list and event.outcome == Outcome.ON_LIST
    assert AuditEntry.objects.filter(action="attendance.child.signed_out", child=ada).count() == 1
    assert RecordVersion.objects.filter(object_id=str(ada_in.pk)).count() == 1  # the open stay is kept


def test_a_listed_collector_collects_without_a_check(ada_in, ada, bob, granny) -> None:
    event = services.attendance_sign_out(child=ada, by=bob, collector=granny)
    assert event.on_list and event.collector == granny


def test_it_refuses_a_sign_out_time_before_the_sign_in(ada_in, ada, bob, granny) -> None:
    with pytest.raises(services.AttendanceError) as exc:
        services.attendance_sign_out(child=ada, by=bob, collector=granny, at=ago(hours=2))
    assert "signed_out_at" in exc.value.message_dict
    ada_in.refresh_from_db()
    assert ada_in.is_open and not CollectionEvent.objects.exists()


def test_it_refuses_a_sign_out_time_in_the_future(ada_in, ada, bob, granny) -> None:
    with pytest.raises(services.AttendanceError):
        services.attendance_sign_out(child=ada, by=bob, collector=granny, at=timezone.now() + dt.timedelta(hours=2))
    ada_in.refresh_from_db()
    assert ada_in.is_open


def test_someone_not_on_the_list_needs_a_check(ada_in, ada, bob, granny) -> None:
    with pytest.raises(services.AttendanceError, match="not on the list"):
        services.attendance_sign_out(child=ada, by=bob, name="Uncle Joe")
    ada_in.refresh_from_db()
    assert ada_in.is_open and not CollectionEvent.objects.exists()


def test_the_right_collection_password_lets_someone_else_collect(ada_in, ada, bob, granny) -> None:
    event = services.attendance_sign_out(
        child=ada, by=bob, name="Uncle Joe", outcome=Outcome.PASSWORD_CONFIRMED, password="bluebird"
    )
    assert not event.on_list and event.outcome == Outcome.PASSWORD_CONFIRMED and event.name == "Uncle Joe"
    ada_in.refresh_from_db()
    assert ada_in.collected_by == "Uncle Joe"


def test_a_wrong_password_changes_nothing(ada_in, ada, bob, granny) -> None:
    with pytest.raises(services.AttendanceError) as exc:
        services.attendance_sign_out(
            child=ada, by=bob, name="Uncle Joe", outcome=Outcome.PASSWORD_CONFIRMED, password="robin"
        )
    assert "password" in exc.value.message_dict
    ada_in.refresh_from_db()
    assert ada_in.is_open and not CollectionEvent.objects.exists()


def test_the_password_of_a_collector_taken_off_the_list_no_longer_works(ada_in, ada, bob, granny, dora) -> None:
    services.collector_deactivate(collector=granny, by=dora)
    with pytest.raises(services.AttendanceError):
        services.attendance_sign_out(
            child=ada, by=bob, name="Joe", outcome=Outcome.PASSWORD_CONFIRMED, password="bluebird"
        )


def test_a_collector_taken_off_the_list_is_no_longer_on_it(ada_in, ada, bob, granny, dora) -> None:
    services.collector_deactivate(collector=granny, by=dora)
    with pytest.raises(services.AttendanceError, match="not on the list"):
        services.attendance_sign_out(child=ada, by=bob, collector=granny)


def test_calling_a_parent_who_agrees_is_recorded_with_what_they_said(ada_in, ada, bob, dora_guardian) -> None:
    with pytest.raises(services.AttendanceError) as exc:
        services.attendance_sign_out(
            child=ada, by=bob, name="Joe", outcome=Outcome.GUARDIAN_CALLED_AND_AGREED, guardian_called=dora_guardian
        )
    assert "guardian_said" in exc.value.message_dict
    event = services.attendance_sign_out(
        child=ada,
        by=bob,
        name="Joe",
        outcome=Outcome.GUARDIAN_CALLED_AND_AGREED,
        guardian_called=dora_guardian,
        guardian_said="Yes, Joe is her uncle, he is collecting today",
    )
    assert event.guardian_called == dora_guardian and "uncle" in event.guardian_said


def test_a_refused_collection_is_recorded_and_the_child_stays_signed_in(ada_in, ada, bob) -> None:
    event = services.collection_refuse(child=ada, by=bob, name="A stranger", notes="Could not give the password")
    assert event.outcome == Outcome.REFUSED and event.attendance == ada_in
    ada_in.refresh_from_db()
    assert ada_in.is_open
    assert AuditEntry.objects.filter(action="attendance.collection.refused").exists()


# --- corrections ----------------------------------------------------------------------------------


def test_a_correction_keeps_the_earlier_times_and_needs_a_reason(ada_in, ada, alice) -> None:
    earlier = ada_in.signed_in_at
    with pytest.raises(services.AttendanceError):
        services.attendance_correct(attendance=ada_in, by=alice, reason="", signed_in_at=ago(hours=2))
    services.attendance_correct(attendance=ada_in, by=alice, reason="Signed in late", signed_in_at=ago(hours=2))
    ada_in.refresh_from_db()
    assert ada_in.signed_in_at < earlier
    version = RecordVersion.objects.get(object_type="attendance.attendance", object_id=str(ada_in.pk))
    assert version.data["signed_in_at"] == str(earlier)
    entry = AuditEntry.objects.get(action="attendance.attendance.corrected")
    assert entry.data["fields"] == ["signed_in_at"]


# --- collectors -----------------------------------------------------------------------------------


def test_a_collector_password_is_stored_only_as_a_hash(granny) -> None:
    assert granny.password_hash != "bluebird" and check_password("bluebird", granny.password_hash)
    assert "bluebird" not in str(AuditEntry.objects.filter(action="attendance.collector.added").values().first())


def test_a_collector_photo_is_stored_privately_as_a_clean_jpeg(granny) -> None:
    assert granny.photo.name.startswith(f"private/attendance/collectors/{granny.setting_id}/")
    assert granny.photo.name.endswith(".jpg") and "face" not in granny.photo.name


def test_changing_a_collector_keeps_the_earlier_details_without_the_password(granny, dora) -> None:
    services.collector_update(collector=granny, by=dora, phone="07700 900999", password="kestrel")
    granny.refresh_from_db()
    assert check_password("kestrel", granny.password_hash)
    version = RecordVersion.objects.get(object_type="attendance.authorisedcollector")
    assert version.data["phone"] == "07700 900123" and "password_hash" not in version.data
    assert AuditEntry.objects.get(action="attendance.collector.updated").data["fields"] == ["password", "phone"]


def test_it_refuses_a_collector_without_a_name_and_saves_nothing(ada, dora) -> None:
    with pytest.raises(services.ValidationError):
        services.collector_add(child=ada, by=dora, name="", relationship="Aunt")
    assert not AuthorisedCollector.objects.exists()


def test_it_refuses_a_photo_that_is_not_an_image_whatever_its_name(ada, dora) -> None:
    with pytest.raises(services.ValidationError) as exc:
        services.collector_add(
            child=ada, by=dora, name="Aunt May", relationship="Aunt", photo=upload(b"%PDF-1.4 not a photo")
        )
    assert "photo" in exc.value.message_dict
    assert not AuthorisedCollector.objects.exists()


# --- shifts ---------------------------------------------------------------------------------------


def test_a_person_cannot_be_on_two_overlapping_shifts(oak_tree, alice, bob_staff, babies) -> None:
    day = oak_tree.today()
    services.shift_create(
        setting=oak_tree, by=alice, staff=bob_staff, room=babies, day=day, starts_at=dt.time(8), ends_at=dt.time(13)
    )
    with pytest.raises(services.AttendanceError, match="already on shift"):
        services.shift_create(
            setting=oak_tree,
            by=alice,
            staff=bob_staff,
            room=babies,
            day=day,
            starts_at=dt.time(12),
            ends_at=dt.time(18),
        )
    with pytest.raises(services.AttendanceError):
        services.shift_create(
            setting=oak_tree,
            by=alice,
            staff=bob_staff,
            room=babies,
            day=day,
            starts_at=dt.time(15),
            ends_at=dt.time(14),
        )
    assert StaffShift.objects.count() == 1
