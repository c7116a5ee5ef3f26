from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllaboutmeConfig(AppConfig):
    name = "tandem.allaboutme"
    label = "allaboutme"
    verbose_name = _("All About Me")
