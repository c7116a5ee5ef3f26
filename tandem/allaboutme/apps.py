from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllaboutmeConfig(AppConfig):
    name = "tandem.allaboutme"
    label = "allaboutme"
    verbose_name = _("All About Me")

    def ready(self) -> None:
        from tandem.allaboutme import sections
        from tandem.core import hub

        hub.register_staff_link(
            key="allaboutme",
            label=_("All About Me"),
            url_name="allaboutme:index",
            description=_("What families tell us about their child, and who has not filled it in yet"),
            flag="can_view_children",
            order=20,
        )
        hub.register_child_section(key="allaboutme", audience="staff", render=sections.staff_section, order=10)
        hub.register_child_section(key="allaboutme", audience="family", render=sections.family_section, order=10)
