"""API for media (mounted at /api/v1/): staff upload photos, videos, voice notes and PDFs to their
setting (multipart), list them and follow the making of their copies. Files themselves are never
served by the API: the journal and floor book endpoints give signed, short-lived links
(tandem.media.signing) to whoever may see them. Same access rules as the pages: a member of the
setting (can_view_children) or 404."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.errors import ApiError
from tandem.api.pagination import Pagination
from tandem.media import selectors, services
from tandem.media.models import MediaFile

router = Router(tags=["media"])

MediaId = Annotated[str, Path(description="The file's id (a UUID).")]


class FaceOut(Schema):
    x: int
    y: int
    w: int
    h: int
    child_id: UUID | None = None
    source: str


class MediaOut(Schema):
    id: UUID
    kind: str = Field(description="photo, video, audio (voice note) or document.")
    status: str = Field(description="pending while copies are being made, then ready or failed.")
    progress: int = Field(description="0–100 while the copies are being made.")
    failure_reason: str
    content_type: str
    size: int
    width: int | None
    height: int | None
    duration_seconds: float | None
    original_name: str
    created_at: datetime
    variants: list[str] = Field(description="Copies made so far: thumb, display, poster, blur-….")

    @staticmethod
    def resolve_variants(obj: MediaFile) -> list[str]:
        return sorted(v.name for v in obj.variants.all())


class MediaDetailOut(MediaOut):
    faces: list[FaceOut]

    @staticmethod
    def resolve_faces(obj: MediaFile) -> list:
        return list(obj.faces.all())


def _membership(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    return membership


@router.post(
    "/settings/{setting_slug}/media",
    response={201: list[MediaOut]},
    summary="Upload photos, videos, voice notes or PDFs",
)
def media_upload(request: HttpRequest, setting_slug: str, file: File[list[UploadedFile]] = None) -> Status:
    """Multipart form with one or more `file` parts. Each file is recognised by its content,
    cleaned of metadata and stored privately; its thumbnails are made in the background (poll
    the file until status is ready). If any file is refused, none is kept and the error says
    which and why."""
    membership = _membership(request, setting_slug)
    files = file or []
    if not files:
        raise ApiError(422, "validation_error", _("Choose at least one photo, video, voice note or PDF."))
    saved = []
    for uploaded in files:
        try:
            saved.append(services.media_upload(setting=membership.setting, uploaded_file=uploaded, by=request.auth))
        except services.MediaError as exc:
            for media in saved:  # all or nothing, so a client can simply try again
                services.media_discard(media=media, by=request.auth)
            message = exc.messages[0]
            raise ApiError(
                422, "validation_error", message, [{"field": "file", "code": "invalid", "message": message}]
            ) from exc
    return Status(201, saved)


@router.get("/settings/{setting_slug}/media", response=list[MediaOut], summary="The setting's files, newest first")
@paginate(Pagination)
def media_list(request: HttpRequest, setting_slug: str) -> QuerySet[MediaFile]:
    membership = _membership(request, setting_slug)
    return selectors.media_list_for_setting(user=request.auth, setting=membership.setting)


@router.get("/settings/{setting_slug}/media/{media_id}", response=MediaDetailOut, summary="One file and its progress")
def media_detail(request: HttpRequest, setting_slug: str, media_id: MediaId) -> MediaFile:
    membership = _membership(request, setting_slug)
    try:
        UUID(media_id)
    except ValueError:
        raise ApiError(404, "not_found", _("There is nothing here, or you may not see it.")) from None
    return selectors.media_get_for_staff(user=request.auth, setting=membership.setting, media_id=media_id)
