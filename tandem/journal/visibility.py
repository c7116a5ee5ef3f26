"""Who may see which photo, decided at read time (never stored), for the journal and for floor
books and room boards (tandem.floorbooks reuses these helpers).

The rules (DESIGN.md, issue 4):
- Staff of the setting see every photo as it is.
- A child whose family has not given "photos_own_journal" never appears in a photo to anyone
  but staff: their face is blurred for everyone, their own family included.
- A child whose family has not given "group_photos" is never shown to OTHER families as they
  are: their face is blurred in the copy other families see (for a screen by the door or a
  floor book on the wall, the consent asked is "display_boards" for every child shown).
- A blurred copy needs a face box tagged to each child to blur. When a box is missing, or the
  blurred copy is still being made, the photo is withheld from that viewer and staff are told why.
- Withdrawal works at once, for what was published before too: nothing here is cached.

Typical use, with one query for the consents of every child on the page:

    consents = consent_map(child_ids)
    view = photo_for_viewer(media=m, children_in_photo=[...], viewer_children_ids={ada.pk},
                            consents=consents, viewer=request.user)
    view.url  # a signed link for this viewer (original or blurred), or None when withheld
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from django.utils.translation import gettext as _

from tandem.core.models import Consent, ConsentKind

PHOTOS_OWN = ConsentKind.PHOTOS_OWN_JOURNAL
GROUP = ConsentKind.GROUP_PHOTOS
DISPLAY = ConsentKind.DISPLAY_BOARDS


@dataclass(frozen=True)
class ConsentMap:
    """The children who currently have each kind of consent granted (one query for a page)."""

    granted: dict[str, frozenset] = field(default_factory=dict)

    def has(self, child_id, kind: str) -> bool:
        return child_id in self.granted.get(kind, frozenset())


def consent_map(child_ids: Iterable, kinds: Iterable[str] = (PHOTOS_OWN, GROUP, DISPLAY)) -> ConsentMap:
    """The current consents of CHILD_IDS, read now (withdrawal takes effect at once): one query."""
    ids = {c for c in child_ids}
    kinds = list(kinds)
    result: dict[str, set] = {k: set() for k in kinds}
    if ids:
        rows = Consent.objects.filter(child_id__in=ids, kind__in=kinds, granted=True).values_list("kind", "child_id")
        for kind, child_id in rows:
            result[kind].add(child_id)
    return ConsentMap(granted={k: frozenset(v) for k, v in result.items()})


@dataclass(frozen=True)
class PhotoView:
    """How one viewer sees one photo (or video, voice note, document).

    url / thumb_url: signed links valid for this viewer only, or None (withheld, or not ready).
    blurred: the links point to a copy with some faces blurred.
    withheld: the viewer does not see this file at all; `reason` says why (shown to staff).
    pending: the file is still being prepared (thumbnails not made yet)."""

    media_id: UUID
    kind: str
    url: str | None = None
    thumb_url: str | None = None
    blurred: bool = False
    withheld: bool = False
    pending: bool = False
    reason: str = ""
    caption: str = ""
    content_type: str = ""


def children_to_blur(
    *, children_in_photo_ids: Iterable, viewer_children_ids: Iterable, consents: ConsentMap, other_kind: str = GROUP
) -> set:
    """The children in a photo whose faces this viewer must not see: anyone without
    photos_own_journal, and anyone not the viewer's own child without OTHER_KIND."""
    own = set(viewer_children_ids)
    blur = set()
    for child_id in children_in_photo_ids:
        no_own = not consents.has(child_id, PHOTOS_OWN)
        if no_own or (child_id not in own and not consents.has(child_id, other_kind)):
            blur.add(child_id)
    return blur


def _faces(media) -> list:
    if hasattr(media, "face_list"):  # prefetched with to_attr (the family feed)
        return media.face_list
    cache = getattr(media, "_prefetched_objects_cache", {})
    if "faces" in cache:
        return list(cache["faces"])
    return list(media.faces.all())


def _variants(media) -> dict:
    if hasattr(media, "variant_list"):
        return {v.name: v for v in media.variant_list}
    cache = getattr(media, "_prefetched_objects_cache", {})
    rows = cache["variants"] if "variants" in cache else media.variants.all()
    return {v.name: v for v in rows}


def _names(children: dict, ids: Iterable) -> str:
    return ", ".join(sorted(children[i].known_as for i in ids if i in children))


def _sign(media, variant: str, viewer) -> str | None:
    """A link for VIEWER only; none for nobody (staff notes judge a photo without a viewer)."""
    if viewer is None:
        return None
    from tandem.media.signing import media_url

    return media_url(media=media, variant=variant, viewer=viewer)


