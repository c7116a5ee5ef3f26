"""The invitation services: create, check, accept, revoke, e-mail."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from tandem.accounts import services
from tandem.accounts.models import Invitation, hash_secret, normalise_code
from tandem.accounts.services import AccountError
from tandem.core.models import AuditEntry, Guardian
from tests import factories as f


def test_it_stores_only_the_hash_of_the_code(letter_for_dan) -> None:
    invitation, raw = letter_for_dan
    assert invitation.code_hash == hash_secret(normalise_code(raw))
    assert raw.replace("-", "") not in invitation.code_hash
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=13)
    assert AuditEntry.objects.filter(action="accounts.invitation.created", object_id=str(invitation.pk)).exists()


def test_a_new_invitation_withdraws_the_earlier_open_one(dan, alice, letter_for_dan) -> None:
    first, first_raw = letter_for_dan
    second, second_raw = services.invitation_create(guardian=dan, channel="letter", by=alice, language="pl")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    with pytest.raises(AccountError):
        services.invitation_check(first_raw)
    assert services.invitation_check(second_raw) == second


def test_it_refuses_to_invite_a_guardian_who_already_has_an_account(dora, alice) -> None:
    guardian = Guardian.objects.get(user=dora)
    with pytest.raises(AccountError, match="already has an account"):
        services.invitation_create(guardian=guardian, channel="letter", by=alice, language="en")
    assert not Invitation.objects.exists()


def test_it_refuses_an_email_invitation_without_an_address(dan, alice) -> None:
    dan.email = ""
    dan.save()
    with pytest.raises(AccountError, match="e-mail address"):
        services.invitation_create(guardian=dan, channel="email", by=alice, language="en")
    assert not Invitation.objects.exists()


def test_it_refuses_an_unknown_language(dan, alice) -> None:
    with pytest.raises(AccountError):
        services.invitation_create(guardian=dan, channel="letter", by=alice, language="xx")
    assert not Invitation.objects.exists()


def test_it_accepts_the_code_however_it_is_typed(letter_for_dan) -> None:
    invitation, raw = letter_for_dan
    assert services.invitation_check(f"  {raw.lower().replace('-', ' ')} ") == invitation


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-EFGH-JKMN", "not a code at all!"])
def test_it_rejects_a_wrong_code_with_a_clear_message(letter_for_dan, typed) -> None:
    with pytest.raises(AccountError) as info:
        services.invitation_check(typed)
    assert "not right" in info.value.message


def test_it_rejects_an_expired_code(letter_for_dan) -> None:
    invitation, raw = letter_for_dan
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(AccountError, match="expired"):
        services.invitation_check(raw)


def test_it_rejects_a_withdrawn_code(letter_for_dan, alice) -> None:
    invitation, raw = letter_for_dan
    services.invitation_revoke(invitation=invitation, by=alice)
    with pytest.raises(AccountError, match="withdrawn"):
        services.invitation_check(raw)
    assert AuditEntry.objects.filter(action="accounts.invitation.revoked", object_id=str(invitation.pk)).exists()


def test_accepting_links_the_account_to_the_guardian_once(letter_for_dan, dan) -> None:
    invitation, raw = letter_for_dan
    user = f.UserFactory(username="dan")
    services.invitation_accept(invitation=services.invitation_check(raw), user=user)
    dan.refresh_from_db()
    invitation.refresh_from_db()
    assert dan.user == user
    assert invitation.used_at is not None and invitation.used_by == user
    entry = AuditEntry.objects.get(action="accounts.invitation.accepted")
    assert entry.actor == user and entry.object_id == str(invitation.pk)
    with pytest.raises(AccountError, match="already been used"):
        services.invitation_check(raw)
    other = f.UserFactory(username="mallory")
    with pytest.raises(AccountError):
        services.invitation_accept(invitation=invitation, user=other)
    dan.refresh_from_db()
    assert dan.user == user


def test_a_used_invitation_cannot_be_withdrawn(letter_for_dan, alice) -> None:
    invitation, raw = letter_for_dan
    services.invitation_accept(invitation=invitation, user=f.UserFactory())
    with pytest.raises(AccountError, match="already been accepted"):
        services.invitation_revoke(invitation=invitation, by=alice)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def _code_in(body: str) -> str:
    import re

    return re.search(r"code=([A-Z0-9-]+)", body).group(1)


def test_the_email_goes_out_in_the_guardians_language_with_a_working_link(email_for_dan) -> None:
    invitation, raw_at_creation = email_for_dan
    services.invitation_send_email(invitation=invitation)  # the task runs inline in tests
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dan@home.test"]
    code = _code_in(message.body)
    assert code in message.body.replace(f"code={code}", "")  # printed for typing, not only in the link
    assert services.invitation_check(code) == invitation
    with pytest.raises(AccountError):
        services.invitation_check(raw_at_creation)  # the code is made by the task, not at creation
    with translation.override("pl"):
        polish_date = date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
    with translation.override("en"):
        english_date = date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
    assert polish_date != english_date
    assert polish_date in message.body  # rendered with Polish active, whatever the request's language
    assert "Oak Tree Nursery" in message.subject


def test_the_raw_code_is_not_kept_in_the_task_queue(email_for_dan) -> None:
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    invitation, _raw = email_for_dan
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        services.invitation_send_email(invitation=invitation)
        stored = DBTaskResult.objects.get()
    assert stored.args_kwargs == {"args": [str(invitation.setting_id), str(invitation.pk)], "kwargs": {}}


def test_running_the_email_task_twice_sends_one_email(email_for_dan) -> None:
    invitation, _raw = email_for_dan
    services.invitation_send_email(invitation=invitation)
    services.invitation_send_email(invitation=invitation)
    assert len(mail.outbox) == 1
    assert services.invitation_check(_code_in(mail.outbox[0].body)) == invitation


def test_a_withdrawn_invitation_is_never_emailed(email_for_dan, alice) -> None:
    invitation, raw = email_for_dan
    services.invitation_revoke(invitation=invitation, by=alice)
    services.invitation_send_email(invitation=invitation)
    assert mail.outbox == []


def test_the_letter_is_an_a4_pdf_with_the_setting_code_and_qr(letter_for_dan) -> None:
    import io

    from pypdf import PdfReader

    invitation, raw = letter_for_dan
    pdf = services.invitation_letter_pdf(invitation=invitation, raw_code=raw)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1  # one sheet to hand over at pick-up
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) * 25.4 / 72
    height_mm = float(page.mediabox.height) * 25.4 / 72
    assert round(width_mm) == 210 and round(height_mm) == 297
    text = page.extract_text()
    assert "Oak Tree Nursery" in text
    assert raw in text
    assert "/accounts/invitation/" in text.replace("\n", "")  # a long address wraps onto two lines
    assert "/XObject" in str(page["/Resources"]) or page.images  # the QR code is drawn


@pytest.mark.parametrize("language", ["en", "pl", "ro", "ur", "ar", "bn", "pa", "cy"])
def test_the_letter_fits_one_page_in_every_language(dan, alice, language) -> None:
    import io

    from pypdf import PdfReader

    invitation, raw = services.invitation_create(guardian=dan, channel="letter", by=alice, language=language)
    pdf = services.invitation_letter_pdf(invitation=invitation, raw_code=raw)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
