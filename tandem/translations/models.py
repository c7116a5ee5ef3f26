"""Translations of what people write (a message, an announcement, a survey question, a policy),
into the languages their readers chose. One row per piece of text per language. The source is
named loosely (app_label.model, id, field) so any app can ask for a translation without a
foreign key; SOURCE_HASH ties a translation to the exact text it was made from, so an edited
text is translated again instead of showing a stale translation."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class TextTranslation(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a translator")
        MACHINE = "machine", _("Machine translation")
        HUMAN = "human", _("Translated by a person")
        FAILED = "failed", _("Could not be translated")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    source_type = models.CharField(max_length=60)  # app_label.model, e.g. "conversations.message"
    source_id = models.CharField(max_length=64)
    field = models.CharField(max_length=60, default="body")
    source_language = models.CharField(max_length=10)
    source_hash = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("translation"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    provider = models.CharField(max_length=40, blank=True)  # e.g. "libretranslate"
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "field", "language"], name="uniq_text_translation"
            )
        ]
        indexes = [
            models.Index(fields=["setting", "status", "language"], name="translation_queue"),
        ]

    @property
    def is_ready(self) -> bool:
        return self.status in (self.Status.MACHINE, self.Status.HUMAN) and bool(self.text)
