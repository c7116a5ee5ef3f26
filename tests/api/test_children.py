"""Children through the API, as staff see them: the list (filters, pagination, a query count
that does not grow), one record (medical notes and restrictions only with the flags, the read
audited), and the writes through tandem.core.services."""

import json

import pytest

from tandem.core.models import AuditEntry, Child, ConsentEvent, RecordVersion
from tests import factories as f
from tests.api.conftest import assert_error

OAK = "/api/v1/settings/oak-tree"


def send(client, method: str, url: str, body: dict):
    return client.generic(method, url, data=json.dumps(body), content_type="application/json")


# --- the list ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_the_settings_children_only(client, alice, ada, ben, elm_child) -> None:
    client.force_login(alice)
    body = client.get(f"{OAK}/children").json()
    assert body["count"] == 2
    assert [c["first_name"] for c in body["items"]] == ["Ada", "Ben"]
    assert body["items"][0]["key_person"]["display_name"] == "Bob Birch"
    assert body["items"][0]["room"]["name"] == "Babies"
    assert "medical_notes" not in body["items"][0]


@pytest.mark.django_db
def test_it_filters_by_room_and_name(client, alice, ada, ben, babies, preschool) -> None:
    client.force_login(alice)
    in_babies = client.get(f"{OAK}/children", {"room": str(babies.pk)}).json()
    assert [c["first_name"] for c in in_babies["items"]] == ["Ada"]
    by_name = client.get(f"{OAK}/children", {"q": "babb"}).json()
    assert [c["first_name"] for c in by_name["items"]] == ["Ben"]


@pytest.mark.django_db
def test_a_room_of_another_setting_is_not_a_filter(client, alice, ada, elm_child) -> None:
    client.force_login(alice)
    assert_error(client.get(f"{OAK}/children", {"room": str(elm_child.room_id)}), 404, "not_found")
    assert_error(client.get(f"{OAK}/children", {"room": "nope"}), 404, "not_found")


@pytest.mark.django_db
def test_it_pages_with_limit_and_offset(client, alice, babies) -> None:
    for i in range(5):
        f.ChildFactory(room=babies, first_name=f"Kid{i}")
    client.force_login(alice)
    page = client.get(f"{OAK}/children", {"limit": 2, "offset": 2}).json()
    assert page["count"] == 5
    assert [c["first_name"] for c in page["items"]] == ["Kid2", "Kid3"]


@pytest.mark.django_db
def test_the_default_page_is_50(client, alice, babies) -> None:
    f.ChildFactory.create_batch(55, room=babies)
    client.force_login(alice)
    page = client.get(f"{OAK}/children").json()
    assert page["count"] == 55
    assert len(page["items"]) == 50


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_children(client, alice, babies, django_assert_num_queries) -> None:
    client.force_login(alice)
    client.get("/api/v1/me")  # warm up anything cached per process
    f.ChildFactory.create_batch(3, room=babies, key_person=None)
    # session, user, memberships, count, page of children (room and key person joined)
    with django_assert_num_queries(5):
        assert client.get(f"{OAK}/children").json()["count"] == 3
    staff = f.StaffMemberFactory(setting=babies.setting)
    f.ChildFactory.create_batch(27, room=babies, key_person=staff)
    with django_assert_num_queries(5):
        assert client.get(f"{OAK}/children").json()["count"] == 30


# --- one child --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_sees_medical_notes_and_restrictions(client, alice, ada, dora) -> None:
    client.force_login(alice)
    body = client.get(f"{OAK}/children/{ada.pk}").json()
    assert body["medical_notes"] == "Inhaler for wheeze"
    assert body["guardians"][0]["name"] == "Dora Lovelace"
    assert body["guardians"][0]["restrictions"] == "Court order: father may not collect"
    assert body["permissions"]["can_edit"] is True


