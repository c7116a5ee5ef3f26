"""Reading translations, for a reader who has already been allowed to see the source text."""

from collections.abc import Iterable

from django.db import models

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
