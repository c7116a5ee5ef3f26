"""The media pages and the private file view: uploads (several at once, with htmx), progress,
faces, and signed links that work for one person, for five minutes, with Range requests."""

import time

import pytest
from django.urls import reverse

from tandem.media import services
from tandem.media.models import FaceBox, MediaFile
from tandem.media.signing import media_url
from tests.media.conftest import PDF, photo_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(oak_tree, bob, django_capture_on_commit_callbacks) -> MediaFile:
    with django_capture_on_commit_callbacks(execute=True):
        return services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(), "ada.jpg"), by=bob)


# --- serving -------------------------------------------------------------------------------------


@pytest.mark.url("media:serve")
def test_a_signed_link_serves_the_file_privately_to_its_viewer(client, photo, dora) -> None:
    client.force_login(dora)
    response = client.get(media_url(media=photo, variant="thumb", viewer=dora))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "private, max-age=300"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


@pytest.mark.url("media:serve")
def test_a_link_made_for_someone_else_is_not_found(client, photo, dora, ed, alice) -> None:
    url = media_url(media=photo, variant="original", viewer=dora)
    for person in (ed, alice):  # another family, or even the manager: the link is not theirs
        client.force_login(person)
        assert client.get(url).status_code == 404


@pytest.mark.url("media:serve")
def test_signed_out_people_are_sent_to_sign_in(client, photo, dora) -> None:
    response = client.get(media_url(media=photo, variant="original", viewer=dora))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.url("media:serve")
def test_a_link_expires_after_five_minutes(client, photo, dora, monkeypatch) -> None:
    real = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() - 301)
    url = media_url(media=photo, variant="original", viewer=dora)
    monkeypatch.setattr("django.core.signing.time.time", real)
    client.force_login(dora)
    assert client.get(url).status_code == 404


@pytest.mark.url("media:serve")
def test_a_tampered_link_is_not_found(client, photo, dora) -> None:
    url = media_url(media=photo, variant="original", viewer=dora)
    client.force_login(dora)
    assert client.get(url[:-3] + "xy/").status_code == 404
    assert client.get(reverse("media:serve", args=["nothing"])).status_code == 404


@pytest.mark.url("media:serve")
def test_a_copy_not_made_yet_is_not_found_rather_than_the_original(client, photo, dora) -> None:
    client.force_login(dora)
    assert client.get(media_url(media=photo, variant="blur-0123456789abcdef", viewer=dora)).status_code == 404


@pytest.mark.url("media:serve")
def test_video_is_served_in_ranges(client, oak_tree, bob, dora, video_with_metadata) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(video_with_metadata, "v.mov"), by=bob)
    url = media_url(media=media, variant="original", viewer=dora)
    client.force_login(dora)
    whole = b"".join(client.get(url).streaming_content)
    assert len(whole) == media.size
    response = client.get(url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{media.size}"
    assert response["Content-Length"] == "100" and response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == whole[100:200]
    tail = client.get(url, HTTP_RANGE="bytes=-50")
    assert b"".join(tail.streaming_content) == whole[-50:]
    assert client.get(url, HTTP_RANGE=f"bytes={media.size}-").status_code == 416


@pytest.mark.url("media:serve")
def test_documents_are_downloaded_not_shown(client, oak_tree, bob, dora) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(PDF, "Letter home.pdf"), by=bob)
    client.force_login(dora)
    response = client.get(media_url(media=media, variant="original", viewer=dora))
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''Letter%20home.pdf"
    assert response["Content-Type"] == "application/pdf"


# --- upload --------------------------------------------------------------------------------------


