"""A person's copy of their data: /accounts/export/."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.models import DataExport
from tandem.core.models import AuditEntry, Consent, ConsentEvent, Guardian

EXPORT = "/accounts/export/"


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def doras_consent(dora, ada, alice):
    guardian = Guardian.objects.get(user=dora)
    Consent.objects.create(setting=ada.setting, child=ada, kind="outings", granted=True)
    ConsentEvent.objects.create(
        setting=ada.setting, child=ada, kind="outings", decision="given", given_by=guardian, recorded_by=alice
    )


@pytest.mark.url("accounts:export")
@pytest.mark.url("accounts:export-download")
def test_a_guardian_downloads_everything_about_herself_and_her_child(client, dora, ada, ben, doras_consent) -> None:
    client.force_login(dora)
    response = client.post(EXPORT)
    assert response.status_code == 302
    export = DataExport.objects.get(user=dora)
    assert export.status == DataExport.Status.READY  # tasks run inline in tests
    page = client.get(EXPORT).content.decode()
    assert "Ready to download" in page and reverse("accounts:export-download", args=[export.pk]) in page

    download = client.get(reverse("accounts:export-download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    archive = _zip(download)
    data = json.loads(archive.read("data.json"))
    assert data["user"]["username"] == "dora"
    assert [g["first_name"] for g in data["guardian_records"]] == ["Dora"]
    assert data["communication_preferences"][0]["language"] == "pl"
    assert [c["first_name"] for c in data["children"]] == ["Ada"]  # never Ben
    child = data["children"][0]
    assert child["allergies"] == "Peanuts" and child["medical_notes"] == "Inhaler for wheeze"
    assert child["key_person"] == "Bob Birch" and child["setting"] == "Oak Tree Nursery"
    # A court order on a guardian is read by managers and the DSL only, never by a guardian.
    assert "Court order" not in json.dumps(data)
    assert [c["kind"] for c in data["consents"]] == ["outings"]
    assert data["consent_history"][0]["given_by"] == "Dora Lovelace"
    assert "accounts.data_export.requested" in [a["action"] for a in data["your_actions"]]
    assert AuditEntry.objects.filter(action="accounts.data_export.downloaded", actor=dora).exists()


@pytest.mark.url("accounts:export")
def test_asking_again_while_one_is_being_prepared_makes_no_second(client, dora) -> None:
    DataExport.objects.create(user=dora)  # pending, as if the worker has not run yet
    client.force_login(dora)
    client.post(EXPORT)
    assert DataExport.objects.filter(user=dora).count() == 1


@pytest.mark.url("accounts:export")
def test_the_page_shows_a_failed_export(client, dora) -> None:
    DataExport.objects.create(user=dora, status=DataExport.Status.FAILED)
    client.force_login(dora)
    assert "Could not be prepared" in client.get(EXPORT).content.decode()


@pytest.mark.url("accounts:export")
def test_a_member_of_staff_gets_their_own_account_and_actions(client, alice) -> None:
    client.force_login(alice)
    client.post(EXPORT)
    export = DataExport.objects.get(user=alice)
    data = json.loads(_zip(client.get(reverse("accounts:export-download", args=[export.pk]))).read("data.json"))
    assert data["user"]["username"] == "alice"
    assert data["children"] == [] and data["guardian_records"] == []


@pytest.mark.url("accounts:export-download")
def test_nobody_else_can_download_it(client, dora, ed, alice) -> None:
    export = services.data_export_request(user=dora)
    for person in (ed, alice):
        client.force_login(person)
        assert client.get(reverse("accounts:export-download", args=[export.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="accounts.data_export.downloaded").exists()


@pytest.mark.url("accounts:export-download")
def test_an_export_that_is_not_ready_cannot_be_downloaded(client, dora) -> None:
    export = DataExport.objects.create(user=dora)
    client.force_login(dora)
    assert client.get(reverse("accounts:export-download", args=[export.pk])).status_code == 404


def test_the_file_is_private_storage_never_a_public_url(dora) -> None:
    export = services.data_export_request(user=dora)
    export.refresh_from_db()
    assert export.file.name.startswith("exports/")
    assert export.file.url.startswith("/nowhere/")  # no MEDIA_URL: only the permission-checked view serves it


def test_building_twice_keeps_the_same_file(dora) -> None:
    export = services.data_export_request(user=dora)
    export.refresh_from_db()
    name = export.file.name
    assert services.data_export_build(export=export).file.name == name
