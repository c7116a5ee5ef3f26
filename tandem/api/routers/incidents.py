"""API for incidents: staff endpoints under /api/v1/settings/{setting_slug}/incidents/..., family endpoints
under /api/v1/family/incidents/... Same access rules as the pages (tandem.access, the app's selectors):
staff who can see a child read and record; managers and safeguarding leads see the follow-up
list and mark Ofsted as told; a guardian reads and acknowledges their own child's records.
Bad input is a 422 in the one error shape, with the service's translated message."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.pagination import Pagination
from tandem.core import selectors as core_selectors
from tandem.incidents import selectors, services
from tandem.incidents.models import Incident

router = Router(tags=["incidents"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
IncidentId = Annotated[str, Path(description="The record's id (a UUID).")]


class MarkSchema(Schema):
    view: Literal["front", "back"]
    x: float = Field(description="Across the outline, 0–100 (% of its width).")
    y: float = Field(description="Down the outline, 0–100 (% of its height).")
    note: str = Field("", max_length=200)


class IncidentOut(Schema):
    id: UUID
    child_id: UUID
    child_name: str
    kind: str
    kind_name: str
    occurred_at: dt.datetime = Field(description="When it happened; for an existing injury, when it was noticed.")
    location: str
    description: str
    marks: list[MarkSchema]
    first_aid: str
    witnesses: list[str]
    other_witnesses: str
    recorded_by: str
    is_serious: bool
    notifiable: bool
    notifiable_reason: str
    notify_deadline: dt.datetime | None = Field(description="14 days after it happened, for notifiable records.")
    notification_overdue: bool
    notified_on: dt.date | None
    notified_reference: str
    status: str
    guardian_informed_at: dt.datetime | None
    guardian_informed_how: str
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    revision: int

    @staticmethod
    def resolve_child_name(obj: Incident) -> str:
        return obj.child.display_name

    @staticmethod
    def resolve_kind_name(obj: Incident) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_witnesses(obj: Incident) -> list[str]:
        return [w.user.display_name for w in obj.witnesses.all()]

    @staticmethod
    def resolve_recorded_by(obj: Incident) -> str:
        return obj.recorded_by.display_name

    @staticmethod
    def resolve_acknowledged_by(obj: Incident) -> str | None:
        return obj.acknowledged_by.full_name if obj.acknowledged_by else None


class IncidentIn(Schema):
    kind: Literal["accident", "incident", "existing_injury"]
    occurred_at: dt.datetime = Field(
        description="With a time zone offset; for an existing injury, when it was noticed."
    )
    description: str = Field(max_length=5000)
    location: str = Field("", max_length=200)
    marks: list[MarkSchema] = Field(default_factory=list, max_length=30)
    first_aid: str = Field("", max_length=5000)
    witnesses: list[str] = Field(default_factory=list, description="Ids of members of staff who saw it.")
    other_witnesses: str = Field("", max_length=300)
    is_serious: bool = False
    notifiable: bool = False
    notifiable_reason: Literal["", "serious_injury", "food_poisoning", "death", "other"] = ""
    reported_by_guardian: str | None = Field(None, description="Existing injuries: the guardian who told you (id).")


class FollowUpOut(Schema):
    awaiting_family: list[IncidentOut]
    awaiting_ofsted: list[IncidentOut]


class NotifiedIn(Schema):
    notified_on: dt.date | None = None
    reference: str = Field("", max_length=100)


class AcknowledgeIn(Schema):
    signature: str = Field("", max_length=120, description="The guardian's typed full name.")


def _for_lists(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.prefetch_related("witnesses__user")


def _staff(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    return membership


@router.get(
    "/settings/{setting_slug}/incidents/follow-up",
    response=FollowUpOut,
    summary="Records waiting for the family or for Ofsted (managers and safeguarding leads)",
)
def follow_up(request: HttpRequest, setting_slug: str) -> dict:
    """Records the family has not acknowledged (oldest first) and notifiable records Ofsted has
    not been told about, with their 14-day deadline."""
    membership = _staff(request, setting_slug)
    selectors.require_oversight(membership.perms)
    setting = membership.setting
    return {
        "awaiting_family": list(_for_lists(selectors.incidents_awaiting_family(setting=setting))),
        "awaiting_ofsted": list(_for_lists(selectors.incidents_awaiting_ofsted(setting=setting))),
    }


@router.get(
    "/settings/{setting_slug}/incidents/children/{child_id}",
    response=list[IncidentOut],
    summary="A child's accidents, incidents and existing injuries",
)
@paginate(Pagination)
def child_incident_list(request: HttpRequest, setting_slug: str, child_id: ChildId) -> QuerySet[Incident]:
    membership = _staff(request, setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return _for_lists(selectors.incidents_for_child(child=child))


@router.post(
    "/settings/{setting_slug}/incidents/children/{child_id}",
    response={201: IncidentOut},
    summary="Record an accident, incident or existing injury",
)
def incident_create(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: IncidentIn) -> Status:
    """The family is e-mailed once it is saved. A time in the future, an empty description or a
    mark outside the outline is a 422 and nothing is saved."""
    membership = _staff(request, setting_slug)
    setting = membership.setting
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=setting, audit=False)
    marks = [m.dict() for m in payload.marks]
    if payload.kind == Incident.Kind.EXISTING_INJURY:
        guardian = None
        if payload.reported_by_guardian:
            guardian = _guardian_of(request, setting, child, payload.reported_by_guardian)
        incident = services.existing_injury_record(
            child=child,
            by=request.auth,
            noticed_at=payload.occurred_at,
            description=payload.description,
            location=payload.location,
            marks=marks,
            reported_by_guardian=guardian,
        )
    else:
        staff = rules.staff_visible_to(request.auth, setting=setting)
        ids = [w for w in payload.witnesses if _is_uuid(w)]
        witnesses = list(staff.filter(pk__in=ids))
        if len(witnesses) != len(set(payload.witnesses)):
            raise ValidationError({"witnesses": _("There is no such choice in this setting.")})
        incident = services.incident_record(
            child=child,
            by=request.auth,
            kind=payload.kind,
            occurred_at=payload.occurred_at,
            description=payload.description,
            location=payload.location,
            marks=marks,
            first_aid=payload.first_aid,
            witnesses=witnesses,
            other_witnesses=payload.other_witnesses,
            is_serious=payload.is_serious,
            notifiable=payload.notifiable,
            notifiable_reason=payload.notifiable_reason,
        )
    return Status(201, incident)


def _is_uuid(value: str) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


def _guardian_of(request: HttpRequest, setting, child, guardian_id: str):
    if _is_uuid(guardian_id):
        guardian = (
            rules.guardians_visible_to(request.auth, setting=setting)
            .filter(pk=guardian_id, child_links__child=child)
            .first()
        )
        if guardian is not None:
            return guardian
    raise ValidationError({"reported_by_guardian": _("Choose one of this child's parents or carers.")})


@router.get("/settings/{setting_slug}/incidents/{incident_id}", response=IncidentOut, summary="One record")
def incident_detail(request: HttpRequest, setting_slug: str, incident_id: IncidentId) -> Incident:
    membership = _staff(request, setting_slug)
    return selectors.incident_for_staff(user=request.auth, setting=membership.setting, incident_id=incident_id)


@router.post(
    "/settings/{setting_slug}/incidents/{incident_id}/ofsted",
    response=IncidentOut,
    summary="Mark a notifiable record as notified to Ofsted (managers and safeguarding leads)",
)
def incident_notified(
    request: HttpRequest, setting_slug: str, incident_id: IncidentId, payload: NotifiedIn
) -> Incident:
    membership = _staff(request, setting_slug)
    selectors.require_oversight(membership.perms)
    incident = selectors.incident_for_staff(user=request.auth, setting=membership.setting, incident_id=incident_id)
    return services.incident_mark_notified(
        incident=incident, by=request.auth, notified_on=payload.notified_on, reference=payload.reference
    )


@router.get(
    "/family/incidents/children/{child_id}",
    response=list[IncidentOut],
    summary="Your child's accidents, incidents and existing injuries",
)
@paginate(Pagination)
def family_child_incident_list(request: HttpRequest, child_id: ChildId) -> QuerySet[Incident]:
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return _for_lists(selectors.incidents_for_child(child=child))


@router.get("/family/incidents/{incident_id}", response=IncidentOut, summary="One record about your child")
def family_incident_detail(request: HttpRequest, incident_id: IncidentId) -> Incident:
    return selectors.incident_for_guardian(user=request.auth, incident_id=incident_id)


@router.post(
    "/family/incidents/{incident_id}/acknowledge",
    response=IncidentOut,
    summary="Sign to say you have read a record about your child",
)
def family_incident_acknowledge(request: HttpRequest, incident_id: IncidentId, payload: AcknowledgeIn) -> Incident:
    incident = selectors.incident_for_guardian(user=request.auth, incident_id=incident_id)
    guardian = core_selectors.guardian_for_child_and_user(child=incident.child, user=request.auth)
    if guardian is None:
        raise Http404
    return services.incident_acknowledge(
        incident=incident, guardian=guardian, by=request.auth, signature=payload.signature
    )
