"""A guardian's pages: their own children, nothing else."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.access import rules
from tandem.core import selectors


@login_required
@require_GET
def family_home(request: HttpRequest) -> HttpResponse:
    children = list(selectors.children_for_guardian(user=request.user))
    return render(request, "core/family_home.html", {"children": children})


@login_required
@require_GET
def child_detail(request: HttpRequest, child_id) -> HttpResponse:
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages; this page is the family's view
    return render(
        request,
        "core/family_child.html",
        {"child": child, "perms": perms, "consents": selectors.consents_for_child(child=child)},
    )
