from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareplansConfig(AppConfig):
    name = "tandem.careplans"
    label = "careplans"
    verbose_name = _("Care plans")