@pytest.mark.django_db
def test_the_key_person_sees_medical_notes_but_not_restrictions(client, bob, ada, dora) -> None:
    client.force_login(bob)
    body = client.get(f"{OAK}/children/{ada.pk}").json()
    assert body["medical_notes"] == "Inhaler for wheeze"
    assert body["guardians"][0]["restrictions"] is None
    assert body["permissions"] == {
        "is_key_person": True,
        "can_edit": False,
        "can_read_medical": True,
        "can_read_restrictions": False,
        "can_change_consents": False,
    }


@pytest.mark.django_db
def test_the_administrator_sees_neither(client, adam, ada, dora) -> None:
    client.force_login(adam)
    body = client.get(f"{OAK}/children/{ada.pk}").json()
    assert body["medical_notes"] is None
    assert body["guardians"][0]["restrictions"] is None
    assert body["allergies"] == "Peanuts"  # everyone who looks after her must know


@pytest.mark.django_db
def test_a_practitioner_who_is_not_the_key_person_does_not_see_medical_notes(client, bob, ben) -> None:
    client.force_login(bob)
    body = client.get(f"{OAK}/children/{ben.pk}").json()
    assert body["first_name"] == "Ben"
    assert body["medical_notes"] is None


@pytest.mark.django_db
def test_reading_a_child_is_audited(client, alice, ada) -> None:
    client.force_login(alice)
    assert client.get(f"{OAK}/children/{ada.pk}").status_code == 200
    entry = AuditEntry.objects.get(action="core.child.viewed", child=ada)
    assert entry.actor == alice


@pytest.mark.django_db
def test_ed_cannot_see_ada_through_the_staff_api(client, ed, ada) -> None:
    client.force_login(ed)
    assert_error(client.get(f"{OAK}/children/{ada.pk}"), 404, "not_found")
    assert not AuditEntry.objects.filter(action="core.child.viewed").exists()


# --- writes -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_adds_a_child(client, alice, babies, bob_staff) -> None:
    client.force_login(alice)
    body = {
        "first_name": " Cleo ",
        "last_name": "Curie",
        "date_of_birth": "2023-05-01",
        "room": str(babies.pk),
        "key_person": str(bob_staff.pk),
        "home_languages": ["pl"],
        "medical_notes": "Eczema cream",
    }
    response = send(client, "POST", f"{OAK}/children", body)
    assert response.status_code == 201, response.content
    created = response.json()
    child = Child.objects.get(pk=created["id"])
    assert (child.first_name, child.room, child.key_person) == ("Cleo", babies, bob_staff)
    assert created["medical_notes"] == "Eczema cream"
    assert AuditEntry.objects.filter(action="core.child.created", child=child, actor=alice).exists()


@pytest.mark.django_db
def test_the_administrator_adds_a_child_but_does_not_see_medical_notes_back(client, adam, oak_tree) -> None:
    client.force_login(adam)
    body = {"first_name": "Dan", "last_name": "D", "date_of_birth": "2023-05-01", "medical_notes": "Epipen"}
    response = send(client, "POST", f"{OAK}/children", body)
    assert response.status_code == 201
    assert response.json()["medical_notes"] is None
    assert Child.objects.get(first_name="Dan").medical_notes == "Epipen"


@pytest.mark.django_db
def test_a_manager_changes_only_the_fields_sent(client, alice, ada) -> None:
    client.force_login(alice)
    response = send(client, "PATCH", f"{OAK}/children/{ada.pk}", {"preferred_name": "Addie", "room": None})
    assert response.status_code == 200, response.content
    assert response.json()["display_name"] == "Addie Lovelace"
    ada.refresh_from_db()
    assert (ada.preferred_name, ada.room, ada.allergies) == ("Addie", None, "Peanuts")
    assert RecordVersion.objects.filter(object_id=str(ada.pk)).count() == 1
    entry = AuditEntry.objects.get(action="core.child.updated", child=ada)
    assert entry.data == {"fields": ["preferred_name", "room"]}


