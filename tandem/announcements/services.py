"""The verbs of announcements. Every write from a page, the API, the periodic task or the demo
comes through here.

- announcement_create / announcement_update: a draft (or a scheduled one, edited before it goes:
  the earlier state is kept as a RecordVersion). Sent announcements are never changed.
- announcement_attach: a photo or document, checked and stored privately by tandem.media.
- announcement_schedule / announcement_unschedule: send at a time (the periodic task sends it).
- announcement_send: now. One Notice through tandem.notify for every guardian of the audience
  (or every member of staff), one AnnouncementRecipient per guardian for the read tracking,
  and a translation asked for each language the audience reads.
- announcement_mark_read / question_answer: what a family does.

Who may do it (can_send_announcements; urgent: can_send_urgent) is checked here too, so the
periodic task cannot send what the person who scheduled it was not allowed to."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.access.permissions import StaffPermissions
from tandem.announcements import selectors
from tandem.announcements.models import Announcement, AnnouncementAttachment, AnnouncementRecipient, QuestionAnswer
from tandem.core.audit import audit_log, changed_fields, keep_version, snapshot
from tandem.core.models import Guardian, Setting
from tandem.journal.text import render_markdown

EDITABLE_FIELDS = (
    "kind",
    "title",
    "body_markdown",
    "language",
    "audience",
    "urgent",
    "question",
    "question_closes_at",
)


class AnnouncementError(ValidationError):
    """A rule about announcements was broken; the message says why, in the person's language."""


def _perms(user, setting: Setting) -> StaffPermissions:
    for membership in rules.memberships_for_user(user):
        if membership.setting.pk == setting.pk:
            return membership.perms
    return StaffPermissions()


def _require_sender(user, setting: Setting, *, urgent: bool) -> None:
    perms = _perms(user, setting)
    if not perms.can_send_announcements:
        raise AnnouncementError(_("Only staff who may send announcements can do this."))
    if urgent and not perms.can_send_urgent:
        raise AnnouncementError({"urgent": _("Only a manager can send an urgent announcement.")})


def _check_text(announcement: Announcement) -> None:
    from django.conf import settings

    if announcement.language not in dict(settings.LANGUAGES):
        raise AnnouncementError({"language": _("Tandem does not offer this language yet.")})
    if not announcement.title:
        raise AnnouncementError({"title": _("Give the announcement a title.")})
    if announcement.question and announcement.question_closes_at and announcement.question_closes_at <= timezone.now():
        raise AnnouncementError({"question_closes_at": _("Choose a closing time in the future.")})


def _check_audience(announcement: Announcement, rooms, families) -> None:
    rooms, families = list(rooms or []), list(families or [])
    if any(r.setting_id != announcement.setting_id for r in rooms) or any(
        f.setting_id != announcement.setting_id for f in families
    ):
        raise AnnouncementError(_("Choose rooms and families of this setting."))
    if announcement.audience == Announcement.Audience.ROOMS and not rooms:
        raise AnnouncementError({"rooms": _("Choose at least one room.")})
    if announcement.audience == Announcement.Audience.FAMILIES and not families:
        raise AnnouncementError({"families": _("Choose at least one family.")})
    if announcement.question and announcement.audience == Announcement.Audience.STAFF:
        raise AnnouncementError(
            {"question": _("A question is for families: choose families, rooms or the whole setting.")}
        )


def _set_audience(announcement: Announcement, rooms, families) -> None:
    audience = announcement.audience
    announcement.rooms.set(list(rooms or []) if audience == Announcement.Audience.ROOMS else [])
    announcement.families.set(list(families or []) if audience == Announcement.Audience.FAMILIES else [])


@transaction.atomic
def announcement_create(
    *,
    setting: Setting,
    by: Any,
    title: str,
    body_markdown: str = "",
    kind: str = Announcement.Kind.ANNOUNCEMENT,
    audience: str = Announcement.Audience.SETTING,
    rooms=(),
    families=(),
    urgent: bool = False,
    question: str = "",
    question_closes_at: dt.datetime | None = None,
    language: str = "en",
    attachment: Any = None,
) -> Announcement:
    """A draft announcement (with ATTACHMENT, a file, if given: refused files refuse the whole
    draft, so nothing is half-saved). Nobody is told until it is sent."""
    _require_sender(by, setting, urgent=urgent)
    announcement = Announcement(
        setting=setting,
        kind=kind,
        title=" ".join((title or "").split()),
        body_markdown=(body_markdown or "").strip(),
        language=language or "en",
        audience=audience,
        urgent=urgent,
        question=" ".join((question or "").split()),
        question_closes_at=question_closes_at if question else None,
        created_by=by,
    )
    announcement.body_html = render_markdown(announcement.body_markdown)
    _check_text(announcement)
    announcement.full_clean()
    _check_audience(announcement, rooms, families)
    announcement.save()
    _set_audience(announcement, rooms, families)
    audit_log(
        "announcements.announcement.created",
        actor=by,
        obj=announcement,
        setting=setting,
        data={"kind": kind, "audience": audience},
    )
    if attachment:
        announcement_attach(announcement=announcement, uploaded_file=attachment, by=by)
    return announcement


