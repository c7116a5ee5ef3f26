from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "tandem.consultations"
    label = "consultations"
    verbose_name = _("Vision, values and consultations")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="consultations",
            label=_("Vision, values and consultations"),
            url_name="consultations:index",
            description=_("Put the vision and values or the improvement plan to families and staff; you said, we did"),
            order=42,
        )
        hub.register_family_link(
            key="consultations",
            label=_("Have your say"),
            url_name="consultations_family:index",
            description=_("Our vision, values and plans: tell us what you think"),
            order=41,
        )
