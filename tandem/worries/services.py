"""The verbs of progress worries. Every write from a page, the API or a task comes through
here: atomic, validated, audited, versioned before a change.

The EYFS duty (concerns about progress in a prime area): discuss it with the parents and agree
how to support the child. So a case cannot be closed until a conversation with the family is
recorded (a structured conversation linked to the case, or a recorded discussion with the
family's views) AND the support agreed is recorded."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, keep_version
from tandem.core.models import Child, ChildGuardian, StaffMember
from tandem.notify.services import notify_guardians, notify_staff
from tandem.worries.models import PrimeArea, Stage, Worry, WorryStage


class WorryError(ValidationError):
    """A rule about progress worries was broken; the message says why."""


def _locked(worry: Worry) -> Worry:
    return Worry.objects.select_for_update(of=("self",)).select_related("child", "setting").get(pk=worry.pk)


def _overseers(setting) -> list[StaffMember]:
    from tandem.access.permissions import StaffPermissions

    return [
        s
        for s in StaffMember.objects.filter(setting=setting, is_active=True)
        if StaffPermissions.for_roles(s.roles).can_oversee_progress
    ]


@transaction.atomic
def worry_open(
    *, child: Child, by: Any, raised_by: StaffMember, area: str, observed: str, observations=(), staff_notes: str = ""
) -> Worry:
    """A practitioner flags a worry about CHILD's progress in a prime area. The SENCO and
    managers (can_oversee_progress) and the key person are told."""
    if area not in PrimeArea.values:
        raise WorryError({"area": _("Choose one of the three prime areas.")})
    observed = (observed or "").strip()
    if not observed:
        raise WorryError({"observed": _("Say what you have observed.")})
    observations = list(observations)
    if any(child.pk not in {c.pk for c in o.children.all()} for o in observations):
        raise WorryError({"observations": _("Choose observations of this child.")})
    worry = Worry(
        setting=child.setting,
        child=child,
        area=area,
        observed=observed,
        raised_by=raised_by,
        opened_on=child.setting.today(),
        staff_notes=(staff_notes or "").strip(),
        created_by=by,
    )
    worry.full_clean()
    worry.save()
    worry.observations.set(observations)
    audit_log("worries.worry.opened", actor=by, obj=worry, setting=child.setting, child=child, data={"area": area})
    staff = _overseers(child.setting)
    if child.key_person_id:
        staff.append(child.key_person)
    notify_staff(
        setting=child.setting,
        staff=[s for s in staff if s.user_id != getattr(by, "pk", None)],
        kind="worries.opened",
        template="worries/notices/opened",
        context={"child": child.known_as, "area": area},
        url=reverse("worries:detail", args=[child.setting.slug, worry.pk]),
        source=worry,
        child=child,
        sent_by=by,
    )
    return worry


@transaction.atomic
def discussion_record(
    *, worry: Worry, by: Any, discussed_on: dt.date, family_views: str, agreed_support: str = ""
) -> Worry:
    """Record the conversation with the family: when, what they told us, and (when agreed) the
    support agreed together. From now on the family can see the case summary."""
    worry = _locked(worry)
    if not worry.is_open:
        raise WorryError(_("This case is closed."))
    family_views = (family_views or "").strip()
    if discussed_on is None or discussed_on > worry.setting.today() or discussed_on < worry.opened_on:
        raise WorryError(
            {"discussed_on": _("Enter the day you talked with the family (since the worry, not after today).")}
        )
    if not family_views:
        raise WorryError({"family_views": _("Write what the family told us.")})
    keep_version(worry, setting=worry.setting, by=by)
    worry.discussed_on = discussed_on
    worry.family_views = family_views
    if (agreed_support or "").strip():
        worry.agreed_support = agreed_support.strip()
    first_time = worry.shared_with_family_at is None
    worry.shared_with_family_at = worry.shared_with_family_at or timezone.now()
    worry.full_clean()
    worry.save()
    audit_log("worries.discussion.recorded", actor=by, obj=worry, setting=worry.setting, child=worry.child)
    if first_time:
        _tell_family(worry, by)
    return worry


def _tell_family(worry: Worry, by) -> None:
    guardians = [link.guardian for link in ChildGuardian.objects.filter(child=worry.child).select_related("guardian")]
    notify_guardians(
        setting=worry.setting,
        guardians=guardians,
        kind="worries.shared",
        template="worries/notices/shared",
        context={"child": worry.child.known_as, "area": worry.area},
        url=reverse("worries_family:detail", args=[worry.pk]),
        source=worry,
        child=worry.child,
        sent_by=by,
    )


@transaction.atomic
def support_agree(*, worry: Worry, by: Any, agreed_support: str) -> Worry:
    """Record (or update, keeping the earlier version) the support agreed with the family."""
    worry = _locked(worry)
    if not worry.is_open:
        raise WorryError(_("This case is closed."))
    agreed_support = (agreed_support or "").strip()
    if not agreed_support:
        raise WorryError({"agreed_support": _("Write the support you agreed with the family.")})
    keep_version(worry, setting=worry.setting, by=by)
    worry.agreed_support = agreed_support
    if worry.shared_with_family_at is None and has_family_conversation(worry):
        worry.shared_with_family_at = timezone.now()
        _tell_family(worry, by)
    worry.full_clean()
    worry.save()
    audit_log("worries.support.agreed", actor=by, obj=worry, setting=worry.setting, child=worry.child)
    return worry


@transaction.atomic
def staff_notes_update(*, worry: Worry, by: Any, staff_notes: str) -> Worry:
    worry = _locked(worry)
    keep_version(worry, setting=worry.setting, by=by)
    worry.staff_notes = (staff_notes or "").strip()
    worry.full_clean()
    worry.save()
    audit_log("worries.notes.updated", actor=by, obj=worry, setting=worry.setting, child=worry.child)
    return worry


@transaction.atomic
def stage_record(*, worry: Worry, by: Any, stage: str, on: dt.date, notes: str) -> WorryStage:
    """One step of the SEN graduated approach (assess, plan, do, review), dated, with notes."""
    worry = _locked(worry)
    if not worry.is_open:
        raise WorryError(_("This case is closed."))
    if stage not in Stage.values:
        raise WorryError({"stage": _("Choose assess, plan, do or review.")})
    if on is None or on > worry.setting.today() + dt.timedelta(days=366):
        raise WorryError({"on": _("Enter the date of this stage.")})
    if not (notes or "").strip():
        raise WorryError({"notes": _("Write what happened at this stage.")})
    row = WorryStage(setting=worry.setting, worry=worry, stage=stage, on=on, notes=notes.strip(), recorded_by=by)
    row.full_clean()
    row.save()
    audit_log(
        "worries.stage.recorded", actor=by, obj=row, setting=worry.setting, child=worry.child, data={"stage": stage}
    )
    return row


def conversation_held(*, worry: Worry, by: Any) -> Worry:
    """A structured conversation linked to the case was recorded: the case has been discussed
    with the family, so they can now see it (called by tandem.meetings.services)."""
    worry = _locked(worry)
    if worry.shared_with_family_at is None:
        worry.shared_with_family_at = timezone.now()
        worry.save(update_fields=["shared_with_family_at", "updated_at"])
        audit_log("worries.discussion.recorded", actor=by, obj=worry, setting=worry.setting, child=worry.child)
        _tell_family(worry, by)
    return worry


def has_family_conversation(worry: Worry) -> bool:
    """A structured conversation linked to the case was held, or a discussion with the
    family's views was recorded."""
    from tandem.meetings.models import Conversation

    if worry.discussed_on and worry.family_views.strip():
        return True
    return Conversation.objects.filter(worry=worry).exclude(status=Conversation.Status.PLANNED).exists()


@transaction.atomic
def worry_close(*, worry: Worry, by: Any, outcome: str) -> Worry:
    """Close the case. Refused until a conversation with the family is recorded and the support
    agreed with them is recorded (EYFS: discuss with parents and agree how to support)."""
    worry = _locked(worry)
    if not worry.is_open:
        raise WorryError(_("This case is already closed."))
    missing = []
    if not has_family_conversation(worry):
        missing.append(_("a conversation with the family (a structured conversation, or the family's views)"))
    if not worry.agreed_support.strip():
        missing.append(_("the support agreed with the family"))
    if missing:
        raise WorryError(
            _("This case cannot be closed yet. First record: %(missing)s.")
            % {"missing": "; ".join(str(m) for m in missing)}
        )
    if not (outcome or "").strip():
        raise WorryError({"outcome": _("Say why the case is closed (for example: progress is now as expected).")})
    keep_version(worry, setting=worry.setting, by=by)
    worry.status = Worry.Status.CLOSED
    worry.closed_on = worry.setting.today()
    worry.closed_by = by
    worry.outcome = outcome.strip()
    worry.full_clean()
    worry.save()
    audit_log("worries.worry.closed", actor=by, obj=worry, setting=worry.setting, child=worry.child)
    return worry
