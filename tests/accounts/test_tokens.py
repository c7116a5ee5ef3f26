"""Personal access tokens: /accounts/tokens/."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services
from tandem.accounts.models import ApiToken

TOKENS = "/accounts/tokens/"


@pytest.mark.url("accounts:tokens")
def test_a_new_token_is_shown_once_and_stored_as_a_hash(client, dora) -> None:
    client.force_login(dora)
    response = client.post(TOKENS, {"name": "Kitchen tablet", "scope": "write", "expires_on": ""})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=dora)
    raw = response.context["new_token"]
    assert raw.startswith("tdm_") and raw in response.content.decode()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.scope == "write" and token.expires_at is None and token.prefix == raw[:12]
    assert services.api_token_authenticate(raw=raw) == token
    again = client.get(TOKENS).content.decode()
    assert raw not in again and "Kitchen tablet" in again
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.url("accounts:tokens")
def test_a_token_can_expire(client, dora) -> None:
    client.force_login(dora)
    day = timezone.localdate() + dt.timedelta(days=30)
    client.post(TOKENS, {"name": "Month", "scope": "read", "expires_on": day.isoformat()})
    token = ApiToken.objects.get(user=dora)
    assert timezone.localtime(token.expires_at).date() == day


@pytest.mark.url("accounts:tokens")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "scope": "read"}, "This field is required"),
        ({"name": "X", "scope": "admin"}, "Select a valid choice"),
        ({"name": "X", "scope": "read", "expires_on": "2001-01-01"}, "must be in the future"),
    ],
)
def test_bad_input_makes_no_token(client, dora, data, message) -> None:
    client.force_login(dora)
    response = client.post(TOKENS, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.url("accounts:tokens")
def test_the_list_shows_only_my_own_tokens(client, dora, ed) -> None:
    services.api_token_create(user=ed, name="Ed's laptop", scope="read", expires_at=None)
    services.api_token_create(user=dora, name="Dora's phone", scope="read", expires_at=None)
    client.force_login(dora)
    body = client.get(TOKENS).content.decode()
    assert "Dora&#x27;s phone" in body and "Ed&#x27;s laptop" not in body


@pytest.mark.url("accounts:token-revoke")
def test_revoking_stops_the_token_working(client, dora) -> None:
    token, raw = services.api_token_create(user=dora, name="Phone", scope="read", expires_at=None)
    client.force_login(dora)
    response = client.post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert services.api_token_authenticate(raw=raw) is None


@pytest.mark.url("accounts:token-revoke")
def test_nobody_can_revoke_someone_elses_token(client, dora, ed, alice) -> None:
    token, raw = services.api_token_create(user=dora, name="Phone", scope="read", expires_at=None)
    for person in (ed, alice):
        client.force_login(person)
        assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert services.api_token_authenticate(raw=raw) == token


@pytest.mark.url("accounts:token-revoke")
def test_revoking_rejects_get(client, dora) -> None:
    token, _raw = services.api_token_create(user=dora, name="Phone", scope="read", expires_at=None)
    client.force_login(dora)
    assert client.get(reverse("accounts:token-revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
