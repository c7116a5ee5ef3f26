"""Staff pages of floor books and room boards, under /s/<setting_slug>/floorbooks/.

Every member who can_view_children (all staff roles) keeps the books, adds pages from a tablet,
tags children, moderates what families send and writes the room boards. Screen links for the
door are for those who can_manage_rooms. Another setting is a 404 (SettingScopeMiddleware and
the selectors), a role without the flag a 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.floorbooks import forms, selectors, services, visibility


def _setting(request: HttpRequest):
    return request.membership.setting


def _room_children(request: HttpRequest, room):
    return (
        rules.children_visible_to(request.user, setting=room.setting)
        .filter(room=room, leave_date__isnull=True)
        .order_by("first_name", "last_name")
    )


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = _setting(request)
    rooms = list(rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True).order_by("name"))
    pages, comments = selectors.moderation_queue(setting=setting)
    return render(
        request,
        "floorbooks/index.html",
        {
            "setting": setting,
            "rooms": rooms,
            "books": list(selectors.book_list_for_staff(setting=setting)),
            "waiting": pages.count() + comments.count(),
            "perms": request.membership.perms,
        },
    )


@staff_required(flag="can_view_children")
@require_http_methods(["GET", "POST"])
def book_create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = _setting(request)
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True).order_by("name")
    children = (
        rules.children_visible_to(request.user, setting=setting).filter(leave_date__isnull=True).order_by("first_name")
    )
    form = forms.FloorBookForm(request.POST or None, rooms=rooms, children=children)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                book = services.floor_book_create(setting=setting, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The floor book is ready. Add its first page."))
                return redirect("floorbooks:book-detail", setting_slug=setting.slug, book_id=book.pk)
        status = 400
    return render(
        request,
        "floorbooks/form.html",
        {"setting": setting, "form": form, "title": _("New floor book"), "submit": _("Start the book")},
        status=status,
    )


@staff_required(flag="can_view_children")
@require_GET
def book_detail(request: HttpRequest, setting_slug: str, book_id) -> HttpResponse:
    setting = _setting(request)
    book = selectors.book_for_staff(setting=setting, book_id=book_id)
    pages = list(selectors.pages_for_staff(book=book))
    children = list(selectors.children_for_book(user=request.user, book=book))
    return render(
        request,
        "floorbooks/book_detail.html",
        {
            "setting": setting,
            "book": book,
            "pages": visibility.pages_for_staff(pages, user=request.user),
            "children": children,
            "comments": list(selectors.comments_for_staff(book=book)),
        },
    )


@staff_required(flag="can_view_children")
@require_http_methods(["GET", "POST"])
def book_edit(request: HttpRequest, setting_slug: str, book_id) -> HttpResponse:
    setting = _setting(request)
    book = selectors.book_for_staff(setting=setting, book_id=book_id)
    initial = {"title": book.title, "description": book.description, "archived": book.archived}
    form = forms.FloorBookEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.floor_book_update(book=book, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("floorbooks:book-detail", setting_slug=setting.slug, book_id=book.pk)
        status = 400
    return render(
        request,
        "floorbooks/form.html",
        {"setting": setting, "form": form, "book": book, "title": book.title, "submit": _("Save")},
        status=status,
    )


@staff_required(flag="can_view_children")
@require_http_methods(["GET", "POST"])
def page_add(request: HttpRequest, setting_slug: str, book_id) -> HttpResponse:
    """A new page from a tablet: several photos at once, tap the children in them, their words."""
    setting = _setting(request)
    book = selectors.book_for_staff(setting=setting, book_id=book_id)
    children = selectors.children_for_book(user=request.user, book=book)
    form = forms.PageForm(request.POST or None, request.FILES or None, children=children)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            uploads = data["photos"]
            try:
                services.floor_book_page_add(
                    book=book,
                    by=request.user,
                    caption=data["caption"],
                    children_words=data["children_words"],
                    uploads=uploads,
                    children_in_photos=[list(data["children"])] * len(uploads),
                    cleared_for_display=data["cleared_for_display"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The page is in the book."))
                return redirect("floorbooks:book-detail", setting_slug=setting.slug, book_id=book.pk)
        status = 400
    return render(
        request,
        "floorbooks/page_form.html",
        {"setting": setting, "book": book, "form": form},
        status=status,
    )


def _back_to_book(setting, book_id, anchor: str = "") -> HttpResponse:
    url = reverse("floorbooks:book-detail", kwargs={"setting_slug": setting.slug, "book_id": book_id})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _error_message(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@staff_required(flag="can_view_children")
@require_POST
def photo_tag(request: HttpRequest, setting_slug: str, photo_id: int) -> HttpResponse:
    """Say who is in one photo; takes effect for every family at once."""
    setting = _setting(request)
    photo = selectors.photo_for_staff(setting=setting, photo_id=photo_id)
    book = photo.page.book
    form = forms.TagForm(request.POST, children=selectors.children_for_book(user=request.user, book=book))
    if form.is_valid():
        try:
            services.floor_book_photo_tag(photo=photo, by=request.user, children=form.cleaned_data["children"])
        except ValidationError as exc:
            _error_message(request, exc)
        else:
            messages.success(request, _("Saved who is in the photo."))
    else:
        messages.error(request, _("Choose children from the list."))
    return _back_to_book(setting, book.pk, f"page-{photo.page_id}")


@staff_required(flag="can_view_children")
@require_POST
def page_move(request: HttpRequest, setting_slug: str, page_id) -> HttpResponse:
    setting = _setting(request)
    page = selectors.page_for_staff(setting=setting, page_id=page_id)
    try:
        services.floor_book_page_move(page=page, by=request.user, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        _error_message(request, exc)
    return _back_to_book(setting, page.book_id, f"page-{page.pk}")


@staff_required(flag="can_view_children")
@require_POST
def page_display(request: HttpRequest, setting_slug: str, page_id) -> HttpResponse:
    """Show a page on the room's screen or take it off."""
    setting = _setting(request)
    page = selectors.page_for_staff(setting=setting, page_id=page_id)
    cleared = request.POST.get("cleared") == "yes"
    try:
        services.floor_book_page_set_display(page=page, by=request.user, cleared=cleared)
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(request, _("It is on the screen now.") if cleared else _("It is off the screen."))
    return _back_to_book(setting, page.book_id, f"page-{page.pk}")


