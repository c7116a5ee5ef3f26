"""Helpers for the API tests: personal access tokens made the way accounts makes them."""

import datetime as dt
import hashlib
import secrets

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tandem.accounts.models import ApiToken


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limiter counts in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def make_token(user, *, scope: str = "read", expires_at=None, revoked_at=None) -> str:
    """Store a token for USER and return the raw value (shown once in the real UI)."""
    raw = "tdm_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name="test",
        prefix=raw[:8],
        token_hash=hashlib.sha256(raw.encode()).hexdigest(),
        scope=scope,
        expires_at=expires_at,
        revoked_at=revoked_at,
    )
    return raw


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def csrf_client() -> Client:
    """A client that enforces CSRF like a browser would."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def yesterday() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=1)


def assert_error(response, status: int, code: str) -> dict:
    """The one error shape: {"error": {"code", "message", "details"}}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    return body["error"]
