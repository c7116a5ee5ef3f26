from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "tandem.media"
    label = "media"
    verbose_name = _("Photos, videos and files")

    def ready(self) -> None:
        from pillow_heif import register_heif_opener

        register_heif_opener()  # Image.open() reads HEIC photos from iPhones
