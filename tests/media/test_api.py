"""The media API: staff upload (multipart) and follow progress; the same access rules as pages."""

import pytest

from tandem.media.models import MediaFile
from tests.media.conftest import photo_bytes, upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/settings/oak-tree/media"


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/media")
def test_staff_upload_photos_over_the_api(client, bob, django_capture_on_commit_callbacks) -> None:
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": [upload(photo_bytes(), "a.jpg"), upload(photo_bytes("PNG"), "b.png")]})
    assert response.status_code == 201, response.content
    items = response.json()
    assert [i["kind"] for i in items] == ["photo", "photo"]
    detail = client.get(f"{URL}/{items[0]['id']}").json()
    assert detail["status"] == "ready" and detail["variants"] == ["display", "thumb"]
    assert len(detail["faces"]) == 1


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/media")
def test_one_bad_file_keeps_none_of_the_upload(client, bob, django_capture_on_commit_callbacks) -> None:
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": [upload(photo_bytes(), "a.jpg"), upload(b"not a photo", "b.jpg")]})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and "not a photo, video, voice note or PDF" in error["message"]
    assert not MediaFile.objects.exists()


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/media")
def test_the_list_is_paginated_and_another_setting_gets_404(client, bob, charlie, oak_tree) -> None:
    from tandem.media import services

    services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
    client.force_login(bob)
    body = client.get(URL).json()
    assert body["count"] == 1 and body["items"][0]["status"] == "pending"
    client.force_login(charlie)
    assert client.get(URL).status_code == 404


@pytest.mark.url("api:GET /api/v1/settings/{setting_slug}/media/{media_id}")
def test_a_malformed_id_is_a_404_like_any_other(client, bob) -> None:
    client.force_login(bob)
    assert client.get(f"{URL}/not-a-uuid").status_code == 404
    assert client.get(f"{URL}/00000000-0000-0000-0000-000000000000").status_code == 404
