from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "tandem.engagement"
    label = "engagement"
    verbose_name = _("Engagement and evidence")

    def ready(self) -> None:
        from tandem.core import hub
        from tandem.engagement.evidence import register_builtin_sections
        from tandem.engagement.sources import register_builtin_sources

        register_builtin_sources()
        register_builtin_sections()
        hub.register_staff_link(
            key="engagement-mine",
            label=_("My key families"),
            url_name="engagement:mine",
            description=_("Who you have heard from lately, and who to catch at pick-up"),
            order=20,
        )
        hub.register_staff_link(
            key="engagement",
            label=_("Engagement overview"),
            url_name="engagement:overview",
            description=_("Contact with families by room and by family"),
            flag="can_manage_partnership",
            order=90,
        )
        hub.register_staff_link(
            key="evidence",
            label=_("Evidence of partnership"),
            url_name="engagement:evidence",
            description=_("One document for inspection, for a period you choose"),
            flag="can_manage_partnership",
            order=95,
        )
