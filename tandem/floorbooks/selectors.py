"""Reads of floor books and room boards, starting from tandem.access.

Staff: any member of the setting who can_view_children sees every book, page and post of the
setting. A family (guardian): the books of their children's rooms and the groups their children
are in, approved pages only (plus their own pages waiting or turned down), approved comments
(plus their own); the boards of their children's rooms. Photos are decided per viewer in
tandem.floorbooks.visibility. Anyone else gets 404, as if nothing were there."""

import re
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import Child, Guardian, Room, Setting
from tandem.floorbooks.models import (
    FloorBook,
    FloorBookComment,
    FloorBookPage,
    FloorBookPhoto,
    Moderation,
    RoomBoardPost,
    RoomDisplay,
)


def _photos_prefetch() -> Prefetch:
    return Prefetch(
        "photos",
        queryset=FloorBookPhoto.objects.select_related("media")
        .prefetch_related("children_in_photo", "media__faces", "media__variants")
        .order_by("order", "id"),
    )


def require_staff(membership) -> None:
    """Floor books and boards are for every member who works with the children."""
    rules.require(membership.perms, "can_view_children")


# --- staff --------------------------------------------------------------------------------------


def book_list_for_staff(*, setting: Setting, room: Room | None = None, archived: bool = False) -> QuerySet[FloorBook]:
    """The setting's books with their page counts and pending pages, one query."""
    qs = FloorBook.objects.filter(setting=setting, archived=archived).select_related("room")
    if room is not None:
        qs = qs.filter(room=room)
    return qs.annotate(
        page_count=Count("pages", filter=Q(pages__status=Moderation.APPROVED), distinct=True),
        pending_count=Count("pages", filter=Q(pages__status=Moderation.PENDING), distinct=True),
    ).order_by("room__name", "group_name", "title")


def book_for_staff(*, setting: Setting, book_id) -> FloorBook:
    uuid_or_404(book_id)
    book = FloorBook.objects.filter(setting=setting, pk=book_id).select_related("room").first()
    if book is None:
        raise Http404
    return book


def pages_for_staff(*, book: FloorBook) -> QuerySet[FloorBookPage]:
    """Every page of BOOK but those turned down, in order, with photos, tags, faces and copies."""
    return (
        FloorBookPage.objects.filter(book=book)
        .exclude(status=Moderation.REJECTED)
        .select_related("by_guardian", "created_by")
        .prefetch_related(_photos_prefetch())
        .order_by("order", "created_at")
    )


def page_for_staff(*, setting: Setting, page_id) -> FloorBookPage:
    uuid_or_404(page_id)
    page = FloorBookPage.objects.filter(setting=setting, pk=page_id).select_related("book", "book__room").first()
    if page is None:
        raise Http404
    return page


def photo_for_staff(*, setting: Setting, photo_id: int) -> FloorBookPhoto:
    photo = FloorBookPhoto.objects.filter(setting=setting, pk=photo_id).select_related("page", "media").first()
    if photo is None:
        raise Http404
    return photo


def children_for_book(*, user, book: FloorBook) -> QuerySet[Child]:
    """The children staff may tag in BOOK's photos: the room's or group's children who have not left."""
    qs = rules.children_visible_to(user, setting=book.setting).filter(leave_date__isnull=True)
    in_book = Q(floor_books=book) | (Q(room_id=book.room_id) if book.room_id else Q(pk__in=[]))
    qs = qs.filter(in_book)
    return qs.distinct().order_by("first_name", "last_name")


def moderation_queue(*, setting: Setting) -> tuple[QuerySet[FloorBookPage], QuerySet[FloorBookComment]]:
    """Pages and comments from families waiting for staff, oldest first."""
    pages = (
        FloorBookPage.objects.filter(setting=setting, status=Moderation.PENDING)
        .select_related("book", "book__room", "by_guardian")
        .prefetch_related(_photos_prefetch())
        .order_by("created_at")
    )
    comments = (
        FloorBookComment.objects.filter(setting=setting, status=Moderation.PENDING)
        .select_related("book", "page", "guardian")
        .order_by("created_at")
    )
    return pages, comments


