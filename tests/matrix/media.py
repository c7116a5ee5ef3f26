"""Photos and files (tandem/media): every page and API operation, as each person of the cast.
All Oak Tree staff may upload and mark faces (can_view_children); nobody else reaches these
pages (404). A file link (media:serve) works only for the person it was signed for: here it is
signed for dora, so everyone else, staff included, gets 404."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix import PEOPLE, Entry, api_entry, staff_page
from tests.matrix.api import OAK, _expect, _staff


def _oak(**extra):
    return lambda c: {"setting_slug": "oak-tree", **{k: v(c) for k, v in extra.items()}}


def _photo_bytes() -> bytes:
    from tests.media.conftest import photo_bytes

    return photo_bytes(size=(64, 48))


def _photo(c):
    """A photo uploaded to Oak Tree by bob (the same one each time within a test)."""
    from tandem.media import services
    from tandem.media.models import MediaFile

    found = MediaFile.objects.filter(setting=c["ada"].setting, original_name="matrix.jpg").first()
    return found or services.media_upload(
        setting=c["ada"].setting, uploaded_file=SimpleUploadedFile("matrix.jpg", _photo_bytes()), by=c["bob"]
    )


def _token_for_dora(c) -> str:
    from tandem.media.signing import media_url

    return media_url(media=_photo(c), variant="original", viewer=c["dora"]).strip("/").split("/")[-1]


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


_serve = {p: 404 for p in PEOPLE}
_serve.update({"dora": 200, None: 302})

ENTRIES = [
    staff_page("media:library", kwargs=_oak()),
    staff_page(
        "media:upload",
        kwargs=_oak(),
        method="POST",
        data=lambda c: {"file": SimpleUploadedFile("new.jpg", _photo_bytes())},
        ok=302,
    ),
    staff_page("media:status", kwargs=_oak(media_id=lambda c: _photo(c).pk)),
    staff_page("media:faces", kwargs=_oak(media_id=lambda c: _photo(c).pk)),
    staff_page("media:faces", kwargs=_oak(media_id=lambda c: _photo(c).pk), method="POST", data=lambda c: {}, ok=302),
    Entry(name="media:serve", expect=_serve, kwargs=lambda c: {"token": _token_for_dora(c)}),
    api_entry(_op("GET", "/settings/{setting_slug}/media"), path=lambda c: f"{OAK}/media", expect=_staff()),
    api_entry(
        _op("GET", "/settings/{setting_slug}/media/{media_id}"),
        path=lambda c: f"{OAK}/media/{_photo(c).pk}",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/media"),
        path=lambda c: f"{OAK}/media",
        method="POST",
        expect=_expect({p: 422 for p in ("alice", "bob", "adam")}),
        note="a JSON body has no file: staff get 'choose a file'; real uploads in tests/media/test_api.py",
    ),
]
