"""The staff pages and the API over the setting's framework."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.url("curriculum:browse")
def test_staff_browse_the_settings_framework(client, bob) -> None:
    client.force_login(bob)
    response = client.get(reverse("curriculum:browse", args=["oak-tree"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "EYFS: Development Matters (2023)" in body
    assert "Listening, Attention and Understanding" in body
    assert "Playing and exploring" in body and "Extremely high" in body


@pytest.mark.url("curriculum:browse")
def test_search_narrows_the_areas_and_htmx_gets_only_the_list(client, bob) -> None:
    client.force_login(bob)
    url = reverse("curriculum:browse", args=["oak-tree"])
    response = client.get(url, {"q": "number"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mathematics" in body and "Numerical Patterns" not in body and "Speaking" not in body
    assert "<html" not in body and "Leuven" not in body


@pytest.mark.url("curriculum:browse")
def test_another_setting_cannot_browse_oak_trees_framework(client, charlie) -> None:
    client.force_login(charlie)
    assert client.get(reverse("curriculum:browse", args=["oak-tree"])).status_code == 404


@pytest.mark.url("curriculum:browse")
def test_the_page_follows_the_settings_framework(client, alice, oak_tree) -> None:
    oak_tree.curriculum_framework = "te-whariki-2017"
    oak_tree.save(update_fields=["curriculum_framework"])
    client.force_login(alice)
    body = client.get(reverse("curriculum:browse", args=["oak-tree"])).content.decode()
    assert "Mana whenua" in body and "Whakamana" in body
    assert "Early Learning Goal" not in body


@pytest.mark.url("curriculum:browse")
def test_browse_takes_the_same_queries_whatever_the_framework(
    client, alice, oak_tree, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    url = reverse("curriculum:browse", args=["oak-tree"])
    counts = []
    for code in ("ni-preschool", "eyfs-dm-2023"):
        oak_tree.curriculum_framework = code
        oak_tree.save(update_fields=["curriculum_framework"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


@pytest.mark.url("curriculum:areas")
def test_the_areas_page_explains_each_area_in_plain_words(client, adam) -> None:
    client.force_login(adam)
    response = client.get(reverse("curriculum:areas", args=["oak-tree"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Communication and Language" in body and "share books" in body
    assert body.count('class="card"') == 7


@pytest.mark.url("curriculum:areas")
def test_a_guardian_cannot_open_the_staff_areas_page(client, dora) -> None:
    client.force_login(dora)
    assert client.get(reverse("curriculum:areas", args=["oak-tree"])).status_code == 404


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/curriculum")
def test_the_api_gives_the_tree_with_ids_observations_link_to(client, bob) -> None:
    from tandem.curriculum.models import Statement

    client.force_login(bob)
    response = client.get("/api/v1/settings/oak-tree/curriculum")
    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["version"]) == ("eyfs-dm-2023", "2023.1")
    assert len(data["areas"]) == 7
    speaking = data["areas"][0]["aspects"][1]["statements"][0]
    assert speaking["is_elg"] and speaking["in_gld"]
    assert Statement.objects.get(pk=speaking["id"]).code == "eyfs-dm-2023:cl:speaking:elg"
    assert [lvl["label"] for lvl in data["leuven"][0]["levels"]][-1] == "Extremely high"


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/curriculum")
def test_the_api_hides_the_framework_from_another_setting_and_signed_out(client, charlie) -> None:
    assert client.get("/api/v1/settings/oak-tree/curriculum").status_code == 401
    client.force_login(charlie)
    response = client.get("/api/v1/settings/oak-tree/curriculum")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
