"""Template helpers for staff pages: a signed thumbnail link for a file staff may see (the
page's view already decided that; families' pages get links from the selectors instead)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_thumb(context, media) -> str:
    """A signed link to MEDIA's thumbnail for the signed-in member of staff, or "" when none
    is made yet. Uses the prefetched variants (no query)."""
    from tandem.media.signing import media_url

    names = {v.name for v in media.variants.all()}
    for name in ("thumb", "poster"):
        if name in names:
            return media_url(media=media, variant=name, viewer=context["request"].user)
    return ""
