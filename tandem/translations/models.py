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
    # What a translator needs and nothing more: the text itself and whether "a parent" or
    # "staff" wrote it (never who, never which child: see docs/translations.md, privacy).
    source_text = models.TextField(_("original"), blank=True)
    author_kind = models.CharField(max_length=10, blank=True)  # "parent", "staff" or ""
    machine_text = models.TextField(_("machine suggestion"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # tries at the machine provider
    failure_reason = models.CharField(max_length=300, blank=True)
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

    def author_label(self) -> str:
        return str(AUTHOR_LABELS.get(self.author_kind, ""))


AUTHOR_LABELS = {"parent": _("a parent"), "staff": _("staff")}


class GlossaryTerm(models.Model):
    """A word of the setting's own that has a fixed translation: a room's name, "key person",
    "stay and play", a child's or a member of staff's name. LANGUAGE blank means every
    language; TRANSLATION blank means "keep it as written" (names)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    term = models.CharField(_("word or phrase"), max_length=120)
    source_language = models.CharField(_("written in"), max_length=10, default="en")
    language = models.CharField(_("translation into"), max_length=10, blank=True)
    translation = models.CharField(_("fixed translation"), max_length=120, blank=True)
    note = models.CharField(_("note for translators"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "term", "source_language", "language"], name="uniq_glossary_term"
            )
        ]

    def __str__(self) -> str:
        return self.term

    @property
    def rendering(self) -> str:
        """What the term becomes in a translation."""
        return self.translation or self.term


class TranslatorProfile(models.Model):
    """The languages a member of staff or a volunteer translates into (and out of)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    staff = models.OneToOneField("core.StaffMember", on_delete=models.CASCADE, related_name="translator_profile")
    languages = models.JSONField(_("languages I translate"), default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the last "texts are waiting" notice

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("translator")
        verbose_name_plural = _("translators")


class SettingLanguage(models.Model):
    """The language the setting's staff read: what families write is translated into it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.OneToOneField("core.Setting", on_delete=models.CASCADE, related_name="+")
    staff_language = models.CharField(_("staff language"), max_length=10, default="en")

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("staff language")
