"""Text of the journal: Markdown made safe, and other children's names taken out.

`render_markdown` turns what staff type into HTML that nh3 has cleaned (basic tags only, no
scripts, no on* attributes, links only to http(s) and mailto). `redact_names` replaces the
names of other children in a group observation (full, first and preferred names, any case,
whole words only) with "a friend" in the reader's language."""

import re
import threading
from collections.abc import Iterable

import markdown as md
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


_local = threading.local()


def _markdown() -> md.Markdown:
    """One Markdown converter per thread: building one costs more than converting a paragraph."""
    if not hasattr(_local, "converter"):
        _local.converter = md.Markdown(extensions=["sane_lists"], output_format="html")
    return _local.converter


def render_markdown(text: str) -> str:
    """Markdown → HTML → nh3. The result may be shown with |safe (it came out of nh3)."""
    if not text or not text.strip():
        return ""
    html = _markdown().reset().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def name_variants(*, first_name: str, last_name: str, preferred_name: str = "") -> list[str]:
    """The ways a child is written: full names first (longest match wins), then given names."""
    names = []
    for given in filter(None, (first_name.strip(), preferred_name.strip())):
        if last_name.strip():
            names.append(f"{given} {last_name.strip()}")
        names.append(given)
    return names


def _pattern(names: Iterable[str]) -> re.Pattern | None:
    # IGNORECASE folds one letter at a time, so "ß" never matches "SS": add the capitalised and
    # case-folded spellings too ("Strauß", "STRAUSS", "strauss").
    forms = {form for n in names if n for form in (n, n.upper(), n.casefold())}
    unique = sorted(forms, key=lambda n: (-len(n), n))
    if not unique:
        return None
    # Whole words only: not inside another word ("Ada" leaves "Adam" alone); spaces inside a
    # full name may be any run of whitespace.
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in unique)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)$")


def redact_names(text: str, *, others: Iterable[dict], keep: Iterable[dict] = (), replacement: str) -> str:
    """TEXT with every name of OTHERS replaced by REPLACEMENT (capitalised at the start of a
    sentence). A given name that one of KEEP (the reader's own children) shares is left alone
    unless it is written as the other child's full name, so "Ada" stays when both are Ada."""
    if not text:
        return text
    kept = set()
    for child in keep:
        for name in name_variants(**child):
            kept.add(name.casefold())
    names = [n for child in others for n in name_variants(**child) if n.casefold() not in kept or " " in n]
    pattern = _pattern(names)
    if pattern is None:
        return text

    def substitute(match: re.Match) -> str:
        before = text[: match.start()]
        if _SENTENCE_START.search(before):
            return replacement[:1].upper() + replacement[1:]
        return replacement

    return pattern.sub(substitute, text)


def child_names(child) -> dict:
    return {"first_name": child.first_name, "last_name": child.last_name, "preferred_name": child.preferred_name}
