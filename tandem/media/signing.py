"""Private links to media files. A link is signed (django.core.signing, its own salt), names the
file, the copy ("original", "thumb", "display", "poster", "blur-…") and the one user it was made
for, and expires after five minutes. The view media:serve checks all three.

Whoever calls media_url has already decided that VIEWER may see this copy of this file (the
journal and floor book selectors, for this family): the media app never decides who sees what."""

from django.core import signing
from django.urls import reverse

from tandem.media.models import MediaFile

SALT = "tandem.media.serve"
MAX_AGE_SECONDS = 300
ORIGINAL = "original"


def media_url(*, media: MediaFile, variant: str, viewer) -> str:
    """A signed link to VARIANT of MEDIA, valid for VIEWER only, for 5 minutes."""
    token = signing.dumps(
        {"s": str(media.setting_id), "m": str(media.pk), "v": variant, "u": str(viewer.pk)},
        salt=SALT,
        compress=True,
    )
    return reverse("media:serve", args=[token])


def media_token_read(token: str) -> dict | None:
    """The contents of a link's token, or None when it is forged, damaged or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not {"s", "m", "v", "u"} <= set(data):
        return None
    return data
