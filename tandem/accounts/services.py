"""Writes about accounts: language, API tokens, sessions, invitations, data exports."""

import hashlib

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import ApiToken


@transaction.atomic
def user_set_language(*, user, language: str) -> None:
    """Store the language a person chose for Tandem."""
    user.language = language
    user.save(update_fields=["language"])


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
