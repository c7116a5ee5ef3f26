"""Reads of conversations, each starting from tandem.access.

- Staff with can_message_families see the conversations about children they can see
  (rules.children_visible_to), and family-wide ones of families with such a child; managers
  (can_manage_staff) see all of the setting's.
- A guardian sees only their own household's conversations, about children they are linked
  to (or about no child in particular)."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.conversations import hours
from tandem.conversations.models import (
    ClosedDay,
    Conversation,
    Message,
    MessageRead,
    MessageRevision,
    OpeningHours,
    Participant,
)
from tandem.conversations.text import render_message
from tandem.core.models import Child, Guardian, Setting
from tandem.media.signing import media_url
from tandem.translations.models import text_hash
from tandem.translations.selectors import translations_for

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


INBOX_COLUMNS = (
    "id",
    "setting_id",
    "family_id",
    "child_id",
    "subject",
    "audience",
    "status",
    "last_message_at",
    "last_message_preview",
    "last_message_kind",
    "last_message_by_family",
    "last_family_message_at",
    "last_setting_message_at",
    "family__id",
    "family__name",
    "child__id",
    "child__first_name",
    "child__last_name",
    "child__preferred_name",
    "child__room__id",
    "child__room__name",
)
INBOX_PAGE_SIZE = 50


def _with_inbox_columns(qs: QuerySet, *, user, unread_from_family: bool) -> QuerySet:
    """Whether the reader has anything unread (the newest message from the other side is after
    their last read), from columns the services keep on the conversation plus one indexed
    subquery for the reader's last read: one query for the whole list, unread first."""
    last_read = Participant.objects.filter(conversation=OuterRef("pk"), user=user).values("last_read_at")[:1]
    other_side = "last_family_message_at" if unread_from_family else "last_setting_message_at"
    return (
        qs.annotate(my_last_read=Coalesce(Subquery(last_read), Value(EPOCH, output_field=DateTimeField())))
        .annotate(
            has_unread=Case(
                When(**{f"{other_side}__gt": F("my_last_read")}, then=1), default=0, output_field=IntegerField()
            )
        )
        .select_related("child__room", "family")
        .only(*INBOX_COLUMNS)
        .order_by("-has_unread", "-last_message_at")
    )


def inbox_page(
    qs: QuerySet, *, user, unread_from_family: bool, limit: int = INBOX_PAGE_SIZE, offset: int = 0
) -> list[Conversation]:
    """The first LIMIT conversations of an inbox queryset, each with `unread_count` (how many
    messages from the other side came after the reader last read it): two queries in all."""
    conversations = list(qs[offset : offset + limit])
    unread_ids = [c.pk for c in conversations if c.has_unread]
    counts: dict = {}
    if unread_ids:
        last_read = Participant.objects.filter(conversation=OuterRef("conversation_id"), user=user).values(
            "last_read_at"
        )[:1]
        rows = (
            Message.objects.filter(conversation_id__in=unread_ids, withdrawn_at__isnull=True)
            .filter(author_guardian__isnull=not unread_from_family)
            .exclude(author=user)
            .annotate(my_last_read=Coalesce(Subquery(last_read), Value(EPOCH, output_field=DateTimeField())))
            .filter(created_at__gt=F("my_last_read"))
            .values("conversation_id")
            .annotate(c=Count("pk"))
        )
        counts = {row["conversation_id"]: row["c"] for row in rows}
    for c in conversations:
        c.unread_count = counts.get(c.pk, 0)
    return conversations


def _staff_scope(*, user, setting: Setting) -> QuerySet[Conversation]:
    membership = rules.membership_for_user(user, setting_slug=setting.slug)
    qs = Conversation.objects.filter(setting=setting)
    if membership.perms.can_manage_staff:
        return qs
    visible = rules.children_visible_to(user, setting=setting)
    family_child = Child.objects.filter(family_id=OuterRef("family_id"), pk__in=visible.values("pk"))
    return qs.filter(Q(child__in=visible) | Q(child__isnull=True, pk__in=qs.filter(Exists(family_child)).values("pk")))


