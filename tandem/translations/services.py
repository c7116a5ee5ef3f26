"""Asking for translations. Any app whose people write text for readers of other languages
calls, inside its own transaction:

    from tandem.translations.services import translation_request
    translation_request(
        setting=message.setting, source=message, field="body", text=message.body,
        source_language="pl", languages={"en"},
    )

and shows the result with tandem.translations.selectors.translation_for (or, for a list,
translations_for). A request for the text's own language is skipped; an unchanged text that
already has a translation is left alone; an edited text is asked for again."""

from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone

from tandem.translations.models import TextTranslation, text_hash


def _source_key(source: models.Model) -> tuple[str, str]:
    return source._meta.label_lower, str(source.pk)


@transaction.atomic
def translation_request(
    *, setting, source: models.Model, field: str, text: str, source_language: str, languages: Iterable[str]
) -> list[TextTranslation]:
    """One TextTranslation per language of LANGUAGES (other than SOURCE_LANGUAGE), waiting for
    a translator or the machine-translation provider (issue #6's translation work)."""
    source_type, source_id = _source_key(source)
    digest = text_hash(text)
    wanted = sorted({lang for lang in languages if lang and lang != source_language})
    existing = {
        t.language: t
        for t in TextTranslation.objects.filter(
            source_type=source_type, source_id=source_id, field=field, language__in=wanted
        )
    }
    result = []
    now = timezone.now()
    for language in wanted:
        row = existing.get(language)
        if row is not None and row.source_hash == digest:
            result.append(row)
            continue
        if row is None:
            row = TextTranslation(
                setting=setting, source_type=source_type, source_id=source_id, field=field, language=language
            )
        row.source_language = source_language
        row.source_hash = digest
        row.text = ""
        row.status = TextTranslation.Status.REQUESTED
        row.translated_by = None
        row.provider = ""
        row.updated_at = now
        row.save()
        result.append(row)
    return result