@pytest.mark.django_db
def test_a_required_field_cannot_be_cleared(client, alice, ada) -> None:
    client.force_login(alice)
    response = send(client, "PATCH", f"{OAK}/children/{ada.pk}", {"first_name": None})
    error = assert_error(response, 422, "validation_error")
    assert [d["field"] for d in error["details"]] == ["first_name"]
    ada.refresh_from_db()
    assert ada.first_name == "Ada"


@pytest.mark.django_db
def test_nobody_overwrites_medical_notes_they_cannot_read(client, adam, ada) -> None:
    client.force_login(adam)
    assert_error(send(client, "PATCH", f"{OAK}/children/{ada.pk}", {"medical_notes": ""}), 403, "forbidden")
    ada.refresh_from_db()
    assert ada.medical_notes == "Inhaler for wheeze"


@pytest.mark.django_db
def test_charlie_cannot_change_ada(client, charlie, ada) -> None:
    client.force_login(charlie)
    for slug in ("elm-house", "oak-tree"):
        url = f"/api/v1/settings/{slug}/children/{ada.pk}"
        assert_error(send(client, "PATCH", url, {"first_name": "Hacked"}), 404, "not_found")
    ada.refresh_from_db()
    assert ada.first_name == "Ada"


# --- consents ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_current_consents_and_their_history(client, alice, ada, dora) -> None:
    client.force_login(alice)
    guardian = ada.guardian_links.get().guardian
    given = {"kind": "outings", "decision": "given", "given_by": str(guardian.pk)}
    assert send(client, "POST", f"{OAK}/children/{ada.pk}/consents", given).status_code == 201
    withdrawn = {"kind": "outings", "decision": "withdrawn"}
    assert send(client, "POST", f"{OAK}/children/{ada.pk}/consents", withdrawn).status_code == 201
    body = client.get(f"{OAK}/children/{ada.pk}/consents").json()
    current = {c["kind"]: c["granted"] for c in body["current"]}
    assert current["outings"] is False
    assert current["sun_cream"] is None  # never asked
    assert [(e["kind"], e["decision"]) for e in body["history"]] == [("outings", "withdrawn"), ("outings", "given")]
    assert body["history"][1]["given_by"] == "Dora Lovelace"
    assert body["history"][0]["recorded_by"] == "Alice Ash"


@pytest.mark.django_db
def test_withdrawing_what_was_never_given_is_a_validation_error(client, alice, ada) -> None:
    client.force_login(alice)
    response = send(client, "POST", f"{OAK}/children/{ada.pk}/consents", {"kind": "outings", "decision": "withdrawn"})
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "decision"
    assert not ConsentEvent.objects.exists()


@pytest.mark.django_db
def test_an_unknown_consent_kind_is_a_validation_error(client, alice, ada) -> None:
    client.force_login(alice)
    response = send(client, "POST", f"{OAK}/children/{ada.pk}/consents", {"kind": "tattoos", "decision": "given"})
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "kind"
    assert not ConsentEvent.objects.exists()


@pytest.mark.django_db
def test_a_guardian_of_another_child_cannot_be_named_as_giving_consent(client, alice, ada, ed, ben) -> None:
    client.force_login(alice)
    eds_guardian = ben.guardian_links.get().guardian
    body = {"kind": "outings", "decision": "given", "given_by": str(eds_guardian.pk)}
    error = assert_error(send(client, "POST", f"{OAK}/children/{ada.pk}/consents", body), 422, "validation_error")
    assert error["details"][0]["field"] == "given_by"
    assert not ConsentEvent.objects.exists()


@pytest.mark.django_db
def test_a_practitioner_cannot_record_consent(client, bob, ada) -> None:
    client.force_login(bob)
    body = {"kind": "outings", "decision": "given"}
    assert_error(send(client, "POST", f"{OAK}/children/{ada.pk}/consents", body), 403, "forbidden")
    assert not ConsentEvent.objects.exists()
