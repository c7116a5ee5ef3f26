"""Every error comes out in one shape, in the person's language; missing and forbidden look
the same from outside; bad input is a 422 with details and changes nothing."""

import datetime as dt
import json

import pytest
from django.utils import timezone, translation

from tandem.api import errors
from tandem.api.api import api
from tandem.core.models import Child
from tests.api.conftest import assert_error

OAK = "/api/v1/settings/oak-tree"


def send(client, method: str, url: str, body) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.generic(method, url, data=data, content_type="application/json")


@pytest.mark.django_db
def test_an_invalid_uuid_is_a_404(client, alice) -> None:
    client.force_login(alice)
    assert_error(client.get(f"{OAK}/children/not-a-uuid"), 404, "not_found")
    assert_error(client.get(f"{OAK}/children/not-a-uuid/consents"), 404, "not_found")
    assert_error(client.get("/api/v1/family/children/123"), 404, "not_found")


@pytest.mark.django_db
def test_another_settings_child_looks_like_one_that_does_not_exist(client, charlie, ada) -> None:
    client.force_login(charlie)
    # His own setting in the URL, Ada's id after it; then Ada's setting in the URL.
    hidden = assert_error(client.get(f"/api/v1/settings/elm-house/children/{ada.pk}"), 404, "not_found")
    other = assert_error(client.get(f"{OAK}/children/{ada.pk}"), 404, "not_found")
    missing = assert_error(
        client.get("/api/v1/settings/elm-house/children/00000000-0000-0000-0000-000000000000"), 404, "not_found"
    )
    assert hidden == other == missing


@pytest.mark.django_db
def test_the_right_setting_without_the_flag_is_a_403(client, bob, ada) -> None:
    client.force_login(bob)
    error = assert_error(send(client, "PATCH", f"{OAK}/children/{ada.pk}", {"allergies": "none"}), 403, "forbidden")
    assert error["details"] == []
    ada.refresh_from_db()
    assert ada.allergies == "Peanuts"


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_404_in_the_same_shape(client, alice) -> None:
    client.force_login(alice)
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/v2/me"), 404, "not_found")
    assert_error(client.get("/api/"), 404, "not_found")
    assert_error(client.get("/api/v1/me/"), 404, "not_found")


@pytest.mark.django_db
def test_a_wrong_method_is_a_405_in_the_same_shape(client, alice) -> None:
    client.force_login(alice)
    response = client.delete("/api/v1/me")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_invalid_json_is_a_validation_error(client, alice, ada) -> None:
    client.force_login(alice)
    error = assert_error(send(client, "POST", f"{OAK}/children", "{not json"), 422, "validation_error")
    assert error["details"][0]["code"] == "json_invalid"
    assert Child.objects.count() == 1


@pytest.mark.django_db
def test_missing_and_wrong_fields_are_listed(client, alice, ada) -> None:
    client.force_login(alice)
    response = send(client, "POST", f"{OAK}/children", {"first_name": "", "date_of_birth": "yesterday"})
    error = assert_error(response, 422, "validation_error")
    fields = {d["field"] for d in error["details"]}
    assert {"first_name", "last_name", "date_of_birth"} <= fields
    assert Child.objects.count() == 1


@pytest.mark.django_db
def test_a_date_of_birth_in_the_future_is_a_validation_error(client, alice, ada) -> None:
    client.force_login(alice)
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    body = {"first_name": "Fut", "last_name": "Ure", "date_of_birth": tomorrow}
    error = assert_error(send(client, "POST", f"{OAK}/children", body), 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["date_of_birth"]
    assert "future" in error["details"][0]["message"]
    assert not Child.objects.filter(first_name="Fut").exists()


@pytest.mark.django_db
def test_a_room_from_another_setting_is_a_validation_error_on_that_field(client, alice, ada, elm_child) -> None:
    client.force_login(alice)
    body = {"first_name": "Roo", "last_name": "M", "date_of_birth": "2023-01-01", "room": str(elm_child.room_id)}
    error = assert_error(send(client, "POST", f"{OAK}/children", body), 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["room"]
    assert not Child.objects.filter(first_name="Roo").exists()


@pytest.mark.django_db
def test_a_limit_above_200_is_a_validation_error(client, alice) -> None:
    client.force_login(alice)
    error = assert_error(client.get(f"{OAK}/children", {"limit": 500}), 422, "validation_error")
    assert error["details"][0]["field"] == "limit"


@pytest.mark.django_db
def test_the_message_is_translated_into_the_persons_language(client, alice, monkeypatch) -> None:
    # The catalogues have no Welsh for this yet, so record which language gettext was asked in.
    monkeypatch.setattr(errors, "_", lambda text: f"[{translation.get_language()}] {text}")
    alice.language = "cy"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    response = client.get(f"{OAK}/children/not-a-uuid")
    error = assert_error(response, 404, "not_found")
    assert error["message"].startswith("[cy] ")
    assert response["Content-Language"] == "cy"


@pytest.mark.django_db
def test_too_many_requests_is_rate_limited(client, alice, monkeypatch) -> None:
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 2)
    client.force_login(alice)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    response = client.get("/api/v1/me")
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
