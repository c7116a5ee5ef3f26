"""The setting administration pages: they work for the right people, refuse the wrong setting
and the wrong role, and change nothing on bad input."""

import datetime as dt
import pathlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.core import services
from tandem.core.models import AuditEntry, Child, ChildGuardian, Consent, ConsentEvent, Guardian, Room, Setting
from tests import factories as f

pytestmark = pytest.mark.django_db


def admin_url(name: str, *args, slug: str = "oak-tree") -> str:
    return reverse(f"staff:{name}", args=[slug, *args])


# --- children -------------------------------------------------------------------------------------


@pytest.mark.url("staff:admin-child-create")
def test_it_adds_a_child(client, alice, babies) -> None:
    client.force_login(alice)
    response = client.post(
        admin_url("admin-child-create"),
        {
            "first_name": "Cara",
            "last_name": "Cole",
            "date_of_birth": "2023-01-01",
            "room": babies.pk,
            "sen_status": "none",
            "funded_hours": "15",
            "home_languages": "Polish, English",
        },
    )
    child = Child.objects.get(first_name="Cara")
    assert response.status_code == 302
    assert response.url == reverse("staff:child-detail", args=["oak-tree", child.pk])
    assert child.home_languages == ["Polish", "English"]


@pytest.mark.url("staff:admin-child-create")
def test_a_child_born_in_the_future_is_refused_with_a_clear_message(client, alice) -> None:
    client.force_login(alice)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        admin_url("admin-child-create"),
        {
            "first_name": "Cara",
            "last_name": "Cole",
            "date_of_birth": tomorrow,
            "sen_status": "none",
            "funded_hours": "0",
        },
    )
    assert response.status_code == 400
    assert "The date of birth cannot be in the future." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Child.objects.filter(first_name="Cara").exists()


@pytest.mark.url("staff:admin-child-create")
def test_a_room_of_another_setting_cannot_be_chosen(client, alice, elm_child) -> None:
    client.force_login(alice)
    response = client.post(
        admin_url("admin-child-create"),
        {
            "first_name": "Cara",
            "last_name": "Cole",
            "date_of_birth": "2023-01-01",
            "room": elm_child.room.pk,
            "sen_status": "none",
            "funded_hours": "0",
        },
    )
    assert response.status_code == 400
    assert not Child.objects.filter(first_name="Cara").exists()


@pytest.mark.url("staff:admin-child-edit")
def test_it_edits_a_child_and_keeps_the_old_version(client, adam, ada) -> None:
    client.force_login(adam)
    response = client.post(
        admin_url("admin-child-edit", ada.pk),
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "preferred_name": "Addie",
            "date_of_birth": "2024-12-10",
            "start_date": ada.start_date.isoformat(),
            "room": ada.room_id,
            "key_person": ada.key_person_id,
            "family": ada.family_id,
            "allergies": "Peanuts",
            "sen_status": "none",
            "funded_hours": "0",
        },
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.preferred_name == "Addie"
    assert ada.medical_notes == "Inhaler for wheeze"  # adam may not read it, so the form left it alone
    assert AuditEntry.objects.get(action="core.child.updated").data == {"fields": ["preferred_name"]}


@pytest.mark.url("staff:admin-child-edit")
def test_an_administrator_does_not_see_medical_notes_on_the_form(client, adam, alice, ada) -> None:
    client.force_login(adam)
    assert "Inhaler" not in client.get(admin_url("admin-child-edit", ada.pk)).content.decode()
    client.force_login(alice)
    assert "Inhaler" in client.get(admin_url("admin-child-edit", ada.pk)).content.decode()


@pytest.mark.url("staff:admin-child-edit")
def test_it_hides_ada_from_another_setting(client, charlie, ada) -> None:
    client.force_login(charlie)
    url = admin_url("admin-child-edit", ada.pk, slug="elm-house")  # his own setting, Ada's id after it
    assert client.post(url, {"first_name": "Eve"}).status_code == 404
    ada.refresh_from_db()
    assert ada.first_name == "Ada"


