"""Applying the setting's glossary to a text: find its terms, protect them from the machine,
and put the glossary's own words back afterwards.

Protection uses HTML's translate="no" (which LibreTranslate's HTML format honours): the text is
escaped, each term is wrapped in <span translate="no" data-term="N">…</span>, and after
translation each such span is replaced by the term's fixed rendering in the target language.
Longer terms win over shorter ones they contain ("stay and play session" over "stay and play")."""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tandem.translations.models import GlossaryTerm


@dataclass(frozen=True)
class Protected:
    html: str
    renderings: dict[int, str]  # placeholder number -> the words to put back


def terms_for(terms: Iterable[GlossaryTerm], *, source_language: str, language: str) -> list[GlossaryTerm]:
    """The terms that apply from SOURCE_LANGUAGE to LANGUAGE: a term made for this language
    beats the same term made for every language."""
    chosen: dict[str, GlossaryTerm] = {}
    for term in terms:
        if term.source_language != source_language or term.language not in ("", language):
            continue
        key = term.term.casefold()
        if key not in chosen or (term.language and not chosen[key].language):
            chosen[key] = term
    return sorted(chosen.values(), key=lambda t: -len(t.term))


def _pattern(terms: list[GlossaryTerm]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t.term) for t in terms)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


def found_in(text: str, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """The terms of TERMS that occur in TEXT, in the order they first appear (for translators)."""
    pattern = _pattern(terms)
    if pattern is None:
        return []
    by_key = {t.term.casefold(): t for t in terms}
    seen: dict[str, GlossaryTerm] = {}
    for match in pattern.finditer(text):
        key = match.group(1).casefold()
        if key in by_key and key not in seen:
            seen[key] = by_key[key]
    return list(seen.values())


def protect(text: str, terms: list[GlossaryTerm]) -> Protected:
    """TEXT as HTML for the provider, with every glossary term out of the machine's reach."""
    pattern = _pattern(terms)
    by_key = {t.term.casefold(): t for t in terms}
    renderings: dict[int, str] = {}
    parts: list[str] = []
    position = 0
    if pattern is not None:
        for match in pattern.finditer(text):
            parts.append(html.escape(text[position : match.start()], quote=False))
            number = len(renderings)
            renderings[number] = by_key[match.group(1).casefold()].rendering
            parts.append(f'<span translate="no" data-term="{number}">{html.escape(match.group(1))}</span>')
            position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    body = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return Protected(html=body, renderings=renderings)


_SPAN = re.compile(r'<span[^>]*\bdata-term\s*=\s*"?(\d+)"?[^>]*>.*?</span>', re.IGNORECASE | re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def restore(translated_html: str, protected: Protected) -> str:
    """The provider's HTML back to plain text, with the glossary's words where the terms were."""

    def put_back(match: re.Match) -> str:
        rendering = protected.renderings.get(int(match.group(1)))
        return f"\x00{int(match.group(1))}\x00" if rendering is not None else ""

    text = _SPAN.sub(put_back, translated_html)
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    for number, rendering in protected.renderings.items():
        text = text.replace(f"\x00{number}\x00", rendering)
    return text.strip()
