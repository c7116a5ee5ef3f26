"""Sign-in pages (allauth) inside Tandem's layout, the sign-in rate limit, and signing out other
sessions."""

import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery"  # tests/factories.py


@pytest.mark.parametrize("name", ["account_login", "account_reset_password"])
def test_the_sign_in_pages_use_tandems_layout(client, name) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert 'class="topbar"' in body and "tandem/app.css" in body


@pytest.mark.parametrize("name", ["mfa_index", "usersessions_list", "account_change_password"])
def test_the_account_pages_use_tandems_layout(client, dora, name) -> None:
    client.force_login(dora)
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="topbar"' in body and reverse("accounts:profile") in body


def test_open_sign_up_is_closed(client, db) -> None:
    from tandem.accounts.models import User

    before = User.objects.count()
    client.post(
        reverse("account_signup"),
        {"email": "new@x.test", "password1": "plum orchard 42", "password2": "plum orchard 42"},
    )
    assert User.objects.count() == before


def test_the_sixth_wrong_password_in_a_row_is_refused_with_a_message(client, alice) -> None:
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "alice@oak.test", "password": "wrong"})
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    response = client.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password waits now
    assert "Too many failed login attempts" in response.content.decode()


def test_signing_out_other_sessions_ends_the_other_clients_session(alice) -> None:
    phone, laptop = Client(), Client()
    for c in (phone, laptop):
        response = c.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
        assert response.status_code == 302
    assert phone.get(reverse("accounts:profile")).status_code == 200
    listing = laptop.get(reverse("usersessions_list"))
    assert listing.status_code == 200 and listing.context["session_count"] == 2
    response = laptop.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    signed_out = phone.get(reverse("accounts:profile"))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("account_login"))
