"""PDFs from the same HTML templates as the pages (WeasyPrint). Every app renders its letters and
reports through `render_pdf`, so fonts for every language Tandem speaks are handled in one place."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """TEMPLATE_NAME rendered in LANGUAGE (the reader's, not the request's) as PDF bytes.
    Templates extend reports/base.html, which picks a font that has the glyphs for the
    language (STACK-NOTES §6: DejaVu alone shows Urdu, Bengali and Punjabi as boxes)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment and most requests need no PDF

    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            template_name,
            {
                **context,
                "pdf_language": language,
                "pdf_direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
