"""API for medicines: staff endpoints under /api/v1/settings/{setting_slug}/medicines/..., family
endpoints under /api/v1/family/medicines/... Same access rules as the pages (tandem.access, the
app's selectors); writes go through tandem.medicines.services, whose refusals come back as a
422 validation_error with the reason on the field it concerns."""

import datetime as dt
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.pagination import Pagination
from tandem.medicines import selectors, services
from tandem.medicines.models import DoseUnit, MedicineAdministration, MedicinePermission, Route

router = Router(tags=["medicines"])

# Plain strings: a malformed id is a 404 like any id you may not see, not a 422.
ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
AdministrationId = Annotated[str, Path(description="The dose record's id (a UUID).")]


class PermissionOut(Schema):
    id: UUID
    child_id: UUID
    medicine_name: str
    dose_amount: Decimal
    dose_unit: str
    route: str
    times: list[str]
    conditions: str
    min_hours_between: Decimal | None
    max_doses_per_day: int | None
    start_date: dt.date
    end_date: dt.date
    reason: str
    prescribed: bool
    given_by: str = Field(description="The guardian who signed it.")
    signature: str
    signed_at: dt.datetime
    withdrawn_at: dt.datetime | None


class PermissionIn(Schema):
    medicine_name: str = Field(max_length=120, min_length=1)
    dose_amount: Decimal = Field(gt=0, le=1000, max_digits=7, decimal_places=2)
    dose_unit: DoseUnit
    route: Route = Route.ORAL
    times: list[str] = Field(default_factory=list, description='Times of day, e.g. ["12:00", "15:30"].')
    conditions: str = Field("", max_length=300, description="When it may be given, e.g. if temperature above 38°C.")
    min_hours_between: Decimal | None = Field(None, ge=Decimal("0.5"), le=48, max_digits=4, decimal_places=1)
    max_doses_per_day: int | None = Field(None, ge=1, le=24)
    start_date: dt.date
    end_date: dt.date
    reason: str = Field(max_length=300, min_length=1)
    prescribed: bool = False
    signature: str = Field(max_length=200, description="Your typed full name: your written permission.")


class AdministrationOut(Schema):
    id: UUID
    child_id: UUID
    permission_id: UUID
    medicine_name: str
    given_at: dt.datetime
    dose_amount: Decimal
    dose_unit: str
    given_by: str
    witnessed_by: str | None
    notes: str
    guardian_informed_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    acknowledgement_signature: str


class UnacknowledgedOut(AdministrationOut):
    child_name: str
    waiting_hours: float


class AdministrationIn(Schema):
    permission_id: UUID
    given_at: dt.datetime
    dose_amount: Decimal = Field(gt=0, le=1000, max_digits=7, decimal_places=2)
    given_by: UUID | None = Field(None, description="The member of staff who gave it (default: you).")
    witnessed_by: UUID | None = None
    notes: str = Field("", max_length=2000)


class AcknowledgeIn(Schema):
    signature: str = Field(max_length=200)


def _permission(p: MedicinePermission) -> dict:
    return {
        "id": p.pk,
        "child_id": p.child_id,
        "medicine_name": p.medicine_name,
        "dose_amount": p.dose_amount,
        "dose_unit": p.dose_unit,
        "route": p.route,
        "times": p.times,
        "conditions": p.conditions,
        "min_hours_between": p.min_hours_between,
        "max_doses_per_day": p.max_doses_per_day,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "reason": p.reason,
        "prescribed": p.prescribed,
        "given_by": p.given_by.full_name,
        "signature": p.signature,
        "signed_at": p.signed_at,
        "withdrawn_at": p.withdrawn_at,
    }


def _administration(a: MedicineAdministration) -> dict:
    return {
        "id": a.pk,
        "child_id": a.child_id,
        "permission_id": a.permission_id,
        "medicine_name": a.permission.medicine_name,
        "given_at": a.given_at,
        "dose_amount": a.dose_amount,
        "dose_unit": a.permission.dose_unit,
        "given_by": a.given_by.user.display_name,
        "witnessed_by": a.witnessed_by.user.display_name if a.witnessed_by_id else None,
        "notes": a.notes,
        "guardian_informed_at": a.guardian_informed_at,
        "acknowledged_at": a.acknowledged_at,
        "acknowledgement_signature": a.acknowledgement_signature,
    }


