"""Message text: Markdown (or plain text, which is Markdown too) made safe by nh3, with the
journal's allowed tags. A single line break stays a line break, as people type on a phone."""

import threading

import markdown as md
import nh3

from tandem.journal.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

_local = threading.local()


def _markdown() -> md.Markdown:
    if not hasattr(_local, "converter"):
        _local.converter = md.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    return _local.converter


def render_message(text: str) -> str:
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
