"""The medicines API: the same rules as the pages, refusals as one validation_error shape."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.medicines.models import MedicineAdministration, MedicinePermission

pytestmark = pytest.mark.django_db
API = "/api/v1/settings/oak-tree/medicines"


def test_staff_record_a_dose_through_the_api(client, bob, bob_staff, inhaler) -> None:
    client.force_login(bob)
    response = client.post(
        f"{API}/children/{inhaler.child.pk}/administrations",
        {"permission_id": str(inhaler.pk), "given_at": timezone.now().isoformat(), "dose_amount": "1.5"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["given_by"] == "Bob Birch"
    assert MedicineAdministration.objects.get().given_by == bob_staff


def test_a_dose_above_the_permission_is_a_validation_error_with_the_reason(client, bob, inhaler) -> None:
    client.force_login(bob)
    response = client.post(
        f"{API}/children/{inhaler.child.pk}/administrations",
        {"permission_id": str(inhaler.pk), "given_at": timezone.now().isoformat(), "dose_amount": "3"},
        content_type="application/json",
    )
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details[0]["field"] == "dose_amount" and "permitted dose" in details[0]["message"]
    assert not MedicineAdministration.objects.exists()


def test_an_absurd_dose_is_refused_before_it_reaches_the_service(client, bob, inhaler) -> None:
    client.force_login(bob)
    response = client.post(
        f"{API}/children/{inhaler.child.pk}/administrations",
        {"permission_id": str(inhaler.pk), "given_at": timezone.now().isoformat(), "dose_amount": "5000"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not MedicineAdministration.objects.exists()


def test_the_unacknowledged_list_says_how_long_each_dose_has_waited(client, alice, ada_dose) -> None:
    client.force_login(alice)
    response = client.get(f"{API}/unacknowledged")
    items = response.json()["items"]
    assert [i["id"] for i in items] == [str(ada_dose.pk)]
    assert 4.9 <= items[0]["waiting_hours"] <= 5.1


def test_a_guardian_gives_permission_and_acknowledges_through_the_api(client, dora, ada, ada_dose) -> None:
    client.force_login(dora)
    today = ada.setting.today()
    response = client.post(
        f"/api/v1/family/medicines/children/{ada.pk}/permissions",
        {
            "medicine_name": "Calpol",
            "dose_amount": "5",
            "dose_unit": "ml",
            "times": ["12:00"],
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=2)).isoformat(),
            "reason": "Teething",
            "signature": "Dora Lovelace",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert MedicinePermission.objects.filter(medicine_name="Calpol").exists()
    response = client.post(
        f"/api/v1/family/medicines/administrations/{ada_dose.pk}/acknowledge",
        {"signature": "Dora Lovelace"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["acknowledgement_signature"] == "Dora Lovelace"


def test_another_family_cannot_read_adas_doses(client, ed, ada_dose) -> None:
    client.force_login(ed)
    response = client.get(f"/api/v1/family/medicines/children/{ada_dose.child.pk}/administrations")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
