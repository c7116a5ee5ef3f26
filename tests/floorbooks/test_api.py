"""The floor books API: the same rules as the pages, in the one error shape."""

import pytest

from tandem.floorbooks.models import FloorBookPage
from tests.floorbooks.conftest import grant

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.mark.url("api:GET /api/v1/family/floorbooks/books/{book_id}")
def test_a_family_gets_the_book_with_other_children_decided_for_them(
    client, django_capture_on_commit_callbacks, ada_photo_page, book, ada, dora, fay
) -> None:
    grant(ada, "group_photos", granted=False)
    client.force_login(fay)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"{API}/family/floorbooks/books/{book.pk}")  # asks for the blurred copy
    body = client.get(f"{API}/family/floorbooks/books/{book.pk}").json()
    [photo] = body["pages"][0]["photos"]
    assert photo["blurred"] and photo["url"] and photo["children_in_photo"] == []
    assert "Lovelace" not in body["pages"][0]["caption"]
    client.force_login(dora)
    [own] = client.get(f"{API}/family/floorbooks/books/{book.pk}").json()["pages"][0]["photos"]
    assert not own["blurred"] and own["url"] != photo["url"]


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/floorbooks/books/{book_id}/pages")
def test_staff_add_a_page_naming_photos_and_the_children_in_them(client, ada_photo_page, book, bob, ada) -> None:
    media_id = str(ada_photo_page.photos.get().media_id)
    client.force_login(bob)
    response = client.post(
        f"{API}/settings/oak-tree/floorbooks/books/{book.pk}/pages",
        {"caption": "Again!", "photos": [{"media_id": media_id, "children": [str(ada.pk)]}]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["photos"][0]["children_in_photo"] == [str(ada.pk)]


@pytest.mark.url("api:POST /api/v1/settings/{setting_slug}/floorbooks/books/{book_id}/pages")
def test_a_photo_or_child_of_another_setting_is_a_422_and_nothing_is_saved(client, book, bob, elm_child) -> None:
    client.force_login(bob)
    before = FloorBookPage.objects.count()
    response = client.post(
        f"{API}/settings/oak-tree/floorbooks/books/{book.pk}/pages",
        {"caption": "x", "photos": [{"media_id": "00000000-0000-0000-0000-000000000000", "children": []}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert FloorBookPage.objects.count() == before


@pytest.mark.url("api:POST /api/v1/family/floorbooks/books/{book_id}/comments")
def test_a_family_comment_through_the_api_waits_for_staff(client, book, dora, ed) -> None:
    client.force_login(dora)
    response = client.post(
        f"{API}/family/floorbooks/books/{book.pk}/comments", {"text": "Yes!"}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"
    client.force_login(ed)
    response = client.post(
        f"{API}/family/floorbooks/books/{book.pk}/comments", {"text": "Me too"}, content_type="application/json"
    )
    assert response.status_code == 404
