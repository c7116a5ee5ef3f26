"""Choosing a language (/accounts/language/) and the profile page (/accounts/me/)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.services import AccountError

LANGUAGE = "/accounts/language/"


@pytest.mark.url("accounts:language")
def test_a_signed_in_person_keeps_their_language_on_every_device(client, dora) -> None:
    client.force_login(dora)
    response = client.post(LANGUAGE, {"language": "cy", "next": "/accounts/me/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    dora.refresh_from_db()
    assert dora.language == "cy"
    other_device = type(client)()
    other_device.force_login(dora)
    assert '<html lang="cy"' in other_device.get("/accounts/me/").content.decode()


@pytest.mark.url("accounts:language")
def test_an_unknown_language_is_refused_with_a_message_and_changes_nothing(client, dora) -> None:
    client.force_login(dora)
    response = client.post(LANGUAGE, {"language": "xx", "next": "/accounts/me/"}, follow=True)
    assert "Tandem does not offer this language yet." in response.content.decode()
    dora.refresh_from_db()
    assert dora.language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.url("accounts:language")
def test_signed_out_the_language_lives_in_a_cookie(client) -> None:
    response = client.post(LANGUAGE, {"language": "ar", "next": "/accounts/login/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert 'dir="rtl"' in client.get("/accounts/login/").content.decode()


@pytest.mark.url("accounts:language")
def test_the_next_page_must_be_on_this_site(client, dora) -> None:
    client.force_login(dora)
    response = client.post(LANGUAGE, {"language": "pl", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.url("accounts:language")
def test_the_language_page_rejects_get(client, dora) -> None:
    client.force_login(dora)
    assert client.get(LANGUAGE, {"language": "pl"}).status_code == 405
    dora.refresh_from_db()
    assert dora.language == "en"


def test_the_service_refuses_an_unknown_language(dora) -> None:
    with pytest.raises(AccountError):
        services.user_set_language(user=dora, language="klingon")
    dora.refresh_from_db()
    assert dora.language == "en"


@pytest.mark.url("accounts:profile")
def test_the_profile_shows_the_account_and_its_links(client, dora) -> None:
    client.force_login(dora)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "dora@home.test" in body
    for name in ("accounts:tokens", "accounts:export", "mfa_index", "usersessions_list"):
        assert reverse(name) in body


@pytest.mark.url("accounts:profile")
def test_the_profile_needs_sign_in(client, db) -> None:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
