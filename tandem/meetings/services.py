"""The verbs of structured conversations. Every write from a page, the API or a task comes
through here: atomic, validated (full_clean), audited, versioned before a change.

Rules: the family's words come first and are required to record a conversation; they are kept
as written and cannot be changed afterwards. One to three priorities, each with who does what
at home and in the setting. The review date must be after the meeting. Nothing is deleted."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, keep_version
from tandem.core.models import Child, ChildGuardian, Guardian, StaffMember
from tandem.meetings.models import MAX_PRIORITIES, Conversation, FamilyComment, Mode, Priority
from tandem.notify.services import notify_guardians, notify_staff


class MeetingError(ValidationError):
    """A rule about structured conversations was broken; the message says why."""


def _clean_priorities(priorities: list[dict]) -> list[dict]:
    cleaned = []
    for p in priorities or []:
        text = " ".join(str(p.get("text", "")).split())
        at_home = str(p.get("at_home", "")).strip()
        in_setting = str(p.get("in_setting", "")).strip()
        if not (text or at_home or in_setting):
            continue  # an empty row of the form
        if not text or not at_home or not in_setting:
            raise MeetingError(
                {
                    "priorities": _(
                        "For each priority, say what it is, who does what at home and who does what in the setting."
                    )
                }
            )
        cleaned.append(
            {"text": text, "at_home": at_home, "in_setting": in_setting, "carried_from": p.get("carried_from")}
        )
    if not 1 <= len(cleaned) <= MAX_PRIORITIES:
        raise MeetingError({"priorities": _("Agree one, two or three priorities together (no more than three).")})
    return cleaned


def _check_review_date(meeting_on: dt.date, review_on: dt.date | None) -> None:
    if review_on is None:
        raise MeetingError({"review_on": _("Choose a date to review the plan together.")})
    if meeting_on and review_on <= meeting_on:
        raise MeetingError({"review_on": _("The review date must be after the meeting.")})


def _check_interpreter(interpreter_used: bool, language: str) -> str:
    language = " ".join((language or "").split())
    if interpreter_used and not language:
        raise MeetingError({"interpreter_language": _("Say in which language the interpreter helped.")})
    return language if interpreter_used else ""


def _key_person(child: Child, by) -> StaffMember:
    if child.key_person_id:
        return child.key_person
    staff = StaffMember.objects.filter(setting=child.setting, user=by).first()
    if staff is None:
        raise MeetingError(_("The child has no key person yet. Choose one first."))
    return staff


def guardians_of(child: Child) -> list[Guardian]:
    return [link.guardian for link in ChildGuardian.objects.filter(child=child).select_related("guardian")]


@transaction.atomic
def conversation_plan(
    *, child: Child, by: Any, meeting_on: dt.date, mode: str = Mode.FACE_TO_FACE, worry=None
) -> Conversation:
    """Plan a structured conversation on a date (today or later); the family and the key
    person are reminded before it."""
    if meeting_on is None or meeting_on < child.setting.today():
        raise MeetingError({"meeting_on": _("Choose today or a day after today for the meeting.")})
    conversation = Conversation(
        setting=child.setting,
        child=child,
        key_person=_key_person(child, by),
        status=Conversation.Status.PLANNED,
        meeting_on=meeting_on,
        mode=mode,
        worry=worry,
        created_by=by,
    )
    conversation.full_clean()
    conversation.save()
    audit_log("meetings.conversation.planned", actor=by, obj=conversation, setting=child.setting, child=child)
    return conversation


def _fill(conversation: Conversation, data: dict) -> None:
    conversation.meeting_on = data["meeting_on"]
    conversation.mode = data.get("mode") or Mode.FACE_TO_FACE
    conversation.attendees = " ".join(str(data.get("attendees", "")).split())
    conversation.interpreter_used = bool(data.get("interpreter_used"))
    conversation.interpreter_language = _check_interpreter(
        conversation.interpreter_used, data.get("interpreter_language", "")
    )
    conversation.practitioner_view = str(data.get("practitioner_view", "")).strip()
    conversation.focus = str(data.get("focus", "")).strip()
    conversation.review_on = data.get("review_on")
    conversation.staff_notes = str(data.get("staff_notes", "")).strip()


@transaction.atomic
def conversation_record(
    *,
    child: Child,
    by: Any,
    meeting_on: dt.date,
    family_words: str,
    priorities: list[dict],
    review_on: dt.date | None,
    focus: str,
    mode: str = Mode.FACE_TO_FACE,
    attendees: str = "",
    interpreter_used: bool = False,
    interpreter_language: str = "",
    practitioner_view: str = "",
    staff_notes: str = "",
    planned: Conversation | None = None,
    follows: Conversation | None = None,
    worry=None,
) -> Conversation:
    """Record a structured conversation that took place (a planned one, or a new one): the
    family's words first, then the focus, 1–3 priorities and a review date after the meeting.
    Refused with a message, and nothing saved, when a rule is broken. The family is told the
    plan is ready to read."""
    if not (family_words or "").strip():
        raise MeetingError({"family_words": _("Write what the family told us first, in their words.")})
    if not (focus or "").strip():
        raise MeetingError({"focus": _("Say what you agreed to focus on.")})
    if meeting_on is None:
        raise MeetingError({"meeting_on": _("Enter the date of the meeting.")})
    if meeting_on > child.setting.today():
        raise MeetingError({"meeting_on": _("A meeting that has not happened yet can only be planned.")})
    _check_review_date(meeting_on, review_on)
    cleaned = _clean_priorities(priorities)
    if worry is not None and worry.child_id != child.pk:
        raise MeetingError(_("This progress worry is about another child."))
    if planned is not None:
        conversation = Conversation.objects.select_for_update(of=("self",)).get(pk=planned.pk, child=child)
        if conversation.status != Conversation.Status.PLANNED:
            raise MeetingError(_("This conversation is already recorded."))
        keep_version(conversation, setting=child.setting, by=by)
    else:
        conversation = Conversation(
            setting=child.setting, child=child, key_person=_key_person(child, by), created_by=by, worry=worry
        )
    conversation.follows = follows or conversation.follows
    conversation.status = Conversation.Status.HELD
    conversation.family_words = family_words.strip()
    _fill(
        conversation,
        {
            "meeting_on": meeting_on,
            "mode": mode,
            "attendees": attendees,
            "interpreter_used": interpreter_used,
            "interpreter_language": interpreter_language,
            "practitioner_view": practitioner_view,
            "focus": focus,
            "review_on": review_on,
            "staff_notes": staff_notes,
        },
    )
    conversation.full_clean()
    conversation.save()
    carried = {}
    if follows is not None:
        carried = {str(p.pk): p for p in follows.priorities.all()}
    for order, p in enumerate(cleaned, start=1):
        priority = Priority(
            setting=child.setting,
            conversation=conversation,
            order=order,
            text=p["text"],
            at_home=p["at_home"],
            in_setting=p["in_setting"],
            carried_from=carried.get(str(p.get("carried_from") or "")),
        )
        priority.full_clean()
        priority.save()
    _ask_translations(conversation)
    if conversation.worry_id:
        from tandem.worries.services import conversation_held

        conversation_held(worry=conversation.worry, by=by)
    audit_log(
        "meetings.conversation.recorded",
        actor=by,
        obj=conversation,
        setting=child.setting,
        child=child,
        data={"priorities": len(cleaned), "mode": conversation.mode},
    )
    notify_guardians(
        setting=child.setting,
        guardians=guardians_of(child),
        kind="meetings.plan_ready",
        template="meetings/notices/plan_ready",
        context={"child": child.known_as, "review_on": review_on.isoformat()},
        url=reverse("meetings_family:detail", args=[conversation.pk]),
        source=conversation,
        child=child,
        sent_by=by,
    )
    return conversation


@transaction.atomic
def conversation_edit(*, conversation: Conversation, by: Any, **changes) -> Conversation:
    """Correct a recorded conversation. The earlier version is kept (RecordVersion). The
    family's words are kept as written: they cannot be changed."""
    conversation = Conversation.objects.select_for_update(of=("self",)).get(pk=conversation.pk)
    if conversation.status == Conversation.Status.PLANNED:
        raise MeetingError(_("Record the conversation first."))
    if "family_words" in changes and changes.pop("family_words").strip() != conversation.family_words:
        raise MeetingError(
            {"family_words": _("What the family told us is kept as they said it and cannot be changed.")}
        )
    data = {
        "meeting_on": conversation.meeting_on,
        "mode": conversation.mode,
        "attendees": conversation.attendees,
        "interpreter_used": conversation.interpreter_used,
        "interpreter_language": conversation.interpreter_language,
        "practitioner_view": conversation.practitioner_view,
        "focus": conversation.focus,
        "review_on": conversation.review_on,
        "staff_notes": conversation.staff_notes,
    }
    unknown = set(changes) - set(data)
    if unknown:
        raise MeetingError(_("These details cannot be changed here."))
    data.update(changes)
    if data["meeting_on"] is None or data["meeting_on"] > conversation.setting.today():
        raise MeetingError({"meeting_on": _("Enter the date of the meeting (not after today).")})
    if not str(data["focus"]).strip():
        raise MeetingError({"focus": _("Say what you agreed to focus on.")})
    _check_review_date(data["meeting_on"], data["review_on"])
    before = keep_version(conversation, setting=conversation.setting, by=by)
    old_review_on = conversation.review_on
    _fill(conversation, data)
    if conversation.review_on != old_review_on:
        conversation.review_reminder_sent_at = None  # a new date earns a new reminder
    conversation.full_clean()
    conversation.save()
    _ask_translations(conversation)  # an edited text is asked for again; an unchanged one is left alone
    audit_log(
        "meetings.conversation.edited",
        actor=by,
        obj=conversation,
        setting=conversation.setting,
        child=conversation.child,
        data={"version": str(before.pk)},
    )
    return conversation


