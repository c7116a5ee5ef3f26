"""API for settling in and transitions: staff paths under /api/v1/settings/{setting_slug}/
transitions/..., family paths under /api/v1/family/transitions/... Same rules as the pages: the
summary goes to the family before it is shared onward (422 otherwise); changes are for the key
person or staff who edit children's records (403 for others who can see the child)."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from tandem.access import rules
from tandem.transitions import selectors, services
from tandem.transitions.models import MAX_TEXT, SettlingStep, Transition

router = Router(tags=["transitions"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
TransitionId = Annotated[str, Path(description="The move's id (a UUID).")]


class ChecklistItemOut(Schema):
    step: str
    label: str
    done: bool
    done_on: dt.date | None
    done_by: str
    note: str
    automatic: bool


class TickIn(Schema):
    done_on: dt.date
    note: str = Field("", max_length=300)


class TransitionOut(Schema):
    id: UUID
    child_id: UUID
    kind: str
    from_room: str
    to: str
    planned_date: dt.date
    visits: list[dt.date]
    summary: str | None = Field(description="Families see it only once it has been given to them.")
    shared_with_family_at: dt.datetime | None
    family_seen_at: dt.datetime | None
    family_comment: str
    shared_onward_at: dt.datetime | None
    shared_onward_to: str


class SummaryIn(Schema):
    summary: str = Field(max_length=MAX_TEXT)


class OnwardIn(Schema):
    shared_to: str = Field("", max_length=200)


class ResponseIn(Schema):
    comment: str = Field("", max_length=MAX_TEXT)


def _item(i) -> dict:
    return {
        "step": i.step,
        "label": str(i.label),
        "done": i.done,
        "done_on": i.done_on,
        "done_by": i.done_by,
        "note": i.note,
        "automatic": i.automatic,
    }


def _transition(t: Transition, *, family: bool = False) -> dict:
    hidden = family and t.shared_with_family_at is None
    return {
        "id": t.pk,
        "child_id": t.child_id,
        "kind": t.kind,
        "from_room": t.from_label,
        "to": t.to_label,
        "planned_date": t.planned_date,
        "visits": [v.visit_on for v in t.visits.all()],
        "summary": None if hidden else t.summary,
        "shared_with_family_at": t.shared_with_family_at,
        "family_seen_at": t.family_seen_at,
        "family_comment": t.family_comment,
        "shared_onward_at": t.shared_onward_at,
        "shared_onward_to": t.shared_onward_to,
    }


def _membership(request: HttpRequest, setting_slug: str):
    return rules.membership_for_user(request.auth, setting_slug=setting_slug)


def _require_write(request: HttpRequest, child) -> None:
    perms = rules.child_permissions(request.auth, child)
    if not (perms.is_key_person or perms.can_edit):
        raise PermissionDenied


def _staff_transition(request: HttpRequest, setting_slug: str, transition_id: str) -> Transition:
    membership = _membership(request, setting_slug)
    t = selectors.transition_for_staff(user=request.auth, setting=membership.setting, transition_id=transition_id)
    _require_write(request, t.child)
    return t


@router.get(
    "/settings/{setting_slug}/transitions/children/{child_id}/checklist",
    response=list[ChecklistItemOut],
    summary="A child's settling-in checklist",
)
def staff_checklist(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    membership = _membership(request, setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return [_item(i) for i in selectors.checklist_for_child(child=child)]


@router.post(
    "/settings/{setting_slug}/transitions/children/{child_id}/checklist/{step}",
    response=list[ChecklistItemOut],
    summary="Tick a settling-in step",
)
def staff_tick(
    request: HttpRequest, setting_slug: str, child_id: ChildId, step: SettlingStep, payload: TickIn
) -> list[dict]:
    """ "All About Me done" ticks itself when the form exists (422 if you try)."""
    membership = _membership(request, setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    _require_write(request, child)
    services.settling_step_tick(
        child=child, by=request.auth, step=step.value, done_on=payload.done_on, note=payload.note
    )
    return [_item(i) for i in selectors.checklist_for_child(child=child)]


@router.get(
    "/settings/{setting_slug}/transitions/children/{child_id}/moves",
    response=list[TransitionOut],
    summary="A child's room and school moves",
)
def staff_moves(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    membership = _membership(request, setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return [_transition(t) for t in selectors.transitions_for_child(child=child)]


@router.put(
    "/settings/{setting_slug}/transitions/moves/{transition_id}/summary",
    response=TransitionOut,
    summary="Write or change the transition summary",
)
def staff_summary(request: HttpRequest, setting_slug: str, transition_id: TransitionId, payload: SummaryIn) -> dict:
    t = _staff_transition(request, setting_slug, transition_id)
    return _transition(services.transition_summary_write(transition_=t, by=request.auth, summary=payload.summary))


@router.post(
    "/settings/{setting_slug}/transitions/moves/{transition_id}/share-with-family",
    response=TransitionOut,
    summary="Give the summary to the family (first)",
)
def staff_share_family(request: HttpRequest, setting_slug: str, transition_id: TransitionId) -> dict:
    t = _staff_transition(request, setting_slug, transition_id)
    return _transition(services.transition_summary_share_with_family(transition_=t, by=request.auth))


@router.post(
    "/settings/{setting_slug}/transitions/moves/{transition_id}/share-onward",
    response=TransitionOut,
    summary="Mark the summary as shared with the new room or school",
)
def staff_share_onward(request: HttpRequest, setting_slug: str, transition_id: TransitionId, payload: OnwardIn) -> dict:
    """Refused (422) until the family has been given the summary."""
    t = _staff_transition(request, setting_slug, transition_id)
    return _transition(
        services.transition_summary_share_onward(transition_=t, by=request.auth, shared_to=payload.shared_to)
    )


@router.get("/family/transitions/children/{child_id}/moves", response=list[TransitionOut], summary="Your child's moves")
def family_moves(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return [_transition(t, family=True) for t in selectors.transitions_for_child(child=child)]


@router.post(
    "/family/transitions/moves/{transition_id}/response",
    response=TransitionOut,
    summary="Say you have read the summary, with your comments",
)
def family_response(request: HttpRequest, transition_id: TransitionId, payload: ResponseIn) -> dict:
    t = selectors.transition_for_guardian(user=request.auth, transition_id=transition_id)
    guardian = selectors.guardian_for_child(child=t.child, user=request.auth)
    t = services.transition_family_response(transition_=t, by=request.auth, guardian=guardian, comment=payload.comment)
    return _transition(t, family=True)
