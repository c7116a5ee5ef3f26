"""Pages of the media app, under /m/: staff upload photos, videos, voice notes and documents
(several at once, from a tablet's camera), watch their copies being made, and mark faces; every
file is served by media:serve through a signed, short-lived link made for one viewer."""

import re

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.media import selectors, services
from tandem.media.models import FaceBox, MediaFile, MediaVariant
from tandem.media.signing import ORIGINAL, media_token_read, media_url

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
FIELD_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,40}$")


def _field_name(value: str | None) -> str:
    """The name of the hidden input carrying each uploaded id (for the embedding form)."""
    return value if value and FIELD_NAME_RE.match(value) else ""


CHUNK = 64 * 1024


def _item(media: MediaFile, user) -> dict:
    """What a page shows for one file: its state and, when ready, a signed thumbnail link."""
    names = {v.name for v in media.variants.all()}
    thumb = media_url(media=media, variant="thumb", viewer=user) if "thumb" in names else None
    return {"media": media, "thumb_url": thumb}


@staff_required(flag="can_view_children")
@require_GET
def library(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The upload page: choose or take several photos at once; the latest uploads below."""
    setting = request.membership.setting
    recent = selectors.media_list_for_setting(user=request.user, setting=setting)[:30]
    return render(
        request,
        "media/library.html",
        {"setting": setting, "items": [_item(m, request.user) for m in recent]},
    )


@staff_required(flag="can_view_children")
@require_POST
def upload(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Upload one or more files (field "file"). With htmx: the new items (ids, progress,
    thumbnails as they appear) and a message for each refused file; without: back to the page."""
    setting = request.membership.setting
    items, errors = [], []
    files = request.FILES.getlist("file")
    if not files:
        errors.append({"name": "", "message": _("Choose at least one photo, video, voice note or PDF.")})
    for uploaded in files:
        try:
            media = services.media_upload(setting=setting, uploaded_file=uploaded, by=request.user)
        except services.MediaError as exc:
            errors.append({"name": uploaded.name, "message": exc.messages[0]})
            continue
        items.append({"media": media, "thumb_url": None})
    context = {
        "setting": setting,
        "items": items,
        "errors": errors,
        "field_name": _field_name(request.POST.get("field_name")),
    }
    if request.htmx:
        return render(request, "media/_upload_items.html", context, status=200 if items or not errors else 422)
    if errors:
        recent = selectors.media_list_for_setting(user=request.user, setting=setting)[:30]
        context["items"] = [_item(m, request.user) for m in recent]
        return render(request, "media/library.html", context, status=422)
    return redirect("media:library", setting_slug=setting.slug)


@staff_required(flag="can_view_children")
@require_GET
def status(request: HttpRequest, setting_slug: str, media_id) -> HttpResponse:
    """One file's progress (polled by htmx while its copies are being made)."""
    media = selectors.media_get_for_staff(user=request.user, setting=request.membership.setting, media_id=media_id)
    context = {
        "setting": request.membership.setting,
        "item": _item(media, request.user),
        "field_name": _field_name(request.GET.get("field_name")),
    }
    return render(request, "media/_item.html", context)


@staff_required(flag="can_view_children")
@require_http_methods(["GET", "POST"])
def faces(request: HttpRequest, setting_slug: str, media_id) -> HttpResponse:
    """Draw or correct the face boxes on a photo and say which child each face is. Works
    without JavaScript (numbers in a form); static/media/faces.js lets staff drag boxes."""
    setting = request.membership.setting
    media = selectors.media_get_for_staff(user=request.user, setting=setting, media_id=media_id)
    if media.kind != MediaFile.Kind.PHOTO:
        raise Http404
    children = list(rules.children_visible_to(request.user, setting=setting).order_by("first_name", "last_name"))
    errors = []
    if request.method == "POST":
        if "detect" in request.POST:
            services.media_detect_faces(media=media)
            return redirect("media:faces", setting_slug=setting.slug, media_id=media.pk)
        boxes, errors = _boxes_from_post(request.POST, children)
        if not errors:
            try:
                services.facebox_set(media=media, boxes=boxes, by=request.user)
            except services.MediaError as exc:
                errors = exc.messages
            else:
                return redirect("media:faces", setting_slug=setting.slug, media_id=media.pk)
    names = {v.name for v in media.variants.all()}
    image_variant = "display" if "display" in names else ORIGINAL
    rows = list(media.faces.all())
    return render(
        request,
        "media/faces.html",
        {
            "setting": setting,
            "media": media,
            "image_url": media_url(media=media, variant=image_variant, viewer=request.user),
            "rows": rows,
            "blank_rows": range(len(rows), len(rows) + 3),
            "children": children,
            "errors": errors,
        },
        status=422 if errors else 200,
    )


def _boxes_from_post(post, children) -> tuple[list[dict], list[str]]:
    """Rows box-<n>-x/y/w/h/child/delete from the faces form, skipping empty and deleted rows."""
    allowed = {str(c.pk) for c in children}
    boxes, errors = [], []
    indexes = sorted({int(m.group(1)) for k in post for m in [re.match(r"^box-(\d+)-x$", k)] if m})
    for i in indexes:
        values = [post.get(f"box-{i}-{k}", "").strip() for k in ("x", "y", "w", "h")]
        if post.get(f"box-{i}-delete") or not any(values):
            continue
        try:
            x, y, w, h = (int(float(v)) for v in values)
        except ValueError:
            errors.append(_("Each face needs a position and a size in whole pixels."))
            continue
        child = post.get(f"box-{i}-child") or None
        if child and child not in allowed:
            errors.append(_("Choose children from this setting."))
            continue
        source = post.get(f"box-{i}-source") or FaceBox.Source.MANUAL
        boxes.append({"x": x, "y": y, "w": w, "h": h, "child": child, "source": source})
    return boxes, errors


@login_required
@require_GET
def serve(request: HttpRequest, token: str) -> HttpResponse:
    """A file through a signed link: only for the user it was made for, for five minutes
    (otherwise 404, the same as a missing file). Supports HTTP Range requests (video, audio)."""
    data = media_token_read(token)
    if data is None or data["u"] != str(request.user.pk):
        raise Http404
    with scope(setting=[data["s"]]):
        media = MediaFile.objects.filter(pk=data["m"], setting_id=data["s"]).first()
        if media is None:
            raise Http404
        if data["v"] == ORIGINAL:
            field, content_type = media.original, media.content_type
        else:
            variant = MediaVariant.objects.filter(media=media, name=data["v"]).first()
            if variant is None:
                raise Http404
            field, content_type = variant.file, variant.content_type
    if not field.name or not default_storage.exists(field.name):
        raise Http404
    size = field.size
    disposition = "attachment" if media.kind == MediaFile.Kind.DOCUMENT and data["v"] == ORIGINAL else "inline"
    header_range = request.headers.get("Range", "")
    match = RANGE_RE.match(header_range.strip()) if header_range else None
    if match and (match.group(1) or match.group(2)):
        start_s, end_s = match.groups()
        if start_s:
            start = int(start_s)
            end = min(int(end_s), size - 1) if end_s else size - 1
        else:
            start, end = max(0, size - int(end_s)), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _private(response)
        fh = default_storage.open(field.name, "rb")
        fh.seek(start)
        response = StreamingHttpResponse(_read_range(fh, end - start + 1), status=206, content_type=content_type)
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(default_storage.open(field.name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    filename = ""
    if data["v"] == ORIGINAL and media.original_name:  # the name it came with, the extension of what it is now
        filename = media.original_name.rsplit(".", 1)[0] + "." + field.name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = disposition + (f"; filename*=UTF-8''{_quote(filename)}" if filename else "")
    return _private(response)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def _read_range(fh, length: int):
    try:
        while length > 0:
            chunk = fh.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        fh.close()


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def upload_url(setting) -> str:
    return reverse("media:upload", args=[setting.slug])
