"""The verbs of care plans. Every write from a page, the API, the periodic task or the demo comes
through here.

Rules: the plan is written with the family and versioned (nothing overwritten). Staff change it
directly and the family is told; a family proposes a change, which waits for staff to approve,
amend or decline it (a reason is required to amend or decline) and the family is told the
outcome. A review records what the family said, cannot be dated before the plan started or in
the future, and sets the next review no later than the plan's interval (six months by default:
Scotland's personal plans). The reminder before a review is sent once per review date."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.careplans.models import (
    MAX_TEXT,
    PLAN_FIELDS,
    REMIND_DAYS,
    CarePlan,
    CarePlanProposal,
    CarePlanReminder,
    CarePlanReview,
    CarePlanVersion,
    add_months,
    default_review_months,
)
from tandem.core.audit import audit_log
from tandem.core.models import Child, ChildGuardian, Guardian, Setting
from tandem.notify.services import notify_guardians, notify_staff


class CarePlanError(ValidationError):
    """A rule about care plans was broken; the message says why, in the person's language."""


def _clean(sections: dict[str, Any]) -> dict[str, str]:
    unknown = set(sections) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown sections: {sorted(unknown)}")
    cleaned = {name: str(value or "").strip() for name, value in sections.items()}
    too_long = [name for name, value in cleaned.items() if len(value) > MAX_TEXT]
    if too_long:
        raise CarePlanError({n: _("Please keep this to %(max)s characters.") % {"max": MAX_TEXT} for n in too_long})
    return cleaned


def _guardians(child: Child) -> list[Guardian]:
    return [link.guardian for link in ChildGuardian.objects.filter(child=child).select_related("guardian")]


def _key_people(child: Child) -> list:
    return [m for m in (child.key_person, child.backup_key_person) if m is not None]


def _new_version(plan: CarePlan, *, content: dict[str, str], reason: str, by, proposal=None) -> CarePlanVersion:
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CarePlanVersion(
        setting=plan.setting, plan=plan, number=number, reason=reason, proposal=proposal, created_by=by, **content
    )
    version.full_clean()
    version.save()
    plan.current = version
    plan.save(update_fields=["current"])
    return version


def _family_url(plan: CarePlan) -> str:
    return reverse("careplans_family:child", args=[plan.child_id])


def _staff_url(plan: CarePlan) -> str:
    return reverse("careplans:child", args=[plan.setting.slug, plan.child_id])


def _tell_family(plan: CarePlan, *, kind: str, template: str, by, context: dict | None = None) -> None:
    child = plan.child
    notify_guardians(
        setting=plan.setting,
        guardians=_guardians(child),
        kind=kind,
        template=template,
        context={"child": child.known_as, **(context or {})},
        url=_family_url(plan),
        source=plan,
        child=child,
        sent_by=by,
    )


@transaction.atomic
def care_plan_write(
    *,
    child: Child,
    by: Any,
    start_date: dt.date,
    sections: dict[str, Any],
    review_interval_months: int | None = None,
) -> CarePlan:
    """Write CHILD's first care plan (key person or staff who edit children's records)."""
    content = _clean(sections)
    if not any(content.values()):
        raise CarePlanError(_("Write at least one section of the plan."))
    if CarePlan.objects.filter(child=child).exists():
        raise CarePlanError(_("This child already has a care plan. Change it instead."))
    interval = review_interval_months or default_review_months()
    if not 1 <= interval <= 12:
        raise CarePlanError({"review_interval_months": _("Review the plan at least once every 12 months.")})
    if start_date is None:
        raise CarePlanError({"start_date": _("Give the date the plan starts.")})
    plan = CarePlan(
        setting=child.setting,
        child=child,
        start_date=start_date,
        review_interval_months=interval,
        next_review_date=add_months(start_date, interval),
        created_by=by,
    )
    plan.full_clean(exclude=["current"])
    plan.save()
    _new_version(
        plan, content={**dict.fromkeys(PLAN_FIELDS, ""), **content}, reason=CarePlanVersion.Reason.WRITTEN, by=by
    )
    audit_log("careplans.plan.written", actor=by, obj=plan, setting=plan.setting, child=child)
    _tell_family(plan, kind="careplans.written", template="careplans/notices/written", by=by)
    return plan