@transaction.atomic
def family_comment_add(*, conversation: Conversation, guardian: Guardian, by: Any, text: str) -> FamilyComment:
    """A parent or carer comments on the agreed plan; the key person is told."""
    text = (text or "").strip()
    if not text:
        raise MeetingError({"text": _("Write your comment.")})
    if conversation.status == Conversation.Status.PLANNED:
        raise MeetingError(_("There is no plan to comment on yet."))
    if guardian.setting_id != conversation.setting_id:
        raise MeetingError(_("Only the child's family can comment."))
    comment = FamilyComment(setting=conversation.setting, conversation=conversation, guardian=guardian, text=text)
    comment.full_clean()
    comment.save()
    language = getattr(getattr(guardian, "preferences", None), "language", "") or STAFF_LANGUAGE
    if language != STAFF_LANGUAGE:
        from tandem.translations.services import translation_request

        translation_request(
            setting=conversation.setting,
            source=comment,
            field="text",
            text=text,
            source_language=language,
            languages={STAFF_LANGUAGE},
        )
    audit_log("meetings.comment.added", actor=by, obj=comment, setting=conversation.setting, child=conversation.child)
    notify_staff(
        setting=conversation.setting,
        staff=[conversation.key_person],
        kind="meetings.family_commented",
        template="meetings/notices/family_commented",
        context={"child": conversation.child.known_as, "guardian": guardian.full_name},
        url=reverse("meetings:detail", args=[conversation.setting.slug, conversation.pk]),
        source=conversation,
        child=conversation.child,
        sent_by=by,
    )
    return comment


