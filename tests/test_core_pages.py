"""The everyday pages: a guardian's home, the staff home, the children list, a child's profile
and the organisation overview show what each person may see, and no more."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_guardian_home_shows_her_child_and_nobody_elses(client, dora, ada, ben) -> None:
    client.force_login(dora)
    response = client.get(reverse("family:home"))
    assert response.status_code == 200
    assert "Ada" in response.content.decode()
    assert "Ben" not in response.content.decode()


def test_a_guardian_sees_allergies_but_not_the_court_order_on_her_childs_page(client, dora, ada) -> None:
    client.force_login(dora)
    body = client.get(reverse("family:child-detail", args=[ada.pk])).content.decode()
    assert "Peanuts" in body
    assert "Court order" not in body


def test_guardian_home_queries_do_not_grow_with_children(client, dora, ada, django_assert_max_num_queries) -> None:
    client.force_login(dora)
    guardian = dora.guardianships.get()

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("family:home")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(5):
        child = f.ChildFactory(room=ada.room, family=ada.family)
        f.ChildGuardianFactory(child=child, guardian=guardian)
    assert count() == before


def test_staff_children_list_queries_do_not_grow_with_children(client, alice, babies) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    url = reverse("staff:child-list", args=["oak-tree"])
    f.ChildFactory.create_batch(3, room=babies)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    f.ChildFactory.create_batch(27, room=babies)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.content.decode().count("<tr>") == 31  # header + 30 children


def test_the_children_list_filters_by_name_and_room(client, alice, ada, ben, babies) -> None:
    client.force_login(alice)
    url = reverse("staff:child-list", args=["oak-tree"])
    body = client.get(url, {"q": "ada"}).content.decode()
    assert "Ada Lovelace" in body and "Ben Babbage" not in body
    body = client.get(url, {"room": str(babies.pk)}).content.decode()
    assert "Ada Lovelace" in body and "Ben Babbage" not in body


def test_an_htmx_request_gets_only_the_rows(client, alice, ada) -> None:
    client.force_login(alice)
    response = client.get(reverse("staff:child-list", args=["oak-tree"]), {"q": "Ada"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Ada Lovelace" in body
    assert "<html" not in body


def test_the_key_person_sees_her_key_children_on_the_staff_home(client, bob, ada, ben) -> None:
    client.force_login(bob)
    body = client.get(reverse("staff:home", args=["oak-tree"])).content.decode()
    assert "Ada Lovelace" in body
    assert "Ben Babbage" not in body  # not his key child


def test_a_child_profile_shows_medical_notes_to_the_key_person_only_among_practitioners(
    client, bob, ada, oak_tree
) -> None:
    url = reverse("staff:child-detail", args=["oak-tree", ada.pk])
    client.force_login(bob)
    assert "Inhaler for wheeze" in client.get(url).content.decode()
    carol = f.StaffMemberFactory(setting=oak_tree).user
    client.force_login(carol)
    body = client.get(url).content.decode()
    assert "Peanuts" in body  # allergies are for everyone caring for Ada
    assert "Inhaler for wheeze" not in body


def test_restrictions_are_shown_to_the_manager_and_not_the_key_person(client, alice, bob, ada, dora) -> None:
    url = reverse("staff:child-detail", args=["oak-tree", ada.pk])
    client.force_login(alice)
    assert "Court order" in client.get(url).content.decode()
    client.force_login(bob)
    assert "Court order" not in client.get(url).content.decode()


def test_the_organisation_overview_shows_numbers_and_hides_small_groups(client, olive, ada, ben) -> None:
    ada.eal = True  # one EAL child: too few to show
    ada.save()
    client.force_login(olive)
    body = client.get(reverse("org:overview", args=["oak-tree-group"])).content.decode()
    assert "Oak Tree Nursery" in body
    assert "Ada" not in body and "Lovelace" not in body
    assert '<abbr title="fewer than 5">&lt;5</abbr>' in body


def test_home_sends_each_person_to_their_own_place(client, alice, dora, olive) -> None:
    client.force_login(alice)
    assert client.get("/").url == reverse("staff:home", args=["oak-tree"])
    client.force_login(dora)
    assert client.get("/").url == reverse("family:home")
    client.force_login(olive)
    assert client.get("/").url == reverse("org:overview", args=["oak-tree-group"])


def test_someone_with_several_places_chooses(client, alice, elm_house) -> None:
    f.StaffMemberFactory(setting=elm_house, user=alice)
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Oak Tree Nursery" in body and "Elm House" in body


def test_a_missing_page_is_shown_in_the_persons_language_with_a_way_home(client, dora, ben) -> None:
    dora.language = "ar"
    dora.save()
    client.force_login(dora)
    response = client.get(reverse("family:child-detail", args=[ben.pk]))
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert 'href="/"' in body and "<main" in body


def test_a_forbidden_page_says_why_in_plain_words(client, bob) -> None:
    client.force_login(bob)
    response = client.get(reverse("staff:admin-room-list", args=["oak-tree"]))
    assert response.status_code == 403
    assert "ask a manager" in response.content.decode()


def test_a_guardians_language_is_shown_by_name_not_code(client, alice, ada, dora) -> None:
    client.force_login(alice)
    body = client.get(reverse("staff:child-detail", args=["oak-tree", ada.pk])).content.decode()
    assert "Polish (polski)" in body


def test_punjabi_is_offered_in_its_own_script(client) -> None:
    body = client.get(reverse("account_login")).content.decode()
    assert "ਪੰਜਾਬੀ" in body


def test_back_up_key_children_are_marked_on_the_staff_home(client, bob_staff, ben) -> None:
    ben.backup_key_person = bob_staff
    ben.save()
    client.force_login(bob_staff.user)
    body = client.get(reverse("staff:home", args=["oak-tree"])).content.decode()
    assert "Ben Babbage" in body
    assert body.count("Back-up key person") == 1


def test_staff_pages_show_times_in_the_settings_own_time_zone(client, alice, oak_tree) -> None:
    from django.utils import timezone

    oak_tree.timezone = "Pacific/Auckland"
    oak_tree.save()
    client.force_login(alice)
    response = client.get(reverse("staff:home", args=["oak-tree"]))
    assert response.status_code == 200
    assert response.context["TIME_ZONE"] == "Pacific/Auckland"
    assert timezone.get_current_timezone_name() != "Pacific/Auckland"  # reset after the request
