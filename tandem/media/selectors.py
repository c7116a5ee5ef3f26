"""Reads of media for staff of a setting. Families never reach media through here: the journal
and floor book selectors decide what a family sees and sign links (media.signing) for it."""

from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from tandem.core.models import Setting
from tandem.media.models import FaceBox, MediaFile, MediaVariant


def media_list_for_setting(*, user, setting: Setting, uploaded_by=None) -> QuerySet[MediaFile]:
    """The setting's files, newest first, with their copies (for thumbnails) loaded. USER must be
    a member of SETTING (the view's staff_required has checked it)."""
    qs = MediaFile.objects.filter(setting=setting).prefetch_related(
        Prefetch("variants", queryset=MediaVariant.objects.filter(name__in=["thumb", "display", "poster"]))
    )
    if uploaded_by is not None:
        qs = qs.filter(uploaded_by=uploaded_by)
    return qs


def media_get_for_staff(*, user, setting: Setting, media_id: UUID | str) -> MediaFile:
    """One of the setting's files, or 404 (another setting's file looks like a missing one)."""
    qs = MediaFile.objects.filter(setting=setting).prefetch_related(
        "variants", Prefetch("faces", queryset=FaceBox.objects.select_related("child"))
    )
    return get_object_or_404(qs, pk=media_id)
