"""Reads of care plans. Each takes a child already fetched through tandem.access, or starts from
access.children_visible_to."""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.careplans.models import DUE_SOON_DAYS, CarePlan, CarePlanProposal, CarePlanReview, CarePlanVersion
from tandem.core.models import Child, Guardian


def plan_for_child(*, child: Child) -> CarePlan | None:
    return CarePlan.objects.filter(child=child).select_related("current__created_by").first()


def versions_for_plan(*, plan: CarePlan) -> QuerySet[CarePlanVersion]:
    return plan.versions.select_related("created_by").order_by("-number")


def proposals_for_plan(*, plan: CarePlan) -> QuerySet[CarePlanProposal]:
    return plan.proposals.select_related("guardian", "decided_by").order_by("-proposed_at")


def reviews_for_plan(*, plan: CarePlan) -> QuerySet[CarePlanReview]:
    return plan.reviews.select_related("reviewed_by").order_by("-reviewed_on", "-created_at")


def proposal_for_child(*, child: Child, proposal_id) -> CarePlanProposal:
    """One proposal on CHILD's plan (child fetched through access); 404 otherwise."""
    uuid_or_404(proposal_id)
    proposal = (
        CarePlanProposal.objects.filter(pk=proposal_id, plan__child=child)
        .select_related("plan__current", "plan__child", "guardian")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def plans_due_for_review(*, user, membership, today: dt.date) -> QuerySet[CarePlan]:
    """Plans due for review in the next 30 days or overdue, soonest first (one query). Staff
    who oversee progress or edit children's records see the setting's; a key person sees
    their key children's."""
    children = rules.children_visible_to(user, setting=membership.setting).filter(leave_date__isnull=True)
    perms = membership.perms
    if not (perms.can_oversee_progress or perms.can_edit_children):
        staff = membership.staff
        children = children.filter(key_person=staff) | children.filter(backup_key_person=staff)
    return (
        CarePlan.objects.filter(
            setting=membership.setting,
            child__in=children,
            next_review_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("child__room", "child__key_person__user")
        .order_by("next_review_date", "child__first_name")
    )


def pending_proposal_count(*, membership) -> int:
    return CarePlanProposal.objects.filter(setting=membership.setting, status=CarePlanProposal.Status.PENDING).count()


def guardian_for_child(*, child: Child, user) -> Guardian:
    guardian = Guardian.objects.filter(child_links__child=child, user=user).first()
    if guardian is None:
        raise Http404
    return guardian
