from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettingInfoConfig(AppConfig):
    name = "tandem.setting_info"
    label = "setting_info"
    verbose_name = _("About the setting")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="setting_info",
            label=_("About the setting"),
            url_name="setting_info:index",
            description=_("The page families always have: team, opening times, menus, term dates, concerns"),
            order=30,
        )
        hub.register_family_link(
            key="setting_info",
            label=_("About the setting"),
            url_name="setting_info_family:index",
            description=_("The team, opening times, this week's menu, term dates and how to contact us"),
            order=30,
        )
