"""The verbs of conversations. Every write the pages, the API, tasks and the demo make goes
through a function here; each is atomic, audited and checks its input with full_clean. The
caller has already fetched the conversation, child or family through tandem.access (the
app's selectors); nothing here decides who may see what.

- conversation_start_for_family: a guardian starts a conversation about their child.
- conversation_start_for_staff: staff start one with one family, or one thread per family of
  a group of children (a room, chosen children).
- message_post: a new message (with attachments), its translation requests, its notices, and
  the automatic reply when a family writes while the setting is closed.
- message_edit / message_withdraw: never in place; the earlier text is kept.
- conversation_mark_read: read receipts for everything the reader has not read yet.
- conversation_close / conversation_reopen, opening_hours_set."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.services import guardian_language
from tandem.conversations import hours
from tandem.conversations.models import (
    Audience,
    ClosedDay,
    Conversation,
    ConversationSettings,
    Message,
    MessageAttachment,
    MessageRead,
    MessageRevision,
    OpeningHours,
    Participant,
)
from tandem.core.audit import audit_log
from tandem.core.models import Child, Guardian, Setting, StaffMember
from tandem.media.models import MediaFile
from tandem.media.processing import MediaError
from tandem.media.services import media_discard, media_upload
from tandem.notify.services import notify_guardians, notify_staff
from tandem.translations.services import translation_request

MAX_BODY = 10000
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_MB = 10
ALLOWED_KINDS = {MediaFile.Kind.PHOTO, MediaFile.Kind.DOCUMENT, MediaFile.Kind.AUDIO}
NOTICE_KIND = "conversations.message"
NOTICE_TEMPLATE = "conversations/notices/message"
STAFF_LANGUAGE = settings.LANGUAGE_CODE


class ConversationError(ValidationError):
    pass


# --- attachments ------------------------------------------------------------------------------


def _check_files(files: Sequence) -> None:
    if len(files) > MAX_ATTACHMENTS:
        raise ConversationError(
            {
                "attachments": ngettext(
                    "Attach at most %(count)d file to one message.",
                    "Attach at most %(count)d files to one message.",
                    MAX_ATTACHMENTS,
                )
                % {"count": MAX_ATTACHMENTS}
            }
        )
    for f in files:
        if (getattr(f, "size", 0) or 0) > MAX_ATTACHMENT_MB * 1024 * 1024:
            raise ConversationError(
                {
                    "attachments": _("“%(name)s” is too large. A file in a message can be at most %(mb)d MB.")
                    % {"name": getattr(f, "name", ""), "mb": MAX_ATTACHMENT_MB}
                }
            )


def _upload(*, setting: Setting, files: Sequence, by) -> list[MediaFile]:
    """Store every file or none: a refused file discards the ones stored before it."""
    _check_files(files)
    stored: list[MediaFile] = []
    try:
        for f in files:
            try:
                media = media_upload(setting=setting, uploaded_file=f, by=by)
            except MediaError as exc:
                raise ConversationError({"attachments": exc.messages}) from exc
            stored.append(media)
            if media.kind not in ALLOWED_KINDS:
                raise ConversationError(
                    {
                        "attachments": _("“%(name)s” cannot be sent in a message. Send a photo, a PDF or a voice note.")
                        % {"name": getattr(f, "name", "")}
                    }
                )
    except ConversationError:
        for media in stored:
            media_discard(media=media, by=by)
        raise
    return stored


# --- people -------------------------------------------------------------------------------------


def family_guardians(conversation: Conversation) -> list[Guardian]:
    """The guardians of the conversation's household (linked to its child, when it has one)."""
    qs = Guardian.objects.filter(family_id=conversation.family_id).select_related("preferences")
    if conversation.child_id:
        qs = qs.filter(child_links__child_id=conversation.child_id)
    return list(qs.distinct())


