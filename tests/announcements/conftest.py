"""Announcement fixtures: a Toddlers-style room announcement helper and the guardians' records."""

import pytest

from tandem.announcements import services
from tandem.announcements.models import Announcement
from tandem.translations.models import TextTranslation, text_hash


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


def make_announcement(setting, by, **kwargs) -> Announcement:
    kwargs.setdefault("title", "Trip to the farm")
    kwargs.setdefault("body_markdown", "We are going to **the farm** on Friday.")
    return services.announcement_create(setting=setting, by=by, **kwargs)


def translate(announcement, field: str, language: str, text: str) -> TextTranslation:
    """A translation written by a person (status human) of the current text of FIELD."""
    row, _ = TextTranslation.objects.update_or_create(
        source_type=announcement._meta.label_lower,
        source_id=str(announcement.pk),
        field=field,
        language=language,
        defaults={
            "setting": announcement.setting,
            "source_language": announcement.language,
            "source_hash": text_hash(getattr(announcement, field)),
            "text": text,
            "status": TextTranslation.Status.HUMAN,
        },
    )
    return row


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
