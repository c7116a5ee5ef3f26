"""The diary's API: the same rules as the pages, idempotent writes (201 then 200), and the one
error shape for bad input."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from tandem.care.models import DiaryEntry
from tests import factories as f
from tests.care.conftest import sign_in

pytestmark = pytest.mark.django_db
API = "/api/v1/settings/oak-tree/care"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _nappy(**more) -> dict:
    return {
        "kind": "nappy",
        "nappy": "wet",
        "occurred_at": (timezone.now() - dt.timedelta(minutes=10)).isoformat(),
        "idempotency_key": str(uuid.uuid4()),
        **more,
    }


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/care/children/{child_id}/diary")
def test_a_repeated_post_returns_the_same_entry_with_200(client, bob, ada) -> None:
    client.force_login(bob)
    body = _nappy()
    first = _post(client, f"{API}/children/{ada.pk}/diary", body)
    again = _post(client, f"{API}/children/{ada.pk}/diary", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert DiaryEntry.objects.count() == 1


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/care/children/{child_id}/diary")
def test_five_litres_of_milk_is_refused_in_the_one_error_shape(client, bob, ada) -> None:
    client.force_login(bob)
    response = _post(client, f"{API}/children/{ada.pk}/diary", _nappy(kind="feed", feed_type="bottle", amount_ml=5000))
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details[0]["field"] == "amount_ml" and "500 ml" in details[0]["message"]
    assert not DiaryEntry.objects.exists()


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/care/rooms/{room_id}/diary")
def test_several_children_in_one_post_and_a_child_from_elsewhere_is_404(client, bob, ada, ben, babies) -> None:
    cara = f.ChildFactory(room=babies)
    sign_in(ada, cara, by=bob)
    client.force_login(bob)
    body = _nappy(children=[str(ada.pk), str(cara.pk)])
    response = _post(client, f"{API}/rooms/{babies.pk}/diary", body)
    assert response.status_code == 201 and len(response.json()["entries"]) == 2
    assert _post(client, f"{API}/rooms/{babies.pk}/diary", body).status_code == 200
    assert _post(client, f"{API}/rooms/{babies.pk}/diary", _nappy(children=[str(ben.pk)])).status_code == 404
    assert DiaryEntry.objects.count() == 2


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/care/rooms/{room_id}/day")
def test_the_room_day_lists_every_child_with_allergies(client, bob, ada, babies) -> None:
    client.force_login(bob)
    _post(client, f"{API}/children/{ada.pk}/diary", _nappy())
    data = client.get(f"{API}/rooms/{babies.pk}/day").json()
    assert [c["name"] for c in data["children"]] == ["Ada Lovelace"]
    assert data["children"][0]["allergies"] == "Peanuts" and data["children"][0]["last_nappy_at"]


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/care/children/{child_id}/diary")
def test_charlie_gets_404_for_adas_diary(client, charlie, ada) -> None:
    client.force_login(charlie)
    assert client.get(f"/api/v1/settings/elm-house/care/children/{ada.pk}/diary").status_code == 404


@pytest.mark.url("api:GET /api/v1/family/care/children/{child_id}/diary")
def test_the_family_sees_their_own_child_as_they_chose(client, dora, ed, bob, ada) -> None:
    client.force_login(bob)
    _post(client, f"{API}/children/{ada.pk}/diary", _nappy())
    client.force_login(dora)
    data = client.get(f"/api/v1/family/care/children/{ada.pk}/diary").json()
    assert data["child"] == str(ada.pk)
    assert len(data["entries"]) == (1 if data["shown"] else 0)
    client.force_login(ed)
    assert client.get(f"/api/v1/family/care/children/{ada.pk}/diary").status_code == 404