@pytest.mark.url("staff:admin-child-edit")
def test_a_practitioner_may_not_edit_a_child(client, bob, ada) -> None:
    client.force_login(bob)
    assert client.post(admin_url("admin-child-edit", ada.pk), {"first_name": "Eve"}).status_code == 403
    ada.refresh_from_db()
    assert ada.first_name == "Ada"


@pytest.mark.url("staff:admin-child-leave")
def test_a_leaving_date_before_the_start_is_refused(client, alice, ada) -> None:
    client.force_login(alice)
    before = (ada.start_date - dt.timedelta(days=1)).isoformat()
    response = client.post(admin_url("admin-child-leave", ada.pk), {"leave_date": before})
    assert response.status_code == 400
    assert "after the start date" in response.content.decode()
    ada.refresh_from_db()
    assert ada.leave_date is None


@pytest.mark.url("staff:admin-child-consents")
def test_staff_record_a_consent_and_see_the_history_newest_first(client, alice, ada, dora) -> None:
    client.force_login(alice)
    guardian = dora.guardianships.get()
    url = admin_url("admin-child-consents", ada.pk)
    client.post(url, {"kind": "group_photos", "decision": "given", "given_by": guardian.pk})
    client.post(url, {"kind": "group_photos", "decision": "withdrawn", "given_by": guardian.pk, "note": "phone call"})
    assert Consent.objects.get(child=ada, kind="group_photos").granted is False
    page = client.get(url).content.decode()
    assert page.index("Withdrawn") < page.index("Given</td>")
    assert "phone call" in page


@pytest.mark.url("staff:admin-child-consents")
def test_staff_cannot_record_consent_from_a_guardian_of_another_child(client, alice, ada, ed) -> None:
    client.force_login(alice)
    response = client.post(
        admin_url("admin-child-consents", ada.pk),
        {"kind": "outings", "decision": "given", "given_by": ed.guardianships.get().pk},
    )
    assert response.status_code == 400
    assert not ConsentEvent.objects.exists()


# --- setting, rooms, staff ------------------------------------------------------------------------


@pytest.mark.url("staff:admin-setting")
def test_a_manager_requires_two_factor_sign_in_for_leaders(client, alice, oak_tree) -> None:
    client.force_login(alice)
    data = {
        "name": "Oak Tree Nursery",
        "kind": "day_nursery",
        "timezone": "Europe/London",
        "inspectorate": "ofsted",
        "curriculum_framework": "eyfs-dm-2023",
        "require_mfa_for_leaders": "on",
    }
    assert client.post(admin_url("admin-setting"), data).status_code == 302
    assert Setting.objects.get(pk=oak_tree.pk).require_mfa_for_leaders is True


@pytest.mark.url("staff:admin-setting")
def test_an_unknown_time_zone_is_refused(client, alice, oak_tree) -> None:
    client.force_login(alice)
    data = {
        "name": "Renamed",
        "kind": "day_nursery",
        "timezone": "Mars/Olympus",
        "inspectorate": "ofsted",
        "curriculum_framework": "eyfs-dm-2023",
    }
    response = client.post(admin_url("admin-setting"), data)
    assert response.status_code == 400
    assert "not a known time zone" in response.content.decode()
    assert Setting.objects.get(pk=oak_tree.pk).name == "Oak Tree Nursery"


@pytest.mark.url("staff:admin-room-create")
def test_a_duplicate_room_name_is_refused(client, alice, babies) -> None:
    client.force_login(alice)
    response = client.post(
        admin_url("admin-room-create"), {"name": "Babies", "age_from_months": 0, "age_to_months": 12, "capacity": 6}
    )
    assert response.status_code == 400
    assert "already a room called Babies" in response.content.decode()
    assert Room.objects.filter(setting=babies.setting).count() == 1


