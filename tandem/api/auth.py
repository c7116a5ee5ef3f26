"""Who is calling: a signed-in browser session (with CSRF on unsafe methods) or a personal
access token sent as `Authorization: Bearer tdm_...`.

ApiTokenMiddleware has already looked the token up and put its owner on request.user (before
the tenancy scope is opened), so here we only decide: a Bearer header whose token is unknown,
expired or revoked is a 401 even if a session cookie came with it; a read-only token may not
write (403); someone signed out gets 401."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tandem.accounts.models import ApiToken
from tandem.api.errors import ApiError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """A personal access token; the scope decides whether it may write."""

    def authenticate(self, request: HttpRequest, token: str):
        api_token: ApiToken | None = getattr(request, "api_token", None)
        if api_token is None:
            raise ApiError(401, "unauthorized", _("This token is not valid: it may have expired or been revoked."))
        if request.method not in SAFE_METHODS and api_token.scope != ApiToken.Scope.WRITE:
            raise ApiError(
                403, "forbidden", _("This token may only read. Make a token with write access to change things.")
            )
        return request.user


class SessionAuth(APIKeyCookie):
    """A signed-in browser. Signed out is a 401 (not a CSRF failure); CSRF is checked only once
    we know who is asking, and only on methods that change something."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)  # so /api/docs hands Swagger UI the CSRF token

    def _get_key(self, request: HttpRequest) -> str | None:
        # ninja would check CSRF here, before knowing whether anyone is signed in; we check it
        # in authenticate() instead, so a signed-out write is a 401 and not a CSRF failure.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        if not user.is_authenticated:
            return None
        csrf_exempt = getattr(request, "_ninja_csrf_exempt", False)
        if request.method not in SAFE_METHODS and not csrf_exempt and check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed", _("The CSRF check failed. Reload the page and try again."))
        return user


# Token first: a request with a Bearer header is judged on its token alone.
AUTH = [TokenAuth(), SessionAuth()]
