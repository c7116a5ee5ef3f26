from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "tandem.announcements"
    label = "announcements"
    verbose_name = _("Announcements and newsletters")

    def ready(self) -> None:
        from tandem.announcements import notices
        from tandem.core import hub
        from tandem.notify.rendering import register_context_hook

        for kind in notices.KINDS:
            register_context_hook(kind, notices.notice_context)

        hub.register_staff_link(
            key="announcements",
            label=_("Announcements and newsletters"),
            url_name="announcements:index",
            description=_("Tell the whole setting, a room or some families, and see who has read it"),
            flag="can_view_children",
            order=20,
        )
        hub.register_family_link(
            key="announcements",
            label=_("Announcements and newsletters"),
            url_name="announcements_family:index",
            description=_("News from the setting"),
            order=20,
        )
