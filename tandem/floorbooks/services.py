"""The verbs of floor books and room boards: every write the pages, the API and the demo make.

Each service is keyword-only, atomic, validates with `full_clean()` before saving and writes an
audit entry in the same transaction (ids and field NAMES only). The caller has already checked
permission through tandem.access (staff: a member of the setting who can_view_children; a
family: a guardian of a child in the book's room or group). Services check the rules of the
data: same setting, children of this setting, nothing a family sends is visible before a
member of staff approves it, and nothing goes on the screen by the door unless every child shown
may be seen there (display_boards consent, or a blurred copy of their face)."""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, keep_version
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
from tandem.media.models import MediaFile


class FloorBookError(ValidationError):
    """A rule of floor books or room boards was broken; the message is translated and says what to do."""


# Room board posts are short: a few words, a list, a link. Nothing that could run or track.
BOARD_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
MAX_PHOTOS_PER_PAGE = 12


def render_board_text(text: str) -> str:
    """Markdown in, safe HTML out (nh3 removes anything that is not a plain tag from BOARD_TAGS)."""
    html = markdown.markdown(text, extensions=[], output_format="html")
    return nh3.clean(html, tags=BOARD_TAGS, attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"})


def _check_media(*, setting: Setting, media: Iterable[MediaFile], field: str = "photos") -> list[MediaFile]:
    media = list(media)
    if any(m.setting_id != setting.pk for m in media):
        raise FloorBookError({field: _("Choose photos uploaded to this setting.")})
    if any(m.kind != MediaFile.Kind.PHOTO for m in media):
        raise FloorBookError({field: _("Floor books and room boards take photos only.")})
    if len(media) > MAX_PHOTOS_PER_PAGE:
        raise FloorBookError({field: _("A page can hold up to %(count)s photos.") % {"count": MAX_PHOTOS_PER_PAGE}})
    return media


def upload_photos(*, setting: Setting, uploads: Sequence[Any], by: Any, field: str = "photos") -> list[MediaFile]:
    """Store each upload through the media pipeline (type sniffed, metadata removed). Call inside
    the caller's transaction: when one is refused, the files already stored are removed and the
    MediaError (with the file's name) is raised, so nothing is half-saved."""
    from tandem.media.processing import MediaError
    from tandem.media.services import media_upload

    stored: list[MediaFile] = []
    try:
        for upload in uploads:
            try:
                stored.append(media_upload(setting=setting, uploaded_file=upload, by=by))
            except MediaError as exc:
                name = getattr(upload, "name", "") or _("a file")
                raise FloorBookError(
                    {field: _("%(name)s: %(problem)s") % {"name": name, "problem": " ".join(exc.messages)}}
                ) from exc
    except Exception:
        for media in stored:
            media.original.storage.delete(media.original.name)
        raise
    return stored


@contextmanager
def _files_removed_on_error(stored: Sequence[MediaFile]) -> Iterator[None]:
    """The transaction rolls the rows back; this removes the files stored for them."""
    try:
        yield
    except Exception:
        for media in stored:
            media.original.storage.delete(media.original.name)
        raise


def _check_children(*, setting: Setting, children: Iterable[Child], field: str = "children") -> list[Child]:
    children = list(children)
    if any(c.setting_id != setting.pk for c in children):
        raise FloorBookError({field: _("Choose children of this setting.")})
    return children


# --- books --------------------------------------------------------------------------------------


@transaction.atomic
def floor_book_create(
    *,
    setting: Setting,
    by: Any,
    title: str,
    room: Room | None = None,
    group_name: str = "",
    members: Iterable[Child] = (),
    description: str = "",
) -> FloorBook:
    """Start a floor book for a room, or for a named group of children (any member of staff)."""
    if room is not None and room.setting_id != setting.pk:
        raise FloorBookError({"room": _("This room belongs to another setting.")})
    members = _check_children(setting=setting, children=members, field="members")
    book = FloorBook(
        setting=setting,
        room=room,
        group_name=group_name.strip(),
        title=title.strip(),
        description=description.strip(),
        created_by=by,
    )
    book.full_clean()
    book.save()
    if members:
        book.members.set(members)
    audit_log("floorbooks.book.created", actor=by, obj=book, setting=setting)
    return book


BOOK_FIELDS = ("title", "description", "archived")


@transaction.atomic
def floor_book_update(*, book: FloorBook, by: Any, **changes: Any) -> FloorBook:
    """Rename a book, change what it is about, or archive it (any member of staff)."""
    unknown = set(changes) - set(BOOK_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changed = sorted(name for name, value in changes.items() if getattr(book, name) != value)
    if not changed:
        return book
    keep_version(FloorBook.objects.get(pk=book.pk), setting=book.setting, by=by)
    for name in changed:
        value = changes[name]
        setattr(book, name, value.strip() if isinstance(value, str) else value)
    book.full_clean()
    book.save()
    audit_log("floorbooks.book.updated", actor=by, obj=book, setting=book.setting, data={"fields": changed})
    return book


# --- pages --------------------------------------------------------------------------------------


def _next_order(book: FloorBook) -> int:
    last = FloorBookPage.objects.filter(book=book).aggregate(m=Max("order"))["m"]
    return (last or 0) + 1


def _add_photos(
    *, page: FloorBookPage, photos: Sequence[MediaFile], children_in_photos: Sequence[Iterable[Child]] | None
) -> None:
    start = page.photos.count()
    for index, media in enumerate(photos):
        photo = FloorBookPhoto(setting=page.setting, page=page, media=media, order=start + index)
        photo.full_clean(exclude=["page", "media"])
        photo.save()
        if children_in_photos and index < len(children_in_photos):
            tagged = _check_children(setting=page.setting, children=children_in_photos[index])
            photo.children_in_photo.set(tagged)


@transaction.atomic
def floor_book_page_add(
    *,
    book: FloorBook,
    by: Any,
    caption: str = "",
    children_words: str = "",
    photos: Sequence[MediaFile] = (),
    uploads: Sequence[Any] = (),
    children_in_photos: Sequence[Iterable[Child]] | None = None,
    cleared_for_display: bool = False,
) -> FloorBookPage:
    """Add a page to BOOK as a member of staff: visible to the room's families at once (with
    photos redacted for each family by visibility). CHILDREN_IN_PHOTOS lists, photo by photo,
    the children who appear in it; those tags decide who is blurred for whom."""
    if book.archived:
        raise FloorBookError(_("This book is archived. Take it out of the archive to add pages."))
    if len(photos) + len(uploads) > MAX_PHOTOS_PER_PAGE:
        raise FloorBookError({"photos": _("A page can hold up to %(count)s photos.") % {"count": MAX_PHOTOS_PER_PAGE}})
    if not (caption.strip() or children_words.strip() or photos or uploads):
        raise FloorBookError(_("Add a photo, a caption or the children's words."))
    _check_media(setting=book.setting, media=photos)
    page = FloorBookPage(
        setting=book.setting,
        book=book,
        order=_next_order(book),
        caption=caption.strip(),
        children_words=children_words.strip(),
        created_by=by,
        status=Moderation.APPROVED,
    )
    page.full_clean()  # before any file is stored: a bad caption stores nothing
    stored = upload_photos(setting=book.setting, uploads=uploads, by=by)
    with _files_removed_on_error(stored):
        page.save()
        _add_photos(page=page, photos=list(photos) + stored, children_in_photos=children_in_photos)
        if cleared_for_display:
            _check_display_clearance(photos=list(page.photos.all()))
            page.cleared_for_display = True
            page.save(update_fields=["cleared_for_display"])
    photos = list(photos) + stored
    FloorBook.objects.filter(pk=book.pk).update(updated_at=timezone.now())
    audit_log(
        "floorbooks.page.added",
        actor=by,
        obj=page,
        setting=book.setting,
        data={"book": str(book.pk), "photos": len(photos)},
    )
    return page


@transaction.atomic
def floor_book_page_add_from_home(
    *,
    book: FloorBook,
    guardian: Guardian,
    by: Any,
    caption: str = "",
    children_words: str = "",
    photos: Sequence[MediaFile] = (),
    uploads: Sequence[Any] = (),
    child: Child | None = None,
) -> FloorBookPage:
    """A family adds a page (a photo of a drawing from home and the child's words). It waits for
    staff (pending): nobody else sees it until it is approved. The family's own child is the
    only child a family can tag."""
    if book.archived:
        raise FloorBookError(_("This book is archived. Take it out of the archive to add pages."))
    if guardian.setting_id != book.setting_id:
        raise FloorBookError(_("This book belongs to another setting."))
    if len(photos) + len(uploads) > 4:
        raise FloorBookError({"photos": _("Add up to 4 photos to a page from home.")})
    if child is not None and child.setting_id != book.setting_id:
        raise FloorBookError({"child": _("Choose your child at this setting.")})
    if not (caption.strip() or children_words.strip() or photos or uploads):
        raise FloorBookError(_("Add a photo, a few words about it, or your child's words."))
    _check_media(setting=book.setting, media=photos)
    page = FloorBookPage(
        setting=book.setting,
        book=book,
        order=_next_order(book),
        caption=caption.strip(),
        children_words=children_words.strip(),
        created_by=by,
        by_guardian=guardian,
        status=Moderation.PENDING,
    )
    page.full_clean()  # before any file is stored
    stored = upload_photos(setting=book.setting, uploads=uploads, by=by)
    photos = list(photos) + stored
    with _files_removed_on_error(stored):
        page.save()
        tags = [[child]] * len(photos) if child is not None else None
        _add_photos(page=page, photos=photos, children_in_photos=tags)
    audit_log(
        "floorbooks.page.submitted",
        actor=by,
        obj=page,
        setting=book.setting,
        data={"book": str(book.pk), "photos": len(photos)},
    )
    return page


PAGE_FIELDS = ("caption", "children_words")


@transaction.atomic
def floor_book_page_update(*, page: FloorBookPage, by: Any, **changes: Any) -> FloorBookPage:
    """Correct a page's caption or words (any member of staff), keeping the earlier version."""
    unknown = set(changes) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    changed = sorted(name for name, value in changes.items() if getattr(page, name) != value.strip())
    if not changed:
        return page
    keep_version(FloorBookPage.objects.get(pk=page.pk), setting=page.setting, by=by)
    for name in changed:
        setattr(page, name, changes[name].strip())
    page.full_clean()
    page.save()
    audit_log("floorbooks.page.updated", actor=by, obj=page, setting=page.setting, data={"fields": changed})
    return page


@transaction.atomic
def floor_book_photo_tag(*, photo: FloorBookPhoto, by: Any, children: Iterable[Child]) -> FloorBookPhoto:
    """Say which children appear in a photo. Takes effect for every family at once."""
    children = _check_children(setting=photo.setting, children=children)
    photo.children_in_photo.set(children)
    page = photo.page
    if page.cleared_for_display:
        _check_display_clearance(photos=[photo])
    audit_log(
        "floorbooks.photo.tagged",
        actor=by,
        obj=page,
        setting=photo.setting,
        data={"photo": photo.pk, "children": sorted(str(c.pk) for c in children)},
    )
    return photo


@transaction.atomic
def floor_book_page_move(*, page: FloorBookPage, by: Any, direction: str) -> FloorBookPage:
    """Swap a page with the one before ("up") or after ("down") it in its book."""
    if direction not in ("up", "down"):
        raise FloorBookError(_("Move a page up or down."))
    siblings = FloorBookPage.objects.filter(book_id=page.book_id).exclude(status=Moderation.REJECTED)
    if direction == "up":
        other = siblings.filter(order__lt=page.order).order_by("-order").first()
    else:
        other = siblings.filter(order__gt=page.order).order_by("order").first()
    if other is None:
        return page
    page.order, other.order = other.order, page.order
    page.save(update_fields=["order"])
    other.save(update_fields=["order"])
    audit_log("floorbooks.page.moved", actor=by, obj=page, setting=page.setting, data={"direction": direction})
    return page


def _moderate(obj: FloorBookPage | FloorBookComment, *, by: Any, approve: bool, reason: str) -> None:
    if obj.status != Moderation.PENDING:
        raise FloorBookError(_("This has already been looked at."))
    reason = reason.strip()
    if not approve and not reason:
        raise FloorBookError({"reason": _("Say why, so the family knows.")})
    obj.status = Moderation.APPROVED if approve else Moderation.REJECTED
    obj.rejection_reason = "" if approve else reason
    obj.moderated_by = by
    obj.moderated_at = timezone.now()
    obj.full_clean()
    obj.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])


