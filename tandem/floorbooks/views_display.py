"""The screen by a room's door, under /display/<token>/: no sign-in (the secret link is the
key), full screen, reloaded every minute by static/floorbooks/display.js (a file, so the
strict CSP holds; a meta refresh fails WCAG 2.2.1 in axe).

It shows only posts and floor book pages staff cleared for display, photos only where every
child in them has "display_boards" consent or is blurred, and never a child's surname. A wrong
or revoked link is a 404; a withdrawn consent removes a photo at the next refresh because
every photo is decided again when the screen fetches it."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.floorbooks import selectors, visibility

REFRESH_SECONDS = 60


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"  # so a withdrawn consent is not kept by the screen
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to other sites
    return response


@require_GET
def screen(request: HttpRequest, token: str) -> HttpResponse:
    display = selectors.display_for_token(token)
    with selectors.display_scope(display):
        posts = list(selectors.display_posts(display=display))
        pages = list(selectors.display_pages(display=display))
        items = visibility.display_items(
            token=token, posts=posts, pages=pages, surnames=selectors.surnames_in(setting=display.setting)
        )
        response = render(
            request,
            "floorbooks/display.html",
            {"display": display, "room": display.room, "items": items, "refresh": REFRESH_SECONDS},
        )
    return _private(response)


def _serve(file) -> HttpResponse:
    if file is None:
        raise Http404
    name = file.name.lower()
    content_type = "image/webp" if name.endswith(".webp") else ("image/png" if name.endswith(".png") else "image/jpeg")
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


@require_GET
def page_photo(request: HttpRequest, token: str, photo_id: int) -> HttpResponse:
    display = selectors.display_for_token(token)
    with selectors.display_scope(display):
        photo = selectors.display_page_photo(display=display, photo_id=photo_id)
        return _serve(visibility.display_file(photo))


@require_GET
def post_photo(request: HttpRequest, token: str, post_id) -> HttpResponse:
    display = selectors.display_for_token(token)
    with selectors.display_scope(display):
        post = selectors.display_post(display=display, post_id=post_id)
        return _serve(visibility.display_file(post))
