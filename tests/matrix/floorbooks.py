"""Floor books and room boards (tandem.floorbooks): staff pages under /s/<setting_slug>/floorbooks/,
family pages under /family/floorbooks/, the screen by the door under /display/<token>/ and the API.

Every member of Oak Tree's staff (alice, bob, adam) can see the children, so they keep the
books, write the boards and moderate what families send; the screen links are for those who
can_manage_rooms (alice; bob and adam get 403). The Babies book and board belong to Ada's room:
dora sees them, ed (Ben is in Pre-school) gets 404 like everyone else. The screen by the door
needs no sign-in: its secret link is the key, so everyone gets 200 with a valid one."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from tests.matrix import PEOPLE, Entry, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
STAFF = ("alice", "bob", "adam")
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def world(c: dict) -> dict:
    """The Babies floor book with one approved page (a ready photo, cleared for the screen), a
    page and a comment from dora waiting for staff, a board post and a screen link (made once per test)."""
    if "_fb" not in c:
        from tandem.core.models import Guardian
        from tandem.floorbooks import services
        from tandem.media.models import MediaFile

        ada, bob = c["ada"], c["bob"]
        room, setting = ada.room, ada.setting
        media = MediaFile(
            setting=setting, kind="photo", status="ready", progress=100, content_type="image/png", width=64, height=48
        )
        media.original.save("matrix.png", ContentFile(_png()), save=False)
        media.size = media.original.size
        media.save()
        book = services.floor_book_create(setting=setting, by=bob, title="Our garden", room=room)
        page = services.floor_book_page_add(
            book=book, by=bob, caption="We planted beans.", photos=[media], cleared_for_display=True
        )
        guardian = Guardian.objects.get(user=c["dora"])
        pending = services.floor_book_page_add_from_home(
            book=book, guardian=guardian, by=c["dora"], caption="Beans at home too."
        )
        comment = services.floor_book_comment_add(book=book, guardian=guardian, by=c["dora"], text="Lovely!")
        post = services.room_board_post_create(
            room=room, by=bob, text="Wellies tomorrow!", kind="we_need", photo=media, cleared_for_display=True
        )
        display = services.room_display_create(room=room, by=c["alice"], name="Babies door")
        c["_fb"] = {
            "book": book,
            "page": page,
            "photo": page.photos.get(),
            "pending": pending,
            "comment": comment,
            "post": post,
            "display": display,
            "room": room,
        }
    return c["_fb"]


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _book(c):
    return world(c)["book"].pk


def _everyone(status: int = 200) -> dict:
    return {p: status for p in PEOPLE}


ENTRIES = [
    staff_page("floorbooks:index"),
    staff_page("floorbooks:book-create"),
    staff_page(
        "floorbooks:book-create",
        method="POST",
        data=lambda c: {"title": "Dinosaurs", "room": str(c["ada"].room_id)},
        ok=302,
    ),
    staff_page("floorbooks:book-detail", kwargs=_oak(book_id=_book)),
    staff_page("floorbooks:book-edit", kwargs=_oak(book_id=_book)),
    staff_page(
        "floorbooks:book-edit", kwargs=_oak(book_id=_book), method="POST", data=lambda c: {"title": "Garden"}, ok=302
    ),
    staff_page("floorbooks:page-add", kwargs=_oak(book_id=_book)),
    staff_page(
        "floorbooks:page-add",
        kwargs=_oak(book_id=_book),
        method="POST",
        data=lambda c: {"caption": "We watered them.", "children_words": "Ada: Splash!"},
        ok=302,
    ),
    staff_page(
        "floorbooks:photo-tag",
        kwargs=_oak(photo_id=lambda c: world(c)["photo"].pk),
        method="POST",
        data=lambda c: {"children": [str(c["ada"].pk)]},
        ok=302,
    ),
    staff_page(
        "floorbooks:page-move",
        kwargs=_oak(page_id=lambda c: world(c)["page"].pk),
        method="POST",
        data=lambda c: {"direction": "down"},
        ok=302,
    ),
    staff_page(
        "floorbooks:page-display",
        kwargs=_oak(page_id=lambda c: world(c)["page"].pk),
        method="POST",
        data=lambda c: {"cleared": "no"},
        ok=302,
    ),
    staff_page("floorbooks:moderation"),
    staff_page(
        "floorbooks:page-moderate",
        kwargs=_oak(page_id=lambda c: world(c)["pending"].pk),
        method="POST",
        data=lambda c: {"decision": "approve"},
        ok=302,
    ),
    staff_page(
        "floorbooks:comment-moderate",
        kwargs=_oak(comment_id=lambda c: world(c)["comment"].pk),
        method="POST",
        data=lambda c: {"decision": "reject", "reason": "Please send this to Bob directly."},
        ok=302,
    ),
    staff_page("floorbooks:board", kwargs=_oak(room_id=lambda c: world(c)["room"].pk)),
    staff_page(
        "floorbooks:board",
        kwargs=_oak(room_id=lambda c: world(c)["room"].pk),
        method="POST",
        data=lambda c: {"kind": "reminder", "text": "Photos day on Friday."},
        ok=302,
    ),
    staff_page(
        "floorbooks:post-display",
        kwargs=_oak(post_id=lambda c: world(c)["post"].pk),
        method="POST",
        data=lambda c: {"cleared": "no"},
        ok=302,
    ),
    staff_page("floorbooks:post-remove", kwargs=_oak(post_id=lambda c: world(c)["post"].pk), method="POST", ok=302),
    staff_page("floorbooks:displays", **MANAGERS),
    staff_page(
        "floorbooks:displays",
        method="POST",
        data=lambda c: {"room": str(c["ada"].room_id), "name": "Office"},
        ok=302,
        **MANAGERS,
    ),
    staff_page(
        "floorbooks:display-revoke",
        kwargs=_oak(display_id=lambda c: world(c)["display"].pk),
        method="POST",
        ok=302,
        **MANAGERS,
    ),
    Entry(
        name="floorbooks_family:index",
        expect={**_everyone(404), "dora": 200, "ed": 200, None: 302},
        note="a family's page: 404 for anyone who is nobody's guardian",
    ),
    family_page("floorbooks_family:book", kwargs=lambda c: {"book_id": _book(c)}),
    family_page(
        "floorbooks_family:comment",
        kwargs=lambda c: {"book_id": _book(c)},
        method="POST",
        data=lambda c: {"text": "Ada loved this."},
        ok=302,
    ),
    family_page("floorbooks_family:page-add", kwargs=lambda c: {"book_id": _book(c)}),
    family_page(
        "floorbooks_family:page-add",
        kwargs=lambda c: {"book_id": _book(c)},
        method="POST",
        data=lambda c: {"caption": "Ada's painting of the beans.", "children_words": "Big beans!"},
        ok=302,
    ),
    family_page("floorbooks_family:board", kwargs=lambda c: {"room_id": world(c)["room"].pk}),
    Entry(
        name="display:screen",
        expect=_everyone(200),
        kwargs=lambda c: {"token": world(c)["display"].token},
        note="no sign-in: the secret link is the key",
    ),
    Entry(
        name="display:page-photo",
        expect=_everyone(200),
        kwargs=lambda c: {"token": world(c)["display"].token, "photo_id": world(c)["photo"].pk},
    ),
    Entry(
        name="display:post-photo",
        expect=_everyone(200),
        kwargs=lambda c: {"token": world(c)["display"].token, "post_id": world(c)["post"].pk},
    ),
]


# --- the API --------------------------------------------------------------------------------------

API = "/api/v1"


def _staff(ok: int = 200) -> dict:
    return _expect({p: ok for p in STAFF})


def _op(method: str, path: str) -> str:
    return f"api:{method} {API}{path}"


ENTRIES += [
    api_entry(
        _op("GET", "/settings/{setting_slug}/floorbooks/books"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/books",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/floorbooks/books"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/books",
        method="POST",
        data=lambda c: {"title": "Mini-beasts", "room_id": str(c["ada"].room_id)},
        expect=_staff(201),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/floorbooks/books/{book_id}"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/books/{_book(c)}",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/floorbooks/books/{book_id}/pages"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/books/{_book(c)}/pages",
        method="POST",
        data=lambda c: {"caption": "Snails on the path.", "children_words": "Slimy!"},
        expect=_staff(201),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/floorbooks/pages/{page_id}/moderate"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/pages/{world(c)['pending'].pk}/moderate",
        method="POST",
        data=lambda c: {"decision": "approve"},
        expect=_staff(),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/floorbooks/rooms/{room_id}/board"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/rooms/{world(c)['room'].pk}/board",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/floorbooks/rooms/{room_id}/board"),
        path=lambda c: f"{API}/settings/{OAK}/floorbooks/rooms/{world(c)['room'].pk}/board",
        method="POST",
        data=lambda c: {"kind": "we_need", "text": "Empty yoghurt pots, please."},
        expect=_staff(201),
    ),
    api_entry(
        _op("GET", "/family/floorbooks/books"),
        path=lambda c: f"{API}/family/floorbooks/books",
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("GET", "/family/floorbooks/books/{book_id}"),
        path=lambda c: f"{API}/family/floorbooks/books/{_book(c)}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/floorbooks/books/{book_id}/comments"),
        path=lambda c: f"{API}/family/floorbooks/books/{_book(c)}/comments",
        method="POST",
        data=lambda c: {"text": "She talks about the beans every day."},
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("GET", "/family/floorbooks/rooms/{room_id}/board"),
        path=lambda c: f"{API}/family/floorbooks/rooms/{world(c)['room'].pk}/board",
        expect=_expect({"dora": 200}),
    ),
]