@transaction.atomic
def floor_book_page_moderate(*, page: FloorBookPage, by: Any, approve: bool, reason: str = "") -> FloorBookPage:
    """Approve a page a family added (the room's families then see it) or turn it down with a
    reason (only that family sees it, with the reason). Any member of staff."""
    _moderate(page, by=by, approve=approve, reason=reason)
    audit_log(
        "floorbooks.page.approved" if approve else "floorbooks.page.rejected", actor=by, obj=page, setting=page.setting
    )
    return page


@transaction.atomic
def floor_book_page_set_display(*, page: FloorBookPage, by: Any, cleared: bool) -> FloorBookPage:
    """Show a page on the room's screen, or take it off. Refused when a child in one of its
    photos may not be shown on displays and no blurred copy of their face can be made."""
    if cleared:
        if page.status != Moderation.APPROVED:
            raise FloorBookError(_("Approve the page before showing it on the screen."))
        _check_display_clearance(photos=list(page.photos.select_related("media").all()))
    page.cleared_for_display = cleared
    page.save(update_fields=["cleared_for_display"])
    audit_log(
        "floorbooks.page.cleared_for_display" if cleared else "floorbooks.page.taken_off_display",
        actor=by,
        obj=page,
        setting=page.setting,
    )
    return page


# --- comments -----------------------------------------------------------------------------------


