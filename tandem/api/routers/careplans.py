"""API for care plans: staff paths under /api/v1/settings/{setting_slug}/careplans/..., family
paths under /api/v1/family/careplans/... Same rules as the pages: writing and deciding is for
the key person or staff who edit children's records (403 otherwise); a family's proposal waits
for staff; refusals are 422 with the reason."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.careplans import selectors, services
from tandem.careplans.models import MAX_TEXT, CarePlan, CarePlanProposal

router = Router(tags=["careplans"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
ProposalId = Annotated[str, Path(description="The proposal's id (a UUID).")]


class SectionsIn(Schema):
    routines: str | None = Field(None, max_length=MAX_TEXT)
    health: str | None = Field(None, max_length=MAX_TEXT)
    dietary_needs: str | None = Field(None, max_length=MAX_TEXT)
    comfort: str | None = Field(None, max_length=MAX_TEXT)
    goals: str | None = Field(None, max_length=MAX_TEXT)


class ProposalIn(SectionsIn):
    note: str = Field("", max_length=MAX_TEXT)


class DecisionIn(SectionsIn):
    decision: Literal["approve", "amend", "decline"]
    reason: str = Field("", max_length=MAX_TEXT)


class ProposalOut(Schema):
    id: UUID
    changes: dict[str, str]
    note: str
    guardian: str
    proposed_at: dt.datetime
    status: str
    decision_reason: str
    decided_at: dt.datetime | None


class PlanOut(Schema):
    child_id: UUID
    start_date: dt.date
    review_interval_months: int
    next_review_date: dt.date
    review_status: str
    version: int
    routines: str
    health: str
    dietary_needs: str
    comfort: str
    goals: str
    pending_proposals: int


class DueOut(Schema):
    child_id: UUID
    child_name: str
    next_review_date: dt.date
    review_status: str


def _plan(plan: CarePlan) -> dict:
    return {
        "child_id": plan.child_id,
        "start_date": plan.start_date,
        "review_interval_months": plan.review_interval_months,
        "next_review_date": plan.next_review_date,
        "review_status": plan.status_on(plan.setting.today()),
        "version": plan.current.number,
        **plan.current.content(),
        "pending_proposals": plan.proposals.filter(status=CarePlanProposal.Status.PENDING).count(),
    }


def _proposal(p: CarePlanProposal) -> dict:
    return {
        "id": p.pk,
        "changes": p.changes,
        "note": p.note,
        "guardian": p.guardian.full_name,
        "proposed_at": p.proposed_at,
        "status": p.status,
        "decision_reason": p.decision_reason,
        "decided_at": p.decided_at,
    }


def _sections(payload: SectionsIn) -> dict:
    return {k: v for k, v in payload.dict().items() if k in SectionsIn.model_fields and v is not None}


def _staff_child(request: HttpRequest, setting_slug: str, child_id: str, *, write: bool = False):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    if write and not (perms.is_key_person or perms.can_edit):
        raise PermissionDenied
    return membership, child


def _plan_or_404(child) -> CarePlan:
    plan = selectors.plan_for_child(child=child)
    if plan is None:
        raise Http404
    return plan


def _own_child(request: HttpRequest, child_id: str):
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child


@router.get("/settings/{setting_slug}/careplans/due", response=list[DueOut], summary="Care plan reviews due")
def staff_due(request: HttpRequest, setting_slug: str) -> list[dict]:
    """Due in the next 30 days or overdue: the whole setting for managers, key children for others."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    today = membership.setting.today()
    return [
        {
            "child_id": p.child_id,
            "child_name": p.child.display_name,
            "next_review_date": p.next_review_date,
            "review_status": p.status_on(today),
        }
        for p in selectors.plans_due_for_review(user=request.auth, membership=membership, today=today)
    ]


@router.get("/settings/{setting_slug}/careplans/children/{child_id}", response=PlanOut, summary="A child's care plan")
def staff_plan(request: HttpRequest, setting_slug: str, child_id: ChildId) -> dict:
    _membership, child = _staff_child(request, setting_slug, child_id)
    return _plan(_plan_or_404(child))


@router.get(
    "/settings/{setting_slug}/careplans/children/{child_id}/proposals",
    response=list[ProposalOut],
    summary="Changes the family proposed",
)
def staff_proposals(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    _membership, child = _staff_child(request, setting_slug, child_id)
    return [_proposal(p) for p in selectors.proposals_for_plan(plan=_plan_or_404(child))]


@router.post(
    "/settings/{setting_slug}/careplans/children/{child_id}/proposals/{proposal_id}/decision",
    response=ProposalOut,
    summary="Approve, amend or decline a family's proposal",
)
def staff_decide(
    request: HttpRequest, setting_slug: str, child_id: ChildId, proposal_id: ProposalId, payload: DecisionIn
) -> dict:
    _membership, child = _staff_child(request, setting_slug, child_id, write=True)
    proposal = selectors.proposal_for_child(child=child, proposal_id=proposal_id)
    if payload.decision == "approve":
        proposal = services.proposal_approve(proposal=proposal, by=request.auth)
    elif payload.decision == "amend":
        proposal = services.proposal_amend(
            proposal=proposal, by=request.auth, sections=_sections(payload), reason=payload.reason
        )
    else:
        proposal = services.proposal_decline(proposal=proposal, by=request.auth, reason=payload.reason)
    return _proposal(proposal)


@router.get("/family/careplans/children/{child_id}", response=PlanOut, summary="Your child's care plan")
def family_plan(request: HttpRequest, child_id: ChildId) -> dict:
    return _plan(_plan_or_404(_own_child(request, child_id)))


@router.post(
    "/family/careplans/children/{child_id}/proposals",
    response={201: ProposalOut},
    summary="Propose a change to your child's care plan",
)
def family_propose(request: HttpRequest, child_id: ChildId, payload: ProposalIn) -> Status:
    """Give the new text of the sections you would change; it waits for the setting's approval."""
    child = _own_child(request, child_id)
    plan = _plan_or_404(child)
    guardian = selectors.guardian_for_child(child=child, user=request.auth)
    proposal = services.care_plan_propose(
        plan=plan, by=request.auth, guardian=guardian, changes=_sections(payload), note=payload.note
    )
    return Status(201, _proposal(proposal))
