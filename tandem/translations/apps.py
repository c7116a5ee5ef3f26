from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "tandem.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="translations",
            label=_("Translations"),
            url_name="translations:queue",
            description=_("Texts waiting to be translated into the languages you speak"),
            flag="can_translate",
            order=30,
        )
        hub.register_staff_link(
            key="translations-glossary",
            label=_("Translation glossary"),
            url_name="translations:glossary",
            description=_("Your setting's own words and how they are always translated"),
            flag="can_manage_setting_info",
            order=31,
        )
