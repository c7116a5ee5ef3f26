"""Two-factor sign-in (allauth TOTP + recovery codes) and the setting's rule that its leaders use it."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

PASSWORD = "correct horse battery"  # tests/factories.py


def _current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def oak_tree_requires_mfa(oak_tree):
    oak_tree.require_mfa_for_leaders = True
    oak_tree.save()
    return oak_tree


def test_signing_in_with_totp_asks_for_the_code_after_the_password(client, alice) -> None:
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    response = client.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_recovery_code_also_works_once(client, alice) -> None:
    TOTP.activate(alice, generate_totp_secret())
    code = RecoveryCodes.activate(alice).get_unused_codes()[0]
    client.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(alice.pk)
    client.logout()
    client.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


@pytest.mark.url("accounts:mfa-required")
def test_a_leader_is_sent_to_set_up_mfa_when_the_setting_requires_it(client, alice, oak_tree_requires_mfa) -> None:
    client.force_login(alice)
    response = client.get(reverse("staff:home", args=["oak-tree"]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:mfa-required")
    page = client.get(reverse("accounts:mfa-required"))
    assert page.status_code == 200
    assert reverse("mfa_activate_totp") in page.content.decode()
    # The way out is open: allauth asks for the password again first, never for MFA set-up.
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 302 and setup["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(setup["Location"]).status_code == 200


def test_a_leader_with_totp_goes_straight_through(client, alice, oak_tree_requires_mfa) -> None:
    TOTP.activate(alice, generate_totp_secret())
    client.force_login(alice)
    assert client.get(reverse("staff:home", args=["oak-tree"])).status_code == 200


def test_a_practitioner_is_not_asked_for_mfa(client, bob, oak_tree_requires_mfa) -> None:
    client.force_login(bob)
    assert client.get(reverse("staff:home", args=["oak-tree"])).status_code == 200


def test_leaders_are_not_asked_when_the_setting_does_not_require_it(client, alice) -> None:
    client.force_login(alice)
    assert client.get(reverse("staff:home", args=["oak-tree"])).status_code == 200


def test_the_rule_holds_end_to_end_from_the_sign_in_form(client, alice, oak_tree_requires_mfa) -> None:
    client.post(reverse("account_login"), {"login": "alice@oak.test", "password": PASSWORD})
    response = client.get(reverse("staff:home", args=["oak-tree"]))
    assert response["Location"] == reverse("accounts:mfa-required")
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    assert client.get(reverse("staff:home", args=["oak-tree"])).status_code == 200


def test_the_api_is_no_way_round_the_rule(client, alice, oak_tree_requires_mfa) -> None:
    from tandem.accounts import services

    _token, raw = services.api_token_create(user=alice, name="Script", scope="read", expires_at=None)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    client.force_login(alice)
    assert client.get("/api/v1/me").status_code == 403
    TOTP.activate(alice, generate_totp_secret())
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_a_practitioner_keeps_using_the_api(client, bob, oak_tree_requires_mfa) -> None:
    from tandem.accounts import services

    _token, raw = services.api_token_create(user=bob, name="Script", scope="read", expires_at=None)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