def comment_for_staff(*, setting: Setting, comment_id) -> FloorBookComment:
    uuid_or_404(comment_id)
    comment = FloorBookComment.objects.filter(setting=setting, pk=comment_id).select_related("book").first()
    if comment is None:
        raise Http404
    return comment


def comments_for_staff(*, book: FloorBook) -> QuerySet[FloorBookComment]:
    return FloorBookComment.objects.filter(book=book).select_related("guardian", "page").order_by("created_at")


def _current(qs: QuerySet[RoomBoardPost]) -> QuerySet[RoomBoardPost]:
    now = timezone.now()
    return qs.filter(removed_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def board_posts_for_staff(*, room: Room) -> QuerySet[RoomBoardPost]:
    """A room's current posts, newest first, with their photos' tags, faces and copies."""
    return (
        _current(RoomBoardPost.objects.filter(room=room))
        .select_related("photo", "created_by")
        .prefetch_related("children_in_photo", "photo__faces", "photo__variants")
        .order_by("-created_at")
    )


def board_post_for_staff(*, setting: Setting, post_id) -> RoomBoardPost:
    uuid_or_404(post_id)
    post = RoomBoardPost.objects.filter(setting=setting, pk=post_id).select_related("room", "photo").first()
    if post is None:
        raise Http404
    return post


def displays_for_setting(*, setting: Setting) -> QuerySet[RoomDisplay]:
    return RoomDisplay.objects.filter(setting=setting).select_related("room").order_by("-active", "room__name")


def display_for_staff(*, setting: Setting, display_id) -> RoomDisplay:
    uuid_or_404(display_id)
    display = RoomDisplay.objects.filter(setting=setting, pk=display_id).first()
    if display is None:
        raise Http404
    return display


# --- families -----------------------------------------------------------------------------------


def guardian_children(*, user) -> list[Child]:
    """The children USER is a guardian of who still attend (their rooms decide what they see).
    Someone who is nobody's guardian gets 404: these pages are a family's."""
    if not rules.is_guardian(user):
        raise Http404
    return list(
        Child.objects.filter(id__in=rules.guardian_child_ids(user), leave_date__isnull=True)
        .select_related("room", "setting")
        .order_by("first_name")
    )


def _family_books(children: Iterable[Child]) -> QuerySet[FloorBook]:
    children = list(children)
    room_ids = {c.room_id for c in children if c.room_id}
    return FloorBook.objects.filter(
        Q(room_id__in=room_ids) | Q(members__in=[c.pk for c in children]), archived=False
    ).distinct()


def books_for_guardian(*, user) -> QuerySet[FloorBook]:
    """The books of the rooms and groups USER's children are in (not archived)."""
    children = guardian_children(user=user)
    return (
        _family_books(children)
        .select_related("room")
        .annotate(page_count=Count("pages", filter=Q(pages__status=Moderation.APPROVED), distinct=True))
        .order_by("room__name", "title")
    )


def book_for_guardian(*, user, book_id) -> tuple[FloorBook, list[Child]]:
    """A book USER's family may see, and USER's children it concerns; 404 otherwise."""
    uuid_or_404(book_id)
    children = guardian_children(user=user)
    book = _family_books(children).select_related("room", "setting").filter(pk=book_id).first()
    if book is None:
        raise Http404
    mine = [c for c in children if c.setting_id == book.setting_id]
    return book, mine


def guardian_for_book(*, user, book: FloorBook) -> Guardian:
    guardian = Guardian.objects.filter(user=user, setting=book.setting).first()
    if guardian is None:
        raise Http404
    return guardian


def pages_for_guardian(*, user, book: FloorBook) -> QuerySet[FloorBookPage]:
    """Approved pages, and this family's own pages (waiting or turned down), in order."""
    own = Q(by_guardian__user=user)
    return (
        FloorBookPage.objects.filter(book=book)
        .filter(Q(status=Moderation.APPROVED) | own)
        .prefetch_related(_photos_prefetch())
        .order_by("order", "created_at")
    )


def comments_for_guardian(*, user, book: FloorBook) -> QuerySet[FloorBookComment]:
    """Approved comments, and this family's own (so they see theirs is waiting)."""
    return (
        FloorBookComment.objects.filter(book=book)
        .filter(Q(status=Moderation.APPROVED) | Q(guardian__user=user))
        .select_related("guardian")
        .order_by("created_at")
    )


def page_for_guardian(*, user, book: FloorBook, page_id) -> FloorBookPage:
    uuid_or_404(page_id)
    page = pages_for_guardian(user=user, book=book).filter(pk=page_id, status=Moderation.APPROVED).first()
    if page is None:
        raise Http404
    return page


def rooms_for_guardian(*, user) -> list[Room]:
    rooms = {c.room_id: c.room for c in guardian_children(user=user) if c.room_id}
    return sorted(rooms.values(), key=lambda r: r.name)


def room_for_guardian(*, user, room_id) -> tuple[Room, list[Child]]:
    """A room one of USER's children is in, and those children; 404 otherwise."""
    uuid_or_404(room_id)
    children = [c for c in guardian_children(user=user) if str(c.room_id) == str(room_id)]
    if not children:
        raise Http404
    return children[0].room, children


def board_posts_for_guardian(*, room: Room) -> QuerySet[RoomBoardPost]:
    return board_posts_for_staff(room=room)


# --- the screen by the door ---------------------------------------------------------------------


def display_for_token(token: str) -> RoomDisplay:
    """The active display with this token; 404 for a wrong or revoked one. The token decides the
    scope (nobody is signed in), like the access layer deciding it for a request."""
    if not token or len(token) > 64:
        raise Http404
    with scopes_disabled():  # deciding the scope from the secret link
        display = RoomDisplay.objects.filter(token=token, active=True).select_related("room", "setting").first()
    if display is None or not display.room.is_active:
        raise Http404
    return display


def display_scope(display: RoomDisplay):
    return scope(setting=[display.setting_id])


def display_posts(*, display: RoomDisplay) -> QuerySet[RoomBoardPost]:
    """The room's current posts that staff cleared for the screen, newest first."""
    return board_posts_for_staff(room=display.room).filter(cleared_for_display=True)[:12]


def display_pages(*, display: RoomDisplay) -> QuerySet[FloorBookPage]:
    """Approved pages of the room's books that staff cleared for the screen, newest first."""
    return (
        FloorBookPage.objects.filter(
            book__room=display.room, book__archived=False, status=Moderation.APPROVED, cleared_for_display=True
        )
        .select_related("book")
        .prefetch_related(_photos_prefetch())
        .order_by("-created_at")[:12]
    )


def display_page_photo(*, display: RoomDisplay, photo_id: int) -> FloorBookPhoto:
    photo = (
        FloorBookPhoto.objects.filter(
            pk=photo_id,
            page__book__room=display.room,
            page__book__archived=False,
            page__status=Moderation.APPROVED,
            page__cleared_for_display=True,
        )
        .select_related("media")
        .prefetch_related("children_in_photo", "media__faces", "media__variants")
        .first()
    )
    if photo is None:
        raise Http404
    return photo


def display_post(*, display: RoomDisplay, post_id) -> RoomBoardPost:
    uuid_or_404(post_id)
    post = (
        _current(RoomBoardPost.objects.filter(room=display.room, cleared_for_display=True, pk=post_id))
        .select_related("photo")
        .prefetch_related("children_in_photo", "photo__faces", "photo__variants")
        .first()
    )
    if post is None:
        raise Http404
    return post


def surnames_in(*, setting: Setting) -> list[str]:
    """Every child's surname at SETTING, to take out of text on the screen and the family pages."""
    return sorted(
        {n for n in Child.objects.filter(setting=setting).values_list("last_name", flat=True) if n},
        key=len,
        reverse=True,
    )


def without_surnames(text: str, surnames: Iterable[str]) -> str:
    """TEXT with each child's surname (whole word, any case) cut to its initial: "Ada L."."""
    names = [n for n in surnames if n.strip()]
    if not text or not names:
        return text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda m: m.group(0)[0].upper() + ".", text)