def staff_audience(conversation: Conversation) -> list[StaffMember]:
    """Who on the staff side is told of a family's message: the child's key person (and back-up)
    always, and the room team or the managers when the audience says so."""
    child = conversation.child
    ids: set = set()
    if child is not None:
        ids |= {pk for pk in (child.key_person_id, child.backup_key_person_id) if pk}
    active = StaffMember.objects.filter(setting_id=conversation.setting_id, is_active=True)
    if conversation.audience == Audience.ROOM_TEAM and child is not None and child.room_id:
        ids |= set(active.filter(rooms=child.room_id).values_list("pk", flat=True))
    if conversation.audience == Audience.MANAGER or not ids:
        from tandem.access.permissions import StaffPermissions

        ids |= {s.pk for s in active if StaffPermissions.for_roles(s.roles).can_manage_staff}
    return list(active.filter(pk__in=ids).select_related("user"))


def _participant(conversation: Conversation, user, *, is_staff: bool, read_at=None) -> Participant:
    participant, _created = Participant.objects.get_or_create(
        conversation=conversation,
        user=user,
        defaults={"setting_id": conversation.setting_id, "is_staff": is_staff, "last_read_at": read_at},
    )
    if read_at and (participant.last_read_at is None or participant.last_read_at < read_at):
        participant.last_read_at = read_at
        participant.save(update_fields=["last_read_at"])
    return participant


# --- conversations ------------------------------------------------------------------------------


def _create_conversation(*, setting, family, child, subject, audience, by, by_family, now=None) -> Conversation:
    now = now or timezone.now()
    conversation = Conversation(
        created_at=now,
        last_message_at=now,
        setting=setting,
        family=family,
        child=child,
        subject=(subject or "").strip(),
        audience=audience or Audience.KEY_PERSON,
        created_by=by,
        started_by_family=by_family,
    )
    conversation.full_clean()
    conversation.save()
    audit_log(
        "conversations.conversation.started",
        actor=by,
        obj=conversation,
        setting=setting,
        child=child,
        data={"audience": conversation.audience, "by_family": by_family},
    )
    return conversation


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ConversationError({"body": _("Write a message before sending it.")})
    if len(body) > MAX_BODY:
        raise ConversationError(
            {"body": _("A message can be at most %(max)d characters. Split it in two.") % {"max": MAX_BODY}}
        )
    return body


def conversation_start_for_family(
    *,
    user,
    guardian: Guardian,
    child: Child,
    subject: str,
    body: str,
    audience: str = "",
    files: Sequence = (),
    now: dt.datetime | None = None,
) -> Conversation:
    """GUARDIAN (USER's, linked to CHILD) starts a conversation with the setting about CHILD."""
    _check_body(body)
    media = _upload(setting=child.setting, files=files, by=user)
    try:
        with transaction.atomic():
            conversation = _create_conversation(
                setting=child.setting,
                family=guardian.family,
                child=child,
                subject=subject,
                audience=audience,
                by=user,
                by_family=True,
                now=now,
            )
            message_post(conversation=conversation, user=user, guardian=guardian, body=body, media=media, now=now)
    except Exception:
        for m in media:
            media_discard(media=m, by=user)
        raise
    return conversation


def conversation_start_for_staff(
    *,
    user,
    staff: StaffMember,
    children: Iterable[Child],
    subject: str,
    body: str,
    audience: str = "",
    files: Sequence = (),
    now: dt.datetime | None = None,
) -> list[Conversation]:
    """STAFF start a conversation about each of CHILDREN (already fetched through access) with
    their household(s): one separate thread per family, so each family sees only its own. A
    family with two children in the group gets one thread, about the first of them."""
    children = list(children)
    if not children:
        raise ConversationError({"children": _("Choose at least one child or a room.")})
    _check_body(body)
    if not (subject or "").strip():
        raise ConversationError({"subject": _("Give the conversation a subject.")})
    setting = staff.setting
    media = _upload(setting=setting, files=files, by=user)
    households: dict = {}
    links = Guardian.objects.filter(child_links__child__in=children).values_list("family_id", "child_links__child_id")
    by_child: dict = {}
    for family_id, child_id in links:
        by_child.setdefault(child_id, set()).add(family_id)
    for child in children:
        for family_id in sorted(by_child.get(child.pk, {child.family_id} - {None}), key=str):
            households.setdefault(family_id, child)
    if not households:
        raise ConversationError({"children": _("None of these children has a family to write to yet.")})
    from tandem.core.models import Family

    families = Family.objects.in_bulk(list(households))
    result = []
    try:
        with transaction.atomic():
            for family_id, child in households.items():
                conversation = _create_conversation(
                    setting=setting,
                    family=families[family_id],
                    child=child,
                    subject=subject,
                    audience=audience,
                    by=user,
                    by_family=False,
                    now=now,
                )
                message_post(conversation=conversation, user=user, staff=staff, body=body, media=media, now=now)
                result.append(conversation)
    except Exception:
        for m in media:
            media_discard(media=m, by=user)
        raise
    return result


