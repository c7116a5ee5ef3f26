from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "tandem.concerns"
    label = "concerns"
    verbose_name = _("Concerns and complaints")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="concerns",
            label=_("Concerns and complaints"),
            url_name="concerns:index",
            description=_("Answer families' concerns within 28 days; the complaints record for Ofsted"),
            flag="can_handle_concerns",
            order=40,
        )
        hub.register_family_link(
            key="concerns",
            label=_("Questions, concerns and complaints"),
            url_name="concerns_family:index",
            description=_("Tell us about a worry, make a complaint or give feedback"),
            order=40,
        )
