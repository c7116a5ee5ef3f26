"""The consultations API: the same rules as the pages."""

import pytest

from tandem.consultations.models import Comment, Reply
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db


def test_a_family_comments_and_the_manager_replies_through_the_api(client, vision, dora, alice, ed):
    client.force_login(dora)
    listed = client.get("/api/v1/family/consultations").json()
    assert listed[0]["versions"][0]["paragraphs"][0].startswith("Every child is welcome")
    r = client.post(
        f"/api/v1/family/consultations/{vision.pk}/comments",
        {"body": "Lovely", "paragraph": 1},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["author"] is None
    r = client.post(
        f"/api/v1/family/consultations/{vision.pk}/comments",
        {"body": "x", "paragraph": 9},
        content_type="application/json",
    )
    assert r.status_code == 422 and Comment.objects.count() == 1
    comment = Comment.objects.get()
    client.force_login(alice)
    comments = client.get(f"/api/v1/settings/oak-tree/consultations/{vision.pk}/comments").json()
    assert comments[0]["author"] == "Dora Lovelace"
    r = client.post(
        f"/api/v1/settings/oak-tree/consultations/{vision.pk}/comments/{comment.pk}/replies",
        {"body": "Thank you", "visibility": "commenter"},
        content_type="application/json",
    )
    assert r.status_code == 201 and Reply.objects.count() == 1
    client.force_login(ed)
    assert client.get(f"/api/v1/family/consultations/{vision.pk}/comments").json() == []


@pytest.mark.parametrize("rows", [3, 30])
def test_the_family_list_query_count_does_not_grow(client, oak_tree, alice, dora, django_assert_max_num_queries, rows):
    for _ in range(rows):
        make_consultation(oak_tree, alice)
    client.force_login(dora)
    with django_assert_max_num_queries(10):
        page = client.get("/family/consultations/").content.decode()
    assert page.count("Our vision and values") == rows
