from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedicinesConfig(AppConfig):
    name = "tandem.medicines"
    label = "medicines"
    verbose_name = _("Medicines")
