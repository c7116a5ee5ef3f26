"""The verbs of settling in and transitions. Every write comes through here.

Rules: a checklist step is ticked with a date and who; "All About Me done" is never ticked by
hand (it is done when the family's form exists). A transition summary is given to the family
before it goes anywhere else: sharing it onward is refused until the family has it, and changing
the text after the family had it means giving them the new text again. The family's reading and
comments are recorded. The caller has checked who may do this through tandem.access."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, keep_version
from tandem.core.models import Child, ChildGuardian, Guardian, Room
from tandem.notify.services import notify_guardians, notify_staff
from tandem.transitions.models import MAX_TEXT, SettlingStep, SettlingStepDone, Transition, TransitionVisit


class TransitionError(ValidationError):
    """A rule about settling in or transitions was broken; the message says why."""


def _guardians(child: Child) -> list[Guardian]:
    return [link.guardian for link in ChildGuardian.objects.filter(child=child).select_related("guardian")]


@transaction.atomic
def settling_step_tick(*, child: Child, step: str, by: Any, done_on: dt.date, note: str = "") -> SettlingStepDone:
    """Tick one step of CHILD's settling-in checklist (again: the date and note are updated)."""
    if step not in SettlingStep.values:
        raise TransitionError({"step": _("Choose a step of the checklist.")})
    if step == SettlingStep.ALL_ABOUT_ME:
        raise TransitionError({"step": _("This is ticked by itself when the All About Me is filled in.")})
    if done_on is None:
        raise TransitionError({"done_on": _("Give the date it was done.")})
    if done_on > child.setting.today() + dt.timedelta(days=366) and step != SettlingStep.HOME_VISIT:
        raise TransitionError({"done_on": _("Give the date it was done.")})
    done, _created = SettlingStepDone.objects.update_or_create(
        child=child,
        step=step,
        defaults={
            "setting": child.setting,
            "done_on": done_on,
            "note": (note or "").strip()[:300],
            "done_by": by,
            "recorded_at": timezone.now(),
        },
    )
    audit_log(
        "transitions.settling_step.ticked", actor=by, obj=done, setting=child.setting, child=child, data={"step": step}
    )
    return done


@transaction.atomic
def transition_plan(
    *,
    child: Child,
    by: Any,
    kind: str,
    planned_date: dt.date,
    to_room: Room | None = None,
    destination: str = "",
) -> Transition:
    """Plan a move for CHILD: to another room of the setting, or to a school or setting."""
    destination = (destination or "").strip()
    if kind == Transition.Kind.ROOM:
        if to_room is None or to_room.setting_id != child.setting_id:
            raise TransitionError({"to_room": _("Choose the room the child moves to.")})
        if to_room.pk == child.room_id:
            raise TransitionError({"to_room": _("The child is already in this room.")})
        destination = ""
    elif kind in (Transition.Kind.SCHOOL, Transition.Kind.SETTING):
        if not destination:
            raise TransitionError({"destination": _("Write the name of the school or setting.")})
        to_room = None
    else:
        raise TransitionError({"kind": _("Choose the kind of move.")})
    if planned_date is None:
        raise TransitionError({"planned_date": _("Give the planned date of the move.")})
    transition_ = Transition(
        setting=child.setting,
        child=child,
        kind=kind,
        from_room=child.room,
        to_room=to_room,
        destination=destination,
        planned_date=planned_date,
        created_by=by,
    )
    transition_.full_clean()
    transition_.save()
    audit_log(
        "transitions.transition.planned",
        actor=by,
        obj=transition_,
        setting=child.setting,
        child=child,
        data={"kind": kind},
    )
    return transition_


@transaction.atomic
def transition_visit_add(*, transition_: Transition, by: Any, visit_on: dt.date, note: str = "") -> TransitionVisit:
    """Record a visit to the new room or school before the move."""
    if visit_on is None:
        raise TransitionError({"visit_on": _("Give the date of the visit.")})
    visit = TransitionVisit(
        setting=transition_.setting,
        transition=transition_,
        visit_on=visit_on,
        note=(note or "").strip(),
        recorded_by=by,
    )
    visit.full_clean()
    visit.save()
    audit_log(
        "transitions.visit.recorded", actor=by, obj=transition_, setting=transition_.setting, child=transition_.child
    )
    return visit


def _locked(transition_: Transition) -> Transition:
    return Transition.objects.select_for_update(of=("self",)).select_related("child", "setting").get(pk=transition_.pk)


