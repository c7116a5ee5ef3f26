from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorriesConfig(AppConfig):
    name = "tandem.worries"
    label = "worries"
    verbose_name = _("Progress worries")
