"""TEMPORARY placeholders while the foundation is being built in parallel. Must be empty
before the foundation issue is called done (tests/test_urls.py fails on any URL using it)."""

from django.http import HttpResponse


def not_built_yet(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse("Not built yet", status=501)
