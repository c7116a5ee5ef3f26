from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "tandem.conversations"
    label = "conversations"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        from tandem.conversations.notices import message_context
        from tandem.core import hub
        from tandem.notify.rendering import register_context_hook

        hub.register_family_link(
            key="conversations",
            label=_("Messages"),
            url_name="conversations_family:index",
            description=_("Talk with your child's key person and the setting"),
            order=10,
        )
        hub.register_staff_link(
            key="conversations",
            label=_("Messages"),
            url_name="conversations:index",
            description=_("Conversations with families"),
            flag="can_message_families",
            order=10,
        )
        register_context_hook("conversations.message", message_context)
        from tandem.conversations import sections

        hub.register_child_section(key="conversations", audience="staff", render=sections.staff_section, order=20)
        hub.register_child_section(key="conversations", audience="family", render=sections.family_section, order=20)
