"""Periodic work: translators are told (once a day at most) that texts wait in their
languages; texts the machine was never asked are sent to it."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from tandem.notify.models import NoticeRecipient
from tandem.translations import services, tasks
from tandem.translations.models import TextTranslation, TranslatorProfile

pytestmark = pytest.mark.django_db


def _ask(setting, source, language, field="body"):
    return services.translation_request(
        setting=setting, source=source, field=field, text="Hello", source_language="en", languages={language}
    )[0]


def test_translators_are_told_once_a_day_of_texts_in_their_languages(oak_tree, babies, tess_staff, alice) -> None:
    _ask(oak_tree, babies, "ur")  # not hers
    assert tasks.translators_remind.call() == 0
    assert not NoticeRecipient.objects.exists()
    _ask(oak_tree, babies, "pl")
    _ask(oak_tree, babies, "pl", field="title")
    assert tasks.translators_remind.call() == 1
    (recipient,) = NoticeRecipient.objects.select_related("notice")
    assert recipient.staff == tess_staff and recipient.notice.kind == "translations.waiting"
    assert recipient.notice.context == {"count": 2}
    assert "2 texts are waiting" in render_to_string("translations/notices/waiting.subject.txt", {"count": 2})
    # Again the same day: nothing more. A day later, only what is new since.
    assert tasks.translators_remind.call() == 0
    profile = TranslatorProfile.objects.get(staff=tess_staff)
    TranslatorProfile.objects.filter(pk=profile.pk).update(reminded_at=timezone.now() - dt.timedelta(days=2))
    TextTranslation.objects.update(created_at=timezone.now() - dt.timedelta(days=3))
    assert tasks.translators_remind.call() == 0  # still waiting, but she was told of them already
    _ask(oak_tree, babies, "pl", field="summary")
    assert tasks.translators_remind.call() == 1
    assert NoticeRecipient.objects.select_related("notice").latest("created_at").notice.context == {"count": 1}
    assert NoticeRecipient.objects.count() == 2


def test_texts_never_sent_to_the_machine_are_caught_up(oak_tree, babies, libretranslate) -> None:
    row = _ask(oak_tree, babies, "pl")  # not committed in the test: its task never ran
    assert tasks.translations_machine_catch_up.call() == 0  # too recent: its own task may be on the way
    TextTranslation.objects.filter(pk=row.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=30))
    assert tasks.translations_machine_catch_up.call() == 1
    row.refresh_from_db()
    assert row.status == "machine" and row.text == "dzień dobry"
    assert tasks.translations_machine_catch_up.call() == 0
