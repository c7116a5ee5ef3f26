"""Staff pages: home (my key children, my rooms, today), the children list, a child's profile."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core import hub, selectors


@staff_required
@require_GET
def staff_home(request: HttpRequest, setting_slug: str) -> HttpResponse:
    membership = request.membership
    setting = membership.setting
    today = setting.today()
    my_rooms = list(membership.staff.rooms.all())
    key_children = list(selectors.key_children_for_staff(user=request.user, setting=setting))
    birthdays = [
        c
        for c in selectors.child_list_for_staff(user=request.user, setting=setting).filter(
            date_of_birth__month=today.month, date_of_birth__day=today.day, leave_date__isnull=True
        )
    ]
    starting = list(selectors.child_list_for_staff(user=request.user, setting=setting).filter(start_date=today))
    return render(
        request,
        "core/staff_home.html",
        {
            "setting": setting,
            "membership": membership,
            "my_rooms": my_rooms,
            "key_children": key_children,
            "birthdays": birthdays,
            "starting": starting,
            "today": today,
        },
    )


@staff_required
@require_GET
def child_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = list(rules.rooms_visible_to(request.user, setting=setting))
    room = next((r for r in rooms if str(r.pk) == request.GET.get("room", "")), None)
    query = request.GET.get("q", "").strip()[:100]
    children = selectors.child_rows_for_staff(user=request.user, setting=setting, room=room, query=query)
    page = Paginator(children, 50).get_page(request.GET.get("page"))
    template = "core/child_list.html#child_rows" if request.htmx else "core/child_list.html"
    return render(
        request,
        template,
        {"setting": setting, "rooms": rooms, "room": room, "query": query, "page": page},
    )


@staff_required
@require_GET
def child_detail(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    return render(
        request,
        "core/child_detail.html",
        {
            "setting": setting,
            "child": child,
            "perms": perms,
            "consents": selectors.consents_for_child(child=child),
            "guardian_links": selectors.guardian_links_for_child(child=child),
            "sections": hub.child_sections(request, child=child, perms=perms, audience="staff"),
        },
    )


@staff_required
@require_GET
def working_with_families(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The tools for talking with families and working as partners that this person may open."""
    return render(
        request,
        "core/working_with_families.html",
        {"setting": request.membership.setting, "links": hub.staff_links(request.membership)},
    )