@pytest.mark.url("staff:admin-room-edit")
def test_a_room_of_another_setting_is_not_found(client, alice, elm_child) -> None:
    client.force_login(alice)
    assert client.get(admin_url("admin-room-edit", elm_child.room.pk)).status_code == 404


@pytest.mark.url("staff:admin-staff-add")
def test_a_duplicate_staff_email_gets_a_clear_message(client, alice, bob) -> None:
    client.force_login(alice)
    response = client.post(
        admin_url("admin-staff-add"),
        {"email": "bob@oak.test", "first_name": "Bob", "last_name": "Birch", "roles": ["manager"]},
    )
    assert response.status_code == 400
    assert "already on this setting" in response.content.decode()
    assert bob.staff_memberships.get().roles == ["practitioner"]


@pytest.mark.url("staff:admin-staff-edit")
def test_staff_of_another_setting_are_not_found(client, alice, charlie) -> None:
    client.force_login(alice)
    member = charlie.staff_memberships.get()
    assert client.post(admin_url("admin-staff-edit", member.pk), {"roles": ["owner"]}).status_code == 404
    member.refresh_from_db()
    assert member.roles == ["manager"]


# --- families and guardians -----------------------------------------------------------------------


@pytest.mark.url("staff:admin-guardian-create")
def test_a_duplicate_guardian_email_is_refused_with_a_clear_message(client, adam, ada, dora) -> None:
    client.force_login(adam)
    response = client.post(
        admin_url("admin-guardian-create", ada.family.pk),
        {"first_name": "Dot", "last_name": "L", "email": "Dora@home.test", "language": "en"},
    )
    assert response.status_code == 400
    assert "already uses dora@home.test" in response.content.decode()
    assert Guardian.objects.filter(family=ada.family).count() == 1


@pytest.mark.url("staff:admin-family-detail")
def test_a_family_of_another_setting_is_not_found(client, alice, elm_child) -> None:
    client.force_login(alice)
    assert client.get(admin_url("admin-family-detail", elm_child.family.pk)).status_code == 404


@pytest.mark.url("staff:admin-link-create")
def test_a_guardian_is_linked_to_a_second_child(client, adam, ada, ben, dora) -> None:
    client.force_login(adam)
    guardian = dora.guardianships.get()
    response = client.post(
        admin_url("admin-link-create", ada.family.pk),
        {"child": ben.pk, "guardian": guardian.pk, "relationship": "step_parent", "may_collect": "on"},
    )
    assert response.status_code == 302
    link = ChildGuardian.objects.get(child=ben, guardian=guardian)
    assert (link.relationship, link.may_collect, link.parental_responsibility) == ("step_parent", True, False)


@pytest.mark.url("staff:admin-link-create")
def test_a_child_of_another_setting_cannot_be_linked(client, adam, ada, dora, elm_child) -> None:
    client.force_login(adam)
    response = client.post(
        admin_url("admin-link-create", ada.family.pk),
        {"child": elm_child.pk, "guardian": dora.guardianships.get().pk, "relationship": "mother"},
    )
    assert response.status_code == 400
    assert not ChildGuardian.objects.filter(child=elm_child).exists()


@pytest.mark.url("staff:admin-link-edit")
def test_restrictions_are_kept_when_someone_who_may_not_read_them_saves_the_link(client, adam, ada, dora) -> None:
    client.force_login(adam)
    guardian = dora.guardianships.get()
    page = client.get(admin_url("admin-link-edit", ada.pk, guardian.pk)).content.decode()
    assert "Court order" not in page
    client.post(admin_url("admin-link-edit", ada.pk, guardian.pk), {"relationship": "mother", "may_collect": ""})
    link = ChildGuardian.objects.get(child=ada, guardian=guardian)
    assert link.may_collect is False
    assert link.restrictions == "Court order: father may not collect"


