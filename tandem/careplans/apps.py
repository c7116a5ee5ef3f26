from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareplansConfig(AppConfig):
    name = "tandem.careplans"
    label = "careplans"
    verbose_name = _("Care plans")

    def ready(self) -> None:
        from tandem.careplans import sections
        from tandem.core import hub

        hub.register_staff_link(
            key="careplans",
            label=_("Care plans: reviews due"),
            url_name="careplans:index",
            description=_("Personal plans due for review in the next 30 days, and overdue ones"),
            flag="can_view_children",
            order=30,
        )
        hub.register_child_section(key="careplans", audience="staff", render=sections.staff_section, order=20)
        hub.register_child_section(key="careplans", audience="family", render=sections.family_section, order=20)
