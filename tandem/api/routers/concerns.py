"""API for concerns and complaints: staff paths under /api/v1/settings/{setting_slug}/concerns/...,
family paths under /api/v1/family/concerns/... Same access rules as the pages (tandem.access,
the app's selectors); writes go through tandem.concerns.services, whose refusals come back as
a 422 validation_error with the reason on the field it concerns."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.pagination import Pagination
from tandem.concerns import selectors, services
from tandem.concerns.models import Concern, ConcernKind, StepKind

router = Router(tags=["concerns"])

ConcernId = Annotated[str, Path(description="The concern's id (a UUID).")]


class ConcernOut(Schema):
    id: UUID
    reference: str
    kind: str
    channel: str
    status: str
    clock: str = Field(description="on_track, at_risk (over 21 days), overdue (over 28), done or none.")
    received_on: dt.date
    due_on: dt.date
    child_id: UUID | None
    about: str
    desired_outcome: str
    outcome: str
    outcome_sent_on: dt.date | None
    informal_summary: str
    family_confirmed_at: dt.datetime | None


class StaffConcernOut(ConcernOut):
    anonymous: bool
    raised_by: str | None
    assigned_to: str | None
    eyfs_related: bool
    eyfs_requirement: str
    statutory_28_days: bool
    ofsted_involved: bool
    days_taken: int | None


class RaiseIn(Schema):
    kind: ConcernKind = ConcernKind.CONCERN
    about: str = Field("", max_length=5000)
    desired_outcome: str = Field("", max_length=5000)
    child_id: UUID | None = None
    anonymous: bool = False


class ConfirmIn(Schema):
    happy: bool
    comment: str = Field("", max_length=5000)


class AssignIn(Schema):
    staff_id: UUID


class StepIn(Schema):
    kind: Literal["note", "contact", "evidence"] = StepKind.NOTE
    text: str = Field("", max_length=5000)


class StepOut(Schema):
    id: UUID
    kind: str
    text: str
    at: dt.datetime


class OutcomeIn(Schema):
    outcome: str = Field("", max_length=5000)
    actions: str = Field("", max_length=5000)


def _concern(c: Concern, *, today: dt.date, staff: bool = False, language: str = "") -> dict:
    data = {
        "id": c.pk,
        "reference": c.reference,
        "kind": c.kind,
        "channel": c.channel,
        "status": c.status,
        "clock": c.clock(today),
        "received_on": c.received_on,
        "due_on": c.due_on,
        "child_id": c.child_id,
        "about": c.about,
        "desired_outcome": c.desired_outcome,
        "outcome": c.outcome,
        "outcome_sent_on": c.outcome_sent_on,
        "informal_summary": c.informal_summary,
        "family_confirmed_at": c.family_confirmed_at,
    }
    if staff:
        data.update(
            {
                "anonymous": c.anonymous,
                "raised_by": c.raised_by.full_name if c.raised_by_id else (c.complainant_name or None),
                "assigned_to": c.assigned_to.user.display_name if c.assigned_to_id else None,
                "eyfs_related": c.eyfs_related,
                "eyfs_requirement": c.eyfs_requirement,
                "statutory_28_days": c.statutory_28_days,
                "ofsted_involved": c.ofsted_involved,
                "days_taken": c.days_taken,
            }
        )
    return data


def _handler(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_handle_concerns")
    return membership


# --- staff ----------------------------------------------------------------------------------------


@router.get("/settings/{setting_slug}/concerns", response=list[StaffConcernOut], summary="Concerns and complaints")
@paginate(Pagination)
def staff_list(
    request: HttpRequest,
    setting_slug: str,
    show: Query[Literal["all", "open", "on_track", "at_risk", "overdue", "closed"]] = "open",
    sort: Query[Literal["received", "-received", "reference", "status"]] = "received",
) -> list[dict]:
    """For staff with can_handle_concerns. SHOW filters on the 28-day clock."""
    membership = _handler(request, setting_slug)
    setting = membership.setting
    today = setting.today()
    return [
        _concern(c, today=today, staff=True)
        for c in selectors.concerns_for_staff(user=request.auth, setting=setting, show=show, sort=sort)
    ]


@router.get("/settings/{setting_slug}/concerns/{concern_id}", response=StaffConcernOut, summary="One concern")
def staff_detail(request: HttpRequest, setting_slug: str, concern_id: ConcernId) -> dict:
    membership = _handler(request, setting_slug)
    concern = selectors.concern_for_staff(user=request.auth, setting=membership.setting, concern_id=concern_id)
    return _concern(concern, today=membership.setting.today(), staff=True)


@router.post(
    "/settings/{setting_slug}/concerns/{concern_id}/assign", response=StaffConcernOut, summary="Assign a concern"
)
def staff_assign(request: HttpRequest, setting_slug: str, concern_id: ConcernId, payload: AssignIn) -> dict:
    membership = _handler(request, setting_slug)
    setting = membership.setting
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern_id)
    staff = {str(s.pk): s for s in selectors.handler_choices(user=request.auth, setting=setting)}.get(
        str(payload.staff_id)
    )
    if staff is None:
        raise ValidationError({"staff_id": _("Choose someone who handles concerns (a manager or the DSL).")})
    concern = services.concern_assign(concern=concern, staff=staff, by=request.auth)
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern.pk)
    return _concern(concern, today=setting.today(), staff=True)


@router.post(
    "/settings/{setting_slug}/concerns/{concern_id}/steps",
    response={201: StepOut},
    summary="Add a note, contact or evidence to the timeline",
)
def staff_step(request: HttpRequest, setting_slug: str, concern_id: ConcernId, payload: StepIn) -> Status:
    membership = _handler(request, setting_slug)
    concern = selectors.concern_for_staff(user=request.auth, setting=membership.setting, concern_id=concern_id)
    step = services.concern_add_step(concern=concern, kind=payload.kind, text=payload.text, by=request.auth)
    return Status(201, {"id": step.pk, "kind": step.kind, "text": step.text, "at": step.at})


@router.post(
    "/settings/{setting_slug}/concerns/{concern_id}/outcome",
    response=StaffConcernOut,
    summary="Record the outcome and send it to the family",
)
def staff_outcome(request: HttpRequest, setting_slug: str, concern_id: ConcernId, payload: OutcomeIn) -> dict:
    membership = _handler(request, setting_slug)
    setting = membership.setting
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern_id)
    services.concern_record_outcome(
        concern=concern,
        outcome=payload.outcome,
        actions=payload.actions,
        by=request.auth,
        language=translation.get_language(),
    )
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern.pk)
    return _concern(concern, today=setting.today(), staff=True)


class InformalIn(Schema):
    summary: str = Field("", max_length=5000, description="How it was resolved; the family is asked to confirm.")


@router.post(
    "/settings/{setting_slug}/concerns/{concern_id}/informal",
    response=StaffConcernOut,
    summary="Offer an informal resolution for the family to confirm",
)
def staff_informal(request: HttpRequest, setting_slug: str, concern_id: ConcernId, payload: InformalIn) -> dict:
    """Only the family can then confirm it (POST /family/concerns/{id}/confirm)."""
    membership = _handler(request, setting_slug)
    setting = membership.setting
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern_id)
    services.concern_offer_informal(
        concern=concern, summary=payload.summary, by=request.auth, language=translation.get_language()
    )
    concern = selectors.concern_for_staff(user=request.auth, setting=setting, concern_id=concern.pk)
    return _concern(concern, today=setting.today(), staff=True)


# --- families -------------------------------------------------------------------------------------


def _guardians(request: HttpRequest) -> list:
    guardians = list(selectors.guardians_of(request.auth))
    if not guardians:
        raise Http404
    return guardians


@router.get("/family/concerns", response=list[ConcernOut], summary="What you have raised")
@paginate(Pagination)
def family_list(request: HttpRequest) -> list[dict]:
    _guardians(request)
    return [_concern(c, today=c.setting.today()) for c in selectors.concerns_for_guardian(user=request.auth)]


@router.post("/family/concerns", response={201: ConcernOut}, summary="Raise a concern, a complaint or feedback")
def family_raise(request: HttpRequest, payload: RaiseIn) -> Status:
    """Acknowledged at once with a reference. Only general feedback can be anonymous."""
    guardians = _guardians(request)
    child = None
    if payload.child_id is not None:
        child, perms = rules.child_for_user(request.auth, child_id=payload.child_id)
        if not perms.is_guardian:
            raise Http404
    guardian = next((g for g in guardians if child is None or g.setting_id == child.setting_id), guardians[0])
    concern = services.concern_raise(
        setting=guardian.setting,
        by=request.auth,
        guardian=guardian,
        kind=payload.kind.value,
        about=payload.about,
        desired_outcome=payload.desired_outcome,
        child=child,
        anonymous=payload.anonymous,
        language=translation.get_language(),
    )
    return Status(201, _concern(concern, today=guardian.setting.today()))


@router.get("/family/concerns/{concern_id}", response=ConcernOut, summary="One of yours")
def family_detail(request: HttpRequest, concern_id: ConcernId) -> dict:
    concern = selectors.concern_for_guardian(user=request.auth, concern_id=concern_id)
    return _concern(concern, today=concern.setting.today())


@router.post(
    "/family/concerns/{concern_id}/confirm",
    response=ConcernOut,
    summary="Say whether you are happy it is resolved",
)
def family_confirm(request: HttpRequest, concern_id: ConcernId, payload: ConfirmIn) -> dict:
    """Only the parent or carer who raised it can confirm an informal resolution."""
    concern = selectors.concern_for_guardian(user=request.auth, concern_id=concern_id)
    concern = services.concern_family_respond(
        concern=concern, guardian=concern.raised_by, by=request.auth, happy=payload.happy, comment=payload.comment
    )
    return _concern(concern, today=concern.setting.today())
