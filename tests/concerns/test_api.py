"""The concerns API with the session of each person."""

import pytest

from tandem.concerns import services
from tandem.concerns.models import Concern

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_a_family_raises_and_lists_through_the_api(client, dora, ada):
    client.force_login(dora)
    response = client.post(
        f"{API}/family/concerns",
        {"kind": "complaint", "about": "No reply to my note", "child_id": str(ada.pk)},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("C-") and body["status"] == "acknowledged" and body["clock"] == "on_track"
    listed = client.get(f"{API}/family/concerns").json()
    assert [c["reference"] for c in listed["items"]] == [body["reference"]]


def test_an_empty_complaint_is_a_422_with_the_reason(client, dora):
    client.force_login(dora)
    response = client.post(
        f"{API}/family/concerns", {"kind": "complaint", "about": ""}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "Tell us what it is about" in response.content.decode()
    assert not Concern.objects.exists()


def test_ed_cannot_name_adas_child_id(client, ed, ada):
    client.force_login(ed)
    response = client.post(
        f"{API}/family/concerns", {"about": "x", "child_id": str(ada.pk)}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not Concern.objects.exists()


def test_staff_filter_assign_and_answer(client, alice, raise_concern):
    from tandem.core.models import StaffMember

    late = raise_concern(kind="complaint", days_ago=23)
    client.force_login(alice)
    at_risk = client.get(f"{API}/settings/oak-tree/concerns", {"show": "at_risk"}).json()["items"]
    assert [(c["reference"], c["clock"]) for c in at_risk] == [(late.reference, "at_risk")]
    staff_id = str(StaffMember.objects.get(user=alice).pk)
    assigned = client.post(
        f"{API}/settings/oak-tree/concerns/{late.pk}/assign", {"staff_id": staff_id}, content_type="application/json"
    ).json()
    assert assigned["assigned_to"] == "Alice Ash"
    done = client.post(
        f"{API}/settings/oak-tree/concerns/{late.pk}/outcome",
        {"outcome": "Apologised"},
        content_type="application/json",
    ).json()
    assert done["status"] == "outcome_sent" and done["days_taken"] == 23 and done["clock"] == "done"


def test_the_family_confirms_through_the_api_and_staff_cannot(client, alice, dora, raise_concern):
    concern = raise_concern()
    services.concern_offer_informal(concern=concern, summary="Sorted", by=alice)
    client.force_login(alice)
    assert (
        client.post(
            f"{API}/family/concerns/{concern.pk}/confirm", {"happy": True}, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(dora)
    body = client.post(
        f"{API}/family/concerns/{concern.pk}/confirm", {"happy": True}, content_type="application/json"
    ).json()
    assert body["status"] == "resolved_informally"


def test_staff_offer_an_informal_resolution_through_the_api(client, alice, raise_concern):
    concern = raise_concern()
    client.force_login(alice)
    url = f"{API}/settings/oak-tree/concerns/{concern.pk}/informal"
    empty = client.post(url, {"summary": ""}, content_type="application/json")
    assert empty.status_code == 422
    body = client.post(url, {"summary": "Found"}, content_type="application/json").json()
    assert body["status"] == "awaiting_family" and body["informal_summary"] == "Found"
