from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts import services


@login_required
@require_GET
def mfa_required(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/mfa_required.html")


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Choose the language Tandem speaks. Stored on the account when signed in (so it follows
    the person to every device) and in a cookie otherwise."""
    code = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if code not in dict(settings.LANGUAGES):
        messages.error(request, _("Tandem does not offer this language yet."))
        return redirect(next_url)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=code)
    translation.activate(code)
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
        httponly=True,
    )
    return response


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")
