"""The journal API gives the same redacted view as the pages, with the one error shape."""

import json

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.mark.url("api:GET /api/v1/family/journal/children/{child_id}/observations")
def test_the_family_api_names_only_the_familys_own_child(client, group_observation, ed, ben) -> None:
    client.force_login(ed)
    body = client.get(f"{API}/family/journal/children/{ben.pk}/observations").json()
    [item] = body["items"]
    assert "Ben" in item["text_html"] and "Ada" not in json.dumps(item) and "Lovelace" not in json.dumps(item)
    assert item["photos"][0]["url"].startswith("/m/") and item["photos"][0]["blurred"] is False


@pytest.mark.url("api:GET /api/v1/family/journal/children/{child_id}/observations")
def test_another_familys_child_is_a_404_in_the_one_error_shape(client, group_observation, ed, ada) -> None:
    client.force_login(ed)
    response = client.get(f"{API}/family/journal/children/{ada.pk}/observations")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/journal/observations")
def test_staff_create_a_draft_and_bad_input_changes_nothing(client, bob, ada, elm_child) -> None:
    from tandem.journal.models import Observation

    client.force_login(bob)
    url = f"{API}/settings/oak-tree/journal/observations"
    bad = client.post(url, {"children": [], "text_markdown": "x"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    other = client.post(url, {"children": [str(elm_child.pk)]}, content_type="application/json")
    assert other.status_code == 404
    assert not Observation.objects.exists()
    ok = client.post(url, {"children": [str(ada.pk)], "text_markdown": "Ada <script>x</script> sang"},
                     content_type="application/json")  # fmt: skip
    assert ok.status_code == 201
    assert ok.json()["status"] == "draft" and "<script" not in ok.json()["text_html"]


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/journal/observations/{observation_id}")
def test_staff_see_hidden_comments_marked_and_why_photos_are_withheld(
    client, bob, group_observation, ada, dora
) -> None:
    from tandem.core.models import ConsentKind
    from tandem.journal import selectors, services
    from tandem.media.models import FaceBox
    from tests.journal.conftest import grant

    comment = services.comment_add(
        observation=group_observation, child=ada, by=dora,
        guardian=selectors.guardian_for_child(user=dora, child=ada), text="Oops",
    )  # fmt: skip
    services.comment_hide(comment=comment, by=bob, reason="Twice")
    FaceBox.objects.filter(child=ada).update(child=None)
    grant(ada, ConsentKind.GROUP_PHOTOS, granted=False)
    client.force_login(bob)
    body = client.get(f"{API}/settings/oak-tree/journal/observations/{group_observation.pk}").json()
    assert [c["hidden"] for c in body["comments"]] == [True]
    assert "no face found for Ada" in " ".join(body["photos"][0]["notes"])
    client.force_login(dora)
    family = client.get(f"{API}/family/journal/children/{ada.pk}/observations/{group_observation.pk}").json()
    assert family["comments"] == []
