from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "tandem.notify"
    label = "notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="notify-inbox",
            label=_("My notifications"),
            url_name="notify:inbox",
            description=_("What the setting's apps have told you"),
            order=10,
        )
        hub.register_staff_link(
            key="notify-face-to-face",
            label=_("Tell families in person"),
            url_name="notify:face-to-face",
            description=_("Reminders to give your key families at drop-off and pick-up"),
            order=20,
        )
        hub.register_staff_link(
            key="notify-print-queue",
            label=_("Letters to print"),
            url_name="notify:print-queue",
            description=_("Messages for families who asked for a printed letter"),
            flag="can_manage_deliveries",
            order=30,
        )
        hub.register_family_link(
            key="notify",
            label=_("Notifications"),
            url_name="notify_family:inbox",
            description=_("Everything the setting has told you, newest first"),
            order=10,
        )
