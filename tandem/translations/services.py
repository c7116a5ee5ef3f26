"""Asking for translations, and the verbs of the translators' work. Any app whose people write
text for readers of other languages calls, inside its own transaction:

    from tandem.translations.services import translation_request
    translation_request(
        setting=message.setting, source=message, field="body", text=message.body,
        source_language="pl", languages={"en"}, author_kind="parent",
    )

and shows the result with tandem.translations.selectors.translation_for (or, for a list,
translations_for), or the {% translated %} template tag. A request for the text's own language
is skipped; an unchanged text that already has a translation is left alone; an edited text is
asked for again (its old translation is never shown, see selectors).

Once the transaction commits, each new request is sent to the machine provider, when one is
configured (tasks.translation_machine). A person's translation always wins: it replaces a
machine one, and a machine result that arrives after a person saved theirs is dropped."""

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.translations import glossary
from tandem.translations.models import (
    AUTHOR_LABELS,
    GlossaryTerm,
    SettingLanguage,
    TextTranslation,
    TranslatorProfile,
    text_hash,
)
from tandem.translations.providers import ProviderError, get_provider

logger = logging.getLogger(__name__)
MAX_TEXT = 20_000


class TranslationError(ValidationError):
    """A translation rule was broken; the message is translated and says what to do."""


def _source_key(source: models.Model) -> tuple[str, str]:
    return source._meta.label_lower, str(source.pk)


def _language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


@transaction.atomic
def translation_request(
    *,
    setting,
    source: models.Model,
    field: str,
    text: str,
    source_language: str,
    languages: Iterable[str],
    author_kind: str = "",
) -> list[TextTranslation]:
    """One TextTranslation per language of LANGUAGES (other than SOURCE_LANGUAGE), waiting for
    a translator or the machine-translation provider. AUTHOR_KIND ("parent" or "staff") is all
    a translator is told of who wrote it."""
    source_type, source_id = _source_key(source)
    digest = text_hash(text)
    author_kind = author_kind if author_kind in AUTHOR_LABELS else ""
    wanted = sorted({lang for lang in languages if lang and lang != source_language})
    existing = {
        t.language: t
        for t in TextTranslation.objects.filter(
            source_type=source_type, source_id=source_id, field=field, language__in=wanted
        )
    }
    result = []
    fresh: list[TextTranslation] = []
    now = timezone.now()
    for language in wanted:
        row = existing.get(language)
        if row is not None and row.source_hash == digest:
            if not row.source_text and text:  # a row made before the original was kept
                row.source_text = text
                row.save(update_fields=["source_text"])
            result.append(row)
            continue
        if row is None:
            row = TextTranslation(
                setting=setting, source_type=source_type, source_id=source_id, field=field, language=language
            )
        row.source_language = source_language
        row.source_hash = digest
        row.source_text = text
        row.author_kind = author_kind
        row.text = ""
        row.machine_text = ""
        row.status = TextTranslation.Status.REQUESTED
        row.translated_by = None
        row.provider = ""
        row.attempts = 0
        row.failure_reason = ""
        row.updated_at = now
        row.save()
        result.append(row)
        fresh.append(row)
    if fresh and text.strip() and get_provider() is not None:
        from tandem.translations.tasks import translation_machine

        jobs = [(str(row.setting_id), str(row.pk), row.source_hash) for row in fresh]

        def enqueue() -> None:
            for setting_id, translation_id, source_hash in jobs:
                translation_machine.enqueue(setting_id, translation_id, source_hash)

        transaction.on_commit(enqueue)
    return result


