"""The verbs of accident and incident records: they keep the rules of the record, tell the
family the same day, and change nothing on bad input."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.core.models import AuditEntry, RecordVersion
from tandem.incidents import services
from tandem.incidents.models import Incident, IncidentNotice
from tandem.incidents.tasks import incident_email_guardians
from tests import factories as f

pytestmark = pytest.mark.django_db


def record(child, by, **overrides) -> Incident:
    data = {
        "child": child,
        "by": by,
        "kind": "accident",
        "occurred_at": timezone.now() - dt.timedelta(minutes=30),
        "description": "Tripped in the garden.",
    }
    data.update(overrides)
    return services.incident_record(**data)


def test_it_records_an_accident_and_emails_the_family_in_their_language(
    ada, bob, dora, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        incident = record(ada, bob, marks=[{"view": "back", "x": 50, "y": 48, "note": "Bruise"}])
    assert incident.marks == [{"view": "back", "x": 50.0, "y": 48.0, "note": "Bruise"}]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dora@home.test"]
    assert f"/family/incidents/{incident.pk}/" in message.body
    notice = IncidentNotice.objects.get(incident=incident)
    assert notice.language == "pl"  # dora reads Tandem in Polish
    incident.refresh_from_db()
    assert incident.status == Incident.Status.INFORMED
    assert incident.guardian_informed_how == Incident.InformedHow.EMAIL
    entry = AuditEntry.objects.get(action="incidents.accident.recorded")
    assert "Tripped" not in str(entry.data)  # the log never holds the text of the record


def test_running_the_email_task_twice_sends_one_email(ada_accident, dora) -> None:
    mail.outbox.clear()
    incident_email_guardians.call(str(ada_accident.setting_id), str(ada_accident.pk))
    incident_email_guardians.call(str(ada_accident.setting_id), str(ada_accident.pk))
    assert len(mail.outbox) == 1
    assert IncidentNotice.objects.filter(incident=ada_accident).count() == 1


def test_guardians_without_an_email_or_parental_responsibility_are_not_emailed(ada, bob, dora) -> None:
    step = f.GuardianFactory(family=ada.family, first_name="Sam", last_name="Step", email="sam@home.test")
    f.ChildGuardianFactory(child=ada, guardian=step, relationship="step_parent", parental_responsibility=False)
    incident = record(ada, bob)
    sent = services.incident_guardians_email(incident_id=str(incident.pk))
    assert sent == 1
    assert [m.to for m in mail.outbox] == [["dora@home.test"]]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"occurred_at": timezone.now() + dt.timedelta(hours=2)}, "occurred_at", "The time cannot be in the future."),
        ({"description": "   "}, "description", "Describe what happened."),
        ({"marks": [{"view": "front", "x": 120, "y": 50}]}, "marks", "Mark 1 is outside the body outline."),
        ({"marks": [{"view": "side", "x": 20, "y": 50}]}, "marks", "Mark 1 must be on the front or the back."),
        ({"marks": "nonsense"}, "marks", "The body map could not be read. Tap the outline again."),
        ({"notifiable": True}, "notifiable_reason", "Say why this must be notified to Ofsted."),
        ({"kind": "existing_injury"}, "kind", "Choose accident or incident."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(ada, bob, overrides, field, message) -> None:
    with pytest.raises(ValidationError) as caught:
        record(ada, bob, **overrides)
    assert message in caught.value.message_dict[field]
    assert not Incident.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="incidents.").exists()
    assert not mail.outbox


def test_a_witness_from_another_setting_is_refused(ada, bob, charlie) -> None:
    elm_member = charlie.staff_memberships.get()
    with pytest.raises(ValidationError) as caught:
        record(ada, bob, witnesses=[elm_member])
    assert "Choose witnesses from this setting's team." in caught.value.message_dict["witnesses"]
    assert not Incident.objects.exists()


def test_the_ofsted_deadline_is_14_days_after_it_happened(notifiable_accident) -> None:
    assert notifiable_accident.notify_deadline == notifiable_accident.occurred_at + dt.timedelta(days=14)
    assert notifiable_accident.days_to_deadline == 8  # five days ago, so eight full days left
    assert notifiable_accident.awaiting_notification and not notifiable_accident.notification_overdue


def test_a_notifiable_event_more_than_14_days_old_is_overdue(ada, bob) -> None:
    incident = record(
        ada,
        bob,
        occurred_at=timezone.now() - dt.timedelta(days=15),
        notifiable=True,
        notifiable_reason="food_poisoning",
    )
    assert incident.notification_overdue


def test_marking_ofsted_as_told_without_a_date_is_refused_and_changes_nothing(notifiable_accident, alice) -> None:
    with pytest.raises(ValidationError) as caught:
        services.incident_mark_notified(incident=notifiable_accident, by=alice, notified_on=None, reference="")
    assert "Give the date Ofsted was told." in caught.value.message_dict["notified_on"]
    assert "reference" in caught.value.message_dict
    notifiable_accident.refresh_from_db()
    assert notifiable_accident.notified_on is None
    assert notifiable_accident.awaiting_notification


def test_marking_ofsted_as_told_stops_the_deadline_and_keeps_the_earlier_state(notifiable_accident, alice) -> None:
    today = timezone.localdate()
    services.incident_mark_notified(incident=notifiable_accident, by=alice, notified_on=today, reference=" OF-77 ")
    notifiable_accident.refresh_from_db()
    assert (notifiable_accident.notified_on, notifiable_accident.notified_reference) == (today, "OF-77")
    assert not notifiable_accident.awaiting_notification
    assert RecordVersion.objects.filter(object_id=str(notifiable_accident.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.incident_mark_notified(incident=notifiable_accident, by=alice, notified_on=today, reference="x")


def test_a_record_that_is_not_notifiable_cannot_be_marked_as_told(ada_accident, alice) -> None:
    with pytest.raises(ValidationError):
        services.incident_mark_notified(
            incident=ada_accident, by=alice, notified_on=timezone.localdate(), reference="OF-1"
        )


def test_the_guardian_acknowledges_once_with_a_typed_signature(ada_accident, dora) -> None:
    guardian = dora.guardianships.get()
    with pytest.raises(ValidationError) as caught:
        services.incident_acknowledge(incident=ada_accident, guardian=guardian, by=dora, signature="  ")
    assert "Type your full name to sign." in caught.value.message_dict["signature"]
    services.incident_acknowledge(incident=ada_accident, guardian=guardian, by=dora, signature="Dora Lovelace")
    ada_accident.refresh_from_db()
    assert ada_accident.status == Incident.Status.ACKNOWLEDGED
    assert ada_accident.acknowledged_by == guardian
    assert ada_accident.acknowledgement_signature == "Dora Lovelace"
    with pytest.raises(ValidationError):
        services.incident_acknowledge(incident=ada_accident, guardian=guardian, by=dora, signature="Dora again")
    ada_accident.refresh_from_db()
    assert ada_accident.acknowledgement_signature == "Dora Lovelace"


def test_a_guardian_of_another_child_cannot_acknowledge(ada_accident, ed) -> None:
    with pytest.raises(ValidationError):
        services.incident_acknowledge(
            incident=ada_accident, guardian=ed.guardianships.get(), by=ed, signature="Ed Babbage"
        )
    ada_accident.refresh_from_db()
    assert ada_accident.acknowledged_at is None


def test_a_correction_keeps_the_earlier_version_and_asks_the_family_again(
    ada_accident, dora, alice, django_capture_on_commit_callbacks
) -> None:
    services.incident_acknowledge(
        incident=ada_accident, guardian=dora.guardianships.get(), by=dora, signature="Dora Lovelace"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_update(
            incident=ada_accident, by=alice, description="Ada slipped by the sink and bumped her LEFT knee."
        )
    ada_accident.refresh_from_db()
    assert ada_accident.revision == 2
    assert ada_accident.acknowledged_at is None and ada_accident.status == Incident.Status.INFORMED
    version = RecordVersion.objects.get(object_id=str(ada_accident.pk))
    assert version.data["description"].startswith("Ada slipped on the wet floor")
    assert version.data["acknowledgement_signature"] == "Dora Lovelace"
    assert len(mail.outbox) == 1  # told again about the new version
    entry = AuditEntry.objects.get(action="incidents.incident.updated")
    assert entry.data["fields"] == ["description"]


def test_a_change_that_changes_nothing_keeps_no_version(ada_accident, bob) -> None:
    services.incident_update(incident=ada_accident, by=bob, description=ada_accident.description)
    assert not RecordVersion.objects.filter(object_id=str(ada_accident.pk)).exists()


def test_a_bad_correction_changes_nothing(ada_accident, bob) -> None:
    with pytest.raises(ValidationError):
        services.incident_update(incident=ada_accident, by=bob, occurred_at=timezone.now() + dt.timedelta(days=1))
    ada_accident.refresh_from_db()
    assert ada_accident.occurred_at < timezone.now()
    assert not RecordVersion.objects.filter(object_id=str(ada_accident.pk)).exists()


def test_an_existing_injury_told_by_the_guardian_is_signed_at_once(ada, dora) -> None:
    guardian = dora.guardianships.get()
    incident = services.existing_injury_record(
        child=ada,
        by=dora,
        noticed_at=timezone.now() - dt.timedelta(hours=1),
        description="Bruise on her shin from the playground yesterday.",
        marks=[{"view": "front", "x": 59, "y": 62, "note": "Bruise"}],
        reported_by_guardian=guardian,
        signature="Dora Lovelace",
    )
    assert incident.kind == Incident.Kind.EXISTING_INJURY
    assert incident.status == Incident.Status.ACKNOWLEDGED
    assert incident.guardian_informed_how == Incident.InformedHow.REPORTED_BY_FAMILY
    assert not mail.outbox


def test_an_existing_injury_recorded_by_staff_asks_the_family_to_sign(
    ada, bob, dora, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        incident = services.existing_injury_record(
            child=ada,
            by=bob,
            noticed_at=timezone.now(),
            description="Scratch on her cheek; mum says the cat did it.",
            reported_by_guardian=dora.guardianships.get(),
        )
    assert incident.acknowledged_at is None
    assert len(mail.outbox) == 1


def test_an_existing_injury_told_by_someone_else_s_guardian_is_refused(ada, bob, ed) -> None:
    with pytest.raises(ValidationError) as caught:
        services.existing_injury_record(
            child=ada,
            by=bob,
            noticed_at=timezone.now(),
            description="Bruise",
            reported_by_guardian=ed.guardianships.get(),
        )
    assert "reported_by_guardian" in caught.value.message_dict
    assert not Incident.objects.exists()


def test_an_existing_injury_is_not_notified_to_ofsted(ada, bob) -> None:
    incident = services.existing_injury_record(child=ada, by=bob, noticed_at=timezone.now(), description="Bruise")
    with pytest.raises(ValidationError) as caught:
        services.incident_update(incident=incident, by=bob, notifiable=True, notifiable_reason="serious_injury")
    assert "safeguarding" in caught.value.message_dict["notifiable"][0]
