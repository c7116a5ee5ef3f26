"""Reading translations, for a reader who has already been allowed to see the source text."""

from collections.abc import Iterable

from django.db import models
from django.http import Http404

from tandem.access.rules import uuid_or_404
from tandem.translations.models import TextTranslation, text_hash


def translation_for(*, source: models.Model, field: str, text: str, language: str) -> str | None:
    """The ready translation of SOURCE's FIELD (whose current text is TEXT) into LANGUAGE, or
    None when there is none yet or it was made from an earlier version of the text."""
    row = (
        TextTranslation.objects.filter(
            source_type=source._meta.label_lower, source_id=str(source.pk), field=field, language=language
        )
        .only("text", "status", "source_hash")
        .first()
    )
    if row is None or not row.is_ready or row.source_hash != text_hash(text):
        return None
    return row.text


def translations_for(*, sources: Iterable[models.Model], field: str, language: str) -> dict[str, TextTranslation]:
    """Ready translations of many sources of one model into LANGUAGE, keyed by source id (one
    query, for lists). Compare `row.source_hash` with `text_hash(current text)` before use."""
    sources = list(sources)
    if not sources:
        return {}
    source_type = sources[0]._meta.label_lower
    rows = TextTranslation.objects.filter(
        source_type=source_type, source_id__in=[str(s.pk) for s in sources], field=field, language=language
    ).exclude(text="")
    return {row.source_id: row for row in rows if row.is_ready}


def translation_row_for(*, source: models.Model, field: str, text: str, language: str) -> TextTranslation | None:
    """Like translation_for, but the row itself (with who translated it), for the template tag."""
    row = (
        TextTranslation.objects.filter(
            source_type=source._meta.label_lower, source_id=str(source.pk), field=field, language=language
        )
        .select_related("translated_by")
        .only(
            "text",
            "status",
            "source_hash",
            "provider",
            "language",
            "translated_by__first_name",
            "translated_by__last_name",
            "translated_by__username",
            "translated_by__email",
        )
        .first()
    )
    if row is None or not row.is_ready or row.source_hash != text_hash(text):
        return None
    return row


# --- the translators' side ------------------------------------------------------------------------

QUEUE_STATUSES = (
    TextTranslation.Status.REQUESTED,
    TextTranslation.Status.FAILED,
    TextTranslation.Status.MACHINE,
)
# A translator sees the words, the languages and "a parent"/"staff": never the source's id
# beyond the translation's own, the child, or who wrote it (docs/translations.md, privacy).
QUEUE_FIELDS = (
    "id",
    "setting_id",
    "source_type",
    "source_language",
    "source_hash",
    "source_text",
    "author_kind",
    "language",
    "text",
    "machine_text",
    "status",
    "attempts",
    "failure_reason",
    "created_at",
)


def staff_language_for(*, setting) -> str:
    """The language the setting's staff read ("en" until a manager chooses another)."""
    from tandem.translations.models import SettingLanguage

    row = SettingLanguage.objects.filter(setting=setting).only("staff_language").first()
    return row.staff_language if row else "en"


def translator_languages(*, membership) -> list[str] | None:
    """The languages MEMBERSHIP translates: their profile's; None (every language) for a manager
    who has not chosen; [] for a translator who has not said yet."""
    from tandem.translations.models import TranslatorProfile

    if not membership.perms.can_translate:
        return []
    profile = TranslatorProfile.objects.filter(staff=membership.staff).only("languages").first()
    if profile is not None and profile.languages:
        return list(profile.languages)
    return None if membership.perms.can_manage_setting else []


def translation_queue(*, membership, languages: list[str] | None = None, staff_language: str | None = None):
    """Texts waiting for a person in MEMBERSHIP's setting, in the languages they translate
    (both the original's language and the translation's must be theirs or the staff language),
    oldest first. Requested and failed texts come before machine ones waiting to be checked."""
    setting = membership.setting
    if not membership.perms.can_translate:
        return TextTranslation.objects.none()
    if languages is None:
        languages = translator_languages(membership=membership)
    qs = TextTranslation.objects.filter(setting=setting, status__in=QUEUE_STATUSES).only(*QUEUE_FIELDS)
    if languages is not None:
        known = set(languages) | {staff_language or staff_language_for(setting=setting)}
        qs = qs.filter(language__in=known, source_language__in=known)
    order = models.Case(
        models.When(status=TextTranslation.Status.MACHINE, then=models.Value(1)),
        default=models.Value(0),
    )
    return qs.annotate(machine_last=order).order_by("machine_last", "created_at")


def queue_item_for(*, membership, translation_id) -> TextTranslation:
    """One text of MEMBERSHIP's queue (or one they translated); 404 outside their setting or
    their languages."""
    uuid_or_404(translation_id)
    languages = translator_languages(membership=membership)
    qs = TextTranslation.objects.filter(setting=membership.setting).only(*QUEUE_FIELDS)
    if languages is not None:
        known = set(languages) | {staff_language_for(setting=membership.setting)}
        qs = qs.filter(language__in=known, source_language__in=known)
    row = qs.filter(pk=translation_id).first()
    if row is None:
        raise Http404
    return row


def glossary_for(*, setting):
    from tandem.translations.models import GlossaryTerm

    return GlossaryTerm.objects.filter(setting=setting).order_by("term", "language")


def glossary_found(*, rows: Iterable[TextTranslation], terms) -> dict:
    """For each row, the glossary terms in its original that apply to its language (no queries:
    TERMS is the setting's glossary, read once)."""
    from tandem.translations import glossary

    terms = list(terms)
    result = {}
    for row in rows:
        applicable = glossary.terms_for(terms, source_language=row.source_language, language=row.language)
        result[row.pk] = glossary.found_in(row.source_text, applicable)
    return result