@transaction.atomic
def conversation_review(
    *, conversation: Conversation, by: Any, reviewed_on: dt.date, summary: str, progress: dict
) -> Conversation:
    """Review the plan together: progress on each priority (PROGRESS maps a priority's id to
    {"progress": ..., "notes": ...}) and a summary. Priorities can then be carried into a new
    plan (conversation_record with follows=...)."""
    conversation = Conversation.objects.select_for_update(of=("self",)).get(pk=conversation.pk)
    if conversation.status != Conversation.Status.HELD:
        raise MeetingError(_("Only a recorded plan that has not been reviewed yet can be reviewed."))
    if reviewed_on is None or reviewed_on < conversation.meeting_on or reviewed_on > conversation.setting.today():
        raise MeetingError({"reviewed_on": _("The review is on or after the meeting, and not after today.")})
    if not (summary or "").strip():
        raise MeetingError({"summary": _("Summarise how it went.")})
    priorities = list(conversation.priorities.all())
    valid = {c for c, _label in Priority.Progress.choices}
    for priority in priorities:
        entry = progress.get(str(priority.pk)) or {}
        if entry.get("progress") not in valid:
            raise MeetingError({"progress": _("Say how far each priority came.")})
    keep_version(conversation, setting=conversation.setting, by=by)
    for priority in priorities:
        keep_version(priority, setting=conversation.setting, by=by)
        entry = progress[str(priority.pk)]
        priority.progress = entry["progress"]
        priority.progress_notes = str(entry.get("notes", "")).strip()
        priority.full_clean()
        priority.save()
    conversation.status = Conversation.Status.REVIEWED
    conversation.reviewed_on = reviewed_on
    conversation.review_summary = summary.strip()
    conversation.full_clean()
    conversation.save()
    audit_log(
        "meetings.conversation.reviewed",
        actor=by,
        obj=conversation,
        setting=conversation.setting,
        child=conversation.child,
    )
    return conversation