# --- messages -----------------------------------------------------------------------------------


def message_post(
    *,
    conversation: Conversation,
    user,
    body: str,
    staff: StaffMember | None = None,
    guardian: Guardian | None = None,
    files: Sequence = (),
    media: Sequence[MediaFile] = (),
    language: str = "",
    now: dt.datetime | None = None,
) -> Message:
    """A new message in CONVERSATION by USER, writing as STAFF or as GUARDIAN. FILES are
    uploaded first (a refused one stores nothing); MEDIA are already stored."""
    if (staff is None) == (guardian is None):
        raise ValueError("a message is written either by staff or by a guardian")
    body = _check_body(body)
    if not conversation.is_open and guardian is not None:
        raise ConversationError(_("This conversation is closed. Start a new one, and the setting will answer there."))
    uploaded = _upload(setting=conversation.setting, files=files, by=user) if files else []
    now = now or timezone.now()
    if not language:
        language = guardian_language(guardian) if guardian is not None else STAFF_LANGUAGE
    try:
        with transaction.atomic():
            message = Message(
                setting_id=conversation.setting_id,
                conversation=conversation,
                author=user,
                author_staff=staff,
                author_guardian=guardian,
                body=body,
                language=language,
                created_at=now,
            )
            message.full_clean()
            message.save()
            MessageAttachment.objects.bulk_create(
                [
                    MessageAttachment(setting_id=conversation.setting_id, message=message, media=m)
                    for m in [*media, *uploaded]
                ]
            )
            if not conversation.is_open:  # staff writing in a closed conversation open it again
                conversation.status, conversation.closed_at = Conversation.Status.OPEN, None
            _set_last(conversation, message)
            conversation.save(update_fields=["status", "closed_at", *LAST_FIELDS])
            _participant(conversation, user, is_staff=staff is not None, read_at=now)
            MessageRead.objects.create(
                setting_id=conversation.setting_id,
                message=message,
                reader=user,
                by_staff=staff is not None,
                read_at=now,
            )
            audit_log(
                "conversations.message.posted",
                actor=user,
                obj=message,
                setting=conversation.setting,
                child=conversation.child,
                data={"attachments": len(media) + len(uploaded), "by_family": guardian is not None},
            )
            if guardian is not None:
                _after_family_message(message, now=now)
            else:
                _after_staff_message(message)
    except Exception:
        for m in uploaded:
            media_discard(media=m, by=user)
        raise
    return message


LAST_FIELDS = [
    "last_message_at",
    "last_message_preview",
    "last_message_kind",
    "last_message_by_family",
    "last_family_message_at",
    "last_setting_message_at",
]


def _set_last(conversation: Conversation, message: Message) -> None:
    """The inbox's columns after MESSAGE (the newest one)."""
    conversation.last_message_at = message.created_at
    conversation.last_message_preview = message.body[:200] if not message.is_auto_reply else ""
    conversation.last_message_kind = message.kind
    conversation.last_message_by_family = message.by_family
    if message.by_family:
        conversation.last_family_message_at = message.created_at
    else:
        conversation.last_setting_message_at = message.created_at


def _refresh_last(conversation: Conversation) -> None:
    """The inbox's preview after an edit or a withdrawal (times stay: nothing new arrived)."""
    last = conversation.messages.filter(withdrawn_at__isnull=True).order_by("-created_at").first()
    conversation.last_message_preview = last.body[:200] if last and not last.is_auto_reply else ""
    conversation.last_message_kind = last.kind if last else ""
    conversation.last_message_by_family = bool(last and last.by_family)
    conversation.save(update_fields=["last_message_preview", "last_message_kind", "last_message_by_family"])