@transaction.atomic
def transition_summary_write(*, transition_: Transition, by: Any, summary: str) -> Transition:
    """The key person writes or changes the summary (the earlier text is kept). Once it has
    gone onward it cannot change; if the family already had it, they must be given it again."""
    t = _locked(transition_)
    summary = (summary or "").strip()
    if not summary:
        raise TransitionError({"summary": _("Write the summary before you save it.")})
    if len(summary) > MAX_TEXT:
        raise TransitionError({"summary": _("Please keep this to %(max)s characters.") % {"max": MAX_TEXT}})
    if t.shared_onward_at is not None:
        raise TransitionError(
            _("This summary has been shared with the new room or school, so it can no longer change.")
        )
    if summary == t.summary:
        raise TransitionError({"summary": _("Nothing has changed, so there is nothing new to save.")})
    if t.summary:
        keep_version(t, setting=t.setting, by=by)
    t.summary = summary
    t.summary_written_by = by
    t.summary_written_at = timezone.now()
    # The family must read the text that goes onward: a changed summary is given to them again.
    t.shared_with_family_at = None
    t.shared_with_family_by = None
    t.family_seen_at = None
    t.family_seen_by = None
    t.save()
    audit_log("transitions.summary.written", actor=by, obj=t, setting=t.setting, child=t.child)
    return t


@transaction.atomic
def transition_summary_share_with_family(*, transition_: Transition, by: Any) -> Transition:
    """Give the summary to the child's family first; they are told and can comment."""
    t = _locked(transition_)
    if not t.summary:
        raise TransitionError(_("Write the summary before you give it to the family."))
    if t.shared_with_family_at is not None:
        raise TransitionError(_("The family already has this summary."))
    t.shared_with_family_at = timezone.now()
    t.shared_with_family_by = by
    t.save(update_fields=["shared_with_family_at", "shared_with_family_by"])
    audit_log("transitions.summary.shared_with_family", actor=by, obj=t, setting=t.setting, child=t.child)
    notify_guardians(
        setting=t.setting,
        guardians=_guardians(t.child),
        kind="transitions.summary_shared",
        template="transitions/notices/summary_shared",
        context={"child": t.child.known_as, "to": t.to_label},
        url=reverse("transitions_family:transition", args=[t.pk]),
        source=t,
        child=t.child,
        sent_by=by,
    )
    return t


@transaction.atomic
def transition_family_response(
    *, transition_: Transition, by: Any, guardian: Guardian, comment: str = ""
) -> Transition:
    """A family member says they have read the summary, with their comments if any."""
    t = _locked(transition_)
    if not ChildGuardian.objects.filter(child_id=t.child_id, guardian=guardian).exists():
        raise TransitionError(_("Only a parent or carer of this child can do this."))
    if t.shared_with_family_at is None:
        raise TransitionError(_("The summary has not been given to you yet."))
    if t.shared_onward_at is not None:
        raise TransitionError(_("The summary has already been shared with the new room or school."))
    comment = (comment or "").strip()
    if len(comment) > MAX_TEXT:
        raise TransitionError({"comment": _("Please keep this to %(max)s characters.") % {"max": MAX_TEXT}})
    t.family_seen_at = timezone.now()
    t.family_seen_by = guardian
    if comment:
        t.family_comment = comment
    t.save(update_fields=["family_seen_at", "family_seen_by", "family_comment"])
    audit_log(
        "transitions.summary.read_by_family",
        actor=by,
        obj=t,
        setting=t.setting,
        child=t.child,
        data={"commented": bool(comment)},
    )
    staff = [m for m in (t.child.key_person, t.child.backup_key_person) if m is not None]
    if staff:
        notify_staff(
            setting=t.setting,
            staff=staff,
            kind="transitions.family_responded",
            template="transitions/notices/family_responded",
            context={"child": t.child.known_as, "guardian": guardian.full_name, "commented": bool(comment)},
            url=reverse("transitions:transition", args=[t.setting.slug, t.pk]),
            source=t,
            child=t.child,
            sent_by=by,
        )
    return t


@transaction.atomic
def transition_summary_share_onward(*, transition_: Transition, by: Any, shared_to: str = "") -> Transition:
    """Mark the summary as shared with the new room or school: only after the family has it."""
    t = _locked(transition_)
    if t.shared_with_family_at is None:
        raise TransitionError(
            _("Give the summary to the family first. They read it and can add their comments before it goes onward.")
        )
    if t.shared_onward_at is not None:
        raise TransitionError(_("This summary has already been shared onward."))
    t.shared_onward_at = timezone.now()
    t.shared_onward_by = by
    t.shared_onward_to = (shared_to or "").strip()[:200] or t.to_label
    t.save(update_fields=["shared_onward_at", "shared_onward_by", "shared_onward_to"])
    audit_log("transitions.summary.shared_onward", actor=by, obj=t, setting=t.setting, child=t.child)
    return t
