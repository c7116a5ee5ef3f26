"""The policies API."""

import pytest

from tandem.policies import services

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_a_family_reads_and_acknowledges_then_a_new_version_asks_again(client, alice, dora, code_of_conduct):
    client.force_login(dora)
    read = client.get(f"{API}/family/policies/{code_of_conduct.pk}").json()
    assert "<strong>photos of other children</strong>" in read["body_html"] and read["acknowledged_at"] is None
    refused = client.post(
        f"{API}/family/policies/{code_of_conduct.pk}/acknowledge",
        {"understood": False},
        content_type="application/json",
    )
    assert refused.status_code == 422
    ok = client.post(
        f"{API}/family/policies/{code_of_conduct.pk}/acknowledge", {"understood": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["acknowledged_at"]
    services.policy_publish_version(
        policy=code_of_conduct,
        by=alice,
        body_markdown="v2",
        change_summary="Shorter",
        effective_from=code_of_conduct.setting.today(),
    )
    [listed] = client.get(f"{API}/family/policies").json()
    assert listed["version"] == 2 and listed["acknowledged_at"] is None
    client.force_login(alice)
    status = client.get(f"{API}/settings/oak-tree/policies/{code_of_conduct.pk}/acknowledgements").json()
    assert status["version"] == 2 and status["acknowledged"] == [] and len(status["waiting"]) == 2


def test_reminders_through_the_api_go_once(client, alice, code_of_conduct):
    client.force_login(alice)
    url = f"{API}/settings/oak-tree/policies/{code_of_conduct.pk}/remind"
    assert client.post(url, content_type="application/json").json() == {"reminded": 2}
    assert client.post(url, content_type="application/json").json() == {"reminded": 0}
