"""The context hook of "conversations.message" notices: the message in the reader's language
(a ready translation, else the original) and who wrote it."""

from django_scopes import scopes_disabled

from tandem.conversations.models import Message
from tandem.translations.selectors import translation_for


def message_context(notice, language: str) -> dict:
    message_id = (notice.context or {}).get("message_id")
    with scopes_disabled():  # the notice names its own setting's message
        message = (
            Message.objects.filter(pk=message_id, setting_id=notice.setting_id)
            .select_related("author_staff__user", "author_guardian")
            .first()
        )
        if message is None or message.is_withdrawn:
            return {"body": "", "author": ""}
        body = message.body
        if message.language != language:
            body = translation_for(source=message, field="body", text=message.body, language=language) or body
    if message.author_guardian_id:
        author = message.author_guardian.full_name
    else:
        author = message.author_staff.user.first_name if message.author_staff_id else ""
    return {"body": body, "author": author}
