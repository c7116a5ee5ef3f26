"""Request-level account behaviour: the person's own language, the list of signed-in sessions,
API tokens, and the setting's rule that managers and safeguarding leads use two-factor sign-in."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext


class UserLanguageMiddleware:
    """A signed-in person sees Tandem in the language they chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class ApiTokenMiddleware:
    """`Authorization: Bearer tdm_...` on /api/ authenticates as the token's owner, before the
    scope is opened, so token and session requests go through the same access layer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_token = None
        header = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and header.startswith("Bearer "):
            from tandem.accounts.services import api_token_authenticate

            token = api_token_authenticate(raw=header.removeprefix("Bearer ").strip())
            if token is not None:
                request.user = token.user
                request.api_token = token
                request._dont_enforce_csrf_checks = True
        return self.get_response(request)


# Pages a leader still reaches before setting up two-factor sign-in: their own account
# (where the set-up lives), static files, the health check and the language switch.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


class RequireLeaderMfaMiddleware:
    """Where a setting requires it, its owners, managers and DSLs must set up two-factor
    sign-in before they can use anything else. The API is no way round it: a leader without
    two-factor sign-in gets 403 there, with a session or with a token."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith(MFA_EXEMPT_PREFIXES)
            and mfa_required_for(user)
            and not has_mfa(user)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": gettext("Your setting requires two-factor sign-in. Set it up in Tandem first.")},
                    status=403,
                )
            return redirect("accounts:mfa-required")
        return self.get_response(request)


def mfa_required_for(user) -> bool:
    from tandem.access.permissions import LEADER_ROLES
    from tandem.access.rules import memberships_for_user

    return any(
        m.setting.require_mfa_for_leaders and LEADER_ROLES.intersection(m.staff.roles)
        for m in memberships_for_user(user)
    )


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
