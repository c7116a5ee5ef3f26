"""The verbs of floor books and room boards: what families send waits for staff, bad input
changes nothing, and the audit log records each change."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import AuditEntry, Guardian
from tandem.floorbooks import selectors, services
from tandem.floorbooks.models import FloorBookComment, FloorBookPage, Moderation
from tandem.floorbooks.services import FloorBookError, render_board_text
from tandem.media.models import MediaFile
from tests.floorbooks.conftest import png_upload

pytestmark = pytest.mark.django_db


def _guardian(user) -> Guardian:
    return Guardian.objects.get(user=user)


def _approved_pages_for(user, book) -> list[FloorBookPage]:
    return [p for p in selectors.pages_for_guardian(user=user, book=book) if p.status == Moderation.APPROVED]


def test_a_page_from_home_is_seen_by_no_other_family_until_staff_approve_it(book, dora, fay, bob) -> None:
    page = services.floor_book_page_add_from_home(
        book=book, guardian=_guardian(dora), by=dora, caption="Ada's bean drawing"
    )
    assert page.status == Moderation.PENDING
    assert page not in selectors.pages_for_guardian(user=fay, book=book)
    assert page in selectors.pages_for_guardian(user=dora, book=book)  # dora sees hers is waiting
    services.floor_book_page_moderate(page=page, by=bob, approve=True)
    assert page in _approved_pages_for(fay, book)
    assert AuditEntry.objects.filter(action="floorbooks.page.approved", object_id=str(page.pk)).exists()


def test_turning_a_page_down_needs_a_reason_the_family_sees(book, dora, fay, bob) -> None:
    page = services.floor_book_page_add_from_home(book=book, guardian=_guardian(dora), by=dora, caption="Hello")
    with pytest.raises(FloorBookError):
        services.floor_book_page_moderate(page=page, by=bob, approve=False, reason="  ")
    page.refresh_from_db()
    assert page.status == Moderation.PENDING
    services.floor_book_page_moderate(page=page, by=bob, approve=False, reason="It shows another child's face.")
    assert page not in selectors.pages_for_guardian(user=fay, book=book)
    mine = selectors.pages_for_guardian(user=dora, book=book).get(pk=page.pk)
    assert mine.rejection_reason == "It shows another child's face."


def test_a_comment_waits_for_staff_and_stays_in_the_record_when_turned_down(book, dora, fay, bob) -> None:
    comment = services.floor_book_comment_add(book=book, guardian=_guardian(dora), by=dora, text="Lovely beans")
    assert comment not in selectors.comments_for_guardian(user=fay, book=book)
    services.floor_book_comment_moderate(comment=comment, by=bob, approve=False, reason="Sent to Bob instead.")
    assert FloorBookComment.objects.filter(pk=comment.pk, status=Moderation.REJECTED).exists()
    assert comment not in selectors.comments_for_guardian(user=fay, book=book)
    with pytest.raises(FloorBookError):  # only once
        services.floor_book_comment_moderate(comment=comment, by=bob, approve=True)


def test_a_family_cannot_see_a_book_of_another_room(client, book, ed) -> None:
    client.force_login(ed)
    assert client.get(reverse("floorbooks_family:book", args=[book.pk])).status_code == 404
    assert book not in selectors.books_for_guardian(user=ed)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.jpg", b"this is not a photo at all\n" * 20, content_type="image/jpeg"), "notes.jpg"),
        (SimpleUploadedFile("empty.jpg", b"", content_type="image/jpeg"), "empty"),
    ],
    ids=["text-renamed-jpg", "zero-bytes"],
)
def test_a_bad_file_among_good_ones_saves_nothing(book, bob, upload, message, tmp_path) -> None:
    with pytest.raises(FloorBookError) as error:
        services.floor_book_page_add(book=book, by=bob, caption="Painting", uploads=[png_upload(), upload])
    assert message in str(error.value)
    assert not FloorBookPage.objects.filter(book=book).exists()
    assert not MediaFile.objects.exists()
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()] if (tmp_path / "media").exists() else []
    assert stored == []


def test_an_archived_book_takes_no_pages(book, bob) -> None:
    services.floor_book_update(book=book, by=bob, archived=True)
    with pytest.raises(FloorBookError):
        services.floor_book_page_add(book=book, by=bob, caption="Late page")
    assert not FloorBookPage.objects.exists()


def test_pages_move_up_and_down(book, bob) -> None:
    first = services.floor_book_page_add(book=book, by=bob, caption="one")
    second = services.floor_book_page_add(book=book, by=bob, caption="two")
    services.floor_book_page_move(page=second, by=bob, direction="up")
    assert [p.caption for p in selectors.pages_for_staff(book=book)] == ["two", "one"]
    services.floor_book_page_move(page=second, by=bob, direction="up")  # already first: nothing changes
    assert [p.caption for p in selectors.pages_for_staff(book=book)] == ["two", "one"]
    first.refresh_from_db()
    assert first.order == 2


def test_board_text_is_markdown_with_nothing_that_could_run() -> None:
    html = render_board_text(
        "**Wellies** tomorrow <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>"
    )
    assert "<strong>Wellies</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html


def test_a_board_post_cannot_expire_in_the_past(babies, bob) -> None:
    with pytest.raises(FloorBookError):
        services.room_board_post_create(
            room=babies, by=bob, text="Old news", expires_at=timezone.now() - dt.timedelta(minutes=1)
        )


def test_an_expired_or_removed_post_leaves_the_board(babies, bob) -> None:
    soon = services.room_board_post_create(
        room=babies, by=bob, text="Soon gone", expires_at=timezone.now() + dt.timedelta(seconds=1)
    )
    gone = services.room_board_post_create(room=babies, by=bob, text="Taken down")
    services.room_board_post_remove(post=gone, by=bob)
    type(soon).objects.filter(pk=soon.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert list(selectors.board_posts_for_staff(room=babies)) == []
    assert AuditEntry.objects.filter(action="floorbooks.board_post.removed").exists()
