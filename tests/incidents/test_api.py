"""The incidents API: the same rules as the pages, in the one error shape."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.incidents.models import Incident

pytestmark = pytest.mark.django_db
OAK = "/api/v1/settings/oak-tree/incidents"


def post(client, url: str, data: dict):
    return client.post(url, data=data, content_type="application/json")


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/incidents/children/{child_id}")
def test_staff_record_an_accident_through_the_api(client, bob, ada, dora) -> None:
    client.force_login(bob)
    response = post(
        client,
        f"{OAK}/children/{ada.pk}",
        {
            "kind": "accident",
            "occurred_at": (timezone.now() - dt.timedelta(minutes=10)).isoformat(),
            "description": "Bumped her head on the table.",
            "marks": [{"view": "front", "x": 50, "y": 11, "note": "Red mark"}],
            "witnesses": [str(bob.staff_memberships.get().pk)],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["child_name"] == "Ada Lovelace"
    assert body["witnesses"] == ["Bob Birch"]
    assert Incident.objects.get().marks[0]["note"] == "Red mark"


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/incidents/children/{child_id}")
def test_bad_input_is_a_422_with_the_reason_and_nothing_saved(client, bob, ada) -> None:
    client.force_login(bob)
    response = post(
        client,
        f"{OAK}/children/{ada.pk}",
        {
            "kind": "accident",
            "occurred_at": (timezone.now() + dt.timedelta(days=1)).isoformat(),
            "description": "",
            "marks": [{"view": "back", "x": -5, "y": 10}],
        },
    )
    assert response.status_code == 422
    details = {(d["field"], d["message"]) for d in response.json()["error"]["details"]}
    assert ("occurred_at", "The time cannot be in the future.") in details
    assert ("description", "Describe what happened.") in details
    assert ("marks", "Mark 1 is outside the body outline.") in details
    assert not Incident.objects.exists()


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/incidents/children/{child_id}")
def test_a_witness_from_another_setting_is_bad_input(client, bob, ada, charlie) -> None:
    client.force_login(bob)
    response = post(
        client,
        f"{OAK}/children/{ada.pk}",
        {
            "kind": "incident",
            "occurred_at": timezone.now().isoformat(),
            "description": "Bitten on the arm by another child.",
            "witnesses": [str(charlie.staff_memberships.get().pk)],
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "witnesses"
    assert not Incident.objects.exists()


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/incidents/follow-up")
@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/incidents/{incident_id}/ofsted")
def test_the_manager_sees_what_waits_and_marks_ofsted_as_told(client, alice, notifiable_accident) -> None:
    client.force_login(alice)
    body = client.get(f"{OAK}/follow-up").json()
    assert [i["id"] for i in body["awaiting_ofsted"]] == [str(notifiable_accident.pk)]
    assert body["awaiting_ofsted"][0]["notify_deadline"] is not None
    missing = post(client, f"{OAK}/{notifiable_accident.pk}/ofsted", {"reference": "OF-1"})
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["message"] == "Give the date Ofsted was told."
    done = post(
        client,
        f"{OAK}/{notifiable_accident.pk}/ofsted",
        {"notified_on": timezone.localdate().isoformat(), "reference": "OF-1"},
    )
    assert done.status_code == 200 and done.json()["notified_reference"] == "OF-1"
    assert client.get(f"{OAK}/follow-up").json()["awaiting_ofsted"] == []


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/incidents/{incident_id}")
def test_charlie_cannot_read_ada_s_record_through_his_setting(client, charlie, ada_accident) -> None:
    client.force_login(charlie)
    response = client.get(f"/api/v1/settings/elm-house/incidents/{ada_accident.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.url("api:GET /api/v1/family/incidents/children/{child_id}")
@pytest.mark.url("api:POST /api/v1/family/incidents/{incident_id}/acknowledge")
def test_dora_lists_and_signs_through_the_api_and_ed_cannot(client, dora, ed, ada_accident) -> None:
    client.force_login(ed)
    assert (
        post(client, f"/api/v1/family/incidents/{ada_accident.pk}/acknowledge", {"signature": "Ed"}).status_code == 404
    )
    client.force_login(dora)
    listing = client.get(f"/api/v1/family/incidents/children/{ada_accident.child_id}").json()
    assert [i["id"] for i in listing["items"]] == [str(ada_accident.pk)]
    signed = post(client, f"/api/v1/family/incidents/{ada_accident.pk}/acknowledge", {"signature": "Dora Lovelace"})
    assert signed.status_code == 200
    assert signed.json()["status"] == "acknowledged"
    twice = post(client, f"/api/v1/family/incidents/{ada_accident.pk}/acknowledge", {"signature": "Dora Lovelace"})
    assert twice.status_code == 422