def _staff_child(request: HttpRequest, setting_slug: str, child_id: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return membership, child


def _own_child(request: HttpRequest, child_id: str):
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404  # staff use the settings endpoints
    return child, perms


# --- staff ----------------------------------------------------------------------------------------


@router.get(
    "/settings/{setting_slug}/medicines/children/{child_id}/permissions",
    response=list[PermissionOut],
    summary="A child's medicine permissions",
)
def staff_permission_list(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    """Every permission a parent has given for the child, newest first, withdrawn and ended ones too."""
    _membership, child = _staff_child(request, setting_slug, child_id)
    return [_permission(p) for p in selectors.permissions_for_child(child=child)]


@router.get(
    "/settings/{setting_slug}/medicines/children/{child_id}/administrations",
    response=list[AdministrationOut],
    summary="Doses given to a child",
)
@paginate(Pagination)
def staff_administration_list(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    _membership, child = _staff_child(request, setting_slug, child_id)
    return [_administration(a) for a in selectors.administrations_for_child(child=child)]


@router.post(
    "/settings/{setting_slug}/medicines/children/{child_id}/administrations",
    response={201: AdministrationOut},
    summary="Record a dose given",
)
def staff_administration_record(
    request: HttpRequest, setting_slug: str, child_id: ChildId, payload: AdministrationIn
) -> Status:
    """Record a dose under one of the child's permissions. Refused (422, with the reason) when
    there is no permission, it has not started, has ended or was withdrawn, the dose is above
    the permitted one, it is too soon after the last dose, the day's doses are used up, the
    time is in the future, or the witness is the person who gave it."""
    membership, child = _staff_child(request, setting_slug, child_id)
    setting = membership.setting
    permission = selectors.permission_for_staff(
        user=request.auth, setting=setting, child=child, permission_id=payload.permission_id
    )
    staff = {str(s.pk): s for s in selectors.staff_choices(user=request.auth, setting=setting)}
    given_by = membership.staff if payload.given_by is None else staff.get(str(payload.given_by))
    witnessed_by = staff.get(str(payload.witnessed_by)) if payload.witnessed_by else None
    if given_by is None or (payload.witnessed_by and witnessed_by is None):
        field = "given_by" if given_by is None else "witnessed_by"
        raise ValidationError({field: _("Choose a member of staff of this setting.")})
    administration = services.administration_record(
        child=child,
        permission=permission,
        given_at=payload.given_at,
        dose_amount=payload.dose_amount,
        given_by=given_by,
        witnessed_by=witnessed_by,
        notes=payload.notes,
        by=request.auth,
    )
    return Status(201, _administration(administration))


@router.get(
    "/settings/{setting_slug}/medicines/unacknowledged",
    response=list[UnacknowledgedOut],
    summary="Doses no parent has acknowledged (managers)",
)
@paginate(Pagination)
def staff_unacknowledged_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    """Oldest first, with how long each has waited. For staff with can_oversee_care."""
    from django.utils import timezone

    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    if not (membership.perms.can_oversee_care):
        raise PermissionDenied
    now = timezone.now()
    return [
        {
            **_administration(a),
            "child_name": a.child.display_name,
            "waiting_hours": round((now - a.given_at).total_seconds() / 3600, 1),
        }
        for a in selectors.unacknowledged_for_staff(user=request.auth, setting=membership.setting).select_related(
            "witnessed_by__user"
        )
    ]


# --- families -------------------------------------------------------------------------------------


@router.get(
    "/family/medicines/children/{child_id}/permissions",
    response=list[PermissionOut],
    summary="Your child's medicine permissions",
)
def family_permission_list(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child, _perms = _own_child(request, child_id)
    return [_permission(p) for p in selectors.permissions_for_child(child=child)]


@router.post(
    "/family/medicines/children/{child_id}/permissions",
    response={201: PermissionOut},
    summary="Give permission for a medicine",
)
def family_permission_give(request: HttpRequest, child_id: ChildId, payload: PermissionIn) -> Status:
    """Your written permission, signed with your typed full name (parental responsibility needed)."""
    child, perms = _own_child(request, child_id)
    rules.require(perms, "can_change_consents")
    guardian = selectors.guardian_for_child(child=child, user=request.auth)
    data = payload.dict()
    data["dose_unit"] = payload.dose_unit.value
    data["route"] = payload.route.value
    permission = services.permission_give(child=child, guardian=guardian, by=request.auth, **data)
    return Status(201, _permission(permission))


@router.get(
    "/family/medicines/children/{child_id}/administrations",
    response=list[AdministrationOut],
    summary="Medicine given to your child",
)
@paginate(Pagination)
def family_administration_list(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child, _perms = _own_child(request, child_id)
    return [_administration(a) for a in selectors.administrations_for_child(child=child)]


@router.post(
    "/family/medicines/administrations/{administration_id}/acknowledge",
    response=AdministrationOut,
    summary="Acknowledge a dose given to your child",
)
def family_administration_acknowledge(
    request: HttpRequest, administration_id: AdministrationId, payload: AcknowledgeIn
) -> dict:
    administration = selectors.administration_for_guardian(user=request.auth, administration_id=administration_id)
    guardian = selectors.guardian_for_child(child=administration.child, user=request.auth)
    administration = services.administration_acknowledge(
        administration=administration, guardian=guardian, by=request.auth, signature=payload.signature
    )
    administration = selectors.administrations_for_child(child=administration.child).get(pk=administration.pk)
    return _administration(administration)
