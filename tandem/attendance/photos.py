"""Collector photos: checked for what they really are (not what their name says), turned the
right way up, shrunk, and re-encoded so no metadata (EXIF, GPS, camera serials) survives."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
# About 50 megapixels: a modern phone photo fits; a decompression bomb does not.
MAX_PIXELS = 50_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
LONGEST_SIDE = 800


def photo_clean(upload) -> ContentFile:
    """A safe JPEG made from UPLOAD, or a ValidationError saying why it was refused."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError({"photo": _("The photo is too large. Choose one under 8 MB.")})
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({"photo": _("The photo is too large. Choose one under 8 MB.")})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in ALLOWED_FORMATS:
                    raise ValidationError({"photo": _("Choose a JPEG, PNG or WebP photo.")})
                if img.width * img.height > MAX_PIXELS:
                    raise ValidationError({"photo": _("The photo has too many pixels. Choose a smaller one.")})
                img.load()
                img = ImageOps.exif_transpose(img)
                img = img.convert("RGB")
                img.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
                out = io.BytesIO()
                # A fresh encode with no exif/icc arguments: nothing of the original's metadata is kept.
                img.save(out, format="JPEG", quality=85, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError({"photo": _("The photo has too many pixels. Choose a smaller one.")}) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            {"photo": _("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo.")}
        ) from exc
    return ContentFile(out.getvalue(), name="photo.jpg")
