"""/me, the family's own children, the setting and its rooms, and an organisation lead's
numbers: each reader gets their own view and nothing more."""

import pytest

from tandem.core.models import AuditEntry
from tests import factories as f
from tests.api.conftest import assert_error

OAK = "/api/v1/settings/oak-tree"


@pytest.mark.django_db
def test_me_lists_alices_setting_roles_and_flags(client, alice) -> None:
    client.force_login(alice)
    body = client.get("/api/v1/me").json()
    assert body["is_guardian"] is False
    [membership] = body["settings"]
    assert membership["setting"] == {"slug": "oak-tree", "name": "Oak Tree Nursery"}
    assert membership["organisation"]["slug"] == "oak-tree-group"
    assert [r["code"] for r in membership["roles"]] == ["manager", "dsl"]
    assert membership["roles"][1]["name"] == "Designated safeguarding lead"
    assert membership["permissions"]["can_edit_children"] is True


@pytest.mark.django_db
def test_me_says_dora_is_a_guardian_with_no_setting(client, dora) -> None:
    client.force_login(dora)
    body = client.get("/api/v1/me").json()
    assert (body["is_guardian"], body["settings"], body["organisations_led"]) == (True, [], [])


@pytest.mark.django_db
def test_me_lists_the_organisations_olive_leads(client, olive) -> None:
    client.force_login(olive)
    body = client.get("/api/v1/me").json()
    assert body["organisations_led"] == [{"slug": "oak-tree-group", "name": "Oak Tree Group"}]
    assert body["settings"] == []


@pytest.mark.django_db
def test_a_member_sees_the_setting_with_their_own_roles(client, bob) -> None:
    client.force_login(bob)
    body = client.get(OAK).json()
    assert body["name"] == "Oak Tree Nursery"
    assert body["my_roles"] == [{"code": "practitioner", "name": "Practitioner"}]
    assert body["my_permissions"]["can_edit_children"] is False


@pytest.mark.django_db
def test_it_lists_the_settings_rooms(client, adam, babies, preschool, elm_child) -> None:
    client.force_login(adam)
    rooms = client.get(f"{OAK}/rooms").json()
    assert [r["name"] for r in rooms] == ["Babies", "Pre-school"]


@pytest.mark.django_db
def test_dora_sees_only_her_own_child(client, dora, ada, ben, ed) -> None:
    client.force_login(dora)
    body = client.get("/api/v1/family/children").json()
    assert body["count"] == 1
    [child] = body["items"]
    assert (child["first_name"], child["setting"]["slug"], child["key_person_name"]) == ("Ada", "oak-tree", "Bob Birch")
    assert "medical_notes" not in child


@pytest.mark.django_db
def test_staff_have_no_family_children(client, alice, ada) -> None:
    client.force_login(alice)
    assert client.get("/api/v1/family/children").json() == {"items": [], "count": 0}


@pytest.mark.django_db
def test_dora_sees_her_childs_record_and_consents(client, dora, ada) -> None:
    client.force_login(dora)
    body = client.get(f"/api/v1/family/children/{ada.pk}").json()
    assert body["medical_notes"] == "Inhaler for wheeze"
    assert body["can_change_consents"] is True
    assert {c["kind"] for c in body["consents"]} >= {"outings", "group_photos"}
    assert "guardians" not in body  # restrictions are never shown to families
    assert AuditEntry.objects.filter(action="core.child.viewed", child=ada, actor=dora).count() == 1


@pytest.mark.django_db
def test_ed_cannot_see_ada_as_a_family(client, ed, ada) -> None:
    client.force_login(ed)
    assert_error(client.get(f"/api/v1/family/children/{ada.pk}"), 404, "not_found")


@pytest.mark.django_db
def test_bob_gets_404_on_the_family_view_of_ada(client, bob, ada) -> None:
    client.force_login(bob)
    assert_error(client.get(f"/api/v1/family/children/{ada.pk}"), 404, "not_found")


@pytest.mark.django_db
def test_family_list_queries_do_not_grow_with_children(client, dora, ada, django_assert_num_queries) -> None:
    client.force_login(dora)
    guardian = ada.guardian_links.get().guardian
    client.get("/api/v1/me")
    for _ in range(2):
        f.ChildGuardianFactory(child=f.ChildFactory(room=ada.room, family=ada.family), guardian=guardian)
    # session, user, the scope (memberships, guardians' settings), count, page of children
    # (setting, room and key person joined)
    with django_assert_num_queries(6):
        assert client.get("/api/v1/family/children").json()["count"] == 3
    for _ in range(27):
        f.ChildGuardianFactory(child=f.ChildFactory(room=ada.room, family=ada.family), guardian=guardian)
    with django_assert_num_queries(6):
        assert client.get("/api/v1/family/children").json()["count"] == 30


@pytest.mark.django_db
def test_olive_sees_numbers_and_no_child(client, olive, ada, ben, dora) -> None:
    client.force_login(olive)
    response = client.get("/api/v1/organisations/oak-tree-group/numbers")
    body = response.json()
    [row] = body["settings"]
    assert (row["setting"]["slug"], row["children"], row["families"], row["guardians_signed_in"]) == (
        "oak-tree",
        2,
        2,
        1,
    )
    assert row["eal"] == 0
    text = response.content.decode()
    assert "Ada" not in text and "Lovelace" not in text and str(ada.pk) not in text


@pytest.mark.django_db
def test_a_manager_does_not_see_the_organisations_numbers(client, alice, ada) -> None:
    client.force_login(alice)
    assert_error(client.get("/api/v1/organisations/oak-tree-group/numbers"), 404, "not_found")