@transaction.atomic
def care_plan_change(*, plan: CarePlan, by: Any, sections: dict[str, Any]) -> CarePlanVersion:
    """Staff change the plan: a new version; the family is told."""
    plan = CarePlan.objects.select_for_update(of=("self",)).select_related("current", "child").get(pk=plan.pk)
    content = {**plan.current.content(), **_clean(sections)}
    if content == plan.current.content():
        raise CarePlanError(_("Nothing has changed, so there is nothing new to save."))
    version = _new_version(plan, content=content, reason=CarePlanVersion.Reason.STAFF_CHANGE, by=by)
    audit_log(
        "careplans.plan.changed",
        actor=by,
        obj=plan,
        setting=plan.setting,
        child=plan.child,
        data={"number": version.number},
    )
    _tell_family(
        plan, kind="careplans.changed", template="careplans/notices/changed", by=by, context={"number": version.number}
    )
    return version


@transaction.atomic
def care_plan_propose(
    *, plan: CarePlan, by: Any, guardian: Guardian, changes: dict[str, Any], note: str = ""
) -> CarePlanProposal:
    """A family member proposes a change; the plan is unchanged until staff approve it."""
    if not ChildGuardian.objects.filter(child_id=plan.child_id, guardian=guardian).exists():
        raise CarePlanError(_("Only a parent or carer of this child can propose a change."))
    current = plan.current.content()
    cleaned = _clean(changes)
    wanted = {name: text for name, text in cleaned.items() if text and text != current.get(name)}
    if not wanted:
        raise CarePlanError(_("Write the change you would like in at least one section of the plan."))
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        raise CarePlanError({"note": _("Please keep this to %(max)s characters.") % {"max": MAX_TEXT}})
    proposal = CarePlanProposal(
        setting=plan.setting,
        plan=plan,
        changes=wanted,
        note=note,
        guardian=guardian,
        proposed_by=by,
        based_on=plan.current,
    )
    proposal.full_clean()
    proposal.save()
    audit_log(
        "careplans.proposal.made",
        actor=by,
        obj=proposal,
        setting=plan.setting,
        child=plan.child,
        data={"sections": sorted(wanted)},
    )
    notify_staff(
        setting=plan.setting,
        staff=_key_people(plan.child),
        kind="careplans.proposed",
        template="careplans/notices/proposed",
        context={"child": plan.child.known_as, "guardian": guardian.full_name},
        url=_staff_url(plan),
        source=proposal,
        child=plan.child,
        sent_by=by,
    )
    return proposal


def _pending(proposal: CarePlanProposal) -> CarePlanProposal:
    proposal = (
        CarePlanProposal.objects.select_for_update(of=("self",))
        .select_related("plan__current", "plan__child", "plan__setting")
        .get(pk=proposal.pk)
    )
    if proposal.status != CarePlanProposal.Status.PENDING:
        raise CarePlanError(_("This proposal has already been decided."))
    return proposal


def _decide(proposal: CarePlanProposal, *, status: str, by, reason: str, version=None) -> CarePlanProposal:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.result = version
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "result"])
    audit_log(
        f"careplans.proposal.{status}",
        actor=by,
        obj=proposal,
        setting=proposal.setting,
        child=proposal.plan.child,
    )
    _tell_family(
        proposal.plan,
        kind=f"careplans.proposal_{status}",
        template=f"careplans/notices/proposal_{status}",
        by=by,
        context={"reason": reason},
    )
    return proposal


@transaction.atomic
def proposal_approve(*, proposal: CarePlanProposal, by: Any) -> CarePlanProposal:
    """Staff approve a family's proposal as it is: the plan gets a new version with it."""
    proposal = _pending(proposal)
    plan = proposal.plan
    content = {**plan.current.content(), **proposal.changes}
    version = _new_version(
        plan, content=content, reason=CarePlanVersion.Reason.FAMILY_PROPOSAL, by=by, proposal=proposal
    )
    return _decide(proposal, status=CarePlanProposal.Status.APPROVED, by=by, reason="", version=version)


