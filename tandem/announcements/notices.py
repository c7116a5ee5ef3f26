"""What the notify app puts in an announcement's e-mail, text message or printed letter: the
title and message in the reader's language (the translation when one is ready, else the
original), registered as a context hook for the announcement kinds in AppConfig.ready()."""

from django_scopes import scope

KINDS = ("announcements.announcement", "announcements.newsletter")


def notice_context(notice, language: str) -> dict:
    from tandem.announcements import selectors
    from tandem.announcements.models import Announcement
    from tandem.translations.selectors import translation_for

    with scope(setting=[notice.setting_id]):
        announcement = Announcement.objects.filter(pk=notice.source_id, setting_id=notice.setting_id).first()
        if announcement is None:
            return {}
        text = selectors.translated(announcement, language)
        body = announcement.body_markdown
        if language != announcement.language:
            body = translation_for(source=announcement, field="body_markdown", text=body, language=language) or body
    return {"title": text["title"], "body": body, "question": text["question"], "translated": text["translated"]}