def _notice_context(message: Message) -> dict:
    conversation = message.conversation
    return {
        "conversation_id": str(conversation.pk),
        "message_id": str(message.pk),
        "subject": conversation.subject,
        "child": conversation.child.known_as if conversation.child_id else "",
        "setting": conversation.setting.name,
    }


def _after_family_message(message: Message, *, now: dt.datetime) -> None:
    conversation = message.conversation
    translation_request(
        setting=conversation.setting,
        source=message,
        field="body",
        text=message.body,
        source_language=message.language,
        languages={STAFF_LANGUAGE},
    )
    notify_staff(
        setting=conversation.setting,
        staff=[s for s in staff_audience(conversation) if s.user_id != message.author_id],
        kind=NOTICE_KIND,
        template=NOTICE_TEMPLATE,
        context={**_notice_context(message), "from_family": True},
        url=reverse("conversations:detail", args=[conversation.setting.slug, conversation.pk]),
        source=message,
        child=conversation.child,
        sent_by=message.author,
    )
    _auto_reply(message, now=now)


def _after_staff_message(message: Message) -> None:
    conversation = message.conversation
    guardians = family_guardians(conversation)
    translation_request(
        setting=conversation.setting,
        source=message,
        field="body",
        text=message.body,
        source_language=message.language,
        languages={guardian_language(g) for g in guardians},
    )
    notify_guardians(
        setting=conversation.setting,
        guardians=guardians,
        kind=NOTICE_KIND,
        template=NOTICE_TEMPLATE,
        context={**_notice_context(message), "from_family": False},
        url=reverse("conversations_family:detail", args=[conversation.pk]),
        source=message,
        child=conversation.child,
        sent_by=message.author,
    )


def auto_reply_text(setting: Setting) -> str:
    row = ConversationSettings.objects.filter(setting=setting).first()
    return row.auto_reply.strip() if row else ""


def _auto_reply(message: Message, *, now: dt.datetime) -> Message | None:
    """One automatic reply per conversation per closed period, when a family writes while the
    setting is closed. The period is named by the opening it ends with (reopens_at)."""
    conversation = message.conversation
    is_open, reopens_at = hours.opening_state(conversation.setting, at=now)
    if is_open:
        return None
    if Message.objects.filter(conversation=conversation, kind=Message.Kind.AUTO_REPLY, reopens_at=reopens_at).exists():
        return None
    custom = auto_reply_text(conversation.setting)
    row = ConversationSettings.objects.filter(setting=conversation.setting).first()
    reply = Message(
        setting_id=conversation.setting_id,
        conversation=conversation,
        kind=Message.Kind.AUTO_REPLY,
        body=custom or "auto",  # the standard wording is written at display time, in the reader's language
        language=(row.auto_reply_language if row and custom else STAFF_LANGUAGE),
        reopens_at=reopens_at,
        created_at=now + dt.timedelta(microseconds=1),
    )
    try:
        with transaction.atomic():
            reply.save()
    except IntegrityError:  # a second message in the same instant: one reply is enough
        return None
    _set_last(conversation, reply)
    conversation.save(update_fields=LAST_FIELDS)
    if custom:
        translation_request(
            setting=conversation.setting,
            source=reply,
            field="body",
            text=reply.body,
            source_language=reply.language,
            languages={guardian_language(g) for g in family_guardians(conversation)},
        )
    return reply


def _own_message(message: Message, user) -> None:
    if message.author_id != user.pk or message.is_auto_reply:
        raise ConversationError(_("You can only change your own messages."))
    if message.is_withdrawn:
        raise ConversationError(_("This message was withdrawn and cannot be changed."))