# --- translations ---------------------------------------------------------------------------------

STAFF_LANGUAGE = "en"  # what staff write the plan in (settings.LANGUAGE_CODE)


def family_languages(child: Child) -> set[str]:
    return {
        link.guardian.preferences.language
        for link in ChildGuardian.objects.filter(child=child).select_related("guardian__preferences")
        if hasattr(link.guardian, "preferences")
    } - {""}


def _ask_translations(conversation: Conversation) -> None:
    """The plan the family reads (focus, priorities), in each of the family's languages. The
    family's own words stay as they were written."""
    from tandem.translations.services import translation_request

    languages = family_languages(conversation.child) - {STAFF_LANGUAGE}
    if not languages:
        return
    setting = conversation.setting
    translation_request(
        setting=setting,
        source=conversation,
        field="focus",
        text=conversation.focus,
        source_language=STAFF_LANGUAGE,
        languages=languages,
    )
    for priority in conversation.priorities.all():
        for field in ("text", "at_home", "in_setting"):
            translation_request(
                setting=setting,
                source=priority,
                field=field,
                text=getattr(priority, field),
                source_language=STAFF_LANGUAGE,
                languages=languages,
            )


# --- reminders ------------------------------------------------------------------------------------

MEETING_REMINDER_DAYS = 2
REVIEW_REMINDER_DAYS = 7


def send_reminders(*, setting, today: dt.date | None = None) -> int:
    """Remind the family and the key person of meetings in the next two days and reviews in the
    next seven. Each reminder is sent once (recorded on the conversation). Returns how many."""
    today = today or setting.today()
    sent = 0
    due_meetings = Conversation.objects.filter(
        setting=setting,
        status=Conversation.Status.PLANNED,
        meeting_reminder_sent_at__isnull=True,
        meeting_on__gte=today,
        meeting_on__lte=today + dt.timedelta(days=MEETING_REMINDER_DAYS),
    ).values_list("pk", flat=True)
    for pk in list(due_meetings):
        sent += _remind(pk, field="meeting_reminder_sent_at", kind="meeting")
    due_reviews = Conversation.objects.filter(
        setting=setting,
        status=Conversation.Status.HELD,
        review_reminder_sent_at__isnull=True,
        review_on__gte=today,
        review_on__lte=today + dt.timedelta(days=REVIEW_REMINDER_DAYS),
    ).values_list("pk", flat=True)
    for pk in list(due_reviews):
        sent += _remind(pk, field="review_reminder_sent_at", kind="review")
    return sent


@transaction.atomic
def _remind(pk, *, field: str, kind: str) -> int:
    conversation = (
        Conversation.objects.select_for_update(of=("self",)).select_related("child", "key_person", "setting").get(pk=pk)
    )
    if getattr(conversation, field) is not None:
        return 0  # another worker sent it
    child = conversation.child
    day = conversation.meeting_on if kind == "meeting" else conversation.review_on
    context = {"child": child.known_as, "day": day.isoformat(), "mode": conversation.mode}
    notify_guardians(
        setting=conversation.setting,
        guardians=guardians_of(child),
        kind=f"meetings.{kind}_reminder",
        template=f"meetings/notices/{kind}_reminder",
        context=context,
        url=reverse("meetings_family:child", args=[child.pk]),
        source=conversation,
        child=child,
    )
    notify_staff(
        setting=conversation.setting,
        staff=[conversation.key_person],
        kind=f"meetings.{kind}_reminder",
        template=f"meetings/notices/{kind}_reminder_staff",
        context=context,
        url=reverse("meetings:detail", args=[conversation.setting.slug, conversation.pk]),
        source=conversation,
        child=child,
    )
    setattr(conversation, field, timezone.now())
    conversation.save(update_fields=[field, "updated_at"])
    audit_log(f"meetings.{kind}.reminded", actor=None, obj=conversation, setting=conversation.setting, child=child)
    return 1