@pytest.mark.url("staff:admin-guardian-preferences")
def test_quiet_hours_need_both_ends_on_the_staff_form(client, adam, dora) -> None:
    client.force_login(adam)
    guardian = dora.guardianships.get()
    response = client.post(
        admin_url("admin-guardian-preferences", guardian.pk),
        {"language": "en", "channels": ["app"], "digest": "daily", "quiet_hours_start": "20:00"},
    )
    assert response.status_code == 400
    assert "both the start and the end" in response.content.decode()
    assert guardian.preferences.language == "pl"


# --- audit log ------------------------------------------------------------------------------------


@pytest.mark.url("staff:admin-audit")
def test_the_audit_log_is_searchable_by_action_child_person_and_date(client, alice, ada, ben, bob) -> None:
    services.child_update(child=ada, by=alice, preferred_name="Addie")
    services.child_update(child=ben, by=bob, preferred_name="Benny")
    client.force_login(alice)
    url = admin_url("admin-audit")
    page = client.get(url, {"action": "core.child.updated", "child": "Ben"}).content.decode()
    assert "Benny" in page and "Addie" not in page
    page = client.get(url, {"action": "core.child.updated", "person": "alice@oak"}).content.decode()
    assert "Addie" in page and "Benny" not in page
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    page = client.get(url, {"action": "core.child.updated", "date_to": yesterday}).content.decode()
    assert "Addie" not in page and "Benny" not in page


@pytest.mark.url("staff:admin-audit")
def test_the_audit_log_shows_only_this_settings_entries(client, alice, charlie, elm_child, ada) -> None:
    services.child_update(child=elm_child, by=charlie, preferred_name="Evie")
    client.force_login(alice)
    assert "Evie" not in client.get(admin_url("admin-audit")).content.decode()


# --- import ---------------------------------------------------------------------------------------


IMPORT_CSV = (
    "child_first_name,child_last_name,date_of_birth,room,guardian1_first_name,guardian1_last_name,"
    "guardian1_email,guardian1_relationship\n"
    "Cara,Cole,14/05/2023,Babies,Cath,Cole,cath@home.test,mother\n"
    "Dan,Dee,2022-07-30,,Di,Dee,di@home.test,father\n"
)


@pytest.mark.url("staff:admin-import")
def test_it_previews_then_imports_in_two_steps(client, adam, babies) -> None:
    client.force_login(adam)
    url = admin_url("admin-import")
    upload = SimpleUploadedFile("children.csv", IMPORT_CSV.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert not Child.objects.filter(first_name="Cara").exists()  # nothing yet
    payload = re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)
    assert "Cara" not in payload  # compressed and signed, not the CSV text
    response = client.post(url, {"payload": payload})
    assert response.status_code == 302
    assert Child.objects.filter(first_name__in=["Cara", "Dan"]).count() == 2


