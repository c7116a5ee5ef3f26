"""Medicine pages for staff and families: what each person sees, what a refusal looks like, and
that the managers' list does not grow in queries with the number of doses."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import StaffMember
from tandem.medicines.models import MedicineAdministration, MedicinePermission
from tests import factories as f
from tests.medicines.conftest import make_dose

pytestmark = pytest.mark.django_db


def _child_url(child) -> str:
    return reverse("medicines:child", args=["oak-tree", child.pk])


def _dose_form(permission, given_by, **overrides) -> dict:
    data = {
        "permission": str(permission.pk),
        "given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "dose_amount": "2",
        "given_by": str(given_by.pk),
        "witnessed_by": "",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.url("medicines:child")
def test_the_child_page_shows_the_permitted_dose_and_the_last_dose(client, bob, inhaler, ada_dose) -> None:
    client.force_login(bob)
    response = client.get(_child_url(inhaler.child))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Salbutamol inhaler" in page and "2 puffs" in page
    assert "Last dose" in page and "None yet" not in page


@pytest.mark.url("medicines:child")
def test_staff_record_a_dose_from_the_child_page(client, bob, bob_staff, inhaler) -> None:
    client.force_login(bob)
    response = client.post(_child_url(inhaler.child), _dose_form(inhaler, bob_staff))
    assert response.status_code == 302
    dose = MedicineAdministration.objects.get()
    assert dose.given_by == bob_staff and dose.recorded_by == bob


@pytest.mark.url("medicines:child")
def test_a_refused_dose_shows_the_reason_and_saves_nothing(client, bob, bob_staff, inhaler) -> None:
    client.force_login(bob)
    response = client.post(_child_url(inhaler.child), _dose_form(inhaler, bob_staff, dose_amount="4"))
    assert response.status_code == 400
    assert "more than the permitted dose of 2 puffs" in response.content.decode()
    assert not MedicineAdministration.objects.exists()


@pytest.mark.url("medicines:child")
def test_a_child_with_no_permission_shows_do_not_give(client, bob, ada) -> None:
    client.force_login(bob)
    response = client.get(_child_url(ada))
    assert "Do not give any medicine" in response.content.decode()
    assert "Record the dose" not in response.content.decode()


@pytest.mark.url("medicines:child")
def test_another_setting_cannot_record_a_dose_for_ada(client, charlie, elm_house, inhaler) -> None:
    client.force_login(charlie)
    url = reverse("medicines:child", args=[elm_house.slug, inhaler.child.pk])
    staff = StaffMember.objects.get(user=charlie)
    assert client.post(url, _dose_form(inhaler, staff)).status_code == 404
    assert not MedicineAdministration.objects.exists()


@pytest.mark.url("medicines:index")
def test_the_index_lists_todays_medicines(client, adam, inhaler) -> None:
    client.force_login(adam)
    response = client.get(reverse("medicines:index", args=["oak-tree"]))
    assert response.status_code == 200
    assert "Salbutamol inhaler" in response.content.decode()


@pytest.mark.url("medicines:unacknowledged")
def test_an_unacknowledged_dose_appears_on_the_managers_list(client, alice, ada_dose, dora, dora_guardian) -> None:
    from tandem.medicines import services

    client.force_login(alice)
    url = reverse("medicines:unacknowledged", args=["oak-tree"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Ada Lovelace" in response.content.decode()
    services.administration_acknowledge(administration=ada_dose, guardian=dora_guardian, by=dora, signature="Dora L")
    assert "Ada Lovelace" not in client.get(url).content.decode()


@pytest.mark.url("medicines:unacknowledged")
def test_a_practitioner_may_not_see_the_managers_list(client, bob, ada_dose) -> None:
    client.force_login(bob)
    response = client.get(reverse("medicines:unacknowledged", args=["oak-tree"]))
    assert response.status_code == 403
    assert b"Ada Lovelace" not in response.content


@pytest.mark.url("medicines:unacknowledged")
def test_the_managers_list_queries_do_not_grow_with_doses(
    client, alice, babies, bob_staff, oak_tree, django_assert_num_queries
) -> None:
    rng = random.Random(1)
    guardian_user = f.UserFactory()

    def add_doses(n: int) -> None:
        for _ in range(n):
            child = f.ChildFactory(room=babies, first_name=f"C{rng.randint(0, 10**6)}")
            guardian = f.GuardianFactory(family=child.family or f.FamilyFactory(setting=oak_tree))
            today = oak_tree.today()
            permission = MedicinePermission.objects.create(
                setting=oak_tree,
                child=child,
                given_by=guardian,
                medicine_name="Calpol",
                dose_amount=Decimal("5"),
                dose_unit="ml",
                conditions="If hot",
                start_date=today,
                end_date=today,
                reason="Fever",
                signature="A Parent",
                recorded_by=guardian_user,
            )
            make_dose(permission, given_by=bob_staff, hours_ago=rng.random() * 3, amount="5")

    client.force_login(alice)
    url = reverse("medicines:unacknowledged", args=["oak-tree"])
    client.get(url)  # warm the session
    add_doses(3)
    # session, user, memberships, and the doses with child, room, medicine and giver (one).
    with django_assert_num_queries(4):
        client.get(url)
    add_doses(27)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 31


# --- families -------------------------------------------------------------------------------------


@pytest.mark.url("medicines_family:child")
def test_a_guardian_sees_their_childs_doses_and_permissions(client, dora, ada_dose) -> None:
    client.force_login(dora)
    response = client.get(reverse("medicines_family:child", args=[ada_dose.child.pk]))
    assert response.status_code == 200
    assert "Salbutamol inhaler" in response.content.decode()
    assert "Read and acknowledge" in response.content.decode()


@pytest.mark.url("medicines_family:child")
def test_another_family_cannot_see_adas_medicines(client, ed, ada_dose) -> None:
    client.force_login(ed)
    assert client.get(reverse("medicines_family:child", args=[ada_dose.child.pk])).status_code == 404


@pytest.mark.url("medicines_family:permission-give")
def test_a_guardian_gives_permission_with_a_typed_signature(client, dora, ada) -> None:
    client.force_login(dora)
    today = ada.setting.today()
    response = client.post(
        reverse("medicines_family:permission-give", args=[ada.pk]),
        {
            "medicine_name": "Calpol",
            "dose_amount": "5",
            "dose_unit": "ml",
            "route": "oral",
            "times": "12:00",
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=1)).isoformat(),
            "reason": "Teething",
            "signature": "Dora Lovelace",
        },
    )
    assert response.status_code == 302
    permission = MedicinePermission.objects.get()
    assert permission.given_by.user == dora and permission.times == ["12:00"]


@pytest.mark.url("medicines_family:permission-give")
def test_a_permission_without_a_signature_is_refused_and_nothing_saved(client, dora, ada) -> None:
    client.force_login(dora)
    today = ada.setting.today()
    response = client.post(
        reverse("medicines_family:permission-give", args=[ada.pk]),
        {
            "medicine_name": "Calpol",
            "dose_amount": "5000",
            "dose_unit": "ml",
            "route": "oral",
            "start_date": today.isoformat(),
            "end_date": today.isoformat(),
            "reason": "Teething",
            "signature": "",
        },
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not MedicinePermission.objects.exists()


@pytest.mark.url("medicines_family:permission-withdraw")
def test_a_guardian_withdraws_a_permission(client, dora, inhaler) -> None:
    client.force_login(dora)
    response = client.post(reverse("medicines_family:permission-withdraw", args=[inhaler.pk]))
    assert response.status_code == 302
    inhaler.refresh_from_db()
    assert inhaler.withdrawn_at is not None


@pytest.mark.url("medicines_family:administration-acknowledge")
def test_a_guardian_acknowledges_a_dose_and_another_family_cannot(client, dora, ed, ada_dose) -> None:
    url = reverse("medicines_family:administration-acknowledge", args=[ada_dose.pk])
    client.force_login(ed)
    assert client.post(url, {"signature": "Ed Babbage"}).status_code == 404
    client.force_login(dora)
    assert client.post(url, {"signature": "Dora Lovelace"}).status_code == 302
    ada_dose.refresh_from_db()
    assert ada_dose.acknowledgement_signature == "Dora Lovelace"


@pytest.mark.url("medicines:index")
def test_the_index_queries_do_not_grow_with_children(client, bob, babies, oak_tree, django_assert_num_queries) -> None:
    guardian_user = f.UserFactory()

    def add(n: int) -> None:
        for i in range(n):
            child = f.ChildFactory(room=babies, first_name=f"Kid{i}")
            guardian = f.GuardianFactory(family=f.FamilyFactory(setting=oak_tree))
            MedicinePermission.objects.create(
                setting=oak_tree,
                child=child,
                given_by=guardian,
                medicine_name="Inhaler",
                dose_amount=Decimal("2"),
                dose_unit="puffs",
                conditions="If wheezy",
                start_date=oak_tree.today(),
                end_date=oak_tree.today(),
                reason="Wheeze",
                signature="A Parent",
                recorded_by=guardian_user,
            )

    client.force_login(bob)
    url = reverse("medicines:index", args=["oak-tree"])
    add(3)
    with django_assert_num_queries(4):  # session, user, memberships, permissions with child and room
        client.get(url)
    add(27)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("Inhaler") == 30