@transaction.atomic
def message_edit(*, message: Message, user, body: str) -> Message:
    """A corrected text for USER's own MESSAGE; the earlier text is kept as a revision, and a
    translation is asked for again (the old one no longer matches)."""
    _own_message(message, user)
    body = _check_body(body)
    if body == message.body:
        return message
    now = timezone.now()
    MessageRevision.objects.create(
        setting_id=message.setting_id,
        message=message,
        body=message.body,
        written_at=message.edited_at or message.created_at,
        replaced_at=now,
        replaced_by=user,
    )
    message.body = body
    message.edited_at = now
    message.full_clean()
    message.save(update_fields=["body", "edited_at"])
    conversation = message.conversation
    languages = (
        {STAFF_LANGUAGE} if message.by_family else {guardian_language(g) for g in family_guardians(conversation)}
    )
    translation_request(
        setting=conversation.setting,
        source=message,
        field="body",
        text=body,
        source_language=message.language,
        languages=languages,
    )
    _refresh_last(conversation)
    audit_log(
        "conversations.message.edited", actor=user, obj=message, setting=conversation.setting, child=conversation.child
    )
    return message


@transaction.atomic
def message_withdraw(*, message: Message, user) -> Message:
    """USER withdraws their own MESSAGE: readers see that it was withdrawn; the text is kept."""
    _own_message(message, user)
    message.withdrawn_at = timezone.now()
    message.withdrawn_by = user
    message.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _refresh_last(message.conversation)
    audit_log(
        "conversations.message.withdrawn",
        actor=user,
        obj=message,
        setting=message.conversation.setting,
        child=message.conversation.child,
    )
    return message


@transaction.atomic
def conversation_mark_read(*, conversation: Conversation, user, by_staff: bool, now: dt.datetime | None = None) -> int:
    """Read receipts for every message USER has not read yet (not their own). Returns how many."""
    now = now or timezone.now()
    unread = list(
        Message.objects.filter(conversation=conversation, created_at__lte=now)
        .exclude(author=user)
        .exclude(reads__reader=user)
        .values_list("pk", flat=True)
    )
    MessageRead.objects.bulk_create(
        [
            MessageRead(setting_id=conversation.setting_id, message_id=pk, reader=user, by_staff=by_staff, read_at=now)
            for pk in unread
        ],
        ignore_conflicts=True,
    )
    _participant(conversation, user, is_staff=by_staff, read_at=now)
    return len(unread)


@transaction.atomic
def conversation_set_status(*, conversation: Conversation, user, status: str) -> Conversation:
    if status not in Conversation.Status.values:
        raise ConversationError(_("Choose open or closed."))
    conversation.status = status
    conversation.closed_at = timezone.now() if status == Conversation.Status.CLOSED else None
    conversation.save(update_fields=["status", "closed_at"])
    audit_log(
        f"conversations.conversation.{status}",
        actor=user,
        obj=conversation,
        setting=conversation.setting,
        child=conversation.child,
    )
    return conversation


# --- opening hours ------------------------------------------------------------------------------


@transaction.atomic
def opening_hours_set(
    *,
    setting: Setting,
    by,
    week: dict[int, tuple[dt.time, dt.time] | None],
    closed_days: Iterable[tuple[dt.date, str]] = (),
    auto_reply: str = "",
    auto_reply_language: str = STAFF_LANGUAGE,
) -> None:
    """Replace SETTING's weekly hours (weekday → (opens, closes), None: closed), its closed
    dates and its automatic reply."""
    rows = []
    for weekday, times in sorted(week.items()):
        if times is None:
            continue
        row = OpeningHours(setting=setting, weekday=weekday, opens_at=times[0], closes_at=times[1])
        row.full_clean(exclude=["setting"], validate_unique=False)
        rows.append(row)
    OpeningHours.objects.filter(setting=setting).delete()
    OpeningHours.objects.bulk_create(rows)
    ClosedDay.objects.filter(setting=setting).delete()
    ClosedDay.objects.bulk_create(
        [ClosedDay(setting=setting, date=d, reason=reason[:120]) for d, reason in dict(closed_days).items()]
    )
    ConversationSettings.objects.update_or_create(
        setting=setting,
        defaults={"auto_reply": (auto_reply or "").strip()[:1000], "auto_reply_language": auto_reply_language},
    )
    audit_log("conversations.opening_hours.changed", actor=by, obj=setting, setting=setting, data={"days": len(rows)})


__all__ = [
    "ConversationError",
    "conversation_mark_read",
    "conversation_set_status",
    "conversation_start_for_family",
    "conversation_start_for_staff",
    "message_edit",
    "message_post",
    "message_withdraw",
    "opening_hours_set",
]
