"""Staff pages: browse the setting's framework (searchable) and the plain-words page about its areas."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.accounts.decorators import staff_required

from . import selectors


@staff_required
@require_GET
def browse(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    query = request.GET.get("q", "").strip()[:100]
    tree = selectors.curriculum_tree(selectors.framework_for_setting(setting))
    areas = selectors.tree_search(tree, query=query)
    template = "curriculum/browse.html#areas" if request.htmx else "curriculum/browse.html"
    return render(
        request,
        template,
        {
            "setting": setting,
            "tree": tree,
            "areas": areas,
            "query": query,
            "leuven": selectors.leuven_scales(),
        },
    )


@staff_required
@require_GET
def areas(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    return render(
        request,
        "curriculum/areas.html",
        {
            "setting": setting,
            "framework": selectors.framework_for_setting(setting),
            "explanations": selectors.area_explanations_for_setting(setting),
        },
    )
