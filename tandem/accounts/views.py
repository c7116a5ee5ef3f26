"""Account pages: profile, language, a family's invitation code, personal access tokens, data
export, and (for staff) the invitations of a setting. Thin: access, one service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts import selectors, services
from tandem.accounts.decorators import staff_required
from tandem.accounts.forms import ApiTokenForm, InvitationCodeForm, InvitationCreateForm, InvitationSignupForm
from tandem.accounts.models import DataExport, Invitation
from tandem.accounts.services import AccountError

# The invitation a family has typed a good code for, kept in their session (never the code).
SESSION_INVITATION = "tandem_invitation_id"


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


# ---------------------------------------------------------------------------------------------
# A family's invitation code


def _attempts_left(request: HttpRequest, *, count: bool) -> bool:
    """Wrong codes allowed per IP address: settings.INVITATION_ATTEMPTS per 15 minutes, kept in
    the shared cache (allauth's rate limiter, so proxies and IPv6 are handled as for sign-in).
    With COUNT, a wrong code uses one attempt; without, it only asks whether any are left."""
    from allauth.core.internal import ratelimit

    return bool(
        ratelimit.consume(
            request,
            app="tandem.accounts",
            action="invitation_code",
            config={"invitation_code": f"{settings.INVITATION_ATTEMPTS}/15m/ip"},
            dry_run=not count,
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_enter(request: HttpRequest) -> HttpResponse:
    """Where a family types the code from their letter or e-mail (or arrives with it filled in
    from the QR code). Public; works signed in too. A wrong code changes nothing."""
    status = 200
    if request.method == "POST":
        form = InvitationCodeForm(request.POST)
        if not _attempts_left(request, count=False):
            form.is_valid()
            form.add_error(None, _("Too many wrong codes from this connection. Wait 15 minutes and try again."))
            status = 429
        elif form.is_valid():
            try:
                invitation = services.invitation_check(form.cleaned_data["code"])
            except AccountError as exc:
                _attempts_left(request, count=True)
                form.add_error("code", exc.message)
                status = 400
            else:
                request.session[SESSION_INVITATION] = str(invitation.pk)
                return redirect("accounts:invitation-accept")
        else:
            status = 400
    else:
        form = InvitationCodeForm(initial={"code": request.GET.get("code", "")[:30]})
    return render(request, "accounts/invitation_enter.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    """After a good code: signed in, confirm and link this account; signed out, make an account
    (which is linked in the same step), then go to the family's home."""
    invitation = services.invitation_get_usable(invitation_id=request.session.get(SESSION_INVITATION, ""))
    if invitation is None:
        request.session.pop(SESSION_INVITATION, None)
        messages.info(request, _("Type the code from your invitation first."))
        return redirect("accounts:invitation-enter")
    context = {"invitation": invitation, "setting": invitation.setting, "guardian": invitation.guardian}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except AccountError as exc:
                messages.error(request, exc.message)
                return render(request, "accounts/invitation_confirm.html", context, status=400)
            request.session.pop(SESSION_INVITATION, None)
            messages.success(
                request,
                _("Your account is now linked to your child at %(setting)s.") % {"setting": invitation.setting.name},
            )
            return redirect("family:home")
        return render(request, "accounts/invitation_confirm.html", context)

    form = InvitationSignupForm(
        request.POST or None,
        invitation=invitation,
        initial={"email": invitation.email, "language": invitation.language},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                user = services.user_create_for_invitation(
                    invitation=invitation,
                    email=form.cleaned_data["email"],
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    language=form.cleaned_data["language"],
                )
            except AccountError as exc:
                form.add_error(None, exc.message)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                request.session.pop(SESSION_INVITATION, None)
                messages.success(
                    request,
                    _("Welcome to Tandem. Your account is linked to your child at %(setting)s.")
                    % {"setting": invitation.setting.name},
                )
                return redirect("family:home")
        context["login_url"] = (
            f"{reverse('account_login')}?{urlencode({'next': reverse('accounts:invitation-accept')})}"
        )
        return render(request, "accounts/invitation_signup.html", {**context, "form": form}, status=400)
    context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': reverse('accounts:invitation-accept')})}"
    return render(request, "accounts/invitation_signup.html", {**context, "form": form})


# ---------------------------------------------------------------------------------------------
# Invitations, for staff with can_invite_families


@staff_required(flag="can_invite_families")
@require_GET
def invitation_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    guardians = selectors.guardian_list_for_invitations(user=request.user, setting=setting)
    return render(request, "accounts/invitation_list.html", {"setting": setting, "guardians": guardians})


@staff_required(flag="can_invite_families")
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, setting_slug: str, guardian_id) -> HttpResponse:
    """Invite one guardian by e-mail (sent in the background) or by a printed letter (the PDF
    comes straight back: its code exists nowhere else)."""
    setting = request.membership.setting
    guardian = rules.guardian_for_user(request.user, setting=setting, guardian_id=guardian_id)
    language = services.guardian_language(guardian)
    form = InvitationCreateForm(
        request.POST or None,
        initial={
            "channel": Invitation.Channel.EMAIL if guardian.email else Invitation.Channel.LETTER,
            "email": guardian.email,
            "language": language,
        },
    )
    context = {"setting": setting, "guardian": guardian, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, raw = services.invitation_create(
                guardian=guardian,
                channel=data["channel"],
                by=request.user,
                language=data["language"],
                email=data["email"],
            )
        except AccountError as exc:
            form.add_error(None, exc.message)
        else:
            if invitation.channel == Invitation.Channel.LETTER:
                return _letter_response(invitation, raw)
            services.invitation_send_email(invitation=invitation)
            messages.success(request, _("The invitation is on its way to %(email)s.") % {"email": invitation.email})
            return redirect("staff:invitation-list", setting_slug=setting.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/invitation_create.html", context, status=status)


@staff_required(flag="can_invite_families")
@require_POST
def invitation_letter(request: HttpRequest, setting_slug: str, guardian_id) -> HttpResponse:
    """Print a letter with a fresh code (any earlier code stops working)."""
    setting = request.membership.setting
    guardian = rules.guardian_for_user(request.user, setting=setting, guardian_id=guardian_id)
    try:
        invitation, raw = services.invitation_create(
            guardian=guardian,
            channel=Invitation.Channel.LETTER,
            by=request.user,
            language=services.guardian_language(guardian),
        )
    except AccountError as exc:
        messages.error(request, exc.message)
        return redirect("staff:invitation-list", setting_slug=setting.slug)
    return _letter_response(invitation, raw)


def _letter_response(invitation: Invitation, raw: str) -> HttpResponse:
    pdf = services.invitation_letter_pdf(invitation=invitation, raw_code=raw)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tandem-invitation-{invitation.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required(flag="can_invite_families")
@require_POST
def invitation_revoke(request: HttpRequest, setting_slug: str, invitation_id) -> HttpResponse:
    setting = request.membership.setting
    invitation = selectors.invitation_for_user(user=request.user, setting=setting, invitation_id=invitation_id)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The invitation for %(name)s has been withdrawn.") % {"name": invitation.guardian.full_name}
        )
    return redirect("staff:invitation-list", setting_slug=setting.slug)


# ---------------------------------------------------------------------------------------------
# Personal access tokens


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's own API tokens. A new token is shown once, on the page that made it."""
    form = ApiTokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_token = services.api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=form.expires_at(),
                )
            except AccountError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                form = ApiTokenForm()
        else:
            status = 400
    context = {"form": form, "tokens": selectors.api_token_list(user=request.user), "new_token": new_token}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id) -> HttpResponse:
    token = selectors.api_token_for_user(user=request.user, token_id=token_id)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")


# ---------------------------------------------------------------------------------------------
# Data export


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Ask for, and then download, a copy of all the data Tandem holds about you and your children."""
    if request.method == "POST":
        services.data_export_request(user=request.user)
        messages.success(request, _("We are preparing your data. This page shows when it is ready."))
        return redirect("accounts:export")
    return render(request, "accounts/export.html", {"exports": selectors.data_export_list(user=request.user)})


@login_required
@require_GET
def export_download(request: HttpRequest, export_id) -> HttpResponse:
    export = selectors.data_export_for_user(user=request.user, export_id=export_id)
    if export.status != DataExport.Status.READY or not export.file:
        raise Http404
    handle = services.data_export_open(export=export, by=request.user)
    response = FileResponse(handle, as_attachment=True, filename="tandem-my-data.zip", content_type="application/zip")
    response["Cache-Control"] = "no-store"
    return response