@transaction.atomic
def announcement_update(
    *, announcement: Announcement, by: Any, rooms=None, families=None, attachment: Any = None, **changes
) -> Announcement:
    """Change a draft or scheduled announcement; its earlier state is kept as a version."""
    announcement = Announcement.objects.select_for_update(of=("self",)).get(pk=announcement.pk)
    if not announcement.is_editable:
        raise AnnouncementError(_("This announcement has been sent and can no longer be changed."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _require_sender(by, announcement.setting, urgent=changes.get("urgent", announcement.urgent))
    before = snapshot(announcement)
    before_rooms = sorted(str(pk) for pk in announcement.rooms.values_list("pk", flat=True))
    before_families = sorted(str(pk) for pk in announcement.families.values_list("pk", flat=True))
    keep_version(announcement, setting=announcement.setting, by=by)
    for name, value in changes.items():
        if name in ("title", "question"):
            value = " ".join((value or "").split())
        elif name == "body_markdown":
            value = (value or "").strip()
        setattr(announcement, name, value)
    if not announcement.question:
        announcement.question_closes_at = None
    announcement.body_html = render_markdown(announcement.body_markdown)
    announcement.updated_at = timezone.now()
    _check_text(announcement)
    announcement.full_clean()
    rooms = announcement.rooms.all() if rooms is None else rooms
    families = announcement.families.all() if families is None else families
    rooms, families = list(rooms), list(families)
    _check_audience(announcement, rooms, families)
    announcement.save()
    _set_audience(announcement, rooms, families)
    fields = changed_fields(before, snapshot(announcement))
    if sorted(str(r.pk) for r in rooms) != before_rooms:
        fields.append("rooms")
    if sorted(str(f.pk) for f in families) != before_families:
        fields.append("families")
    audit_log(
        "announcements.announcement.changed",
        actor=by,
        obj=announcement,
        setting=announcement.setting,
        data={"fields": fields},
    )
    if attachment:
        announcement_attach(announcement=announcement, uploaded_file=attachment, by=by)
    return announcement


def announcement_attach(*, announcement: Announcement, uploaded_file: Any, by: Any) -> AnnouncementAttachment:
    """Add a photo or document (tandem.media checks what it is, its size, and strips metadata;
    a file it refuses raises MediaError with the reason, and nothing is saved)."""
    from tandem.media.services import media_upload

    if not announcement.is_editable:
        raise AnnouncementError(_("This announcement has been sent and can no longer be changed."))
    _require_sender(by, announcement.setting, urgent=False)
    if announcement.attachments.count() >= 10:
        raise AnnouncementError({"attachment": _("An announcement can have up to 10 files.")})
    media = media_upload(setting=announcement.setting, uploaded_file=uploaded_file, by=by)
    with transaction.atomic():
        attachment = AnnouncementAttachment(setting=announcement.setting, announcement=announcement, media=media)
        attachment.full_clean()
        attachment.save()
        audit_log(
            "announcements.attachment.added",
            actor=by,
            obj=announcement,
            setting=announcement.setting,
            data={"media": str(media.pk), "kind": media.kind},
        )
    return attachment


@transaction.atomic
def announcement_schedule(*, announcement: Announcement, send_at: dt.datetime, by: Any) -> Announcement:
    """Send at SEND_AT (the periodic task send_due_announcements sends it, once)."""
    announcement = Announcement.objects.select_for_update(of=("self",)).get(pk=announcement.pk)
    if not announcement.is_editable:
        raise AnnouncementError(_("This announcement has already been sent."))
    _require_sender(by, announcement.setting, urgent=announcement.urgent)
    if send_at is None or send_at <= timezone.now():
        raise AnnouncementError({"send_at": _("Choose a time in the future, or send it now.")})
    if announcement.question_closes_at and announcement.question_closes_at <= send_at:
        raise AnnouncementError({"send_at": _("The answers would close before the announcement is sent.")})
    announcement.status = Announcement.Status.SCHEDULED
    announcement.send_at = send_at
    announcement.scheduled_by = by
    announcement.updated_at = timezone.now()
    announcement.save(update_fields=["status", "send_at", "scheduled_by", "updated_at"])
    audit_log(
        "announcements.announcement.scheduled",
        actor=by,
        obj=announcement,
        setting=announcement.setting,
        data={"send_at": send_at.isoformat()},
    )
    return announcement


@transaction.atomic
def announcement_unschedule(*, announcement: Announcement, by: Any) -> Announcement:
    """Back to a draft: it will not be sent at its time."""
    _require_sender(by, announcement.setting, urgent=False)
    won = Announcement.objects.filter(pk=announcement.pk, status=Announcement.Status.SCHEDULED).update(
        status=Announcement.Status.DRAFT, send_at=None, updated_at=timezone.now()
    )
    if not won:
        raise AnnouncementError(_("This announcement is not waiting to be sent."))
    announcement.refresh_from_db()
    audit_log("announcements.announcement.unscheduled", actor=by, obj=announcement, setting=announcement.setting)
    return announcement


def _notice_url(announcement: Announcement) -> str:
    if announcement.audience == Announcement.Audience.STAFF:
        return reverse("announcements:detail", args=[announcement.setting.slug, announcement.pk])
    return reverse("announcements_family:detail", args=[announcement.pk])


@transaction.atomic
def announcement_send(*, announcement: Announcement, by: Any, _from_status: str | None = None) -> Announcement:
    """Send it now, once: a Notice for the audience through tandem.notify, a recipient row per
    guardian for the read tracking, and translations asked for the languages they read."""
    from tandem.notify.services import notify_guardians, notify_staff
    from tandem.translations.services import translation_request

    setting = announcement.setting
    _require_sender(by, setting, urgent=announcement.urgent)
    # The conditional update decides who sends it: a page, the API and the periodic task
    # racing for the same announcement send it once.
    from_statuses = [_from_status] if _from_status else [Announcement.Status.DRAFT, Announcement.Status.SCHEDULED]
    won = Announcement.objects.filter(pk=announcement.pk, status__in=from_statuses).update(
        status=Announcement.Status.SENDING
    )
    if not won:
        raise AnnouncementError(_("This announcement has already been sent."))
    announcement.refresh_from_db()
    context = {"title": announcement.title, "setting": setting.name, "kind": announcement.kind}
    common = {
        "setting": setting,
        "kind": f"announcements.{announcement.kind}",
        "template": "announcements/notices/announcement",
        "context": context,
        "url": _notice_url(announcement),
        "urgent": announcement.urgent,
        "source": announcement,
        "sent_by": by,
    }
    count = 0
    if announcement.audience == Announcement.Audience.STAFF:
        staff = list(selectors.audience_staff(announcement))
        notice = notify_staff(staff=staff, **common)
        count = len(staff)
    else:
        guardians = list(selectors.audience_guardians(announcement).only("id", "setting_id", "family_id"))
        notice = notify_guardians(guardians=guardians, **common)
        now = timezone.now()
        AnnouncementRecipient.objects.bulk_create(
            [
                AnnouncementRecipient(
                    setting=setting, announcement=announcement, guardian=g, family_id=g.family_id, created_at=now
                )
                for g in guardians
            ],
            batch_size=500,
        )
        count = len({g.family_id for g in guardians})
        languages = selectors.audience_languages(guardians)
        for field in ("title", "body_markdown", "question"):
            text = getattr(announcement, field)
            if text:
                translation_request(
                    setting=setting,
                    source=announcement,
                    field=field,
                    text=text,
                    source_language=announcement.language,
                    languages=languages,
                )
    announcement.status = Announcement.Status.SENT
    announcement.sent_at = timezone.now()
    announcement.sent_by = by
    announcement.notice_id = notice.pk
    announcement.save(update_fields=["status", "sent_at", "sent_by", "notice_id"])
    audit_log(
        "announcements.announcement.sent",
        actor=by,
        obj=announcement,
        setting=setting,
        data={"audience": announcement.audience, "count": count, "urgent": announcement.urgent},
    )
    return announcement


def announcements_send_due(*, now: dt.datetime | None = None) -> list[str]:
    """Send every scheduled announcement whose time has come (the periodic task). Each one is
    sent in its own transaction, as the person who scheduled it; one that can no longer be sent
    (that person lost the right) goes back to a draft, with the reason in the audit log."""
    from django_scopes import scopes_disabled

    now = now or timezone.now()
    sent = []
    with scopes_disabled():  # a periodic task works across settings
        due = list(
            Announcement.objects.filter(status=Announcement.Status.SCHEDULED, send_at__lte=now)
            .select_related("setting", "scheduled_by")
            .order_by("send_at")
        )
        for announcement in due:
            by = announcement.scheduled_by
            try:
                announcement_send(announcement=announcement, by=by, _from_status=Announcement.Status.SCHEDULED)
            except AnnouncementError as exc:
                with transaction.atomic():
                    moved = Announcement.objects.filter(
                        pk=announcement.pk, status=Announcement.Status.SCHEDULED
                    ).update(status=Announcement.Status.DRAFT)
                    if moved:
                        audit_log(
                            "announcements.announcement.not_sent",
                            actor=None,
                            obj=announcement,
                            setting=announcement.setting,
                            data={"reason": " ".join(exc.messages)[:200]},
                        )
            else:
                sent.append(str(announcement.pk))
    return sent


def announcement_mark_read(*, recipient: AnnouncementRecipient, by: Any) -> AnnouncementRecipient:
    """The guardian opened it: the first time is recorded (and their in-app notice is read)."""
    from tandem.notify.models import NoticeRecipient

    if recipient.read_at is not None:
        return recipient
    now = timezone.now()
    with transaction.atomic():
        updated = AnnouncementRecipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=now)
        if updated:
            notice_id = recipient.announcement.notice_id
            if notice_id:
                NoticeRecipient.objects.filter(
                    notice_id=notice_id, guardian_id=recipient.guardian_id, read_at__isnull=True
                ).update(read_at=now)
            audit_log(
                "announcements.announcement.read",
                actor=by,
                obj=recipient.announcement,
                setting=recipient.setting,
                data={"guardian": str(recipient.guardian_id)},
            )
    recipient.read_at = now
    return recipient


@transaction.atomic
def question_answer(*, recipient: AnnouncementRecipient, answer: str, by: Any) -> QuestionAnswer:
    """GUARDIAN's yes or no; a second answer replaces the first, until the question closes."""
    announcement = recipient.announcement
    if not announcement.question:
        raise AnnouncementError({"answer": _("This announcement does not ask a question.")})
    if not announcement.question_open():
        raise AnnouncementError({"answer": _("Answers to this question closed. Please talk to the staff instead.")})
    if answer not in QuestionAnswer.Answer.values:
        raise AnnouncementError({"answer": _("Answer yes or no.")})
    guardian = Guardian.objects.get(pk=recipient.guardian_id)
    row = (
        QuestionAnswer.objects.select_for_update(of=("self",))
        .filter(announcement=announcement, guardian=guardian)
        .first()
    )
    now = timezone.now()
    if row is None:
        row = QuestionAnswer(setting=announcement.setting, announcement=announcement, guardian=guardian, answer=answer)
        action = "announcements.answer.given"
    else:
        if row.answer == answer:
            return row
        row.answer = answer
        row.changed_at = now
        action = "announcements.answer.changed"
    row.full_clean()
    row.save()
    audit_log(action, actor=by, obj=announcement, setting=announcement.setting, data={"answer": answer})
    return row


def remind_at_pickup(*, announcement: Announcement, families, by: Any) -> int:
    """Ask each child's key person to tell the families who have not seen ANNOUNCEMENT, at
    drop-off or pick-up: one face-to-face task per family (to one of its parents or carers)
    on the key person's list (tandem.notify), whatever the family's usual way of contact.
    Returns how many families it concerns."""
    from tandem.notify.models import DeliveryChannel
    from tandem.notify.services import notify_guardians

    family_ids = {f.pk for f in families}
    if not family_ids or not announcement.is_sent:
        return 0
    chosen: dict = {}
    for guardian in (
        selectors.audience_guardians(announcement).filter(family_id__in=family_ids).order_by("family_id", "first_name")
    ):
        chosen.setdefault(guardian.family_id, guardian)
    setting = announcement.setting
    notify_guardians(
        setting=setting,
        guardians=list(chosen.values()),
        kind="announcements.pickup_reminder",
        template="announcements/notices/pickup_reminder",
        context={"title": announcement.title, "setting": setting.name},
        url=_notice_url(announcement),
        source=announcement,
        sent_by=by,
        channels=[DeliveryChannel.FACE_TO_FACE],
    )
    audit_log(
        "announcements.announcement.pickup_reminder_requested",
        actor=by,
        obj=announcement,
        setting=setting,
        data={"families": len(chosen)},
    )
    return len(chosen)