@transaction.atomic
def floor_book_comment_add(
    *, book: FloorBook, guardian: Guardian, by: Any, text: str, page: FloorBookPage | None = None
) -> FloorBookComment:
    """A family comments on a book or a page. It waits for staff before other families see it."""
    if page is not None and page.book_id != book.pk:
        raise FloorBookError({"page": _("This page is in another book.")})
    if guardian.setting_id != book.setting_id:
        raise FloorBookError(_("This book belongs to another setting."))
    text = text.strip()
    if not text:
        raise FloorBookError({"text": _("Write your comment.")})
    comment = FloorBookComment(setting=book.setting, book=book, page=page, guardian=guardian, author=by, text=text)
    comment.full_clean()
    comment.save()
    audit_log("floorbooks.comment.submitted", actor=by, obj=comment, setting=book.setting)
    return comment


@transaction.atomic
def floor_book_comment_moderate(
    *, comment: FloorBookComment, by: Any, approve: bool, reason: str = ""
) -> FloorBookComment:
    """Approve a family's comment or turn it down with a reason (it stays in the record)."""
    _moderate(comment, by=by, approve=approve, reason=reason)
    audit_log(
        "floorbooks.comment.approved" if approve else "floorbooks.comment.rejected",
        actor=by,
        obj=comment,
        setting=comment.setting,
    )
    return comment