def translation_machine_run(*, translation_id: str, source_hash: str) -> tuple[str, int]:
    """Ask the machine provider for one requested translation, with the setting's glossary
    protected. Returns (outcome, attempts): "machine" stored, "retry" worth asking again,
    "failed" left for a person with the reason, "skipped" (a person won, the text changed, or
    no provider). Called by tasks.translation_machine only; the HTTP call is outside any
    transaction, so a slow server holds no lock."""
    provider = get_provider()
    row = TextTranslation.objects.filter(pk=translation_id).first()
    if provider is None or row is None or row.source_hash != source_hash:
        return "skipped", 0
    if row.status in (TextTranslation.Status.HUMAN, TextTranslation.Status.MACHINE):
        return "skipped", row.attempts
    terms = glossary.terms_for(
        GlossaryTerm.objects.filter(setting_id=row.setting_id),
        source_language=row.source_language,
        language=row.language,
    )
    protected = glossary.protect(row.source_text, terms)
    try:
        translated = provider.translate(text=protected.html, source=row.source_language, target=row.language, html=True)
    except ProviderError as exc:
        return _machine_failed(translation_id=row.pk, source_hash=source_hash, error=exc)
    text = glossary.restore(translated, protected)
    with transaction.atomic():
        row = TextTranslation.objects.select_for_update(of=("self",)).filter(pk=translation_id).first()
        if row is None or row.source_hash != source_hash or row.status == TextTranslation.Status.HUMAN:
            return "skipped", 0  # a person translated it (or the text changed) while we waited
        row.attempts += 1
        if not text:
            row.status = TextTranslation.Status.FAILED
            row.failure_reason = "The translation server sent back an empty translation."
            row.save(update_fields=["status", "failure_reason", "attempts", "updated_at"])
            return "failed", row.attempts
        row.text = text
        row.machine_text = text
        row.status = TextTranslation.Status.MACHINE
        row.provider = provider.name
        row.failure_reason = ""
        row.updated_at = timezone.now()
        row.save(
            update_fields=["text", "machine_text", "status", "provider", "failure_reason", "attempts", "updated_at"]
        )
        audit_log(
            "translations.translation.machine",
            actor=None,
            obj=row,
            setting=row.setting,
            data={"provider": provider.name, "language": row.language},
        )
    return "machine", row.attempts


@transaction.atomic
def _machine_failed(*, translation_id, source_hash: str, error: ProviderError) -> tuple[str, int]:
    row = TextTranslation.objects.select_for_update(of=("self",)).filter(pk=translation_id).first()
    if row is None or row.source_hash != source_hash or row.status == TextTranslation.Status.HUMAN:
        return "skipped", 0
    row.attempts += 1
    row.failure_reason = error.reason[:300]
    row.updated_at = timezone.now()
    # Ids only: the text may name a child (settings.LOGGING).
    logger.warning("translation %s: provider failed (attempt %d): %s", row.pk, row.attempts, error.reason)
    if error.retryable and row.attempts <= settings.TANDEM_TRANSLATE_RETRIES:
        row.save(update_fields=["attempts", "failure_reason", "updated_at"])
        return "retry", row.attempts
    row.status = TextTranslation.Status.FAILED
    row.save(update_fields=["attempts", "failure_reason", "status", "updated_at"])
    audit_log(
        "translations.translation.failed",
        actor=None,
        obj=row,
        setting=row.setting,
        data={"attempts": row.attempts, "reason": row.failure_reason},
    )
    return "failed", row.attempts


@transaction.atomic
def translation_save(*, translation: TextTranslation, by, text: str, source_hash: str = "") -> TextTranslation:
    """A translator's (can_translate) translation: it replaces the machine's and is never
    overwritten by it. SOURCE_HASH, when given, is the original the translator saw: if the text
    was edited since, nothing is saved and they are asked to translate the new one."""
    text = (text or "").strip()
    if not text:
        raise TranslationError({"text": _("Write the translation before saving.")})
    if len(text) > MAX_TEXT:
        raise TranslationError({"text": _("The translation is too long.")})
    row = TextTranslation.objects.select_for_update(of=("self",)).get(pk=translation.pk)
    if source_hash and row.source_hash != source_hash:
        raise TranslationError(
            _("The original was changed while you were translating. Please translate the new version.")
        )
    previous = row.status
    row.text = text
    row.status = TextTranslation.Status.HUMAN
    row.translated_by = by
    row.failure_reason = ""
    row.updated_at = timezone.now()
    row.full_clean()
    row.save()
    audit_log(
        "translations.translation.saved",
        actor=by,
        obj=row,
        setting=row.setting,
        data={"language": row.language, "replaced": previous},
    )
    return row


# --- the glossary ---------------------------------------------------------------------------------


@transaction.atomic
def glossary_term_add(
    *, setting, by, term: str, translation: str = "", language: str = "", source_language: str = "en", note: str = ""
) -> GlossaryTerm:
    """A fixed translation of one of the setting's words (can_translate or can_manage_setting_info)."""
    term = " ".join((term or "").split())
    if not term:
        raise TranslationError({"term": _("Write the word or phrase.")})
    codes = _language_codes()
    if language and language not in codes:
        raise TranslationError({"language": _("Choose a language from the list.")})
    if source_language not in codes:
        raise TranslationError({"source_language": _("Choose a language from the list.")})
    if language == source_language:
        raise TranslationError({"language": _("Choose a different language from the one the word is written in.")})
    if GlossaryTerm.objects.filter(
        setting=setting, term__iexact=term, source_language=source_language, language=language
    ).exists():
        raise TranslationError({"term": _("This word is already in the glossary for that language.")})
    entry = GlossaryTerm(
        setting=setting,
        term=term,
        translation=" ".join((translation or "").split()),
        language=language,
        source_language=source_language,
        note=(note or "").strip(),
        created_by=by,
    )
    entry.full_clean()
    entry.save()
    audit_log("translations.glossary.added", actor=by, obj=entry, setting=setting, data={"language": language})
    return entry


