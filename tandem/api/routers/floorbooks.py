"""API for floorbooks (mounted at /api/v1/): staff paths "/settings/{setting_slug}/floorbooks/...", family paths
"/family/floorbooks/...". Same access rules as the pages: staff who can_view_children read and
write books, pages and board posts and moderate what families send; a family reads the books
and boards of their children's rooms (photos already decided for them: original, blurred or
withheld, as signed links valid for 5 minutes) and sends comments, which wait for staff.
Photos are uploaded first through the media API; a page names them by id."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.floorbooks import selectors, services, visibility
from tandem.floorbooks.models import FloorBook, RoomBoardPost
from tandem.media.models import MediaFile

router = Router(tags=["floorbooks"])

BookId = Annotated[str, Path(description="The floor book's id (a UUID).")]
PageId = Annotated[str, Path(description="The page's id (a UUID).")]
RoomId = Annotated[str, Path(description="The room's id (a UUID).")]


class BookOut(Schema):
    id: UUID
    title: str
    description: str
    room_id: UUID | None
    group_name: str
    belongs_to: str
    archived: bool
    updated_at: dt.datetime


class PhotoOut(Schema):
    media_id: UUID
    url: str | None = Field(description="A link for you only, valid for 5 minutes; null when withheld.")
    thumb_url: str | None
    blurred: bool
    withheld: bool
    pending: bool
    note: str = Field("", description="For staff: who is blurred for other families, or why it is withheld.")
    children_in_photo: list[UUID] = Field(default_factory=list, description="Staff only: who is tagged.")


class PageOut(Schema):
    id: UUID
    order: int
    caption: str
    quotes: list[str]
    status: str
    rejection_reason: str
    cleared_for_display: bool
    from_home: bool
    created_at: dt.datetime
    photos: list[PhotoOut]


class BookDetailOut(BookOut):
    pages: list[PageOut]


class BookIn(Schema):
    title: str = Field(max_length=150)
    room_id: UUID | None = None
    group_name: str = Field("", max_length=100)
    description: str = Field("", max_length=1000)


class PhotoIn(Schema):
    media_id: UUID = Field(description="A photo uploaded to this setting through the media API.")
    children: list[UUID] = Field(default_factory=list, max_length=60, description="Children in the photo (ids).")


class PageIn(Schema):
    caption: str = Field("", max_length=2000)
    children_words: str = Field("", max_length=2000, description="One quote a line.")
    photos: list[PhotoIn] = Field(default_factory=list, max_length=services.MAX_PHOTOS_PER_PAGE)
    cleared_for_display: bool = False


class ModerateIn(Schema):
    decision: Literal["approve", "reject"]
    reason: str = Field("", max_length=300)


class PostOut(Schema):
    id: UUID
    room_id: UUID
    kind: str
    text: str
    text_html: str = Field(description="The text as safe HTML (Markdown cleaned by nh3).")
    cleared_for_display: bool
    expires_at: dt.datetime | None
    created_at: dt.datetime
    photo: PhotoOut | None = None


class PostIn(Schema):
    kind: Literal["today", "we_need", "reminder"] = "today"
    text: str = Field(max_length=500)
    photo_media_id: UUID | None = None
    children_in_photo: list[UUID] = Field(default_factory=list, max_length=60)
    cleared_for_display: bool = False
    expires_at: dt.datetime | None = None


class CommentIn(Schema):
    text: str = Field(max_length=1000)
    page_id: UUID | None = None


class CommentOut(Schema):
    id: UUID
    page_id: UUID | None
    author: str
    text: str
    status: str
    created_at: dt.datetime


def _staff(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    selectors.require_staff(membership)
    return membership


def _photo_out(view, *, note: str = "", children=()) -> dict:
    return {
        "media_id": view.media_id,
        "url": view.url,
        "thumb_url": view.thumb_url,
        "blurred": view.blurred,
        "withheld": view.withheld,
        "pending": view.pending,
        "note": note,
        "children_in_photo": [c.pk for c in children],
    }


def _page_out(page, photos: list[dict], *, caption: str | None = None, quotes: list[str] | None = None) -> dict:
    return {
        "id": page.pk,
        "order": page.order,
        "caption": page.caption if caption is None else caption,
        "quotes": page.quotes if quotes is None else quotes,
        "status": page.status,
        "rejection_reason": page.rejection_reason,
        "cleared_for_display": page.cleared_for_display,
        "from_home": page.by_guardian_id is not None,
        "created_at": page.created_at,
        "photos": photos,
    }


def _book_out(book: FloorBook, pages: list[dict]) -> dict:
    return {
        "id": book.pk,
        "title": book.title,
        "description": book.description,
        "room_id": book.room_id,
        "group_name": book.group_name,
        "belongs_to": book.belongs_to,
        "archived": book.archived,
        "updated_at": book.updated_at,
        "pages": pages,
    }


def _staff_book(request: HttpRequest, book: FloorBook) -> dict:
    pages = list(selectors.pages_for_staff(book=book))
    out = []
    for page, rows in visibility.pages_for_staff(pages, user=request.auth):
        photos = [
            _photo_out(view, note=" ".join(notes), children=photo.children_in_photo.all())
            for photo, view, notes in rows
        ]
        out.append(_page_out(page, photos))
    return _book_out(book, out)


def _children(request: HttpRequest, setting, ids: list[UUID], field: str) -> list:
    if not ids:
        return []
    found = list(rules.children_visible_to(request.auth, setting=setting).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: _("Choose children of this setting.")})
    return found


def _media(setting, media_id: UUID, field: str) -> MediaFile:
    media = MediaFile.objects.filter(setting=setting, pk=media_id).first()
    if media is None:
        raise ValidationError({field: _("There is no such photo in this setting. Upload it first.")})
    return media


# --- staff --------------------------------------------------------------------------------------


@router.get("/settings/{setting_slug}/floorbooks/books", response=list[BookOut], summary="The setting's floor books")
def book_list(request: HttpRequest, setting_slug: str, archived: bool = False) -> list[FloorBook]:
    membership = _staff(request, setting_slug)
    return list(selectors.book_list_for_staff(setting=membership.setting, archived=archived))


@router.post("/settings/{setting_slug}/floorbooks/books", response={201: BookOut}, summary="Start a floor book")
def book_create(request: HttpRequest, setting_slug: str, payload: BookIn) -> Status:
    """For a room (room_id) or a named group (group_name). A room of another setting is a 422."""
    membership = _staff(request, setting_slug)
    room = None
    if payload.room_id:
        room = rules.rooms_visible_to(request.auth, setting=membership.setting).filter(pk=payload.room_id).first()
        if room is None:
            raise ValidationError({"room_id": _("Choose a room of this setting.")})
    book = services.floor_book_create(
        setting=membership.setting,
        by=request.auth,
        title=payload.title,
        room=room,
        group_name=payload.group_name,
        description=payload.description,
    )
    return Status(201, book)


@router.get(
    "/settings/{setting_slug}/floorbooks/books/{book_id}",
    response=BookDetailOut,
    summary="A floor book with its pages (photos as they are, with notes for staff)",
)
def book_detail(request: HttpRequest, setting_slug: str, book_id: BookId) -> dict:
    membership = _staff(request, setting_slug)
    book = selectors.book_for_staff(setting=membership.setting, book_id=book_id)
    return _staff_book(request, book)


@router.post(
    "/settings/{setting_slug}/floorbooks/books/{book_id}/pages",
    response={201: PageOut},
    summary="Add a page (photos uploaded first through the media API)",
)
def page_create(request: HttpRequest, setting_slug: str, book_id: BookId, payload: PageIn) -> Status:
    membership = _staff(request, setting_slug)
    setting = membership.setting
    book = selectors.book_for_staff(setting=setting, book_id=book_id)
    photos = [_media(setting, p.media_id, "photos") for p in payload.photos]
    tags = [_children(request, setting, p.children, "photos") for p in payload.photos]
    page = services.floor_book_page_add(
        book=book,
        by=request.auth,
        caption=payload.caption,
        children_words=payload.children_words,
        photos=photos,
        children_in_photos=tags,
        cleared_for_display=payload.cleared_for_display,
    )
    page = selectors.pages_for_staff(book=book).get(pk=page.pk)
    (_page, rows) = visibility.pages_for_staff([page], user=request.auth)[0]
    photos_out = [
        _photo_out(view, note=" ".join(notes), children=photo.children_in_photo.all()) for photo, view, notes in rows
    ]
    return Status(201, _page_out(page, photos_out))


@router.post(
    "/settings/{setting_slug}/floorbooks/pages/{page_id}/moderate",
    response=PageOut,
    summary="Approve a page a family sent, or turn it down with a reason",
)
def page_moderate(request: HttpRequest, setting_slug: str, page_id: PageId, payload: ModerateIn) -> dict:
    membership = _staff(request, setting_slug)
    page = selectors.page_for_staff(setting=membership.setting, page_id=page_id)
    services.floor_book_page_moderate(
        page=page, by=request.auth, approve=payload.decision == "approve", reason=payload.reason
    )
    return _page_out(page, [])


@router.get(
    "/settings/{setting_slug}/floorbooks/rooms/{room_id}/board",
    response=list[PostOut],
    summary="A room's board: current posts, newest first",
)
def board(request: HttpRequest, setting_slug: str, room_id: RoomId) -> list[dict]:
    membership = _staff(request, setting_slug)
    room = rules.room_for_user(request.auth, setting=membership.setting, room_id=room_id)
    posts = list(selectors.board_posts_for_staff(room=room))
    return [
        _post_out(post, view, " ".join(notes))
        for post, view, notes in visibility.posts_for_staff(posts, user=request.auth)
    ]


def _post_out(post: RoomBoardPost, view, note: str = "") -> dict:
    return {
        "id": post.pk,
        "room_id": post.room_id,
        "kind": post.kind,
        "text": post.text,
        "text_html": post.text_html,
        "cleared_for_display": post.cleared_for_display,
        "expires_at": post.expires_at,
        "created_at": post.created_at,
        "photo": _photo_out(view, note=note) if view is not None else None,
    }


@router.post(
    "/settings/{setting_slug}/floorbooks/rooms/{room_id}/board",
    response={201: PostOut},
    summary="Post to a room's board",
)
def board_post_create(request: HttpRequest, setting_slug: str, room_id: RoomId, payload: PostIn) -> Status:
    """Clearing it for the screen is refused (422) when a child in the photo has no display
    consent and no face is marked to blur."""
    membership = _staff(request, setting_slug)
    setting = membership.setting
    room = rules.room_for_user(request.auth, setting=setting, room_id=room_id)
    photo = _media(setting, payload.photo_media_id, "photo_media_id") if payload.photo_media_id else None
    post = services.room_board_post_create(
        room=room,
        by=request.auth,
        text=payload.text,
        kind=payload.kind,
        photo=photo,
        children_in_photo=_children(request, setting, payload.children_in_photo, "children_in_photo"),
        cleared_for_display=payload.cleared_for_display,
        expires_at=payload.expires_at,
    )
    post = selectors.board_posts_for_staff(room=room).get(pk=post.pk)
    (_post, view, notes) = visibility.posts_for_staff([post], user=request.auth)[0]
    return Status(201, _post_out(post, view, " ".join(notes)))


# --- families -----------------------------------------------------------------------------------


@router.get("/family/floorbooks/books", response=list[BookOut], summary="The floor books of your children's rooms")
def family_book_list(request: HttpRequest) -> list[FloorBook]:
    return list(selectors.books_for_guardian(user=request.auth))


@router.get(
    "/family/floorbooks/books/{book_id}",
    response=BookDetailOut,
    summary="A floor book as your family sees it (other children blurred or withheld)",
)
def family_book_detail(request: HttpRequest, book_id: BookId) -> dict:
    book, mine = selectors.book_for_guardian(user=request.auth, book_id=book_id)
    pages = list(selectors.pages_for_guardian(user=request.auth, book=book))
    views = visibility.pages_for_family(
        pages,
        user=request.auth,
        own_child_ids=[c.pk for c in mine],
        surnames=selectors.surnames_in(setting=book.setting),
    )
    out = [_page_out(v.page, [_photo_out(p) for p in v.photos], caption=v.caption, quotes=v.quotes) for v in views]
    return _book_out(book, out)


@router.post(
    "/family/floorbooks/books/{book_id}/comments",
    response={201: CommentOut},
    summary="Comment on a floor book or one of its pages (staff read it first)",
)
def family_comment_create(request: HttpRequest, book_id: BookId, payload: CommentIn) -> Status:
    book, _mine = selectors.book_for_guardian(user=request.auth, book_id=book_id)
    guardian = selectors.guardian_for_book(user=request.auth, book=book)
    page = (
        selectors.page_for_guardian(user=request.auth, book=book, page_id=payload.page_id) if payload.page_id else None
    )
    comment = services.floor_book_comment_add(
        book=book, guardian=guardian, by=request.auth, text=payload.text, page=page
    )
    return Status(
        201,
        {
            "id": comment.pk,
            "page_id": comment.page_id,
            "author": guardian.first_name,
            "text": comment.text,
            "status": comment.status,
            "created_at": comment.created_at,
        },
    )


@router.get(
    "/family/floorbooks/rooms/{room_id}/board",
    response=list[PostOut],
    summary="Your child's room board, newest first",
)
def family_board(request: HttpRequest, room_id: RoomId) -> list[dict]:
    room, mine = selectors.room_for_guardian(user=request.auth, room_id=room_id)
    posts = list(selectors.board_posts_for_guardian(room=room))
    photos = visibility.post_photo_for_family(posts, user=request.auth, own_child_ids=[c.pk for c in mine])
    return [_post_out(p, photos.get(p.pk)) for p in posts]
