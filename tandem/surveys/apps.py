from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tandem.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="surveys",
            label=_("Surveys"),
            url_name="surveys:index",
            description=_("Ask families and staff, see what they say, and how it changes over time"),
            flag="can_manage_partnership",
            order=40,
        )
        hub.register_staff_link(
            key="surveys-mine",
            label=_("Staff surveys to answer"),
            url_name="surveys:mine",
            description=_("Surveys the setting asks its team"),
            order=41,
        )
        hub.register_family_link(
            key="surveys",
            label=_("Surveys"),
            url_name="surveys_family:index",
            description=_("Tell us what you think"),
            order=40,
        )