@transaction.atomic
def glossary_term_remove(*, term: GlossaryTerm, by) -> None:
    """Take a word out of the glossary (translations already made keep their words)."""
    audit_log(
        "translations.glossary.removed", actor=by, obj=term, setting=term.setting, data={"language": term.language}
    )
    term.delete()


# --- translators and the setting's staff language --------------------------------------------------


@transaction.atomic
def translator_languages_set(*, staff, by, languages: Iterable[str]) -> TranslatorProfile:
    """The languages a translator (can_translate) works in; their queue shows only these."""
    codes = _language_codes()
    chosen = sorted({lang for lang in languages if lang})
    if any(lang not in codes for lang in chosen):
        raise TranslationError({"languages": _("Choose languages from the list.")})
    profile, _created = TranslatorProfile.objects.get_or_create(staff=staff, defaults={"setting_id": staff.setting_id})
    profile.languages = chosen
    profile.updated_at = timezone.now()
    profile.full_clean()
    profile.save()
    audit_log(
        "translations.translator.languages", actor=by, obj=profile, setting=staff.setting, data={"languages": chosen}
    )
    return profile


@transaction.atomic
def staff_language_set(*, setting, by, language: str) -> SettingLanguage:
    """The language the setting's staff read (can_manage_setting_info): families' words are
    translated into it."""
    if language not in _language_codes():
        raise TranslationError({"staff_language": _("Choose a language from the list.")})
    row, _created = SettingLanguage.objects.get_or_create(setting=setting)
    row.staff_language = language
    row.full_clean()
    row.save()
    audit_log("translations.staff_language.set", actor=by, obj=row, setting=setting, data={"language": language})
    return row


# --- periodic work ----------------------------------------------------------------------------------

REMIND_EVERY = dt.timedelta(days=1)
CATCH_UP_AFTER = dt.timedelta(minutes=10)


def translators_remind(*, setting) -> int:
    """Tell each translator of SETTING, at most once a day, how many texts wait in their
    languages that arrived since they were last told (nothing waiting, no notice). Returns how
    many were told."""
    from django.urls import reverse

    from tandem.access.permissions import StaffPermissions
    from tandem.notify.services import notify_staff
    from tandem.translations.selectors import QUEUE_STATUSES, staff_language_for

    now = timezone.now()
    staff_language = staff_language_for(setting=setting)
    profiles = list(
        TranslatorProfile.objects.filter(setting=setting, staff__is_active=True)
        .exclude(reminded_at__gt=now - REMIND_EVERY)
        .select_related("staff")
    )
    waiting = list(
        TextTranslation.objects.filter(setting=setting, status__in=QUEUE_STATUSES).values_list(
            "language", "source_language", "created_at"
        )
    )
    told = 0
    for profile in profiles:
        if not profile.languages or not StaffPermissions.for_roles(profile.staff.roles).can_translate:
            continue
        known = set(profile.languages) | {staff_language}
        since = profile.reminded_at
        count = sum(
            1
            for language, source_language, created_at in waiting
            if language in known and source_language in known and (since is None or created_at > since)
        )
        if not count:
            continue
        with transaction.atomic():
            notify_staff(
                setting=setting,
                staff=[profile.staff],
                kind="translations.waiting",
                template="translations/notices/waiting",
                context={"count": count},
                url=reverse("translations:queue", args=[setting.slug]),
            )
            profile.reminded_at = now
            profile.save(update_fields=["reminded_at"])
        told += 1
    return told


def translations_machine_catch_up(*, setting) -> int:
    """Send to the machine the texts of SETTING that were never sent (the worker was down, or
    machine translation was switched on after they were written). Returns how many."""
    if get_provider() is None:
        return 0
    from tandem.translations.tasks import translation_machine

    rows = list(
        TextTranslation.objects.filter(
            setting=setting,
            status=TextTranslation.Status.REQUESTED,
            attempts=0,
            updated_at__lt=timezone.now() - CATCH_UP_AFTER,
        )
        .exclude(source_text="")
        .values_list("pk", "source_hash")[:500]
    )
    for pk, source_hash in rows:
        translation_machine.enqueue(str(setting.pk), str(pk), source_hash)
    return len(rows)
