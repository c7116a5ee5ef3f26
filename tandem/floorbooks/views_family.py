"""A family's pages, under /family/floorbooks/: the floor books and boards of their children's
rooms (photos already decided for this family by tandem.floorbooks.visibility), and a comment
or a page from home, which waits for staff. Anyone else gets 404."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.forms import add_service_errors
from tandem.core.models import Child
from tandem.floorbooks import forms, selectors, services, visibility


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    children = selectors.guardian_children(user=request.user)
    books = list(selectors.books_for_guardian(user=request.user))
    rooms = selectors.rooms_for_guardian(user=request.user)
    return render(request, "floorbooks/family_index.html", {"children": children, "books": books, "rooms": rooms})


def _book_page(request: HttpRequest, book, mine, comment_form, status: int = 200) -> HttpResponse:
    pages = list(selectors.pages_for_guardian(user=request.user, book=book))
    views = visibility.pages_for_family(
        pages,
        user=request.user,
        own_child_ids=[c.pk for c in mine],
        surnames=selectors.surnames_in(setting=book.setting),
    )
    with timezone.override(zoneinfo.ZoneInfo(book.setting.timezone)):
        return _render_book(request, book, views, comment_form, status)


def _render_book(request: HttpRequest, book, views, comment_form, status: int) -> HttpResponse:
    return render(
        request,
        "floorbooks/family_book.html",
        {
            "book": book,
            "pages": views,
            "comments": list(selectors.comments_for_guardian(user=request.user, book=book)),
            "comment_form": comment_form,
        },
        status=status,
    )


@login_required
@require_GET
def book(request: HttpRequest, book_id) -> HttpResponse:
    floor_book, mine = selectors.book_for_guardian(user=request.user, book_id=book_id)
    return _book_page(request, floor_book, mine, forms.CommentForm())


@login_required
@require_POST
def comment(request: HttpRequest, book_id) -> HttpResponse:
    """A comment on the book (or one page of it); other families see it once staff approve it."""
    floor_book, mine = selectors.book_for_guardian(user=request.user, book_id=book_id)
    guardian = selectors.guardian_for_book(user=request.user, book=floor_book)
    form = forms.CommentForm(request.POST)
    page = None
    if request.POST.get("page"):
        page = selectors.page_for_guardian(user=request.user, book=floor_book, page_id=request.POST["page"])
    if form.is_valid():
        try:
            services.floor_book_comment_add(
                book=floor_book, guardian=guardian, by=request.user, text=form.cleaned_data["text"], page=page
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your comment will appear once staff have seen it."))
            return redirect("floorbooks_family:book", book_id=floor_book.pk)
    return _book_page(request, floor_book, mine, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def page_add(request: HttpRequest, book_id) -> HttpResponse:
    """A page from home: a photo of a drawing and the child's words. Staff approve it first."""
    floor_book, mine = selectors.book_for_guardian(user=request.user, book_id=book_id)
    guardian = selectors.guardian_for_book(user=request.user, book=floor_book)
    children = Child.objects.filter(pk__in=[c.pk for c in mine])
    form = forms.FamilyPageForm(request.POST or None, request.FILES or None, children=children)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.floor_book_page_add_from_home(
                    book=floor_book,
                    guardian=guardian,
                    by=request.user,
                    caption=data["caption"],
                    children_words=data["children_words"],
                    uploads=data["photos"],
                    child=data["child"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your page will appear in the book once staff have seen it."))
                return redirect("floorbooks_family:book", book_id=floor_book.pk)
        status = 400
    return render(request, "floorbooks/family_page_form.html", {"book": floor_book, "form": form}, status=status)


@login_required
@require_GET
def board(request: HttpRequest, room_id) -> HttpResponse:
    """The room's board on a parent's phone, newest first."""
    room, mine = selectors.room_for_guardian(user=request.user, room_id=room_id)
    posts = list(selectors.board_posts_for_guardian(room=room))
    photos = visibility.post_photo_for_family(posts, user=request.user, own_child_ids=[c.pk for c in mine])
    with timezone.override(zoneinfo.ZoneInfo(room.setting.timezone)):
        return render(
            request,
            "floorbooks/family_board.html",
            {"room": room, "rows": [(p, photos.get(p.pk)) for p in posts]},
        )
