"""One shape for every error the API returns:

    {"error": {"code": "not_found", "message": "<in the person's language>", "details": [...]}}

The handlers are registered on the NinjaAPI (tandem.api.api), so an Http404 from the access
layer, a PermissionDenied from `rules.require`, a Django ValidationError from a service's
`full_clean()` and ninja's own errors all come out the same way. Another setting or another
family is a 404, exactly like an id that does not exist: the API never says which it was."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from tandem.accounts.services import AccountError
from tandem.core.services import CoreError

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error an endpoint raises on purpose, with its code and a translated message."""

    def __init__(self, status: int, code: str, message: str, details: list | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        super().__init__(message)


def error_body(code: str, message: str, details: list | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": str(message), "details": details or []}}


def error_response(status: int, code: str, message: str, details: list | None = None) -> JsonResponse:
    """For the few places outside an operation (unknown paths, wrong methods)."""
    return JsonResponse(error_body(code, message, details), status=status)


# Messages are looked up at request time so they come out in the person's language.
def _not_found() -> str:
    return _("There is nothing here, or you may not see it.")


def _forbidden() -> str:
    return _("You may not do this.")


def _unauthorized() -> str:
    return _("Sign in, or send a valid personal access token.")


def _invalid() -> str:
    return _("Some of what was sent is not valid. See the details.")


def _rate_limited() -> str:
    return _("Too many requests. Wait a little and try again.")


def _loc_to_field(loc: Any) -> str:
    # ninja reports ("body", "payload", "date_of_birth"); people want "date_of_birth".
    parts = [str(p) for p in (loc or ()) if p not in ("body", "query", "path", "payload", "filters", "data")]
    return ".".join(parts)


def ninja_validation_details(errors: list[dict]) -> list[dict]:
    return [
        {
            "field": _loc_to_field(e.get("loc")),
            "location": str((e.get("loc") or ("body",))[0]),
            "code": str(e.get("type", "invalid")),
            "message": str(e.get("msg", "")),
        }
        for e in errors
    ]


def django_validation_details(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": "" if field == "__all__" else field, "code": err.code or "invalid", "message": msg}
            for field, errs in exc.error_dict.items()
            for err in errs
            for msg in err.messages
        ]
    return [
        {"field": "", "code": err.code or "invalid", "message": msg} for err in exc.error_list for msg in err.messages
    ]


def register_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (which answer {"detail": ...}) with the one shape."""

    def respond(request: HttpRequest, status: int, code: str, message: str, details=None) -> HttpResponse:
        return api.create_response(request, error_body(code, message, details), status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", _not_found())

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "forbidden", _forbidden())

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, "unauthorized", _unauthorized())

    @api.exception_handler(AuthorizationError)
    def on_unauthorised(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return respond(request, 403, "forbidden", _forbidden())

    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = respond(request, 429, "rate_limited", _rate_limited())
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(NinjaValidationError)
    def on_invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return respond(request, 422, "validation_error", _invalid(), ninja_validation_details(exc.errors))

    @api.exception_handler(AccountError)
    def on_account_error(request: HttpRequest, exc: AccountError) -> HttpResponse:
        return respond(
            request, 422, "validation_error", exc.message, [{"field": "", "code": "invalid", "message": exc.message}]
        )

    # The services' CoreError is a Django ValidationError (with the field it belongs to).
    @api.exception_handler(CoreError)
    @api.exception_handler(DjangoValidationError)
    def on_invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return respond(request, 422, "validation_error", _invalid(), django_validation_details(exc))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            # ninja raises this when the body is not JSON at all: still bad input, same shape.
            details = [
                {"field": "", "location": "body", "code": "json_invalid", "message": _("This is not valid JSON.")}
            ]
            return respond(request, 422, "validation_error", _invalid(), details)
        if exc.status_code == 403:
            return respond(request, 403, "forbidden", _forbidden())
        if exc.status_code == 404:
            return respond(request, 404, "not_found", _not_found())
        return respond(request, exc.status_code, "error", str(exc))

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, "server_error", _("Something went wrong on our side. It has been logged."))
