"""API for policies: staff paths under /api/v1/settings/{setting_slug}/policies/...,
family paths under /api/v1/family/policies/... Same access rules as the pages."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Field, Path, Router, Schema

from tandem.access import rules
from tandem.policies import selectors, services
from tandem.policies.views import pdf_link

router = Router(tags=["policies"])

PolicyId = Annotated[str, Path(description="The policy's id (a UUID).")]


class PolicyOut(Schema):
    id: UUID
    title: str
    kind: str
    for_families: bool
    for_staff: bool
    requires_acknowledgement: bool
    version: int
    effective_from: dt.date
    change_summary: str
    acknowledged_at: dt.datetime | None = Field(None, description="When you acknowledged this version.")


class PolicyReadOut(PolicyOut):
    body_html: str = Field(description="In your language when a translation is ready (sanitised HTML).")
    translated: bool
    pdf_url: str = Field("", description="A private link to the PDF, valid for you for five minutes, or empty.")


class StaffPolicyOut(PolicyOut):
    acknowledged: int
    expected: int


class Reader(Schema):
    kind: str
    id: UUID
    name: str
    at: dt.datetime | None
    reminded: dt.datetime | None


class AcknowledgementStatusOut(Schema):
    version: int
    total: int
    acknowledged: list[Reader]
    waiting: list[Reader]


class AcknowledgeIn(Schema):
    understood: bool = Field(description="I have read and understood this policy.")


def _policy(v, *, acknowledged_at=None) -> dict:
    p = v.policy
    return {
        "id": p.pk,
        "title": p.title,
        "kind": p.kind,
        "for_families": p.for_families,
        "for_staff": p.for_staff,
        "requires_acknowledgement": p.requires_acknowledgement,
        "version": v.number,
        "effective_from": v.effective_from,
        "change_summary": v.change_summary,
        "acknowledged_at": acknowledged_at,
    }


def _require_understood(payload: AcknowledgeIn) -> None:
    if not payload.understood:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"understood": _("Tick the box to say you have read and understood it.")})


# --- staff ----------------------------------------------------------------------------------------


@router.get("/settings/{setting_slug}/policies", response=list[StaffPolicyOut], summary="The setting's policies")
def staff_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    """Managers (can_manage_partnership) see every policy with its acknowledgement counts;
    other staff the policies for staff."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    manages = membership.perms.can_manage_partnership
    versions = selectors.policies_for_staff(setting=membership.setting, staff_only=not manages)
    return [{**_policy(v), "acknowledged": v.acknowledged, "expected": v.expected} for v in versions]


@router.get(
    "/settings/{setting_slug}/policies/{policy_id}/acknowledgements",
    response=AcknowledgementStatusOut,
    summary="Who has and has not acknowledged the current version",
)
def staff_acknowledgements(request: HttpRequest, setting_slug: str, policy_id: PolicyId) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_manage_partnership")
    policy = selectors.policy_for_staff(setting=membership.setting, policy_id=policy_id)
    version = services.current_version(policy)
    return {"version": version.number, **selectors.acknowledgement_status(version=version)}


@router.post(
    "/settings/{setting_slug}/policies/{policy_id}/acknowledge",
    response=PolicyOut,
    summary="Acknowledge a staff policy",
)
def staff_acknowledge(request: HttpRequest, setting_slug: str, policy_id: PolicyId, payload: AcknowledgeIn) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    policy = selectors.policy_for_staff(setting=membership.setting, policy_id=policy_id, staff_only=True)
    _require_understood(payload)
    version = services.current_version(policy)
    ack = services.policy_acknowledge(version=version, by=request.auth, staff=membership.staff)
    return _policy(version, acknowledged_at=ack.at)


class RemindedOut(Schema):
    reminded: int = Field(description="How many readers were reminded now (0 when all have been already).")


@router.post(
    "/settings/{setting_slug}/policies/{policy_id}/remind",
    response=RemindedOut,
    summary="Remind those who have not acknowledged the current version (once each)",
)
def staff_remind(request: HttpRequest, setting_slug: str, policy_id: PolicyId) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_manage_partnership")
    policy = selectors.policy_for_staff(setting=membership.setting, policy_id=policy_id)
    return {"reminded": services.policy_send_reminders(version=services.current_version(policy), by=request.auth)}


# --- families -------------------------------------------------------------------------------------


@router.get("/family/policies", response=list[PolicyOut], summary="Your setting's policies")
def family_list(request: HttpRequest) -> list[dict]:
    if not rules.is_guardian(request.auth):
        raise Http404
    return [_policy(v, acknowledged_at=v.acknowledged_at) for v in selectors.policies_for_guardian(user=request.auth)]


@router.get("/family/policies/{policy_id}", response=PolicyReadOut, summary="Read a policy")
def family_read(request: HttpRequest, policy_id: PolicyId) -> dict:
    policy, guardian = selectors.policy_for_guardian(user=request.auth, policy_id=policy_id)
    version = services.current_version(policy)
    html, translated = selectors.reading(version=version, language=translation.get_language())
    mine = selectors.acknowledgement_of(version=version, guardian=guardian)
    return {
        **_policy(version, acknowledged_at=mine.at if mine else None),
        "body_html": html,
        "translated": translated,
        "pdf_url": pdf_link(version, request.auth),
    }


@router.post("/family/policies/{policy_id}/acknowledge", response=PolicyOut, summary="I have read and understood")
def family_acknowledge(request: HttpRequest, policy_id: PolicyId, payload: AcknowledgeIn) -> dict:
    policy, guardian = selectors.policy_for_guardian(user=request.auth, policy_id=policy_id)
    _require_understood(payload)
    version = services.current_version(policy)
    ack = services.policy_acknowledge(version=version, by=request.auth, guardian=guardian)
    return _policy(version, acknowledged_at=ack.at)