# --- room boards --------------------------------------------------------------------------------


def _check_display_clearance(*, photos: Sequence[Any]) -> None:
    """Refuse to clear for display when a child shown lacks display_boards consent and their
    face cannot be blurred (no box marked for them, or the photo is not ready)."""
    from tandem.floorbooks import visibility

    problems = visibility.display_problems(photos=photos)
    if problems:
        raise FloorBookError({"cleared_for_display": problems[0]})


@transaction.atomic
def room_board_post_create(
    *,
    room: Room,
    by: Any,
    text: str,
    kind: str = RoomBoardPost.Kind.TODAY,
    photo: MediaFile | None = None,
    upload: Any = None,
    children_in_photo: Iterable[Child] = (),
    cleared_for_display: bool = False,
    expires_at: datetime | None = None,
) -> RoomBoardPost:
    """Post to a room's board (any member of staff). The room's families see it at once; the
    screen by the door shows it only when cleared and every child shown may be seen there."""
    setting = room.setting
    if not text.strip():
        raise FloorBookError({"text": _("Write what families should know.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise FloorBookError({"expires_at": _("Choose a time in the future, or leave it empty.")})
    if photo is not None:
        _check_media(setting=setting, media=[photo], field="photo")
    children = _check_children(setting=setting, children=children_in_photo, field="children_in_photo")
    post = RoomBoardPost(
        setting=setting,
        room=room,
        kind=kind,
        text=text.strip(),
        text_html=render_board_text(text.strip()),
        photo=photo,
        expires_at=expires_at,
        created_by=by,
    )
    post.full_clean(exclude=["photo"])  # before any file is stored
    stored = upload_photos(setting=setting, uploads=[upload], by=by, field="photo") if upload is not None else []
    with _files_removed_on_error(stored):
        if stored:
            post.photo = stored[0]
        post.save()
        if children:
            post.children_in_photo.set(children)
        if cleared_for_display:
            _check_display_clearance(photos=[post])
            post.cleared_for_display = True
            post.cleared_by = by
            post.save(update_fields=["cleared_for_display", "cleared_by"])
    audit_log("floorbooks.board_post.created", actor=by, obj=post, setting=setting, data={"room": str(room.pk)})
    return post


@transaction.atomic
def room_board_post_set_display(*, post: RoomBoardPost, by: Any, cleared: bool) -> RoomBoardPost:
    """Show a post on the room's screen, or take it off (any member of staff)."""
    if cleared:
        _check_display_clearance(photos=[post])
    post.cleared_for_display = cleared
    post.cleared_by = by if cleared else None
    post.save(update_fields=["cleared_for_display", "cleared_by"])
    audit_log(
        "floorbooks.board_post.cleared_for_display" if cleared else "floorbooks.board_post.taken_off_display",
        actor=by,
        obj=post,
        setting=post.setting,
    )
    return post


@transaction.atomic
def room_board_post_remove(*, post: RoomBoardPost, by: Any) -> RoomBoardPost:
    """Take a post down: families and the screen no longer see it; it stays in the record."""
    if post.removed_at is None:
        post.removed_at = timezone.now()
        post.cleared_for_display = False
        post.save(update_fields=["removed_at", "cleared_for_display"])
        audit_log("floorbooks.board_post.removed", actor=by, obj=post, setting=post.setting)
    return post


# --- displays -----------------------------------------------------------------------------------


@transaction.atomic
def room_display_create(*, room: Room, by: Any, name: str = "") -> RoomDisplay:
    """Make a secret link for a screen by ROOM's door (can_manage_rooms)."""
    display = RoomDisplay(setting=room.setting, room=room, name=name.strip(), created_by=by)
    display.full_clean()
    display.save()
    audit_log("floorbooks.display.created", actor=by, obj=display, setting=room.setting)
    return display


@transaction.atomic
def room_display_revoke(*, display: RoomDisplay, by: Any) -> RoomDisplay:
    """Switch a screen's link off at once (can_manage_rooms); its next refresh shows nothing."""
    if display.active:
        display.active = False
        display.revoked_at = timezone.now()
        display.save(update_fields=["active", "revoked_at"])
        audit_log("floorbooks.display.revoked", actor=by, obj=display, setting=display.setting)
    return display
