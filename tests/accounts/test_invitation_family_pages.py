"""A family uses their code: /accounts/invitation/ then /accounts/invitation/accept/."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tandem.accounts.models import Invitation, User
from tandem.core.models import Guardian

ENTER = "/accounts/invitation/"
ACCEPT = "/accounts/invitation/accept/"
PASSWORD = "plum orchard lantern 42"


@pytest.mark.url("accounts:invitation-enter")
def test_the_code_is_filled_in_from_the_qr_link(client, letter_for_dan) -> None:
    _invitation, raw = letter_for_dan
    response = client.get(ENTER, {"code": raw})
    assert response.status_code == 200
    assert f'value="{raw}"' in response.content.decode()


@pytest.mark.url("accounts:invitation-enter")
def test_a_wrong_code_shows_a_clear_message_and_changes_nothing(client, dan, letter_for_dan) -> None:
    response = client.post(ENTER, {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    dan.refresh_from_db()
    assert dan.user is None
    assert not Invitation.objects.filter(used_at__isnull=False).exists()
    assert "tandem_invitation_id" not in client.session


@pytest.mark.url("accounts:invitation-enter")
@override_settings(INVITATION_ATTEMPTS=3)
def test_wrong_codes_are_limited_per_connection(client, letter_for_dan) -> None:
    _invitation, raw = letter_for_dan
    for _ in range(3):
        assert client.post(ENTER, {"code": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 400
    response = client.post(ENTER, {"code": raw})  # even the right code waits now
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert "tandem_invitation_id" not in client.session
    other = client.post(ENTER, {"code": raw}, REMOTE_ADDR="10.0.0.9")  # another connection is not blocked
    assert other.status_code == 302


@pytest.mark.url("accounts:invitation-accept")
def test_the_accept_page_needs_a_checked_code_first(client) -> None:
    response = client.get(ACCEPT)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:invitation-enter")


@pytest.mark.url("accounts:invitation-accept")
def test_a_family_makes_an_account_from_an_emailed_invitation(client, dan, email_for_dan) -> None:
    invitation, raw = email_for_dan
    assert client.post(ENTER, {"code": raw})["Location"] == ACCEPT
    page = client.get(ACCEPT)
    assert page.status_code == 200 and 'value="dan@home.test"' in page.content.decode()
    response = client.post(
        ACCEPT, {"email": "dan@home.test", "password1": PASSWORD, "password2": PASSWORD, "language": "pl"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("family:home")
    user = User.objects.get(email="dan@home.test")
    assert user.language == "pl" and user.first_name == "Dan"
    assert EmailAddress.objects.get(user=user).verified  # the address the code was sent to
    dan.refresh_from_db()
    invitation.refresh_from_db()
    assert dan.user == user and invitation.used_by == user
    home = client.get(reverse("family:home"))
    assert home.wsgi_request.user == user
    assert "Ada" in home.content.decode()


@pytest.mark.url("accounts:invitation-accept")
def test_a_family_with_a_letter_and_no_email_chooses_a_username(client, dan, letter_for_dan) -> None:
    _invitation, raw = letter_for_dan
    client.post(ENTER, {"code": raw})
    missing = client.post(
        ACCEPT, {"email": "", "username": "", "password1": PASSWORD, "password2": PASSWORD, "language": "en"}
    )
    assert missing.status_code == 400
    assert "Choose a username" in missing.content.decode()
    assert not User.objects.filter(first_name="Dan").exists()
    response = client.post(
        ACCEPT, {"email": "", "username": "danl", "password1": PASSWORD, "password2": PASSWORD, "language": "en"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="danl")
    assert user.email == "" and not EmailAddress.objects.filter(user=user).exists()
    dan.refresh_from_db()
    assert dan.user == user
    client.logout()
    signed_in = client.post(reverse("account_login"), {"login": "danl", "password": PASSWORD})
    assert signed_in.status_code == 302


@pytest.mark.url("accounts:invitation-accept")
def test_an_email_from_a_letter_invitation_is_not_marked_verified(client, letter_for_dan) -> None:
    _invitation, raw = letter_for_dan
    client.post(ENTER, {"code": raw})
    client.post(ACCEPT, {"email": "dan@home.test", "password1": PASSWORD, "password2": PASSWORD, "language": "en"})
    address = EmailAddress.objects.get(email="dan@home.test")
    assert not address.verified


@pytest.mark.url("accounts:invitation-accept")
@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        (PASSWORD, "something else entirely", "not the same"),
        ("short", "short", "too short"),
        ("password123456", "password123456", "too common"),
    ],
)
def test_a_weak_or_mistyped_password_creates_nothing(
    client, dan, letter_for_dan, password1, password2, message
) -> None:
    _invitation, raw = letter_for_dan
    client.post(ENTER, {"code": raw})
    response = client.post(
        ACCEPT, {"username": "danl", "password1": password1, "password2": password2, "language": "en"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username="danl").exists()
    dan.refresh_from_db()
    assert dan.user is None


@pytest.mark.url("accounts:invitation-accept")
def test_an_email_with_an_account_is_asked_to_sign_in_first(client, dora, letter_for_dan, dan) -> None:
    _invitation, raw = letter_for_dan
    client.post(ENTER, {"code": raw})
    response = client.post(
        ACCEPT, {"email": "DORA@home.test", "password1": PASSWORD, "password2": PASSWORD, "language": "en"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sign in first, then come back" in body
    assert "/accounts/login/?next=%2Faccounts%2Finvitation%2Faccept%2F" in body
    assert User.objects.filter(email__iexact="dora@home.test").count() == 1
    dan.refresh_from_db()
    assert dan.user is None


@pytest.mark.url("accounts:invitation-accept")
def test_a_signed_in_person_confirms_and_is_linked(client, ed, dan, letter_for_dan) -> None:
    """Ed (Ben's father) is also Ada's carer Dan in the setting's records: one account, two children."""
    invitation, raw = letter_for_dan
    client.force_login(ed)
    client.post(ENTER, {"code": raw})
    page = client.get(ACCEPT)
    assert page.status_code == 200 and "Link my account" in page.content.decode()
    dan.refresh_from_db()
    assert dan.user is None  # looking is not accepting
    response = client.post(ACCEPT)
    assert response.status_code == 302 and response["Location"] == reverse("family:home")
    dan.refresh_from_db()
    assert dan.user == ed
    assert "tandem_invitation_id" not in client.session
    home = client.get(reverse("family:home")).content.decode()
    assert "Ada" in home and "Ben" in home


@pytest.mark.url("accounts:invitation-accept")
def test_a_code_used_in_another_browser_meanwhile_links_nothing(client, dan, letter_for_dan, ed) -> None:
    from tandem.accounts import services
    from tests import factories as f

    invitation, raw = letter_for_dan
    client.force_login(ed)
    client.post(ENTER, {"code": raw})
    services.invitation_accept(invitation=invitation, user=f.UserFactory(username="first"))
    response = client.post(ACCEPT)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:invitation-enter")
    assert not Guardian.objects.filter(user=ed, pk=dan.pk).exists()


@pytest.mark.url("accounts:invitation-enter")
def test_entering_a_code_sends_no_mail(client, email_for_dan) -> None:
    _invitation, raw = email_for_dan
    client.post(ENTER, {"code": raw})
    assert mail.outbox == []