@pytest.mark.url("staff:admin-import")
def test_a_file_with_a_bad_row_shows_every_problem_and_imports_nothing(client, adam, babies) -> None:
    client.force_login(adam)
    bad = IMPORT_CSV + "Eve,Eck,30/02/2023,Attic,Ed,Eck,cath@home.test,mother\n"
    upload = SimpleUploadedFile("children.csv", bad.encode(), content_type="text/csv")
    response = client.post(admin_url("admin-import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 4" in page and "30/02/2023" in page and "Attic" in page and "cath@home.test" in page
    assert 'name="payload"' not in page
    assert not Child.objects.filter(first_name="Cara").exists()


@pytest.mark.url("staff:admin-import")
def test_a_tampered_payload_imports_nothing(client, adam, babies) -> None:
    client.force_login(adam)
    response = client.post(admin_url("admin-import"), {"payload": "not-signed"})
    assert response.status_code == 400
    assert "upload it again" in response.content.decode()
    assert not Child.objects.filter(setting=babies.setting).exists()


@pytest.mark.url("staff:admin-import-template")
def test_the_template_csv_downloads(client, adam) -> None:
    client.force_login(adam)
    response = client.get(admin_url("admin-import-template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("child_first_name,child_last_name")


# --- the index ------------------------------------------------------------------------------------


@pytest.mark.url("staff:admin-index")
def test_the_index_links_only_to_what_each_person_may_do(client, alice, bob, adam) -> None:
    client.force_login(alice)
    page = client.get(admin_url("admin-index")).content.decode()
    assert admin_url("admin-staff-list") in page and admin_url("admin-audit") in page
    client.force_login(adam)
    page = client.get(admin_url("admin-index")).content.decode()
    assert admin_url("admin-import") in page and admin_url("admin-staff-list") not in page
    client.force_login(bob)
    page = client.get(admin_url("admin-index")).content.decode()
    assert admin_url("admin-child-list") not in page


# --- templates obey the CSP -----------------------------------------------------------------------


def test_no_template_of_this_area_has_inline_script_or_style() -> None:
    root = pathlib.Path(__file__).resolve().parents[2] / "templates" / "core"
    files = list((root / "admin").glob("*.html")) + list(root.glob("family_*.html"))
    assert files
    for path in files:
        text = path.read_text()
        assert not re.search(r"\sstyle=|<script|\son[a-z]+=|javascript:|hx-on", text), path.name


# --- query counts ---------------------------------------------------------------------------------


def _count_queries(client, url, django_assert_num_queries, grow) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.url("staff:admin-child-list")
def test_child_list_queries_do_not_grow_with_children(
    client, alice, babies, bob_staff, django_assert_num_queries
) -> None:
    client.force_login(alice)
    f.ChildFactory.create_batch(3, room=babies, key_person=bob_staff)
    # session, user, memberships, children count, children page (with rooms and key persons)
    _count_queries(
        client,
        admin_url("admin-child-list"),
        django_assert_num_queries,
        lambda: f.ChildFactory.create_batch(27, room=babies, key_person=bob_staff),
    )


@pytest.mark.url("staff:admin-family-list")
def test_family_list_queries_do_not_grow_with_families(client, alice, oak_tree, django_assert_num_queries) -> None:
    def make(n: int) -> None:
        for _ in range(n):
            link = f.ChildGuardianFactory(child=f.ChildFactory(room=f.RoomFactory(setting=oak_tree)))
            assert link.guardian.setting == oak_tree

    client.force_login(alice)
    make(3)
    # session, user, memberships, families count, families page, their children, their guardians
    _count_queries(client, admin_url("admin-family-list"), django_assert_num_queries, lambda: make(27))


@pytest.mark.url("staff:admin-staff-list")
def test_staff_list_queries_do_not_grow_with_staff(client, alice, oak_tree, babies, django_assert_num_queries) -> None:
    def make(n: int) -> None:
        for _ in range(n):
            f.StaffMemberFactory(setting=oak_tree).rooms.add(babies)

    client.force_login(alice)
    make(3)
    # session, user, memberships, staff with their accounts, their rooms
    _count_queries(client, admin_url("admin-staff-list"), django_assert_num_queries, lambda: make(27))


@pytest.mark.url("staff:admin-audit")
def test_audit_queries_do_not_grow_with_entries(client, alice, ada, django_assert_num_queries) -> None:
    def make(n: int) -> None:
        for i in range(n):
            services.child_update(child=ada, by=alice, preferred_name=f"Ada {i} {Child.objects.count()}")

    client.force_login(alice)
    make(3)
    # session, user, memberships, entries count, entries page (with actors and children)
    _count_queries(client, admin_url("admin-audit"), django_assert_num_queries, lambda: make(27))


@pytest.mark.url("staff:admin-room-edit")
def test_a_room_with_children_cannot_be_taken_out_of_use_from_its_form(client, alice, ada) -> None:
    client.force_login(alice)
    room = ada.room
    data = {"name": room.name, "age_from_months": 0, "age_to_months": 24, "capacity": 12}  # "in use" unticked
    response = client.post(admin_url("admin-room-edit", room.pk), data)
    assert response.status_code == 400
    assert "Move the children" in response.content.decode()
    room.refresh_from_db()
    assert room.is_active is True
