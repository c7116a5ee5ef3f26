"""The verbs of medicines: permission comes first and in writing, a dose outside it is refused
with a reason and nothing saved, the parents are told once, and acknowledge once."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from tandem.core.models import AuditEntry, RecordVersion
from tandem.medicines import services
from tandem.medicines.models import MedicineAdministration, MedicinePermission
from tests import factories as f
from tests.medicines.conftest import make_dose

pytestmark = pytest.mark.django_db


def _give(child, guardian, by, **overrides):
    today = child.setting.today()
    data = {
        "medicine_name": "Calpol",
        "dose_amount": Decimal("5"),
        "dose_unit": "ml",
        "route": "oral",
        "conditions": "If temperature above 38°C",
        "min_hours_between": Decimal("4"),
        "max_doses_per_day": 4,
        "start_date": today,
        "end_date": today + dt.timedelta(days=3),
        "reason": "Teething",
        "signature": "Dora Lovelace",
    }
    data.update(overrides)
    return services.permission_give(child=child, guardian=guardian, by=by, **data)


def _record(permission, *, given_by, by, **overrides):
    data = {
        "child": permission.child,
        "permission": permission,
        "given_at": timezone.now() - dt.timedelta(minutes=1),
        "dose_amount": Decimal("2"),
        "given_by": given_by,
        "witnessed_by": None,
    }
    data.update(overrides)
    return services.administration_record(by=by, **data)


def _start_of_today(setting) -> dt.datetime:
    tz = zoneinfo.ZoneInfo(setting.timezone)
    return dt.datetime.combine(setting.today(), dt.time.min, tzinfo=tz)


# --- permissions ----------------------------------------------------------------------------------


def test_a_guardian_with_parental_responsibility_gives_a_signed_permission(ada, dora, dora_guardian) -> None:
    permission = _give(ada, dora_guardian, dora, times="15:00, 12:00")
    assert permission.signature == "Dora Lovelace"
    assert permission.signed_at is not None
    assert permission.times == ["12:00", "15:00"]
    entry = AuditEntry.objects.get(action="medicines.permission.given")
    assert entry.child == ada and "reason" not in entry.data


def test_a_guardian_of_another_child_cannot_give_permission(ada, ed, ben) -> None:
    ed_guardian = ed.guardianships.get()
    with pytest.raises(services.MedicineError) as exc:
        _give(ada, ed_guardian, ed)
    assert "parental responsibility" in str(exc.value)
    assert not MedicinePermission.objects.exists()


def test_a_guardian_without_parental_responsibility_cannot_give_permission(ada, dora) -> None:
    other = f.GuardianFactory(family=ada.family, first_name="Gran", last_name="Lovelace")
    f.ChildGuardianFactory(child=ada, guardian=other, relationship="grandparent", parental_responsibility=False)
    with pytest.raises(services.MedicineError):
        _give(ada, other, dora, signature="Gran Lovelace")
    assert not MedicinePermission.objects.exists()


@pytest.mark.parametrize("signature", ["", " ", "D"])
def test_it_refuses_a_permission_without_a_real_signature(ada, dora, dora_guardian, signature) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _give(ada, dora_guardian, dora, signature=signature)
    assert "signature" in exc.value.message_dict
    assert not MedicinePermission.objects.exists()


def test_it_refuses_a_permission_that_starts_in_the_past(ada, dora, dora_guardian) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _give(ada, dora_guardian, dora, start_date=ada.setting.today() - dt.timedelta(days=1))
    assert "start_date" in exc.value.message_dict


def test_it_refuses_a_permission_with_neither_times_nor_conditions(ada, dora, dora_guardian) -> None:
    with pytest.raises(Exception) as exc:
        _give(ada, dora_guardian, dora, conditions="", times="")
    assert "times" in exc.value.message_dict
    assert not MedicinePermission.objects.exists()


def test_it_refuses_an_absurd_dose_in_a_permission(ada, dora, dora_guardian) -> None:
    with pytest.raises(Exception) as exc:
        _give(ada, dora_guardian, dora, dose_amount=Decimal("5000"))
    assert "dose_amount" in exc.value.message_dict
    assert not MedicinePermission.objects.exists()


def test_withdrawing_keeps_the_permission_and_its_earlier_version(inhaler, dora) -> None:
    services.permission_withdraw(permission=inhaler, by=dora)
    inhaler.refresh_from_db()
    assert inhaler.withdrawn_at is not None
    assert RecordVersion.objects.filter(object_id=str(inhaler.pk), data__withdrawn_at=None).exists()
    with pytest.raises(services.MedicineError):
        services.permission_withdraw(permission=inhaler, by=dora)


# --- doses ----------------------------------------------------------------------------------------


def test_it_records_a_dose_and_tells_each_guardian_once_in_their_language(
    inhaler, bob_staff, alice_staff, dora, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dose = _record(inhaler, given_by=bob_staff, by=bob_staff.user, witnessed_by=alice_staff)
    dose.refresh_from_db()
    assert dose.guardian_informed_at is not None
    assert [m.to for m in mail.outbox] == [["dora@home.test"]]
    assert f"/family/medicines/doses/{dose.pk}/acknowledge/" in mail.outbox[0].body
    assert "Salbutamol inhaler" in mail.outbox[0].subject
    # The task is safe to run twice: the second run sends nothing.
    assert services.administration_inform_guardians(administration_id=str(dose.pk)) == 0
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="medicines.administration.recorded", child=inhaler.child).count() == 1


def test_it_refuses_a_dose_with_no_permission(ada, bob_staff) -> None:
    with pytest.raises(services.MedicineError) as exc:
        services.administration_record(
            child=ada,
            permission=None,
            given_at=timezone.now(),
            dose_amount=Decimal("1"),
            given_by=bob_staff,
            by=bob_staff.user,
        )
    assert "no written permission" in exc.value.message_dict["permission"][0]
    assert not MedicineAdministration.objects.exists()
    assert not mail.outbox


def test_it_refuses_a_dose_under_another_childs_permission(inhaler, ben, bob_staff) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, child=ben)
    assert "permission" in exc.value.message_dict
    assert not MedicineAdministration.objects.exists()


def test_it_refuses_a_dose_above_the_permitted_dose(inhaler, bob_staff) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, dose_amount=Decimal("3"))
    assert "more than the permitted dose of 2 puffs" in exc.value.message_dict["dose_amount"][0]
    assert not MedicineAdministration.objects.exists()


def test_it_refuses_a_dose_given_in_the_future(inhaler, bob_staff) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, given_at=timezone.now() + dt.timedelta(hours=1))
    assert "future" in exc.value.message_dict["given_at"][0]
    assert not MedicineAdministration.objects.exists()


def test_it_refuses_a_witness_who_is_the_person_who_gave_it(inhaler, bob_staff) -> None:
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, witnessed_by=bob_staff)
    assert "different person" in exc.value.message_dict["witnessed_by"][0]
    assert not MedicineAdministration.objects.exists()


def test_it_refuses_a_dose_too_soon_after_the_last_one(inhaler, bob_staff) -> None:
    make_dose(inhaler, given_by=bob_staff, hours_ago=1)
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user)
    assert "Too soon" in exc.value.message_dict["given_at"][0]
    assert MedicineAdministration.objects.count() == 1


def test_it_refuses_more_doses_than_allowed_in_a_day(inhaler, bob_staff) -> None:
    inhaler.min_hours_between = None
    inhaler.max_doses_per_day = 2
    inhaler.save()
    start = _start_of_today(inhaler.setting)
    for minutes in (1, 2):
        dose = make_dose(inhaler, given_by=bob_staff)
        MedicineAdministration.objects.filter(pk=dose.pk).update(given_at=start + dt.timedelta(minutes=minutes))
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, given_at=timezone.now())
    assert "already been given 2 times today" in exc.value.message_dict["permission"][0]
    assert MedicineAdministration.objects.count() == 2


def test_it_refuses_a_dose_under_a_withdrawn_permission(inhaler, bob_staff, dora) -> None:
    # (A dose given before the parent withdrew can still be written up afterwards.)
    services.permission_withdraw(permission=inhaler, by=dora)
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user, given_at=timezone.now())
    assert "withdrew" in exc.value.message_dict["permission"][0]
    assert not MedicineAdministration.objects.exists()


def test_it_refuses_a_dose_before_the_permission_starts_or_after_it_ends(inhaler, bob_staff) -> None:
    today = inhaler.setting.today()
    MedicinePermission.objects.filter(pk=inhaler.pk).update(start_date=today + dt.timedelta(days=1))
    inhaler.refresh_from_db()
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user)
    assert "starts on" in exc.value.message_dict["permission"][0]
    MedicinePermission.objects.filter(pk=inhaler.pk).update(
        start_date=today - dt.timedelta(days=9), end_date=today - dt.timedelta(days=1)
    )
    inhaler.refresh_from_db()
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=bob_staff, by=bob_staff.user)
    assert "ended on" in exc.value.message_dict["permission"][0]
    assert not MedicineAdministration.objects.exists()


def test_a_staff_member_of_another_setting_cannot_give_it(inhaler, charlie) -> None:
    from tandem.core.models import StaffMember

    charlie_staff = StaffMember.objects.get(user=charlie)
    with pytest.raises(services.MedicineError) as exc:
        _record(inhaler, given_by=charlie_staff, by=charlie)
    assert "given_by" in exc.value.message_dict


def test_a_correction_keeps_the_earlier_dose_and_stays_inside_the_permission(ada_dose, alice) -> None:
    services.administration_correct(administration=ada_dose, by=alice, dose_amount=Decimal("1"), notes="1 puff only")
    ada_dose.refresh_from_db()
    assert ada_dose.dose_amount == Decimal("1")
    version = RecordVersion.objects.get(object_id=str(ada_dose.pk))
    assert Decimal(version.data["dose_amount"]) == Decimal("2")
    with pytest.raises(services.MedicineError):
        services.administration_correct(administration=ada_dose, by=alice, dose_amount=Decimal("9"))
    ada_dose.refresh_from_db()
    assert ada_dose.dose_amount == Decimal("1")


# --- acknowledgement ------------------------------------------------------------------------------


def test_a_guardian_acknowledges_a_dose_once(ada_dose, dora, dora_guardian) -> None:
    services.administration_acknowledge(
        administration=ada_dose, guardian=dora_guardian, by=dora, signature="Dora Lovelace"
    )
    ada_dose.refresh_from_db()
    assert ada_dose.acknowledged_by == dora_guardian
    assert ada_dose.acknowledgement_signature == "Dora Lovelace"
    with pytest.raises(services.MedicineError):
        services.administration_acknowledge(
            administration=ada_dose, guardian=dora_guardian, by=dora, signature="Dora Lovelace"
        )


def test_a_guardian_of_another_child_cannot_acknowledge(ada_dose, ed) -> None:
    with pytest.raises(services.MedicineError):
        services.administration_acknowledge(
            administration=ada_dose, guardian=ed.guardianships.get(), by=ed, signature="Ed Babbage"
        )
    ada_dose.refresh_from_db()
    assert ada_dose.acknowledged_at is None
