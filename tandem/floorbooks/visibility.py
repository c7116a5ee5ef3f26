"""How each viewer sees the photos of floor books and room boards, decided at read time from
the children's CURRENT consents (one query per page of content), never stored.

The rules are the journal's (tandem.journal.visibility, reused here so both apps agree):
- staff see every photo as it is;
- a family sees its own children as they are; another child without "group_photos" consent
  (or without "photos_own_journal") is blurred, or the photo is withheld when no face box is
  tagged to that child or the blurred copy is not ready yet;
- the screen by the door is nobody's family: every child shown needs "display_boards" consent,
  otherwise the same blur-or-withhold rule applies. The display never gets a signed media link
  (there is no signed-in viewer): it gets links under its own secret token, and the view that
  serves them decides again, so a withdrawn consent removes a photo at the next refresh."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.journal import visibility as jv
from tandem.media.models import MediaFile

DISPLAY = jv.DISPLAY
GROUP = jv.GROUP


def _media_of(item: Any) -> MediaFile | None:
    """A FloorBookPhoto has .media; a RoomBoardPost has .photo (optional)."""
    return getattr(item, "media", None) if hasattr(item, "media_id") else getattr(item, "photo", None)


def _tagged(item: Any) -> list:
    return list(item.children_in_photo.all())


def consents_for(items: Iterable[Any]) -> jv.ConsentMap:
    """The current consents of every child tagged in ITEMS (one query)."""
    ids = {c.pk for item in items for c in _tagged(item)}
    return jv.consent_map(ids)


@dataclass(frozen=True)
class PageView:
    """A floor book page as one viewer sees it: the page and its photos, each already decided."""

    page: Any
    photos: list[jv.PhotoView] = field(default_factory=list)
    own_children: list[str] = field(default_factory=list)  # first names of the viewer's children tagged
    caption: str = ""  # children's surnames cut to their initial
    quotes: list[str] = field(default_factory=list)


def _photo_view_for_family(item: Any, *, user, own_ids: set, consents: jv.ConsentMap) -> jv.PhotoView:
    media = _media_of(item)
    return jv.photo_for_viewer(
        media=media,
        children_in_photo=_tagged(item),
        viewer_children_ids=own_ids,
        consents=consents,
        viewer=user,
        other_kind=GROUP,
    )


def pages_for_family(
    pages: Sequence[Any], *, user, own_child_ids: Iterable, surnames: Iterable[str] = ()
) -> list[PageView]:
    """PAGES as the guardian USER of OWN_CHILD_IDS sees them: photos original, blurred or
    withheld; other children's surnames (SURNAMES) cut to their initial in the text."""
    from tandem.floorbooks.selectors import without_surnames

    surnames = list(surnames)
    own = set(own_child_ids)
    photos = [p for page in pages for p in page.photos.all()]
    consents = consents_for(photos)
    result = []
    for page in pages:
        views, mine = [], []
        for photo in page.photos.all():
            views.append(_photo_view_for_family(photo, user=user, own_ids=own, consents=consents))
            mine += [c.known_as for c in _tagged(photo) if c.pk in own]
        result.append(
            PageView(
                page=page,
                photos=views,
                own_children=sorted(set(mine)),
                caption=without_surnames(page.caption, surnames),
                quotes=[without_surnames(q, surnames) for q in page.quotes],
            )
        )
    return result


def _names(item: Any, ids: set) -> str:
    return ", ".join(sorted(c.known_as for c in _tagged(item) if c.pk in ids))


def staff_notes(item: Any, consents: jv.ConsentMap) -> list[str]:
    """What staff must know about a photo: the journal's notes, plus who is blurred for other
    families and who may not be shown as they are on the screen by the door."""
    media = _media_of(item)
    if media is None:
        return []
    notes = jv.staff_notes_for_photo(media=media, children_in_photo=_tagged(item), consents=consents)
    ids = [c.pk for c in _tagged(item)]
    others = jv.children_to_blur(children_in_photo_ids=ids, viewer_children_ids=(), consents=consents)
    if others:
        notes.insert(0, _("Blurred for other families: %(children)s.") % {"children": _names(item, others)})
    screen = _display_blur(item, consents)
    if screen:
        notes.append(
            _("Blurred on the screen by the door (no display consent): %(children)s.")
            % {"children": _names(item, screen)}
        )
    return list(dict.fromkeys(notes))


def pages_for_staff(pages: Sequence[Any], *, user) -> list[tuple[Any, list[tuple[Any, jv.PhotoView, list[str]]]]]:
    """PAGES for staff: each photo as it is, with what staff must know (who is blurred for
    other families or on the screen, and why a photo is withheld from them)."""
    photos = [p for page in pages for p in page.photos.all()]
    consents = consents_for(photos)
    result = []
    for page in pages:
        rows = []
        for photo in page.photos.all():
            view = jv.photo_for_viewer(
                media=photo.media,
                children_in_photo=_tagged(photo),
                viewer_children_ids=(),
                consents=consents,
                viewer=user,
                is_staff=True,
            )
            rows.append((photo, view, staff_notes(photo, consents)))
        result.append((page, rows))
    return result


def posts_for_staff(posts: Sequence[Any], *, user) -> list[tuple[Any, jv.PhotoView | None, list[str]]]:
    """Board posts for staff: each photo as it is, with who is blurred for whom and why."""
    consents = consents_for([p for p in posts if p.photo_id])
    rows = []
    for post in posts:
        if not post.photo_id:
            rows.append((post, None, []))
            continue
        tagged = _tagged(post)
        view = jv.photo_for_viewer(
            media=post.photo,
            children_in_photo=tagged,
            viewer_children_ids=(),
            consents=consents,
            viewer=user,
            is_staff=True,
        )
        rows.append(
            (post, view, jv.staff_notes_for_photo(media=post.photo, children_in_photo=tagged, consents=consents))
        )
    return rows


