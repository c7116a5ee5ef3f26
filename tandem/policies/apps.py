from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "tandem.policies"
    label = "policies"
    verbose_name = _("Policies")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="policies",
            label=_("Policies"),
            url_name="policies:index",
            description=_("Publish policies and the code of conduct; see who has read them"),
            order=45,
        )
        hub.register_family_link(
            key="policies",
            label=_("Policies and code of conduct"),
            url_name="policies_family:index",
            description=_("How we work, and what we ask of families"),
            order=45,
        )
