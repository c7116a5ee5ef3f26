from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorbooksConfig(AppConfig):
    name = "tandem.floorbooks"
    label = "floorbooks"
    verbose_name = _("Floor books and room boards")