@pytest.mark.url("media:upload")
def test_staff_upload_several_files_at_once_with_htmx(client, bob, oak_tree) -> None:
    client.force_login(bob)
    files = [upload(photo_bytes(), "one.jpg"), upload(photo_bytes("PNG"), "two.png"), upload(b"hello", "three.jpg")]
    response = client.post(
        reverse("media:upload", args=[oak_tree.slug]), {"file": files, "field_name": "media"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert MediaFile.objects.count() == 2
    for media in MediaFile.objects.all():
        assert f'name="media" value="{media.pk}"' in body  # the embedding form gets the ids
        assert reverse("media:status", args=[oak_tree.slug, media.pk]) in body  # and polls for progress
    assert "three.jpg" in body and "not a photo, video, voice note or PDF" in body


@pytest.mark.url("media:upload")
def test_a_refused_upload_without_htmx_shows_the_page_with_the_reason(client, bob, oak_tree) -> None:
    client.force_login(bob)
    response = client.post(reverse("media:upload", args=[oak_tree.slug]), {"file": [upload(b"", "empty.jpg")]})
    assert response.status_code == 422
    assert "This file is empty" in response.content.decode()
    assert not MediaFile.objects.exists()


@pytest.mark.url("media:upload")
def test_another_setting_cannot_upload_here(client, charlie, oak_tree) -> None:
    client.force_login(charlie)
    response = client.post(reverse("media:upload", args=[oak_tree.slug]), {"file": [upload(photo_bytes())]})
    assert response.status_code == 404
    assert not MediaFile.objects.exists()


@pytest.mark.url("media:status")
def test_progress_is_polled_until_ready(client, bob, oak_tree) -> None:
    media = services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes()), by=bob)
    client.force_login(bob)
    url = reverse("media:status", args=[oak_tree.slug, media.pk])
    pending = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in pending and "<progress" in pending
    from tandem.media.tasks import media_make_derivatives

    media_make_derivatives.call(str(oak_tree.pk), str(media.pk))
    ready = client.get(url).content.decode()
    assert "every 1s" not in ready and "<img" in ready and "/m/" in ready


@pytest.mark.url("media:status")
def test_ed_cannot_see_a_files_progress(client, ed, photo) -> None:
    client.force_login(ed)
    assert client.get(reverse("media:status", args=["oak-tree", photo.pk])).status_code == 404


@pytest.mark.url("media:library")
def test_the_library_costs_the_same_queries_for_3_or_30_files(client, bob, oak_tree) -> None:
    client.force_login(bob)
    url = reverse("media:library", args=[oak_tree.slug])

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(size=(32, 32))), by=bob)
    three = count()
    for _ in range(27):
        services.media_upload(setting=oak_tree, uploaded_file=upload(photo_bytes(size=(32, 32))), by=bob)
    assert count() == three  # session, user, memberships, files, their copies


# --- faces ---------------------------------------------------------------------------------------


@pytest.mark.url("media:faces")
def test_staff_type_a_face_box_and_tag_a_child_without_javascript(client, bob, ada, photo) -> None:
    client.force_login(bob)
    url = reverse("media:faces", args=["oak-tree", photo.pk])
    page = client.get(url).content.decode()
    assert "data-faces-stage" in page and "faces.js" in page and ada.display_name in page
    response = client.post(
        url,
        {
            "box-0-x": "170", "box-0-y": "60", "box-0-w": "110", "box-0-h": "110", "box-0-child": str(ada.pk),
            "box-1-x": "", "box-1-y": "", "box-1-w": "", "box-1-h": "",
        },
    )  # fmt: skip
    assert response.status_code == 302
    (face,) = photo.faces.all()
    assert face.box == (170, 60, 110, 110) and face.child == ada and face.source == FaceBox.Source.MANUAL


@pytest.mark.url("media:faces")
def test_a_child_of_another_setting_cannot_be_tagged_from_the_page(client, bob, photo, elm_child) -> None:
    client.force_login(bob)
    url = reverse("media:faces", args=["oak-tree", photo.pk])
    data = {"box-0-x": "1", "box-0-y": "1", "box-0-w": "20", "box-0-h": "20", "box-0-child": str(elm_child.pk)}
    assert client.post(url, data).status_code == 422
    assert photo.faces.count() == 1  # the box found automatically is still there


@pytest.mark.url("media:faces")
def test_charlie_cannot_mark_faces_on_oak_trees_photo(client, charlie, photo) -> None:
    client.force_login(charlie)
    assert client.post(reverse("media:faces", args=["elm-house", photo.pk]), {}).status_code == 404
    assert photo.faces.count() == 1


def test_the_upload_widget_posts_to_the_upload_view_with_the_field_name(oak_tree) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("media/_upload_field.html", {"setting": oak_tree, "field_name": "photos"})
    assert f'hx-post="{reverse("media:upload", args=[oak_tree.slug])}"' in html
    assert 'hx-encoding="multipart/form-data"' in html and '"field_name": "photos"' in html
    assert "multiple" in html and 'accept="image/*,video/*,audio/*,application/pdf"' in html
    assert "<script" not in html and "style=" not in html
