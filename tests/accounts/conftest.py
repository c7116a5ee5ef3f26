"""Fixtures for account tests: Dan, Ada's father, whom Oak Tree has not invited yet; a clean
cache so one test's rate limits never leak into the next."""

import pytest
from django.core.cache import cache

from tandem.accounts import services
from tests import factories as f


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Exports written by a test land in its own folder, not in var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/nowhere/"},
        },
    }


@pytest.fixture
def dan(ada):
    """Ada's father: known to Oak Tree, reads Polish, no account yet."""
    guardian = f.GuardianFactory(family=ada.family, first_name="Dan", last_name="Lovelace", email="dan@home.test")
    f.ChildGuardianFactory(child=ada, guardian=guardian, relationship="father")
    f.CommunicationPreferenceFactory(guardian=guardian, language="pl")
    return guardian


@pytest.fixture
def letter_for_dan(dan, alice):
    """An open letter invitation for Dan and its raw code."""
    return services.invitation_create(guardian=dan, channel="letter", by=alice, language="pl")


@pytest.fixture
def email_for_dan(dan, alice):
    """An open e-mail invitation for Dan and its raw code."""
    return services.invitation_create(guardian=dan, channel="email", by=alice, language="pl")
