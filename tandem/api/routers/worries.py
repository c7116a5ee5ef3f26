"""API for progress worries: staff paths under /api/v1/settings/{setting_slug}/worries/...,
family paths under /api/v1/family/worries/... Same access rules as the pages: the child's key
person and can_oversee_progress (every open case: 403 without); a family sees a case about
their own child once discussed with them, never the staff-only notes."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.worries import selectors, services
from tandem.worries.models import PrimeArea, Stage, Worry

router = Router(tags=["worries"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
WorryId = Annotated[str, Path(description="The progress worry's id (a UUID).")]


class StageOut(Schema):
    id: UUID
    stage: str
    on: dt.date
    notes: str


class FamilyWorryOut(Schema):
    id: UUID
    child_id: UUID
    area: str
    area_name: str
    status: str
    discussed_on: dt.date | None
    family_views: str
    agreed_support: str
    closed_on: dt.date | None


class WorryOut(FamilyWorryOut):
    child_name: str
    observed: str
    opened_on: dt.date
    days_open: int
    long_open: bool
    has_family_conversation: bool
    sen_status: str
    two_year_check_months: int | None = Field(
        None, description="The child's age when the progress check at two is due."
    )
    staff_notes: str = Field(description="Staff only: never in the family's API.")
    outcome: str
    stages: list[StageOut]


class WorryIn(Schema):
    area: PrimeArea
    observed: str
    staff_notes: str = ""


class StageIn(Schema):
    stage: Stage
    on: dt.date
    notes: str


class DiscussionIn(Schema):
    discussed_on: dt.date
    family_views: str
    agreed_support: str = ""


class SupportIn(Schema):
    agreed_support: str


class CloseIn(Schema):
    outcome: str


def _family(w: Worry) -> dict:
    return {
        "id": w.pk,
        "child_id": w.child_id,
        "area": w.area,
        "area_name": str(w.get_area_display()),
        "status": w.status,
        "discussed_on": w.discussed_on,
        "family_views": w.family_views,
        "agreed_support": w.agreed_support,
        "closed_on": w.closed_on,
    }


def _staff(w: Worry, *, with_stages: bool = True) -> dict:
    today = w.setting.today()
    days = w.days_open(today)
    check = selectors.two_year_check(w.child, today=today)
    return {
        **_family(w),
        "child_name": w.child.display_name,
        "observed": w.observed,
        "opened_on": w.opened_on,
        "days_open": days,
        "long_open": days > selectors.LONG_OPEN_DAYS,
        "has_family_conversation": services.has_family_conversation(w)
        if with_stages
        else bool(w.shared_with_family_at),
        "sen_status": w.child.sen_status,
        "two_year_check_months": check["months"] if check else None,
        "staff_notes": w.staff_notes,
        "outcome": w.outcome,
        "stages": [{"id": s.pk, "stage": s.stage, "on": s.on, "notes": s.notes} for s in w.stages.all()]
        if with_stages
        else [],
    }


def _worry(request, setting_slug: str, worry_id: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    return selectors.worry_for_staff(request.auth, membership=membership, worry_id=worry_id)


@router.get("/settings/{setting_slug}/worries/open", response=list[WorryOut], summary="Every open progress worry")
def staff_open_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    """Longest open first, with days open (can_oversee_progress: managers, owners, the SENCO)."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    if not membership.perms.can_oversee_progress:
        raise PermissionDenied
    return [_staff(w, with_stages=False) for w in selectors.open_worries(request.auth, membership=membership)]


@router.post(
    "/settings/{setting_slug}/worries/children/{child_id}/worries",
    response={201: WorryOut},
    summary="Flag a progress worry",
)
def staff_worry_open(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: WorryIn) -> Status:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, _perms = selectors.child_for_staff(request.auth, membership=membership, child_id=child_id)
    worry = services.worry_open(
        child=child,
        by=request.auth,
        raised_by=membership.staff,
        area=payload.area.value,
        observed=payload.observed,
        staff_notes=payload.staff_notes,
    )
    return Status(201, _staff(worry))


@router.get("/settings/{setting_slug}/worries/{worry_id}", response=WorryOut, summary="One progress worry")
def staff_worry_detail(request: HttpRequest, setting_slug: str, worry_id: WorryId) -> dict:
    return _staff(_worry(request, setting_slug, worry_id))


@router.post("/settings/{setting_slug}/worries/{worry_id}/stages", response={201: StageOut}, summary="Record a stage")
def staff_stage_record(request: HttpRequest, setting_slug: str, worry_id: WorryId, payload: StageIn) -> Status:
    """Assess, plan, do or review (the SEN graduated approach), dated, with notes."""
    worry = _worry(request, setting_slug, worry_id)
    row = services.stage_record(
        worry=worry, by=request.auth, stage=payload.stage.value, on=payload.on, notes=payload.notes
    )
    return Status(201, {"id": row.pk, "stage": row.stage, "on": row.on, "notes": row.notes})


@router.post(
    "/settings/{setting_slug}/worries/{worry_id}/discussion",
    response=WorryOut,
    summary="Record the conversation with the family",
)
def staff_discussion_record(request: HttpRequest, setting_slug: str, worry_id: WorryId, payload: DiscussionIn) -> dict:
    worry = _worry(request, setting_slug, worry_id)
    return _staff(services.discussion_record(worry=worry, by=request.auth, **payload.dict()))


@router.post(
    "/settings/{setting_slug}/worries/{worry_id}/support", response=WorryOut, summary="Record the agreed support"
)
def staff_support_agree(request: HttpRequest, setting_slug: str, worry_id: WorryId, payload: SupportIn) -> dict:
    worry = _worry(request, setting_slug, worry_id)
    return _staff(services.support_agree(worry=worry, by=request.auth, agreed_support=payload.agreed_support))


@router.post("/settings/{setting_slug}/worries/{worry_id}/close", response=WorryOut, summary="Close a progress worry")
def staff_worry_close(request: HttpRequest, setting_slug: str, worry_id: WorryId, payload: CloseIn) -> dict:
    """Refused (422) until a conversation with the family and the agreed support are recorded."""
    worry = _worry(request, setting_slug, worry_id)
    return _staff(services.worry_close(worry=worry, by=request.auth, outcome=payload.outcome))


@router.get("/family/worries/{worry_id}", response=FamilyWorryOut, summary="What we agreed together")
def family_worry_detail(request: HttpRequest, worry_id: WorryId) -> dict:
    return _family(selectors.worry_for_guardian(request.auth, worry_id=worry_id))
