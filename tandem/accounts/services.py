"""Writes about accounts: language, API tokens, invitations, data exports. Views, the API and
tasks call these; none of them writes an account row itself."""

import datetime as dt
import hashlib
import io
import json
import secrets
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from tandem.accounts.models import (
    ApiToken,
    DataExport,
    Invitation,
    User,
    hash_secret,
    new_invitation_code,
    normalise_code,
)
from tandem.core.audit import audit_log
from tandem.core.models import Guardian


class AccountError(Exception):
    """A request about an account that cannot be done; the message is translated and is shown
    to the person as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------------------------
# Language


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    """Store the language a person chose for Tandem (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise AccountError(_("Tandem does not offer this language yet."))
    user.language = language
    user.save(update_fields=["language"])


# ---------------------------------------------------------------------------------------------
# Invitations


def guardian_language(guardian: Guardian, *, fallback: str = "en") -> str:
    """The language a guardian reads: their communication preferences, else FALLBACK."""
    try:
        language = guardian.preferences.language
    except ObjectDoesNotExist:
        language = fallback
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def invitation_create(
    *, guardian: Guardian, channel: str, by: User, language: str, email: str = ""
) -> tuple[Invitation, str]:
    """A new single-use code for GUARDIAN, withdrawing any earlier open one (only the newest
    letter or e-mail works). Staff with can_invite_families call it, after access has fetched
    the guardian. Returns the invitation and the raw code, which is never stored."""
    if channel not in Invitation.Channel.values:
        raise AccountError(_("Choose how to send the invitation: by e-mail or as a printed letter."))
    if language not in dict(settings.LANGUAGES):
        raise AccountError(_("Tandem does not offer this language yet."))
    if guardian.user_id is not None:
        raise AccountError(_("%(name)s already has an account linked to their child.") % {"name": guardian.full_name})
    email = (email or guardian.email or "").strip()
    if channel == Invitation.Channel.EMAIL:
        if not email:
            raise AccountError(_("We need an e-mail address to send the invitation to."))
        try:
            from django.core.validators import validate_email

            validate_email(email)
        except ValidationError as exc:
            raise AccountError(_("Enter a valid e-mail address.")) from exc
    now = timezone.now()
    open_invitations = Invitation.objects.select_for_update().filter(
        guardian=guardian, used_at__isnull=True, revoked_at__isnull=True
    )
    for earlier in open_invitations:
        earlier.revoked_at = now
        earlier.save(update_fields=["revoked_at"])
        audit_log(
            "accounts.invitation.revoked", actor=by, obj=earlier, setting=guardian.setting, data={"reason": "replaced"}
        )
    raw = new_invitation_code()
    invitation = Invitation(
        setting=guardian.setting,
        guardian=guardian,
        channel=channel,
        email=email if channel == Invitation.Channel.EMAIL else "",
        language=language,
        code_hash=hash_secret(normalise_code(raw)),
        created_by=by,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        "accounts.invitation.created",
        actor=by,
        obj=invitation,
        setting=guardian.setting,
        data={"guardian_id": str(guardian.pk), "channel": channel},
    )
    return invitation, raw


def invitation_url(raw_code: str) -> str:
    """Where a family types (or, from the QR code, finds already typed) their code."""
    return f"{settings.SITE_URL}{reverse('accounts:invitation-enter')}?{urlencode({'code': raw_code})}"


def invitation_send_email(*, invitation: Invitation) -> None:
    """Send the invitation e-mail in the background. The task makes the code itself, so a
    raw code is never written anywhere (not even in the task queue's arguments)."""
    from tandem.accounts.tasks import invitation_email_send

    invitation_email_send.enqueue(str(invitation.setting_id), str(invitation.pk))


@transaction.atomic
def invitation_email_deliver(*, invitation_id: str) -> bool:
    """Give an e-mail invitation its code and send it, in the family's language. Called by the
    task. Runs once per invitation: a withdrawn, used, expired or already sent invitation is
    not sent again, so running the task twice sends one e-mail. Returns whether one went out."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("guardian", "setting")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_usable or not invitation.email or invitation.sent_at is not None:
        return False
    raw_code = new_invitation_code()
    invitation.code_hash = hash_secret(normalise_code(raw_code))
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["code_hash", "sent_at"])
    guardian = invitation.guardian
    with translation.override(invitation.language):
        context = {
            "guardian": guardian,
            "setting": invitation.setting,
            "code": raw_code,
            "url": invitation_url(raw_code),
            "enter_url": f"{settings.SITE_URL}{reverse('accounts:invitation-enter')}",
            "expires_at": invitation.expires_at,
        }
        subject = _("%(setting)s invites you to Tandem") % {"setting": invitation.setting.name}
        body = render_to_string("accounts/email/invitation.txt", context)
    # Inside the transaction: if the mail server refuses, the code and sent_at roll back and
    # the task's retry issues a fresh one.
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )
    return True


def invitation_letter_pdf(*, invitation: Invitation, raw_code: str) -> bytes:
    """The printed invitation letter (A4) in the family's language: the setting, the code in
    large type, a QR code that opens the code page with the code filled in, and the steps.
    Staff print it straight away; the code is not kept anywhere."""
    import base64

    import qrcode
    import qrcode.image.svg

    from tandem.reports.pdf import render_pdf

    url = invitation_url(raw_code)
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2).to_string()
    qr_data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    return render_pdf(
        "reports/invitation_letter.html",
        {
            "invitation": invitation,
            "guardian": invitation.guardian,
            "setting": invitation.setting,
            "code": raw_code,
            "url": url,
            "enter_url": f"{settings.SITE_URL}{reverse('accounts:invitation-enter')}",
            "qr_data_uri": qr_data_uri,
        },
        language=invitation.language,
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation that has not been used, so its code stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise AccountError(_("This invitation has already been accepted, so it cannot be withdrawn."))
    if invitation.revoked_at is not None:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log("accounts.invitation.revoked", actor=by, obj=invitation, setting=invitation.setting)
    return invitation


def invitation_check(raw_code: str) -> Invitation:
    """The invitation for a code a family typed; AccountError with a message they can act on
    when it is wrong, expired, used or withdrawn. Anyone may call it (the page is public and
    rate limited)."""
    code = normalise_code(raw_code or "")
    if len(code) != 12:
        raise AccountError(_("That code is not right. Check it against your letter or e-mail and try again."))
    # A code is looked up before anyone knows which setting it belongs to: its hash is the key.
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("setting", "guardian").filter(code_hash=hash_secret(code)).first()
        )
    if invitation is None:
        raise AccountError(_("That code is not right. Check it against your letter or e-mail and try again."))
    if invitation.used_at is not None:
        raise AccountError(_("This code has already been used. Sign in with the account it was used for."))
    if invitation.revoked_at is not None:
        raise AccountError(_("This code has been replaced or withdrawn. Ask your setting for a new one."))
    if invitation.expires_at <= timezone.now():
        raise AccountError(_("This code has expired. Ask your setting for a new one."))
    return invitation


def invitation_get_usable(*, invitation_id: str) -> Invitation | None:
    """The invitation a family has already checked in this browser, while it is still usable."""
    try:
        uuid.UUID(str(invitation_id))
    except ValueError:
        return None
    with scopes_disabled():  # see invitation_check: the family has no setting yet
        invitation = Invitation.objects.select_related("setting", "guardian").filter(pk=invitation_id).first()
    return invitation if invitation is not None and invitation.is_usable else None


def invitation_accept(*, invitation: Invitation, user: User) -> Guardian:
    """Link USER's account to the invitation's guardian, and through them to their children.
    Single use: the row is locked, so two people racing with one code cannot both win."""
    with scope(setting=[invitation.setting_id]), transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise AccountError(_("This code can no longer be used. Ask your setting for a new one."))
        guardian = Guardian.objects.select_for_update().get(pk=locked.guardian_id)
        if guardian.user_id is not None and guardian.user_id != user.pk:
            raise AccountError(_("This invitation is for someone who already has an account."))
        if Guardian.objects.filter(family_id=guardian.family_id, user=user).exclude(pk=guardian.pk).exists():
            raise AccountError(_("Your account is already linked to another carer in this family."))
        guardian.user = user
        guardian.save(update_fields=["user"])
        locked.used_at = timezone.now()
        locked.used_by = user
        locked.save(update_fields=["used_at", "used_by"])
        audit_log(
            "accounts.invitation.accepted",
            actor=user,
            obj=locked,
            setting=locked.setting,
            data={"guardian_id": str(guardian.pk)},
        )
    return guardian


def user_create_for_invitation(
    *, invitation: Invitation, email: str, username: str, password: str, language: str
) -> User:
    """Make a family's account from an invitation and accept it, in one transaction: either
    the person ends up with an account linked to their child, or nothing is written. The
    e-mail counts as verified when it is the address the invitation was sent to."""
    from allauth.account.models import EmailAddress

    email = (email or "").strip()
    if not invitation.is_usable:
        raise AccountError(_("This code can no longer be used. Ask your setting for a new one."))
    if language not in dict(settings.LANGUAGES):
        raise AccountError(_("Tandem does not offer this language yet."))
    if email and User.objects.filter(email__iexact=email).exists():
        raise AccountError(_("There is already an account with this e-mail address. Sign in first, then come back."))
    if not username:
        username = _free_username(email.split("@")[0] if email else invitation.guardian.first_name)
    elif User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("This username is taken. Choose another."))
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=invitation.guardian.first_name,
            last_name=invitation.guardian.last_name,
            language=language,
        )
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        if email:
            verified = invitation.channel == Invitation.Channel.EMAIL and invitation.email.lower() == email.lower()
            EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        invitation_accept(invitation=invitation, user=user)
    return user


def _free_username(base: str) -> str:
    stem = "".join(ch for ch in base.lower() if ch.isalnum() or ch in "._-")[:20] or "family"
    for _attempt in range(20):
        candidate = f"{stem}-{secrets.randbelow(10_000):04d}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    return f"{stem}-{secrets.token_hex(6)}"


# ---------------------------------------------------------------------------------------------
# Personal access tokens

TOKEN_PREFIX = "tdm_"


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str, expires_at: dt.datetime | None) -> tuple[ApiToken, str]:
    """A new personal access token for USER. The raw token is returned once and stored only as
    its SHA-256 hash; the first characters are kept so the person can tell tokens apart."""
    name = (name or "").strip()
    if not name:
        raise AccountError(_("Give the token a name so you can recognise it later."))
    if scope not in ApiToken.Scope.values:
        raise AccountError(_("Choose what the token may do."))
    if expires_at is not None and expires_at <= timezone.now():
        raise AccountError(_("The expiry date must be in the future."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        scope=scope,
        expires_at=expires_at,
        prefix=raw[:12],
        token_hash=hashlib.sha256(raw.encode()).hexdigest(),
    )
    token.full_clean()
    token.save()
    audit_log("accounts.api_token.created", actor=user, obj=token, setting=None, data={"scope": scope})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token working. Only its owner calls this (the view fetched it by owner)."""
    if token.user_id != by.pk:
        raise AccountError(_("You can only withdraw your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log("accounts.api_token.revoked", actor=by, obj=token, setting=None)
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token for RAW (as sent in the Authorization header), or None."""
    digest = hashlib.sha256(raw.encode()).hexdigest()
    token = ApiToken.objects.select_related("user").filter(token_hash=digest).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# ---------------------------------------------------------------------------------------------
# Data exports (UK GDPR Article 15: the right of access; Article 20: portability)


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Ask for a copy of everything Tandem holds about USER and their children. One at a time:
    while one is being prepared, asking again returns it."""
    from tandem.accounts.tasks import data_export_build_task

    pending = DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).first()
    if pending is not None:
        return pending
    export = DataExport.objects.create(user=user)
    audit_log("accounts.data_export.requested", actor=user, obj=export, setting=None)
    data_export_build_task.enqueue(str(export.pk))
    return export


def data_export_build(*, export: DataExport) -> DataExport:
    """Build the zip for EXPORT: data.json (the person, their guardian records, preferences,
    children as the guardian sees them, consents and their history, their own audit entries)
    and files/ (any stored files of those records). Safe to run twice: a ready export is kept."""
    from tandem.accounts import selectors

    if export.status == DataExport.Status.READY and export.file:
        return export
    try:
        with scope(setting=selectors.setting_ids_for_export(user=export.user)):
            data, files = selectors.data_export_content(user=export.user)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
            for name, field_file in files:
                with field_file.open("rb") as fh:
                    archive.writestr(f"files/{name}", fh.read())
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        export.file.save(f"tandem-{export.pk}-{stamp}.zip", ContentFile(buffer.getvalue()), save=False)
        export.status = DataExport.Status.READY
    except Exception:
        export.status = DataExport.Status.FAILED
        raise
    finally:
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "status", "finished_at"])
    return export


def data_export_open(*, export: DataExport, by: User):
    """Open a ready export for its owner to download; the download is logged, because the
    file holds children's records."""
    if export.user_id != by.pk or export.status != DataExport.Status.READY:
        raise AccountError(_("This download is not available."))
    audit_log("accounts.data_export.downloaded", actor=by, obj=export, setting=None)
    return export.file.open("rb")


# A data export holds everything about a family: it is kept only long enough to download.
DATA_EXPORT_KEEP_DAYS = 7


def data_exports_expire(*, now: dt.datetime | None = None) -> int:
    """Delete data exports (file and row) made more than DATA_EXPORT_KEEP_DAYS ago; the person
    can ask for a new one at any time. Called daily by a task. Returns how many went."""
    now = now or timezone.now()
    old = list(DataExport.objects.filter(requested_at__lt=now - dt.timedelta(days=DATA_EXPORT_KEEP_DAYS)))
    for export in old:
        if export.file:
            export.file.delete(save=False)
        with transaction.atomic():
            audit_log("accounts.data_export.expired", actor=None, obj=export, setting=None)
            export.delete()
    return len(old)
