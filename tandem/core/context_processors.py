from django.conf import settings
from django.utils.translation import get_language_bidi


def tandem(request) -> dict:
    return {
        "TANDEM_LANGUAGES": settings.LANGUAGES,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "current_setting": getattr(request, "setting", None),
        "current_membership": getattr(request, "membership", None),
    }
