from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitionsConfig(AppConfig):
    name = "tandem.transitions"
    label = "transitions"
    verbose_name = _("Settling in and transitions")

    def ready(self) -> None:
        from tandem.core import hub
        from tandem.transitions import sections

        hub.register_staff_link(
            key="transitions",
            label=_("Settling in and moves"),
            url_name="transitions:index",
            description=_("Children starting soon with their settling-in checklist, and room and school moves"),
            flag="can_view_children",
            order=25,
        )
        hub.register_child_section(key="transitions", audience="staff", render=sections.staff_section, order=30)
        hub.register_child_section(key="transitions", audience="family", render=sections.family_section, order=30)
