"""{% load translations %}{% translated obj "body" obj.body obj.language %}: a text in the
reader's language, with the original one tap away (a <details>, no JavaScript), each part
marked with its own lang and dir, and a note saying who translated it.

Optional keywords: reader="pl" (default: the request's language); rows=... the dict returned by
selectors.translations_for(...) for a list page, so the tag makes no query of its own."""

from django import template
from django.utils.translation import get_language, get_language_info

from tandem.translations.models import TextTranslation, text_hash
from tandem.translations.selectors import translation_row_for

register = template.Library()


def _info(code: str) -> dict:
    try:
        info = get_language_info(code)
    except KeyError:
        return {"code": code, "dir": "auto", "name": code}
    return {"code": code, "dir": "rtl" if info["bidi"] else "ltr", "name": info["name_translated"]}


def _base(code: str) -> str:
    return (code or "").split("-")[0].lower()


@register.inclusion_tag("translations/_translated.html", takes_context=True)
def translated(context, obj, field: str, text: str, language: str, reader: str | None = None, rows=None) -> dict:
    text = text or ""
    if reader is None:
        request = context.get("request")
        reader = getattr(request, "LANGUAGE_CODE", None) or get_language() or "en"
    reader, language = _base(reader), _base(language)
    row: TextTranslation | None = None
    if language and reader != language and text:
        if rows is not None:
            candidate = rows.get(str(obj.pk))
            if candidate is not None and candidate.is_ready and candidate.source_hash == text_hash(text):
                row = candidate
        else:
            row = translation_row_for(source=obj, field=field, text=text, language=reader)
    translator = ""
    if row is not None and row.status == TextTranslation.Status.HUMAN and row.translated_by_id:
        translator = row.translated_by.display_name
    return {
        "original": text,
        "original_lang": _info(language) if language else None,
        "row": row,
        "reader_lang": _info(reader),
        "by_machine": row is not None and row.status == TextTranslation.Status.MACHINE,
        "translator": translator,
        "waiting": row is None and bool(language) and reader != language,
    }
