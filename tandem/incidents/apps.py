from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "tandem.incidents"
    label = "incidents"
    verbose_name = _("Accidents and incidents")
