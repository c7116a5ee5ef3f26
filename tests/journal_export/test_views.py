"""The pages for journals to keep: who may ask, progress polled by htmx, downloads per side."""

import datetime as dt

import pytest
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.journal_export.models import JournalExport

pytestmark = pytest.mark.django_db


def _form(child) -> dict:
    today = child.setting.today()
    return {"kind": "zip", "date_from": (today - dt.timedelta(days=7)).isoformat(), "date_to": today.isoformat()}


@pytest.mark.url("journal_export:request")
def test_the_key_person_asks_for_a_childs_journal_and_it_is_made(
    client, bob, ada, group_observation, django_capture_on_commit_callbacks
) -> None:
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("journal_export:request", args=["oak-tree", ada.pk]), _form(ada))
    assert response.status_code == 302
    export = JournalExport.objects.get()
    assert (export.side, export.kind, export.status, export.requested_by) == ("staff", "zip", "ready", bob)
    assert AuditEntry.objects.filter(action="journal_export.journal_export.requested").exists()


@pytest.mark.url("journal_export:request")
def test_an_administrator_may_not_make_a_journal(client, adam, ada) -> None:
    client.force_login(adam)
    response = client.post(reverse("journal_export:request", args=["oak-tree", ada.pk]), _form(ada))
    assert response.status_code == 403
    assert not JournalExport.objects.exists()


@pytest.mark.url("journal_export:request")
def test_bob_may_not_make_the_journal_of_a_child_who_is_not_his_key_child(client, bob, ben) -> None:
    client.force_login(bob)
    assert client.post(reverse("journal_export:request", args=["oak-tree", ben.pk]), _form(ben)).status_code == 403
    assert not JournalExport.objects.exists()


@pytest.mark.url("journal_export_family:request")
def test_bad_dates_show_the_form_again_with_a_message(client, dora, ada) -> None:
    client.force_login(dora)
    today = ada.setting.today()
    data = {"kind": "pdf", "date_from": today.isoformat(), "date_to": (today - dt.timedelta(days=3)).isoformat()}
    response = client.post(reverse("journal_export_family:request", args=[ada.pk]), data)
    assert response.status_code == 422
    assert "The end date must be on or after the start date." in response.content.decode()
    assert not JournalExport.objects.exists()


@pytest.mark.url("journal_export_family:child")
@pytest.mark.url("journal_export_family:status")
def test_the_family_page_polls_the_progress_until_the_journal_is_ready(client, dora, ada) -> None:
    client.force_login(dora)
    client.post(reverse("journal_export_family:request", args=[ada.pk]), _form(ada))  # task waits (no commit)
    export = JournalExport.objects.get()
    page = client.get(reverse("journal_export_family:child", args=[ada.pk])).content.decode()
    status_url = reverse("journal_export_family:status", args=[export.pk])
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 2s"' in page and "<progress" in page
    JournalExport.objects.filter(pk=export.pk).update(progress=40)
    fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert 'value="40"' in fragment and "<html" not in fragment
    JournalExport.objects.filter(pk=export.pk).update(status="ready", progress=100)
    fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and reverse("journal_export_family:download", args=[export.pk]) in fragment


@pytest.mark.url("journal_export_family:download")
def test_a_guardian_downloads_their_own_familys_journal_only(
    client, dora, ed, ada, group_observation, make_export
) -> None:
    export = make_export(ada, dora, kind="pdf")
    url = reverse("journal_export_family:download", args=[export.pk])
    client.force_login(ed)
    assert client.get(url).status_code == 404
    client.force_login(dora)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Ada-journal-' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="journal_export.journal_export.downloaded").count() == 1


@pytest.mark.url("journal_export:download")
@pytest.mark.url("journal_export_family:download")
def test_each_side_downloads_only_its_own_exports(client, dora, alice, ada, group_observation, make_export) -> None:
    family = make_export(ada, dora, kind="pdf")
    staff = make_export(ada, alice, kind="pdf", side="staff")
    client.force_login(dora)
    assert client.get(reverse("journal_export_family:download", args=[staff.pk])).status_code == 404
    client.force_login(alice)
    assert client.get(reverse("journal_export:download", args=["oak-tree", family.pk])).status_code == 404
    assert client.get(reverse("journal_export:download", args=["oak-tree", staff.pk])).status_code == 200


@pytest.mark.url("journal_export:download")
def test_a_journal_not_yet_ready_cannot_be_downloaded(client, alice, ada) -> None:
    export = JournalExport.objects.create(
        setting=ada.setting,
        child=ada,
        side="staff",
        kind="pdf",
        date_from=ada.setting.today(),
        date_to=ada.setting.today(),
    )
    client.force_login(alice)
    assert client.get(reverse("journal_export:download", args=["oak-tree", export.pk])).status_code == 404


@pytest.mark.url("journal_export:child")
def test_the_list_of_journals_takes_the_same_queries_for_3_and_30(client, alice, ada) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = ada.setting.today()

    def add(n: int) -> None:
        JournalExport.objects.bulk_create(
            JournalExport(setting=ada.setting, child=ada, side="staff", kind="pdf", date_from=today, date_to=today)
            for _ in range(n)
        )

    client.force_login(alice)
    url = reverse("journal_export:child", args=["oak-tree", ada.pk])
    counts = []
    for n in (3, 17):  # 3, then 20 (the page shows the latest 20)
        add(n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


@pytest.mark.url("api:POST /api/v1/family/journal-export/children/{child_id}")
@pytest.mark.url("api:GET /api/v1/family/journal-export/{export_id}")
def test_the_api_asks_for_a_journal_and_reports_its_progress(client, dora, ada, ed) -> None:
    client.force_login(dora)
    response = client.post(
        f"/api/v1/family/journal-export/children/{ada.pk}", _form(ada), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["progress"], body["download_url"]) == ("pending", 0, None)
    assert client.get(f"/api/v1/family/journal-export/{body['id']}").json()["id"] == body["id"]
    client.force_login(ed)
    assert client.get(f"/api/v1/family/journal-export/{body['id']}").status_code == 404


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/journal-export/children/{child_id}")
def test_the_api_refuses_an_unknown_format(client, alice, ada) -> None:
    client.force_login(alice)
    data = {**_form(ada), "kind": "docx"}
    response = client.post(
        f"/api/v1/settings/oak-tree/journal-export/children/{ada.pk}", data, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["error"]["message"] == "Choose PDF or ZIP."
    assert not JournalExport.objects.exists()
