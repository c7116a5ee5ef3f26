from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.access import rules
from tandem.core import selectors


@login_required
@require_GET
def overview(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = rules.organisation_for_user(request.user, organisation_slug=organisation_slug)
    numbers = selectors.organisation_numbers(organisation=organisation)
    totals = {
        "children": sum(n.children for n in numbers),
        "staff": sum(n.staff for n in numbers),
        "families": sum(n.families for n in numbers),
        "guardians_signed_in": sum(n.guardians_signed_in for n in numbers),
    }
    return render(
        request,
        "core/org_overview.html",
        {
            "organisation": organisation,
            "numbers": numbers,
            "totals": totals,
            "small_group": selectors.SMALL_GROUP,
        },
    )
