"""The verbs of tandem.core: each writes through full_clean, logs field names only, keeps the
earlier version, and changes nothing when a rule is broken."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from tandem.core import services
from tandem.core.models import (
    AuditEntry,
    Child,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    Guardian,
    RecordVersion,
    Room,
    StaffMember,
)

pytestmark = pytest.mark.django_db


# --- the setting, rooms, staff --------------------------------------------------------------------


def test_it_updates_the_setting_and_logs_the_changed_field_names(oak_tree, alice) -> None:
    services.setting_update(setting=oak_tree, by=alice, require_mfa_for_leaders=True, inspection_reference="EY1")
    oak_tree.refresh_from_db()
    assert oak_tree.require_mfa_for_leaders is True
    entry = AuditEntry.objects.get(action="core.setting.updated")
    assert entry.data == {"fields": ["inspection_reference", "require_mfa_for_leaders"]}


def test_it_rejects_an_unknown_time_zone_and_keeps_the_old_one(oak_tree, alice) -> None:
    with pytest.raises(ValidationError):
        services.setting_update(setting=oak_tree, by=alice, timezone="Mars/Olympus")
    oak_tree.refresh_from_db()
    assert oak_tree.timezone == "Europe/London"
    assert not AuditEntry.objects.filter(action="core.setting.updated").exists()


def test_it_refuses_a_second_room_with_the_same_name(oak_tree, babies, alice) -> None:
    with pytest.raises(services.CoreError) as exc:
        services.room_create(setting=oak_tree, by=alice, name="babies")
    assert "name" in exc.value.message_dict
    assert Room.objects.filter(setting=oak_tree).count() == 1


def test_a_room_name_may_repeat_in_another_setting(oak_tree, babies, elm_house, charlie) -> None:
    room = services.room_create(setting=elm_house, by=charlie, name="Babies", age_to_months=24)
    assert room.setting == elm_house


def test_it_will_not_archive_a_room_with_children_in_it(ada, alice) -> None:
    with pytest.raises(services.CoreError):
        services.room_archive(room=ada.room, by=alice)
    ada.room.refresh_from_db()
    assert ada.room.is_active is True


def test_it_archives_an_empty_room(preschool, alice) -> None:
    services.room_archive(room=preschool, by=alice)
    preschool.refresh_from_db()
    assert preschool.is_active is False
    assert AuditEntry.objects.filter(action="core.room.archived", object_id=str(preschool.pk)).exists()


def test_adding_new_staff_makes_an_account_without_a_password_and_sends_a_reset_email(
    oak_tree, babies, alice, django_capture_on_commit_callbacks
) -> None:
    request = RequestFactory().get("/")
    with django_capture_on_commit_callbacks(execute=True):
        member = services.staff_member_add(
            setting=oak_tree,
            by=alice,
            email="Nia@Oak.test",
            first_name="Nia",
            last_name="New",
            roles=["practitioner"],
            rooms=[babies],
            request=request,
        )
    assert member.user.email == "nia@oak.test"
    assert not member.user.has_usable_password()
    assert list(member.rooms.all()) == [babies]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nia@oak.test"]
    assert "password" in mail.outbox[0].body.lower()


def test_it_rejects_an_email_already_on_the_team_and_sends_nothing(
    oak_tree, alice, bob, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.CoreError) as exc:
        services.staff_member_add(
            setting=oak_tree, by=alice, email="BOB@oak.test", first_name="B", last_name="B", roles=["manager"]
        )
    assert "already" in exc.value.message_dict["email"][0]
    assert StaffMember.objects.filter(setting=oak_tree, user=bob).count() == 1
    assert mail.outbox == []


def test_someone_from_another_setting_joins_with_their_existing_account(
    oak_tree, alice, charlie, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        member = services.staff_member_add(
            setting=oak_tree, by=alice, email="charlie@elm.test", first_name="C", last_name="C", roles=["senco"]
        )
    assert member.user == charlie
    assert charlie.has_usable_password()
    assert mail.outbox == []


def test_it_keeps_at_least_one_person_who_can_manage_staff(oak_tree, alice) -> None:
    member = alice.staff_memberships.get()
    with pytest.raises(services.CoreError):
        services.staff_member_update(member=member, by=alice, roles=["practitioner"])
    member.refresh_from_db()
    assert "manager" in member.roles


def test_it_changes_roles_rooms_and_logs_the_field_names(oak_tree, alice, bob_staff, preschool) -> None:
    services.staff_member_update(member=bob_staff, by=alice, roles=["practitioner", "senco"], rooms=[preschool])
    bob_staff.refresh_from_db()
    assert bob_staff.roles == ["practitioner", "senco"]
    assert list(bob_staff.rooms.all()) == [preschool]
    assert AuditEntry.objects.get(action="core.staff_member.updated").data == {"fields": ["roles", "rooms"]}


# --- children -------------------------------------------------------------------------------------


def test_it_creates_a_child_and_logs_it(oak_tree, babies, bob_staff, alice) -> None:
    child = services.child_create(
        setting=oak_tree,
        by=alice,
        first_name=" Cara ",
        last_name="Cole",
        date_of_birth=dt.date(2024, 1, 2),
        room=babies,
        key_person=bob_staff,
    )
    assert child.first_name == "Cara"
    entry = AuditEntry.objects.get(action="core.child.created")
    assert entry.child == child and entry.actor == alice


def test_it_refuses_a_date_of_birth_in_the_future_and_writes_nothing(oak_tree, alice) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.child_create(setting=oak_tree, by=alice, first_name="A", last_name="B", date_of_birth=tomorrow)
    assert "date_of_birth" in exc.value.message_dict
    assert not Child.objects.filter(setting=oak_tree).exists()
    assert not AuditEntry.objects.exists()


def test_it_refuses_a_room_or_key_person_from_another_setting(oak_tree, alice, elm_child, charlie) -> None:
    elm_member = charlie.staff_memberships.get()
    with pytest.raises(ValidationError) as exc:
        services.child_create(
            setting=oak_tree,
            by=alice,
            first_name="A",
            last_name="B",
            date_of_birth=dt.date(2023, 1, 1),
            room=elm_child.room,
            key_person=elm_member,
        )
    assert {"room", "key_person"} <= set(exc.value.message_dict)
    assert not Child.objects.filter(setting=oak_tree).exists()


def test_it_keeps_the_old_details_when_a_child_is_edited_and_logs_only_field_names(ada, alice) -> None:
    services.child_update(child=ada, by=alice, allergies="Peanuts, sesame", preferred_name="Addie")
    version = RecordVersion.objects.get(object_id=str(ada.pk))
    assert version.data["allergies"] == "Peanuts"
    entry = AuditEntry.objects.get(action="core.child.updated")
    assert entry.data == {"fields": ["allergies", "preferred_name"]}
    assert "sesame" not in str(entry.data)


def test_an_edit_that_changes_nothing_writes_nothing(ada, alice) -> None:
    services.child_update(child=ada, by=alice, first_name="Ada")
    assert not RecordVersion.objects.exists()
    assert not AuditEntry.objects.filter(action="core.child.updated").exists()


def test_a_child_cannot_leave_before_they_started(ada, alice) -> None:
    with pytest.raises(services.CoreError):
        services.child_leave(child=ada, by=alice, leave_date=ada.start_date - dt.timedelta(days=1))
    ada.refresh_from_db()
    assert ada.leave_date is None


def test_it_records_a_leaving_date(ada, alice) -> None:
    services.child_leave(child=ada, by=alice, leave_date=ada.start_date + dt.timedelta(days=300))
    ada.refresh_from_db()
    assert ada.leave_date == ada.start_date + dt.timedelta(days=300)
    assert AuditEntry.objects.filter(action="core.child.left", child=ada).exists()
    assert RecordVersion.objects.filter(object_id=str(ada.pk)).exists()


# --- families, guardians, links -------------------------------------------------------------------


def test_it_creates_a_guardian_with_preferences_in_their_language(oak_tree, alice) -> None:
    family = services.family_create(setting=oak_tree, by=alice, name="Curie")
    guardian = services.guardian_create(
        family=family, by=alice, first_name="Marie", last_name="Curie", email="Marie@Home.test", language="pl"
    )
    assert guardian.email == "marie@home.test"
    assert guardian.preferences.language == "pl"


def test_it_refuses_a_guardian_email_already_used_at_the_setting(ada, dora, alice) -> None:
    with pytest.raises(services.CoreError) as exc:
        services.guardian_create(family=ada.family, by=alice, first_name="D", last_name="L", email="DORA@home.test")
    assert "already uses" in exc.value.message_dict["email"][0]
    assert Guardian.objects.filter(email__iexact="dora@home.test").count() == 1


def test_the_same_guardian_email_is_fine_in_another_setting(elm_house, dora, charlie) -> None:
    family = services.family_create(setting=elm_house, by=charlie, name="Lovelace")
    guardian = services.guardian_create(
        family=family, by=charlie, first_name="D", last_name="L", email="dora@home.test"
    )
    assert guardian.setting == elm_house


def test_it_keeps_the_old_version_of_a_guardian(dora, alice) -> None:
    guardian = dora.guardianships.get()
    services.guardian_update(guardian=guardian, by=alice, phone="07700 900123")
    assert RecordVersion.objects.get(object_type="core.guardian").data["phone"] == ""
    assert AuditEntry.objects.get(action="core.guardian.updated").data == {"fields": ["phone"]}


def test_it_will_not_link_a_guardian_to_a_child_of_another_setting(elm_child, dora, alice) -> None:
    with pytest.raises(services.CoreError):
        services.child_guardian_link(
            child=elm_child, guardian=dora.guardianships.get(), by=alice, relationship="mother"
        )
    assert not ChildGuardian.objects.filter(child=elm_child).exists()


def test_it_will_not_link_the_same_guardian_twice(ada, dora, alice) -> None:
    with pytest.raises(services.CoreError):
        services.child_guardian_link(child=ada, guardian=dora.guardianships.get(), by=alice, relationship="mother")
    assert ChildGuardian.objects.filter(child=ada).count() == 1


def test_it_keeps_the_old_link_when_who_may_collect_changes(ada, dora, alice) -> None:
    link = ChildGuardian.objects.get(child=ada)
    services.child_guardian_update(link=link, by=alice, may_collect=False)
    link.refresh_from_db()
    assert link.may_collect is False
    assert RecordVersion.objects.get(object_type="core.childguardian").data["may_collect"] is True


# --- consents -------------------------------------------------------------------------------------


def test_consents_are_appended_never_overwritten(ada, dora, alice) -> None:
    guardian = dora.guardianships.get()
    services.consent_record(child=ada, kind="outings", decision="given", given_by=guardian, by=dora)
    services.consent_record(child=ada, kind="outings", decision="withdrawn", given_by=guardian, by=dora)
    assert Consent.objects.get(child=ada, kind="outings").granted is False
    decisions = list(ConsentEvent.objects.filter(child=ada).values_list("decision", flat=True))
    assert decisions == ["withdrawn", "given"]
    assert AuditEntry.objects.filter(action="core.consent.withdrawn", child=ada).count() == 1


def test_nothing_can_be_withdrawn_that_was_never_given(ada, dora) -> None:
    with pytest.raises(services.CoreError):
        services.consent_record(
            child=ada, kind="outings", decision="withdrawn", given_by=dora.guardianships.get(), by=dora
        )
    assert not ConsentEvent.objects.exists()
    assert not Consent.objects.exists()


def test_a_guardian_without_parental_responsibility_cannot_give_consent(ada, dora, alice) -> None:
    link = ChildGuardian.objects.get(child=ada)
    link.parental_responsibility = False
    link.save()
    with pytest.raises(services.CoreError):
        services.consent_record(child=ada, kind="outings", decision="given", given_by=link.guardian, by=alice)
    assert not ConsentEvent.objects.exists()


def test_a_guardian_of_another_child_cannot_give_consent_for_ada(ada, ed, alice) -> None:
    with pytest.raises(services.CoreError):
        services.consent_record(child=ada, kind="outings", decision="given", given_by=ed.guardianships.get(), by=alice)
    assert not Consent.objects.exists()


# --- communication preferences --------------------------------------------------------------------


def test_it_refuses_a_language_tandem_does_not_offer(dora) -> None:
    guardian = dora.guardianships.get()
    with pytest.raises(services.CoreError) as exc:
        services.communication_preference_update(guardian=guardian, by=dora, language="xx", channels=["app"])
    assert "language" in exc.value.message_dict
    assert CommunicationPreference.objects.get(guardian=guardian).language == "pl"


def test_quiet_hours_need_a_start_and_an_end(dora) -> None:
    guardian = dora.guardianships.get()
    with pytest.raises(services.CoreError) as exc:
        services.communication_preference_update(
            guardian=guardian, by=dora, language="pl", channels=["app"], quiet_hours_start=dt.time(20, 0)
        )
    assert "quiet_hours_end" in exc.value.message_dict
    assert CommunicationPreference.objects.get(guardian=guardian).quiet_hours_start is None


def test_it_keeps_the_old_preferences(dora) -> None:
    guardian = dora.guardianships.get()
    services.communication_preference_update(
        guardian=guardian,
        by=dora,
        language="ro",
        channels=["sms"],
        quiet_hours_start=dt.time(20, 0),
        quiet_hours_end=dt.time(7, 0),
        digest="daily",
    )
    prefs = CommunicationPreference.objects.get(guardian=guardian)
    assert (prefs.language, prefs.channels, prefs.digest) == ("ro", ["sms"], "daily")
    assert RecordVersion.objects.get(object_type="core.communicationpreference").data["language"] == "pl"


def test_it_creates_preferences_for_a_guardian_who_had_none(ed) -> None:
    guardian = ed.guardianships.get()
    services.communication_preference_update(guardian=guardian, by=ed, language="en", channels=["letter"])
    assert CommunicationPreference.objects.get(guardian=guardian).channels == ["letter"]
