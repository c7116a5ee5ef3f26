from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettingInfoConfig(AppConfig):
    name = "tandem.setting_info"
    label = "setting_info"
    verbose_name = _("About the setting")