def post_photo_for_family(posts: Sequence[Any], *, user, own_child_ids: Iterable) -> dict:
    """{post id: PhotoView} for the posts with a photo, as this family sees them."""
    with_photo = [p for p in posts if p.photo_id]
    consents = consents_for(with_photo)
    own = set(own_child_ids)
    return {p.pk: _photo_view_for_family(p, user=user, own_ids=own, consents=consents) for p in with_photo}


# --- the screen by the door ---------------------------------------------------------------------


def _display_blur(item: Any, consents: jv.ConsentMap) -> set:
    return jv.children_to_blur(
        children_in_photo_ids=[c.pk for c in _tagged(item)],
        viewer_children_ids=(),
        consents=consents,
        other_kind=DISPLAY,
    )


def display_problems(*, photos: Sequence[Any]) -> list[str]:
    """Why these photos may not go on a screen (empty: they may). A child without
    display_boards consent is fine only when a face box is tagged to them, so a blurred copy
    can be made; asking for it here starts making it, so it is ready for the screen."""
    consents = consents_for(photos)
    problems = []
    for item in photos:
        media = _media_of(item)
        if media is None:
            continue
        blur = _display_blur(item, consents)
        if not blur:
            continue
        names = ", ".join(sorted(c.known_as for c in _tagged(item) if c.pk in blur))
        if media.kind != MediaFile.Kind.PHOTO or media.status != MediaFile.Status.READY:
            problems.append(
                _("%(children)s may not be shown on displays, and this photo is not ready to be blurred yet.")
                % {"children": names}
            )
            continue
        faces = list(media.faces.all())
        tagged = {f.child_id for f in faces if f.child_id}
        if blur - tagged:
            problems.append(
                _(
                    "%(children)s may not be shown on displays and no face is marked for them, so no blurred copy "
                    "can be made. Mark their face on the photo, or choose another photo."
                )
                % {"children": names}
            )
            continue
        from tandem.media.services import media_blurred_variant

        media_blurred_variant(media=media, boxes=[f for f in faces if f.child_id in blur])
    return problems


def display_file(item: Any, consents: jv.ConsentMap | None = None):
    """The stored file the screen may show for ITEM's photo right now (a display-size copy, or
    the blurred copy), or None: withheld (consent, no face box, not ready)."""
    media = _media_of(item)
    if media is None or media.kind != MediaFile.Kind.PHOTO or media.status != MediaFile.Status.READY:
        return None
    consents = consents if consents is not None else consents_for([item])
    blur = _display_blur(item, consents)
    variants = {v.name: v for v in media.variants.all()}
    if not blur:
        chosen = variants.get("display")
        return chosen.file if chosen is not None else media.original
    faces = list(media.faces.all())
    if blur - {f.child_id for f in faces if f.child_id}:
        return None
    variant = jv._blurred_variant(media, [f for f in faces if f.child_id in blur])
    return variant.file if variant is not None else None


@dataclass(frozen=True)
class DisplayItem:
    """Something on the screen: a board post or a floor book page, with at most its photos'
    links under the display's token (decided again when each photo is fetched)."""

    kind: str  # "post" or "page"
    title: str
    text_html: str  # came out of nh3 (services.render_board_text)
    quotes: list[str]
    photo_urls: list[str]
    obj: Any
    caption: str = ""


def display_photo_url(*, token: str, item: Any) -> str:
    if hasattr(item, "media_id"):
        return reverse("display:page-photo", kwargs={"token": token, "photo_id": item.pk})
    return reverse("display:post-photo", kwargs={"token": token, "post_id": item.pk})


def display_shows(item: Any, consents: jv.ConsentMap) -> bool:
    """Whether the screen would show ITEM's photo now (without touching storage)."""
    media = _media_of(item)
    if media is None or media.kind != MediaFile.Kind.PHOTO or media.status != MediaFile.Status.READY:
        return False
    blur = _display_blur(item, consents)
    if not blur:
        return True
    view = jv.photo_for_viewer(
        media=media,
        children_in_photo=_tagged(item),
        viewer_children_ids=(),
        consents=consents,
        viewer=None,
        other_kind=DISPLAY,
    )
    return view.blurred and not view.withheld


def display_items(
    *, token: str, posts: Sequence[Any], pages: Sequence[Any], surnames: Iterable[str]
) -> list[DisplayItem]:
    """What the screen shows: cleared posts, then cleared pages, with children's surnames cut to
    their initial and only the photos every child in them may be seen in (blurred or not)."""
    from tandem.floorbooks.selectors import without_surnames
    from tandem.floorbooks.services import render_board_text

    surnames = list(surnames)
    photos = [p for p in posts if p.photo_id] + [ph for page in pages for ph in page.photos.all()]
    consents = consents_for(photos)
    items = []
    for post in posts:
        urls = [display_photo_url(token=token, item=post)] if post.photo_id and display_shows(post, consents) else []
        items.append(
            DisplayItem(
                kind="post",
                title=str(post.get_kind_display()),
                text_html=render_board_text(without_surnames(post.text, surnames)),
                quotes=[],
                photo_urls=urls,
                obj=post,
            )
        )
    for page in pages:
        urls = [display_photo_url(token=token, item=ph) for ph in page.photos.all() if display_shows(ph, consents)]
        items.append(
            DisplayItem(
                kind="page",
                title=page.book.title,
                text_html="",
                quotes=[without_surnames(q, surnames) for q in page.quotes],
                photo_urls=urls,
                obj=page,
                caption=without_surnames(page.caption, surnames),
            )
        )
    return items
