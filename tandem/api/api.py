"""Tandem's API: /api/v1/, OpenAPI at /api/openapi.json, docs at /api/docs.

Routers live in tandem/api/routers/; each endpoint asks tandem.access like the pages do. Who is
calling is decided in tandem.api.auth (session with CSRF, or a personal access token), and
every error comes out in the one shape of tandem.api.errors."""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.throttling import UserRateThrottle

from tandem.api.auth import AUTH
from tandem.api.errors import error_response, register_error_handlers
from tandem.api.routers import (
    accounts,
    allaboutme,
    announcements,
    attendance,
    care,
    careplans,
    concerns,
    consultations,
    conversations,
    curriculum,
    engagement,
    family,
    floorbooks,
    incidents,
    journal,
    media,
    medicines,
    meetings,
    notify,
    organisations,
    policies,
    setting_info,
    surveys,
    transitions,
    translations,
    worries,
)
from tandem.api.routers import settings as settings_router

# Per signed-in person (or token owner), across all app servers through the shared cache.
RATE = getattr(settings, "TANDEM_API_RATE", "600/m")


class TandemNinjaAPI(NinjaAPI):
    """NinjaAPI whose URLs also answer an unknown path (404) and a wrong method (405) in the
    one error shape, instead of Django's HTML page and ninja's plain text."""

    def _get_urls(self) -> list:
        patterns = []
        for p in super()._get_urls():
            if isinstance(p, URLPattern) and p.name == "api-root":
                # ninja answers /api/ with Django's HTML 404; keep the name (ninja reverses it).
                p = URLPattern(p.pattern, _unknown_path, p.default_args, p.name)
            patterns.append(_json_method_not_allowed(p) if isinstance(p, URLPattern) else p)
        patterns.append(re_path(r"^.*$", _unknown_path, name="unknown-path"))
        return patterns


def _json_method_not_allowed(pattern: URLPattern) -> URLPattern:
    view = pattern.callback

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/"):
            allowed = response.get("Allow", "")
            response = error_response(405, "method_not_allowed", _("This address does not accept this method."))
            response["Allow"] = allowed
        return response

    return URLPattern(pattern.pattern, wrapper, pattern.default_args, pattern.name)


@csrf_exempt
def _unknown_path(request: HttpRequest) -> HttpResponse:
    return error_response(404, "not_found", _("There is nothing here, or you may not see it."))


api = TandemNinjaAPI(
    title="Tandem API",
    version="1",
    description=(
        "Sign in with a browser session (send the CSRF token on writes) or a personal access token "
        "(`Authorization: Bearer tdm_...`). A read-only token may not write. Every error is "
        '`{"error": {"code", "message", "details"}}`; another setting or family is a 404.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=AUTH,
    throttle=[UserRateThrottle(RATE)],
)
register_error_handlers(api)

api.add_router("/v1/", accounts.router)
api.add_router("/v1/settings/", settings_router.router)
api.add_router("/v1/family/", family.router)
api.add_router("/v1/organisations/", organisations.router)
# Daily care: each router holds both its staff paths (settings/{setting_slug}/...) and family paths.
for _router in (
    care.router,
    attendance.router,
    medicines.router,
    incidents.router,
    curriculum.router,
    media.router,
    journal.router,
    floorbooks.router,
    # Talking with families (issue 6) and the partnership toolkit (issue 7)
    notify.router,
    conversations.router,
    announcements.router,
    setting_info.router,
    translations.router,
    allaboutme.router,
    careplans.router,
    transitions.router,
    meetings.router,
    worries.router,
    concerns.router,
    policies.router,
    surveys.router,
    consultations.router,
    engagement.router,
):
    api.add_router("/v1/", _router)