@staff_required(flag="can_view_children")
@require_GET
def moderation(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Pages and comments families sent, waiting for staff."""
    setting = _setting(request)
    pages, comments = selectors.moderation_queue(setting=setting)
    pages = list(pages)
    return render(
        request,
        "floorbooks/moderation.html",
        {
            "setting": setting,
            "pages": visibility.pages_for_staff(pages, user=request.user),
            "comments": list(comments),
            "form": forms.ModerateForm(),
        },
    )


def _moderate(request: HttpRequest, obj, service, kind: str) -> HttpResponse:
    form = forms.ModerateForm(request.POST)
    if form.is_valid():
        try:
            service(
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                **{kind: obj},
            )
        except ValidationError as exc:
            _error_message(request, exc)
        else:
            messages.success(
                request,
                _("Approved: the room's families can see it.")
                if form.cleaned_data["decision"] == "approve"
                else _("Turned down. The family sees your reason."),
            )
    else:
        messages.error(request, _("Choose approve or turn down."))
    return redirect("floorbooks:moderation", setting_slug=obj.setting.slug)


@staff_required(flag="can_view_children")
@require_POST
def page_moderate(request: HttpRequest, setting_slug: str, page_id) -> HttpResponse:
    page = selectors.page_for_staff(setting=_setting(request), page_id=page_id)
    return _moderate(request, page, services.floor_book_page_moderate, "page")


@staff_required(flag="can_view_children")
@require_POST
def comment_moderate(request: HttpRequest, setting_slug: str, comment_id) -> HttpResponse:
    comment = selectors.comment_for_staff(setting=_setting(request), comment_id=comment_id)
    return _moderate(request, comment, services.floor_book_comment_moderate, "comment")


@staff_required(flag="can_view_children")
@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    """A room's board: its current posts (newest first) and a short form for a new one."""
    setting = _setting(request)
    room = rules.room_for_user(request.user, setting=setting, room_id=room_id)
    children = _room_children(request, room)
    form = forms.BoardPostForm(request.POST or None, request.FILES or None, children=children)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.room_board_post_create(
                    room=room,
                    by=request.user,
                    text=data["text"],
                    kind=data["kind"],
                    upload=data["photo"] or None,
                    children_in_photo=data["children_in_photo"],
                    cleared_for_display=data["cleared_for_display"],
                    expires_at=data["expires_at"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Posted. The room's families can see it now."))
                return redirect("floorbooks:board", setting_slug=setting.slug, room_id=room.pk)
        status = 400
    posts = list(selectors.board_posts_for_staff(room=room))
    rows = visibility.posts_for_staff(posts, user=request.user)
    return render(
        request,
        "floorbooks/board.html",
        {"setting": setting, "room": room, "rows": rows, "form": form},
        status=status,
    )


@staff_required(flag="can_view_children")
@require_POST
def post_display(request: HttpRequest, setting_slug: str, post_id) -> HttpResponse:
    setting = _setting(request)
    post = selectors.board_post_for_staff(setting=setting, post_id=post_id)
    cleared = request.POST.get("cleared") == "yes"
    try:
        services.room_board_post_set_display(post=post, by=request.user, cleared=cleared)
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(request, _("It is on the screen now.") if cleared else _("It is off the screen."))
    return redirect("floorbooks:board", setting_slug=setting.slug, room_id=post.room_id)


@staff_required(flag="can_view_children")
@require_POST
def post_remove(request: HttpRequest, setting_slug: str, post_id) -> HttpResponse:
    setting = _setting(request)
    post = selectors.board_post_for_staff(setting=setting, post_id=post_id)
    services.room_board_post_remove(post=post, by=request.user)
    messages.success(request, _("Taken down. It stays in the record."))
    return redirect("floorbooks:board", setting_slug=setting.slug, room_id=post.room_id)


@staff_required(flag="can_manage_rooms")
@require_http_methods(["GET", "POST"])
def displays(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Secret links for screens by the rooms' doors: make one, see them, revoke them."""
    setting = _setting(request)
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True).order_by("name")
    form = forms.DisplayForm(request.POST or None, rooms=rooms)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            display = services.room_display_create(by=request.user, **form.cleaned_data)
            messages.success(request, _("Open this link on the screen by the door: %(room)s.") % {"room": display.room})
            return redirect("floorbooks:displays", setting_slug=setting.slug)
        status = 400
    return render(
        request,
        "floorbooks/displays.html",
        {"setting": setting, "form": form, "displays": list(selectors.displays_for_setting(setting=setting))},
        status=status,
    )


@staff_required(flag="can_manage_rooms")
@require_POST
def display_revoke(request: HttpRequest, setting_slug: str, display_id) -> HttpResponse:
    setting = _setting(request)
    display = selectors.display_for_staff(setting=setting, display_id=display_id)
    services.room_display_revoke(display=display, by=request.user)
    messages.success(request, _("The link no longer works. The screen shows nothing at its next refresh."))
    return redirect("floorbooks:displays", setting_slug=setting.slug)