@transaction.atomic
def proposal_amend(*, proposal: CarePlanProposal, by: Any, sections: dict[str, Any], reason: str) -> CarePlanProposal:
    """Staff approve a proposal with changes of their own, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise CarePlanError({"reason": _("Say why you changed what the family proposed: they will read it.")})
    proposal = _pending(proposal)
    plan = proposal.plan
    content = {**plan.current.content(), **_clean(sections)}
    version = _new_version(
        plan, content=content, reason=CarePlanVersion.Reason.AMENDED_PROPOSAL, by=by, proposal=proposal
    )
    return _decide(proposal, status=CarePlanProposal.Status.AMENDED, by=by, reason=reason, version=version)


@transaction.atomic
def proposal_decline(*, proposal: CarePlanProposal, by: Any, reason: str) -> CarePlanProposal:
    """Staff decline a proposal, with a reason the family reads. The plan is unchanged."""
    reason = (reason or "").strip()
    if not reason:
        raise CarePlanError({"reason": _("Give the family a reason for declining.")})
    proposal = _pending(proposal)
    return _decide(proposal, status=CarePlanProposal.Status.DECLINED, by=by, reason=reason)


@transaction.atomic
def care_plan_review_record(
    *,
    plan: CarePlan,
    by: Any,
    reviewed_on: dt.date,
    family_views: str,
    notes: str = "",
    next_review_date: dt.date | None = None,
) -> CarePlanReview:
    """Record a review with the family and set the next one (at most the interval away)."""
    plan = CarePlan.objects.select_for_update(of=("self",)).select_related("child", "setting").get(pk=plan.pk)
    today = plan.setting.today()
    if reviewed_on is None:
        raise CarePlanError({"reviewed_on": _("Give the date of the review.")})
    if reviewed_on < plan.start_date:
        raise CarePlanError(
            {
                "reviewed_on": _("A review cannot be before the plan started (%(date)s).")
                % {"date": plan.start_date.strftime("%d/%m/%Y")}
            }
        )
    if reviewed_on > today:
        raise CarePlanError({"reviewed_on": _("A review cannot be in the future. Record it after it has happened.")})
    family_views = (family_views or "").strip()
    if not family_views:
        raise CarePlanError({"family_views": _("Write what the family said: the review is done with them.")})
    latest = add_months(reviewed_on, plan.review_interval_months)
    next_review_date = next_review_date or latest
    if not reviewed_on < next_review_date <= latest:
        raise CarePlanError(
            {
                "next_review_date": _("The next review must be after this one and by %(date)s.")
                % {"date": latest.strftime("%d/%m/%Y")}
            }
        )
    review = CarePlanReview(
        setting=plan.setting,
        plan=plan,
        reviewed_on=reviewed_on,
        family_views=family_views,
        notes=(notes or "").strip(),
        next_review_date=next_review_date,
        reviewed_by=by,
    )
    review.full_clean()
    review.save()
    plan.next_review_date = next_review_date
    plan.save(update_fields=["next_review_date"])
    audit_log("careplans.review.recorded", actor=by, obj=review, setting=plan.setting, child=plan.child)
    return review


def review_reminders_send(*, setting: Setting, today: dt.date | None = None) -> int:
    """Tell the key persons and the family that a review is coming (within REMIND_DAYS, or
    overdue), once per plan and review date. Safe to run any number of times."""
    today = today or setting.today()
    plans = (
        CarePlan.objects.filter(
            setting=setting,
            next_review_date__lte=today + dt.timedelta(days=REMIND_DAYS),
            child__leave_date__isnull=True,
        )
        .exclude(Exists(CarePlanReminder.objects.filter(plan=OuterRef("pk"), review_date=OuterRef("next_review_date"))))
        .select_related("child__key_person", "child__backup_key_person", "setting")
    )
    sent = 0
    for plan in plans:
        try:
            with transaction.atomic():
                CarePlanReminder.objects.create(setting=setting, plan=plan, review_date=plan.next_review_date)
                context = {"child": plan.child.known_as, "date": plan.next_review_date.isoformat()}
                notify_staff(
                    setting=setting,
                    staff=_key_people(plan.child),
                    kind="careplans.review_due",
                    template="careplans/notices/review_due_staff",
                    context=context,
                    url=_staff_url(plan),
                    source=plan,
                    child=plan.child,
                )
                _tell_family(
                    plan,
                    kind="careplans.review_due",
                    template="careplans/notices/review_due_family",
                    by=None,
                    context={"date": plan.next_review_date.isoformat()},
                )
                audit_log("careplans.review.reminded", actor=None, obj=plan, setting=setting, child=plan.child)
        except IntegrityError:
            continue  # another worker sent it a moment ago
        sent += 1
    return sent