def conversations_for_staff(
    *, user, setting: Setting, room_id=None, key_children: bool = False, unread_only: bool = False, q: str = ""
) -> QuerySet[Conversation]:
    """The staff inbox: unread first, then the latest. The caller checked can_message_families."""
    qs = _staff_scope(user=user, setting=setting)
    if room_id:
        qs = qs.filter(child__room_id=room_id)
    if key_children:
        staff = rules.membership_for_user(user, setting_slug=setting.slug).staff
        qs = qs.filter(Q(child__key_person=staff) | Q(child__backup_key_person=staff))
    q = (q or "").strip()
    if q:
        words = Q()
        for word in q.split()[:4]:
            words &= (
                Q(child__first_name__icontains=word)
                | Q(child__last_name__icontains=word)
                | Q(child__preferred_name__icontains=word)
                | Q(family__name__icontains=word)
                | Q(subject__icontains=word)
            )
        qs = qs.filter(words)
    qs = _with_inbox_columns(qs, user=user, unread_from_family=True)
    if unread_only:
        qs = qs.filter(has_unread=1)
    return qs


def conversation_for_staff(*, user, setting: Setting, conversation_id) -> Conversation:
    pk = uuid_or_404(conversation_id)
    conversation = (
        _staff_scope(user=user, setting=setting)
        .select_related("child__room", "child__key_person__user", "family", "setting", "created_by")
        .filter(pk=pk)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def _family_scope(user) -> QuerySet[Conversation]:
    families = Guardian.objects.filter(user=user).values("family_id")
    return Conversation.objects.filter(family_id__in=families).filter(
        Q(child__isnull=True) | Q(child_id__in=rules.guardian_child_ids(user))
    )


def conversations_for_guardian(*, user) -> QuerySet[Conversation]:
    return _with_inbox_columns(_family_scope(user), user=user, unread_from_family=False).select_related("setting")


def conversation_for_guardian(*, user, conversation_id) -> Conversation:
    pk = uuid_or_404(conversation_id)
    conversation = _family_scope(user).select_related("child", "family", "setting").filter(pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


def guardian_for_conversation(*, user, conversation: Conversation) -> Guardian:
    guardian = (
        Guardian.objects.filter(user=user, family_id=conversation.family_id).select_related("preferences").first()
    )
    if guardian is None:
        raise Http404
    return guardian


def guardian_children(*, user) -> list[tuple[Child, Guardian]]:
    """USER's children with the guardian record that links them (for starting a conversation)."""
    guardians = Guardian.objects.filter(user=user).prefetch_related("child_links__child__setting")
    return [(link.child, g) for g in guardians for link in g.child_links.all() if link.child.leave_date is None]


def message_for_author(*, conversation: Conversation, user, message_id) -> Message:
    pk = uuid_or_404(message_id)
    message = Message.objects.filter(conversation=conversation, pk=pk, author=user).first()
    if message is None:
        raise Http404
    return message


# --- one thread ---------------------------------------------------------------------------------


@dataclass
class ShownMessage:
    message: Message
    html: str
    original_html: str = ""  # set when HTML is a translation
    is_mine: bool = False
    author_label: str = ""
    attachments: list = field(default_factory=list)
    receipts: list = field(default_factory=list)  # staff: [(name, read_at)]
    seen_by_setting: bool = False  # families: someone in the team has read it
    seen_by_family: bool = False
    revisions: list = field(default_factory=list)
    withdrawn_html: str = ""  # staff: the withdrawn text, kept for the record


def local_time(setting: Setting, moment):
    return moment.astimezone(zoneinfo.ZoneInfo(setting.timezone)) if moment else None


def auto_reply_wording(message: Message, setting: Setting) -> str:
    """The standard automatic reply, in the active language."""
    if message.reopens_at is None:
        return _("We're closed now. We'll read your message when we open.")
    opens = local_time(setting, message.reopens_at)
    sent = local_time(setting, message.created_at).date()
    time = formats.time_format(opens.time(), "H:i")
    if opens.date() == sent:
        return _("We're closed now; we open at %(time)s today.") % {"time": time}
    if opens.date() == sent + dt.timedelta(days=1):
        return _("We're closed now; we open at %(time)s tomorrow.") % {"time": time}
    return _("We're closed now; we open at %(time)s on %(day)s.") % {
        "time": time,
        "day": formats.date_format(opens.date(), "l j F"),
    }


def thread(
    *, conversation: Conversation, viewer, language: str, as_staff: bool, limit: int = 300
) -> list[ShownMessage]:
    """The messages of CONVERSATION for VIEWER, in VIEWER's LANGUAGE where a translation is
    ready (the original kept beside it), with attachments (signed links for VIEWER), read
    receipts and earlier versions. A fixed number of queries whatever the length."""
    messages = list(
        Message.objects.filter(conversation=conversation)
        .select_related("author", "author_staff__user", "author_guardian")
        .prefetch_related(
            "attachments__media",
            Prefetch("reads", queryset=MessageRead.objects.select_related("reader").order_by("read_at")),
            Prefetch("revisions", queryset=MessageRevision.objects.order_by("written_at")),
        )
        .order_by("-created_at")[:limit]
    )
    messages.reverse()
    translated = translations_for(sources=messages, field="body", language=language)
    setting = conversation.setting
    guardian_names = {}
    if as_staff:
        guardian_names = {
            g.user_id: g.full_name
            for g in Guardian.objects.filter(family_id=conversation.family_id, user__isnull=False)
        }
    shown = []
    for m in messages:
        if m.is_auto_reply and m.body == "auto":
            text = auto_reply_wording(m, setting)
            item = ShownMessage(message=m, html=render_message(text))
        else:
            html = render_message(m.body)
            item = ShownMessage(message=m, html=html)
            row = translated.get(str(m.pk))
            if m.language != language and row is not None and row.source_hash == text_hash(m.body):
                item.html, item.original_html = render_message(row.text), html
        item.is_mine = m.author_id == viewer.pk
        if m.is_auto_reply:
            item.author_label = setting.name
        elif m.author_guardian_id:
            item.author_label = m.author_guardian.full_name
        elif as_staff:
            item.author_label = m.author_staff.user.display_name if m.author_staff_id else setting.name
        else:
            # Families see the setting and the first name of who wrote.
            item.author_label = (
                _("%(name)s at %(setting)s") % {"name": m.author_staff.user.first_name, "setting": setting.name}
                if m.author_staff_id and m.author_staff.user.first_name
                else setting.name
            )
        if m.is_withdrawn:
            item.withdrawn_html = render_message(m.body) if as_staff else ""
            item.html, item.original_html, item.attachments = "", "", []
        else:
            for a in m.attachments.all():
                media = a.media
                variant = "thumb" if media.is_photo and media.is_ready else "original"
                item.attachments.append(
                    {
                        "media": media,
                        "url": media_url(media=media, variant="original", viewer=viewer),
                        "preview": media_url(media=media, variant=variant, viewer=viewer) if media.is_photo else "",
                    }
                )
        reads = [r for r in m.reads.all() if r.reader_id != m.author_id]
        if as_staff:
            item.receipts = [
                (guardian_names.get(r.reader_id) or r.reader.display_name, local_time(setting, r.read_at))
                for r in reads
            ]
        item.seen_by_setting = any(r.by_staff for r in reads)
        item.seen_by_family = any(not r.by_staff for r in reads)
        if not m.is_withdrawn:
            item.revisions = list(m.revisions.all())
        shown.append(item)
    return shown


# --- opening hours ------------------------------------------------------------------------------


def opening_week(setting: Setting) -> list[dict]:
    from tandem.conversations.models import Weekday

    rows = hours.weekly_hours(setting)
    return [{"weekday": day, "label": label, "hours": rows.get(day)} for day, label in Weekday.choices]


def upcoming_closed_days(setting: Setting, *, limit: int = 10) -> QuerySet[ClosedDay]:
    return ClosedDay.objects.filter(setting=setting, date__gte=setting.today()).order_by("date")[:limit]


def has_opening_hours(setting: Setting) -> bool:
    return OpeningHours.objects.filter(setting=setting).exists()


def opening_hours_initial(setting: Setting) -> dict:
    """The hours form's current values."""
    from tandem.conversations.models import ConversationSettings

    initial: dict = {}
    for day, h in hours.weekly_hours(setting).items():
        initial[f"opens_{day}"], initial[f"closes_{day}"] = h.opens_at, h.closes_at
    closed = ClosedDay.objects.filter(setting=setting, date__gte=setting.today()).order_by("date")
    initial["closed_days"] = "\n".join(f"{d.date.isoformat()} {d.reason}".strip() for d in closed)
    row = ConversationSettings.objects.filter(setting=setting).first()
    initial["auto_reply"] = row.auto_reply if row else ""
    return initial
