"""API for All About Me: staff paths under /api/v1/settings/{setting_slug}/allaboutme/..., family
paths under /api/v1/family/allaboutme/... Same access rules as the pages (tandem.access); a save
is a new version (tandem.allaboutme.services), refusals come back as 422 with the reason."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.allaboutme import selectors, services
from tandem.allaboutme.models import MAX_ANSWER, STAFF_METHODS, AllAboutMeVersion, HowFilledIn

router = Router(tags=["allaboutme"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]


class AnswersIn(Schema):
    languages: str = Field("", max_length=MAX_ANSWER)
    likes: str = Field("", max_length=MAX_ANSWER)
    comforters: str = Field("", max_length=MAX_ANSWER)
    sleep: str = Field("", max_length=MAX_ANSWER)
    feeding: str = Field("", max_length=MAX_ANSWER)
    toileting: str = Field("", max_length=MAX_ANSWER)
    health: str = Field("", max_length=MAX_ANSWER)
    allergies: str = Field("", max_length=MAX_ANSWER)
    can_do: str = Field("", max_length=MAX_ANSWER)
    worries: str = Field("", max_length=MAX_ANSWER)
    celebrations: str = Field("", max_length=MAX_ANSWER)
    people: str = Field("", max_length=MAX_ANSWER)
    anything_else: str = Field("", max_length=MAX_ANSWER)


class StaffAnswersIn(AnswersIn):
    how: str = Field(HowFilledIn.PAPER.value, description="paper, home_visit or conversation.")
    guardian_id: UUID | None = Field(None, description="The parent or carer who gave the answers.")


class VersionOut(AnswersIn):
    number: int
    how: str
    how_label: str
    entered_by: str
    guardian: str | None
    created_at: dt.datetime


def _version(v: AllAboutMeVersion) -> dict:
    return {
        **v.content(),
        "number": v.number,
        "how": v.how,
        "how_label": str(v.get_how_display()),
        "entered_by": v.entered_by.display_name,
        "guardian": v.guardian.full_name if v.guardian_id else None,
        "created_at": v.created_at,
    }


def _staff_child(request: HttpRequest, setting_slug: str, child_id: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    child, _perms = rules.child_for_user(request.auth, child_id=child_id, setting=membership.setting)
    return child


def _own_child(request: HttpRequest, child_id: str):
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child


def _current_or_404(child) -> dict:
    version = selectors.current_version_for_child(child=child)
    if version is None:
        raise Http404
    return _version(version)


@router.get(
    "/settings/{setting_slug}/allaboutme/children/{child_id}",
    response=VersionOut,
    summary="A child's current All About Me",
)
def staff_current(request: HttpRequest, setting_slug: str, child_id: ChildId) -> dict:
    """404 when the child has none yet, or you may not see the child."""
    return _current_or_404(_staff_child(request, setting_slug, child_id))


@router.put(
    "/settings/{setting_slug}/allaboutme/children/{child_id}",
    response={201: VersionOut},
    summary="Save a new version (typed in by staff)",
)
def staff_save(request: HttpRequest, setting_slug: str, child_id: ChildId, payload: StaffAnswersIn) -> Status:
    child = _staff_child(request, setting_slug, child_id)
    data = payload.dict()
    how, guardian_id = data.pop("how"), data.pop("guardian_id")
    guardian = None
    if guardian_id is not None:
        guardian = next((g for g in selectors.guardians_of_child(child=child) if g.pk == guardian_id), None)
        if guardian is None:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError({"guardian_id": _("Choose a parent or carer of this child.")})
    if how not in STAFF_METHODS:
        how = "invalid"
    version = services.all_about_me_save(child=child, by=request.auth, answers=data, how=how, guardian=guardian)
    return Status(201, _version(version))


@router.get(
    "/settings/{setting_slug}/allaboutme/children/{child_id}/versions",
    response=list[VersionOut],
    summary="Every version of a child's All About Me",
)
def staff_versions(request: HttpRequest, setting_slug: str, child_id: ChildId) -> list[dict]:
    child = _staff_child(request, setting_slug, child_id)
    return [_version(v) for v in selectors.versions_for_child(child=child)]


@router.get("/family/allaboutme/children/{child_id}", response=VersionOut, summary="Your child's All About Me")
def family_current(request: HttpRequest, child_id: ChildId) -> dict:
    return _current_or_404(_own_child(request, child_id))


@router.put(
    "/family/allaboutme/children/{child_id}",
    response={201: VersionOut},
    summary="Update your child's All About Me",
)
def family_save(request: HttpRequest, child_id: ChildId, payload: AnswersIn) -> Status:
    """A new version; the earlier ones are kept. The key person is told."""
    child = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(child=child, user=request.auth)
    version = services.all_about_me_save(
        child=child, by=request.auth, answers=payload.dict(), how=HowFilledIn.ONLINE, guardian=guardian
    )
    return Status(201, _version(version))


@router.get(
    "/family/allaboutme/children/{child_id}/versions",
    response=list[VersionOut],
    summary="Every version of your child's All About Me",
)
def family_versions(request: HttpRequest, child_id: ChildId) -> list[dict]:
    child = _own_child(request, child_id)
    return [_version(v) for v in selectors.versions_for_child(child=child)]
