from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = _("Settings and people")

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO

        # Django names Punjabi in English in its own list; people choosing it read Gurmukhi.
        LANG_INFO["pa"] = {**LANG_INFO["pa"], "name_local": "ਪੰਜਾਬੀ"}
