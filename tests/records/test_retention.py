"""Retention on real rows: the daily dry run lists what has passed its period, nothing changes
until a manager confirms, and then exactly those records are archived or erased and the audit
log says so. Records inside their period stay."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import AuditEntry, RecordVersion
from tandem.medicines.models import MedicineAdministration, MedicinePermission
from tandem.records import selectors, services, tasks
from tandem.records.models import RetentionReport, RetentionRule
from tandem.records.registry import REGISTRY, available
from tests import factories as f

pytestmark = pytest.mark.django_db


def _medicine(child, guardian_user, giver, *, years_ago: int = 0):
    today = child.setting.today()
    day = today.replace(year=today.year - years_ago)
    guardian = f.GuardianFactory(family=child.family or f.FamilyFactory(setting=child.setting))
    permission = MedicinePermission.objects.create(
        setting=child.setting,
        child=child,
        given_by=guardian,
        medicine_name="Calpol",
        dose_amount=Decimal("5"),
        dose_unit="ml",
        conditions="If hot",
        start_date=day,
        end_date=day,
        reason="Fever",
        signature="A Parent",
        recorded_by=guardian_user,
    )
    dose = MedicineAdministration.objects.create(
        setting=child.setting,
        child=child,
        permission=permission,
        given_at=timezone.now() - dt.timedelta(days=365 * years_ago),
        dose_amount=Decimal("5"),
        given_by=giver,
        recorded_by=giver.user,
    )
    return permission, dose


@pytest.fixture
def grown_up(oak_tree, babies):
    """A child who attended long ago and is now 22: her medicine records are past 21y 3m."""
    today = oak_tree.today()
    return f.ChildFactory(
        room=babies,
        first_name="Grace",
        last_name="Old",
        date_of_birth=today.replace(year=today.year - 22),
        start_date=today.replace(year=today.year - 21),
        leave_date=today.replace(year=today.year - 18),
    )


@pytest.fixture
def records(grown_up, ada, alice, bob_staff):
    old = _medicine(grown_up, alice, bob_staff, years_ago=19)
    recent = _medicine(ada, alice, bob_staff)
    return {"old": old, "recent": recent}


def _report(setting, record_type: str) -> RetentionReport:
    return RetentionReport.objects.filter(setting=setting, record_type=record_type).latest("generated_at")


def test_the_migration_seeds_a_rule_for_each_record_type() -> None:
    assert set(RetentionRule.objects.values_list("record_type", flat=True)) == set(REGISTRY)
    incident = RetentionRule.objects.get(record_type="incident")
    assert incident.months == 255 and "Limitation Act 1980" in incident.legal_basis
    assert str(incident.period_label) == "until the child is 21 years 3 months old"


def test_every_installed_record_type_names_real_fields() -> None:
    for record_type in available():
        model = record_type.model
        model._meta.get_field(record_type.date_field)
        if record_type.child_field:
            assert model._meta.get_field(record_type.child_field).related_model._meta.label == "core.Child"


def test_the_dry_run_lists_records_past_their_period_and_changes_nothing(oak_tree, records) -> None:
    old_permission, old_dose = records["old"]
    services.retention_report_build(setting=oak_tree)
    doses = _report(oak_tree, "medicine_administration")
    assert doses.status == "pending"
    assert doses.due_ids == [str(old_dose.pk)]
    assert _report(oak_tree, "medicine_permission").due_ids == [str(old_permission.pk)]
    assert MedicineAdministration.objects.count() == 2 and MedicinePermission.objects.count() == 2
    assert AuditEntry.objects.filter(action="records.retention.checked").count() == 1


def test_a_confirmed_report_erases_exactly_those_records_and_logs_it(oak_tree, alice, records) -> None:
    old_dose = records["old"][1]
    recent_permission, recent_dose = records["recent"]
    services.retention_report_build(setting=oak_tree)
    assert services.retention_report_confirm(report=_report(oak_tree, "medicine_administration"), by=alice) == 1
    assert services.retention_report_confirm(report=_report(oak_tree, "medicine_permission"), by=alice) == 1
    assert list(MedicineAdministration.objects.all()) == [recent_dose]
    assert list(MedicinePermission.objects.all()) == [recent_permission]
    entry = AuditEntry.objects.get(action="records.retention.erased", data__record_type="medicine_administration")
    assert entry.actor == alice and entry.data["count"] == 1 and entry.data["ids"] == [str(old_dose.pk)]
    report = _report(oak_tree, "medicine_administration")
    assert report.status == "confirmed" and report.done_count == 1
    with pytest.raises(services.RetentionError):
        services.retention_report_confirm(report=report, by=alice)


def test_a_permission_still_needed_by_a_dose_is_not_erased(oak_tree, alice, records) -> None:
    services.retention_report_build(setting=oak_tree)
    with pytest.raises(services.RetentionError) as exc:
        services.retention_report_confirm(report=_report(oak_tree, "medicine_permission"), by=alice)
    assert "still needed" in exc.value.messages[0]
    assert MedicinePermission.objects.count() == 2
    assert _report(oak_tree, "medicine_permission").status == "pending"
    assert not AuditEntry.objects.filter(action="records.retention.erased").exists()


def test_an_archive_rule_keeps_the_records_but_marks_them_archived(oak_tree, alice, records) -> None:
    RetentionRule.objects.create(
        record_type="medicine_administration",
        clock="child_left",
        months=12,
        action="archive",
        legal_basis="Out of everyday view a year after leaving.",
        effective_from=oak_tree.today(),
    )
    services.retention_report_build(setting=oak_tree)
    report = _report(oak_tree, "medicine_administration")
    old_dose = records["old"][1]
    assert report.action == "archive" and report.due_ids == [str(old_dose.pk)]
    services.retention_report_confirm(report=report, by=alice)
    old_dose.refresh_from_db()
    assert old_dose.archived_at is not None
    assert MedicineAdministration.objects.count() == 2
    assert AuditEntry.objects.get(action="records.retention.archived").data["count"] == 1
    services.retention_report_build(setting=oak_tree)
    assert _report(oak_tree, "medicine_administration").due_count == 0  # archived once only


def test_old_audit_entries_are_erased_and_recent_ones_stay(oak_tree, alice, ada) -> None:
    from tandem.core.audit import audit_log

    old = audit_log("core.child.viewed", actor=alice, obj=ada, setting=oak_tree, child=ada)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=365 * 7))
    recent = audit_log("core.child.viewed", actor=alice, obj=ada, setting=oak_tree, child=ada)
    services.retention_report_build(setting=oak_tree)
    report = _report(oak_tree, "audit_entry")
    assert report.due_ids == [str(old.pk)]
    services.retention_report_confirm(report=report, by=alice)
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
    assert AuditEntry.objects.get(action="records.retention.erased").data["ids"] == [str(old.pk)]


def test_another_settings_records_are_never_in_the_report(oak_tree, elm_house, charlie, records) -> None:
    services.retention_report_build(setting=elm_house)
    assert RetentionReport.objects.filter(setting=elm_house, status="pending").count() == 0
    assert MedicineAdministration.objects.count() == 2


def test_the_daily_task_writes_a_dry_run_for_every_setting(oak_tree, elm_house, records) -> None:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        due = tasks.retention_report_daily.call()
    assert due >= 2
    assert RetentionReport.objects.filter(setting=oak_tree, status="pending").count() == 2
    assert RetentionReport.objects.filter(setting=elm_house).exists()
    assert MedicineAdministration.objects.count() == 2


def test_months_before_keeps_to_the_end_of_short_months() -> None:
    assert selectors.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert selectors.months_before(dt.date(2026, 1, 15), 255) == dt.date(2004, 10, 15)


# --- the manager's page ---------------------------------------------------------------------------


@pytest.mark.url("records:index")
def test_the_manager_sees_the_rules_and_the_latest_check(client, alice, oak_tree, records) -> None:
    services.retention_report_build(setting=oak_tree)
    client.force_login(alice)
    response = client.get(reverse("records:index", args=["oak-tree"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "until the child is 21 years 3 months old" in page and "Confirm and erase" in page


@pytest.mark.url("records:index")
def test_a_practitioner_may_not_see_retention(client, bob) -> None:
    client.force_login(bob)
    assert client.get(reverse("records:index", args=["oak-tree"])).status_code == 403


@pytest.mark.url("records:check")
def test_check_now_writes_a_dry_run_and_erases_nothing(client, alice, oak_tree, records) -> None:
    client.force_login(alice)
    assert client.post(reverse("records:check", args=["oak-tree"])).status_code == 302
    assert _report(oak_tree, "medicine_administration").due_count == 1
    assert MedicineAdministration.objects.count() == 2


@pytest.mark.url("records:report-confirm")
def test_the_manager_confirms_and_another_setting_cannot(client, alice, charlie, oak_tree, records) -> None:
    services.retention_report_build(setting=oak_tree)
    report = _report(oak_tree, "medicine_administration")
    client.force_login(charlie)
    assert client.post(reverse("records:report-confirm", args=["elm-house", report.pk])).status_code == 404
    assert MedicineAdministration.objects.count() == 2
    client.force_login(alice)
    assert client.post(reverse("records:report-confirm", args=["oak-tree", report.pk])).status_code == 302
    assert MedicineAdministration.objects.count() == 1


@pytest.mark.url("records:report-detail")
def test_the_report_page_lists_the_ids_due(client, alice, oak_tree, records) -> None:
    services.retention_report_build(setting=oak_tree)
    report = _report(oak_tree, "medicine_administration")
    client.force_login(alice)
    response = client.get(reverse("records:report-detail", args=["oak-tree", report.pk]))
    assert str(records["old"][1].pk) in response.content.decode()


def test_erasing_diary_entries_takes_their_sleep_checks_and_versions_with_them(oak_tree, alice, grown_up) -> None:
    from tandem.care.models import DiaryEntry, SleepCheck
    from tandem.core.audit import keep_version

    today = oak_tree.today()
    long_ago = timezone.now() - dt.timedelta(days=365 * 19)
    entry = DiaryEntry.objects.create(
        setting=oak_tree,
        child=grown_up,
        day=today.replace(year=today.year - 19),
        kind="sleep",
        occurred_at=long_ago,
        ended_at=long_ago + dt.timedelta(hours=1),
        recorded_by=alice,
    )
    SleepCheck.objects.create(setting=oak_tree, entry=entry, checked_at=long_ago, by=alice)
    keep_version(entry, setting=oak_tree, by=alice)
    services.retention_report_build(setting=oak_tree)
    report = _report(oak_tree, "diary_entry")
    assert report.due_ids == [str(entry.pk)]
    services.retention_report_confirm(report=report, by=alice)
    assert not DiaryEntry.objects.filter(pk=entry.pk).exists()
    assert not SleepCheck.objects.exists()
    assert not RecordVersion.objects.filter(object_id=str(entry.pk)).exists()
    logged = AuditEntry.objects.get(action="records.retention.erased")
    assert logged.data["parts"] == {"care.SleepCheck": 1}