def _plain_view(media, *, viewer, caption: str, full_size: bool = True) -> PhotoView:
    """The file as it is: display and thumbnail sizes for a photo (only the thumbnail when not
    FULL_SIZE: a feed of thumbnails signs half as many links), the file itself otherwise."""
    from tandem.media.models import MediaFile

    if media.kind == MediaFile.Kind.PHOTO:
        if media.status != MediaFile.Status.READY:
            return PhotoView(media_id=media.pk, kind=media.kind, pending=True, caption=caption)
        variants = _variants(media)
        display = "display" if "display" in variants else "original"
        thumb = "thumb" if "thumb" in variants else display
        return PhotoView(
            media_id=media.pk,
            kind=media.kind,
            url=_sign(media, display, viewer) if full_size else None,
            thumb_url=_sign(media, thumb, viewer),
            caption=caption,
            content_type="image/webp" if display != "original" else media.content_type,
        )
    variants = _variants(media)
    poster = _sign(media, "poster", viewer) if "poster" in variants else None
    return PhotoView(
        media_id=media.pk,
        kind=media.kind,
        url=_sign(media, "original", viewer),
        thumb_url=poster,
        pending=media.status != MediaFile.Status.READY and media.kind == MediaFile.Kind.VIDEO,
        caption=caption,
        content_type=media.content_type,
    )


def photo_for_viewer(
    *,
    media,
    children_in_photo: Iterable,
    viewer_children_ids: Iterable,
    consents: ConsentMap,
    viewer,
    is_staff: bool = False,
    other_kind: str = GROUP,
    caption: str = "",
    full_size: bool = True,
) -> PhotoView:
    """How VIEWER (a guardian of VIEWER_CHILDREN_IDS, or nobody's for a display) sees MEDIA,
    which shows CHILDREN_IN_PHOTO. Staff (IS_STAFF) see the original. Otherwise each child to
    blur (children_to_blur) needs a face box tagged to them and a ready blurred copy; without
    either the photo is withheld. Prefetch `media.faces` and `media.variants` to keep a page's
    queries flat."""
    from tandem.media.models import MediaFile

    if is_staff:
        return _plain_view(media, viewer=viewer, caption=caption, full_size=full_size)
    children = {c.pk: c for c in children_in_photo}
    blur = children_to_blur(
        children_in_photo_ids=children,
        viewer_children_ids=viewer_children_ids,
        consents=consents,
        other_kind=other_kind,
    )
    if not blur:
        return _plain_view(media, viewer=viewer, caption=caption, full_size=full_size)
    if media.kind != MediaFile.Kind.PHOTO:
        return PhotoView(
            media_id=media.pk,
            kind=media.kind,
            withheld=True,
            caption=caption,
            reason=_("Withheld from other families: %(children)s cannot be blurred in a video or file.")
            % {"children": _names(children, blur)},
        )
    if media.status != MediaFile.Status.READY:
        return PhotoView(media_id=media.pk, kind=media.kind, pending=True, withheld=True, caption=caption)
    faces = _faces(media)
    tagged = {f.child_id for f in faces if f.child_id is not None}
    missing = blur - tagged
    if missing:
        return PhotoView(
            media_id=media.pk,
            kind=media.kind,
            withheld=True,
            caption=caption,
            reason=_("Photo withheld from other families: no face found for %(children)s — draw a box.")
            % {"children": _names(children, missing)},
        )
    boxes = [f for f in faces if f.child_id in blur]
    variant = _blurred_variant(media, boxes)
    if variant is None:
        return PhotoView(
            media_id=media.pk,
            kind=media.kind,
            withheld=True,
            pending=True,
            caption=caption,
            reason=_("Photo withheld from other families until the blurred copy is ready."),
        )
    variants = _variants(media)
    from tandem.media.services import blurred_variant_names

    thumb_name = blurred_variant_names(boxes)[1]
    return PhotoView(
        media_id=media.pk,
        kind=media.kind,
        url=_sign(media, variant.name, viewer) if full_size else None,
        thumb_url=_sign(media, thumb_name if thumb_name in variants else variant.name, viewer),
        blurred=True,
        caption=caption,
        reason=_("Blurred for other families: %(children)s.") % {"children": _names(children, blur)},
        content_type="image/webp",
    )


def _blurred_variant(media, boxes: list):
    """The ready blurred copy for exactly these boxes: looked up in the prefetched variants (no
    query), otherwise asked of the media app, which queues a task to make it and says None."""
    from tandem.media import services as media_services

    display_name, _thumb = media_services.blurred_variant_names(boxes)
    found = _variants(media).get(display_name)
    if found is not None:
        return found
    from tandem.media.models import MediaFile

    if not isinstance(media, MediaFile):  # a page that read plain values (the family feed)
        media = MediaFile.objects.get(pk=media.pk)
    return media_services.media_blurred_variant(media=media, boxes=boxes)


def staff_notes_for_photo(*, media, children_in_photo: Iterable, consents: ConsentMap) -> list[str]:
    """What staff are told about a photo: who will be blurred for other families, and why a
    photo is withheld (so they can draw a box or ask a family). Judged for a family with none
    of the children in the photo (the strictest case)."""
    children = list(children_in_photo)
    notes = []
    no_own = [c for c in children if not consents.has(c.pk, PHOTOS_OWN)]
    if no_own:
        notes.append(
            _("Shown to staff only as it is: no consent for photos in the journal for %(children)s.")
            % {"children": ", ".join(sorted(c.known_as for c in no_own))}
        )
    view = photo_for_viewer(
        media=media, children_in_photo=children, viewer_children_ids=(), consents=consents, viewer=None
    )
    if view.reason:
        notes.append(view.reason)
    return notes
