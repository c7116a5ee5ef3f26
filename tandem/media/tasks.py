"""Background work for media: copies (thumbnails, display sizes, posters, blurred copies) and
faces. Tasks take ids, open the setting's scope and call a service; they are safe to run twice."""

import json

from django.tasks import task
from django_scopes import scope

from tandem.media import services
from tandem.media.models import MediaFile


@task()
def media_make_derivatives(setting_id: str, media_id: str) -> str:
    """Thumbnails and display copies of a photo (and its faces), or a video's poster."""
    with scope(setting=[setting_id]):
        media = MediaFile.objects.filter(pk=media_id).first()
        if media is None:
            return "gone"
        return services.media_derivatives_make(media=media).status


@task()
def media_make_blurred(setting_id: str, media_id: str, boxes_json: str) -> str:
    """The copy of a photo other families see, with the faces in BOXES_JSON blurred."""
    with scope(setting=[setting_id]):
        media = MediaFile.objects.filter(pk=media_id).first()
        if media is None:
            return "gone"
        return services.media_blurred_variant_make(media=media, boxes=json.loads(boxes_json)).name


@task()
def media_find_faces(setting_id: str, media_id: str) -> int:
    """Find the faces on a photo (boxes staff drew or tagged are kept)."""
    with scope(setting=[setting_id]):
        media = MediaFile.objects.filter(pk=media_id).first()
        if media is None:
            return 0
        return len(services.media_detect_faces(media=media))
