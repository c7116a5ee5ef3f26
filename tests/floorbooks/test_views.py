"""The pages: a tablet adds a page with several photos in one go, families add pages and
comments that wait for staff, and list pages make the same number of queries for 3 rows as for 30."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tandem.floorbooks import services
from tandem.floorbooks.models import FloorBookComment, FloorBookPage, Moderation, RoomDisplay
from tandem.media.models import MediaFile
from tests.floorbooks.conftest import astronaut_upload, png_upload

pytestmark = pytest.mark.django_db


def ready_photo(setting) -> MediaFile:
    """A small photo already through the pipeline (no task needed), for counting queries."""
    buf = io.BytesIO()
    Image.new("RGB", (32, 24), (90, 160, 90)).save(buf, "PNG")
    media = MediaFile(setting=setting, kind="photo", status="ready", progress=100, content_type="image/png")
    media.original.save("p.png", ContentFile(buf.getvalue()), save=False)
    media.save()
    return media


def add_pages(book, by, children, n: int) -> None:
    for i in range(n):
        services.floor_book_page_add(
            book=book,
            by=by,
            caption=f"Day {i}",
            children_words="Ada: More!",
            photos=[ready_photo(book.setting)],
            children_in_photos=[children],
        )


@pytest.mark.url("floorbooks:page-add")
def test_a_tablet_adds_a_page_with_several_photos_and_the_children_in_them(
    client, django_capture_on_commit_callbacks, book, bob, ada, cyd, consents
) -> None:
    client.force_login(bob)
    url = reverse("floorbooks:page-add", args=["oak-tree", book.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "photos": [astronaut_upload(), png_upload("a.png"), png_upload("b.png", colour=(1, 2, 3))],
                "children": [str(ada.pk), str(cyd.pk)],
                "caption": "Sowing seeds",
                "children_words": "Cyd: Dig dig!",
            },
        )
    assert response.status_code == 302
    page = FloorBookPage.objects.get(book=book)
    photos = list(page.photos.prefetch_related("children_in_photo").select_related("media"))
    assert len(photos) == 3
    assert all({c.pk for c in p.children_in_photo.all()} == {ada.pk, cyd.pk} for p in photos)
    assert all(p.media.status == "ready" and p.media.variants.filter(name="thumb").exists() for p in photos)
    detail = client.get(reverse("floorbooks:book-detail", args=["oak-tree", book.pk])).content.decode()
    assert "Sowing seeds" in detail and "Dig dig!" in detail


@pytest.mark.url("floorbooks:page-add")
def test_a_text_file_renamed_jpg_is_refused_with_a_clear_message(client, book, bob) -> None:
    client.force_login(bob)
    fake = SimpleUploadedFile("beans.jpg", b"not really a photo\n" * 50, content_type="image/jpeg")
    response = client.post(
        reverse("floorbooks:page-add", args=["oak-tree", book.pk]), {"photos": [fake], "caption": "x"}
    )
    assert response.status_code == 400
    assert "beans.jpg" in response.content.decode()
    assert not FloorBookPage.objects.exists() and not MediaFile.objects.exists()


@pytest.mark.url("floorbooks_family:page-add")
def test_a_family_page_waits_for_staff(client, book, dora, fay, bob, ada) -> None:
    client.force_login(dora)
    response = client.post(
        reverse("floorbooks_family:page-add", args=[book.pk]),
        {"photos": [png_upload()], "child": str(ada.pk), "caption": "Ada's painting", "children_words": "It's you!"},
    )
    assert response.status_code == 302
    page = FloorBookPage.objects.get()
    assert page.status == Moderation.PENDING and page.by_guardian.user == dora
    assert [c.pk for c in page.photos.get().children_in_photo.all()] == [ada.pk]
    client.force_login(fay)
    assert "Ada&#x27;s painting" not in client.get(reverse("floorbooks_family:book", args=[book.pk])).content.decode()
    client.force_login(bob)
    queue = client.get(reverse("floorbooks:moderation", args=["oak-tree"])).content.decode()
    assert "Ada&#x27;s painting" in queue
    client.post(reverse("floorbooks:page-moderate", args=["oak-tree", page.pk]), {"decision": "approve"})
    client.force_login(fay)
    assert "Ada&#x27;s painting" in client.get(reverse("floorbooks_family:book", args=[book.pk])).content.decode()


@pytest.mark.url("floorbooks_family:comment")
def test_a_family_comment_waits_for_staff(client, book, dora, fay) -> None:
    client.force_login(dora)
    response = client.post(reverse("floorbooks_family:comment", args=[book.pk]), {"text": "Ada loves beans"})
    assert response.status_code == 302
    assert FloorBookComment.objects.get().status == Moderation.PENDING
    client.force_login(fay)
    assert "Ada loves beans" not in client.get(reverse("floorbooks_family:book", args=[book.pk])).content.decode()


@pytest.mark.url("floorbooks_family:comment")
def test_an_empty_comment_is_refused_and_nothing_saved(client, book, dora) -> None:
    client.force_login(dora)
    response = client.post(reverse("floorbooks_family:comment", args=[book.pk]), {"text": "   "})
    assert response.status_code == 400
    assert not FloorBookComment.objects.exists()


@pytest.mark.url("floorbooks:book-detail")
def test_the_staff_book_makes_the_same_queries_for_3_pages_as_for_30(client, book, bob, ada, cyd, consents) -> None:
    client.force_login(bob)
    url = reverse("floorbooks:book-detail", args=["oak-tree", book.pk])
    add_pages(book, bob, [ada, cyd], 3)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_pages(book, bob, [ada, cyd], 27)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.url("floorbooks_family:book")
def test_the_family_book_makes_the_same_queries_for_3_pages_as_for_30(
    client, book, bob, dora, ada, cyd, consents
) -> None:
    client.force_login(dora)
    url = reverse("floorbooks_family:book", args=[book.pk])
    add_pages(book, bob, [ada, cyd], 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.content.decode().count("/m/") >= 3  # signed links to the photos
    add_pages(book, bob, [ada, cyd], 27)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.url("display:screen")
def test_the_screen_makes_the_same_queries_for_3_items_as_for_12(client, book, bob, alice, ada, cyd, consents) -> None:
    display = services.room_display_create(room=book.room, by=alice)
    url = reverse("display:screen", args=[display.token])

    def add(n: int) -> None:
        for i in range(n):
            page = services.floor_book_page_add(
                book=book, by=bob, caption=f"p{i}", photos=[ready_photo(book.setting)], children_in_photos=[[ada, cyd]]
            )
            services.floor_book_page_set_display(page=page, by=bob, cleared=True)
            services.room_board_post_create(
                room=book.room, by=bob, text=f"post {i}", photo=ready_photo(book.setting), cleared_for_display=True
            )

    add(3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(9)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.url("floorbooks_family:board")
def test_a_family_sees_their_rooms_board_newest_first(client, babies, bob, dora) -> None:
    services.room_board_post_create(room=babies, by=bob, text="Old: *sun hats*")
    services.room_board_post_create(room=babies, by=bob, text="New: wellies tomorrow", kind="we_need")
    client.force_login(dora)
    html = client.get(reverse("floorbooks_family:board", args=[babies.pk])).content.decode()
    assert html.index("New: wellies") < html.index("Old: <em>sun hats</em>")


@pytest.mark.url("floorbooks:displays")
def test_a_manager_makes_and_revokes_a_screen_link(client, alice, babies) -> None:
    client.force_login(alice)
    response = client.post(reverse("floorbooks:displays", args=["oak-tree"]), {"room": str(babies.pk), "name": "Door"})
    assert response.status_code == 302
    display = RoomDisplay.objects.get()
    assert len(display.token) >= 40
    assert client.get(reverse("display:screen", args=[display.token])).status_code == 200
    client.post(reverse("floorbooks:display-revoke", args=["oak-tree", display.pk]))
    assert client.get(reverse("display:screen", args=[display.token])).status_code == 404
