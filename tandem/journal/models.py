"""The learning journal: observations of one or more children (a group observation), their
photos and who appears in each, comments from families, moments families add from home and
"we tried this at home". Every model carries its setting and a scoped manager.

What a family may see of an observation (other children's names, photos of children whose
families have not consented) is never stored: it is decided at read time by
tandem.journal.visibility, so a consent withdrawn today hides yesterday's photos at once."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class JournalSettings(models.Model):
    """How one setting runs its journal: whose observations a manager reviews before families
    see them, and after how many days without an observation a child is listed as forgotten."""

    class Review(models.TextChoices):
        NONE = "none", _("Nobody: staff publish their own observations")
        NEW_STAFF = "new_staff", _("New staff (in their first 90 days)")
        ALL = "all", _("Everyone except managers")

    setting = models.OneToOneField("core.Setting", on_delete=models.CASCADE, related_name="journal_settings")
    require_review_for = models.CharField(
        _("a manager reviews observations by"), max_length=12, choices=Review.choices, default=Review.NONE
    )
    quiet_days = models.PositiveSmallIntegerField(
        _("list a child after this many days without an observation"), default=14
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("journal settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quiet_days__gte=1) & models.Q(quiet_days__lte=365), name="journal_quiet_days_range"
            )
        ]


class Observation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
        PUBLISHED = "published", _("Published")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        "core.StaffMember", on_delete=models.PROTECT, related_name="observations", verbose_name=_("author")
    )
    children = models.ManyToManyField(
        "core.Child", through="ObservationChild", related_name="observations", verbose_name=_("children")
    )
    occurred_at = models.DateTimeField(_("when it happened"), default=timezone.now)
    text_markdown = models.TextField(_("what happened"), blank=True)
    text_html = models.TextField(blank=True, editable=False)  # text_markdown rendered and cleaned by nh3
    child_voice = models.TextField(
        _("the child's voice"), blank=True, help_text=_("What the child said, in their words.")
    )
    next_steps = models.TextField(_("next steps (for the setting)"), blank=True)
    home_ideas = models.TextField(_("ideas to try at home"), blank=True)
    areas = models.ManyToManyField("curriculum.Area", blank=True, related_name="+", verbose_name=_("areas"))
    aspects = models.ManyToManyField("curriculum.Aspect", blank=True, related_name="+", verbose_name=_("aspects"))
    statements = models.ManyToManyField(
        "curriculum.Statement", blank=True, related_name="+", verbose_name=_("statements and goals")
    )
    characteristics = models.ManyToManyField(
        "curriculum.Characteristic",
        blank=True,
        related_name="+",
        verbose_name=_("characteristics of effective learning"),
    )
    leuven_wellbeing = models.PositiveSmallIntegerField(_("well-being (Leuven, 1–5)"), null=True, blank=True)
    leuven_involvement = models.PositiveSmallIntegerField(_("involvement (Leuven, 1–5)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("show to families from"), null=True, blank=True)
    published_at = models.DateTimeField(_("shown to families since"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "core.StaffMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-occurred_at", "-created_at"]
        indexes = [
            models.Index(fields=["setting", "status", "-occurred_at"], name="obs_setting_status"),
            models.Index(fields=["setting", "-occurred_at"], name="obs_setting_when"),
            models.Index(fields=["status", "publish_at"], name="obs_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leuven_wellbeing__isnull=True)
                | (models.Q(leuven_wellbeing__gte=1) & models.Q(leuven_wellbeing__lte=5)),
                name="obs_leuven_wellbeing_range",
            ),
            models.CheckConstraint(
                condition=models.Q(leuven_involvement__isnull=True)
                | (models.Q(leuven_involvement__gte=1) & models.Q(leuven_involvement__lte=5)),
                name="obs_leuven_involvement_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.pk}"

    def clean(self) -> None:
        errors = {}
        for name in ("leuven_wellbeing", "leuven_involvement"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 5:
                errors[name] = _("Choose a number from 1 to 5.")
        if self.author_id and self.setting_id and self.author.setting_id != self.setting_id:
            errors["author"] = _("This person works in another setting.")
        if self.occurred_at and self.occurred_at > timezone.now() + dt.timedelta(minutes=5):
            errors["occurred_at"] = _("An observation cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_visible_to_families(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ObservationChild(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="observation_links")

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["observation", "child"], name="uniq_observation_child")]
        indexes = [models.Index(fields=["child", "observation"], name="obs_child_lookup")]


class ObservationVersion(models.Model):
    """The state of an observation before an edit made after it was published (staff see them)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["observation", "version"], name="uniq_observation_version")]


class ObservationMedia(models.Model):
    """A photo, video, voice note or document of an observation, and which children appear in it."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="media_links")
    media = models.ForeignKey("media.MediaFile", on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    children_in_photo = models.ManyToManyField(
        "core.Child", blank=True, related_name="+", verbose_name=_("children in this photo")
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["observation", "media"], name="uniq_observation_media")]


class Comment(models.Model):
    """A message in one child's thread on an observation. On a group observation each family
    has its own thread (`child`), so families never read each other's comments. Staff can hide
    a comment: it stays in the record and staff still see it, marked hidden."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="comments")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="+")
    reply_to = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    key_person_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["observation", "child", "created_at"], name="comment_thread")]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class HomeMoment(models.Model):
    """A moment from home a guardian adds to their child's journal ("WOW moment"), in their own
    language. Staff acknowledge it, link it to the curriculum and may build on it in planning."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="home_moments")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("what happened"), max_length=4000, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    occurred_on = models.DateField(_("when"), default=timezone.localdate)
    media = models.ManyToManyField("media.MediaFile", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "core.StaffMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff_note = models.TextField(_("note from the setting"), blank=True)
    build_on_in_planning = models.BooleanField(_("build on this in planning"), default=False)
    areas = models.ManyToManyField("curriculum.Area", blank=True, related_name="+", verbose_name=_("areas"))
    statements = models.ManyToManyField(
        "curriculum.Statement", blank=True, related_name="+", verbose_name=_("statements and goals")
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("moment from home")
        verbose_name_plural = _("moments from home")
        ordering = ["-occurred_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-occurred_on"], name="home_moment_child")]

    def clean(self) -> None:
        if self.occurred_on and self.occurred_on > timezone.localdate():
            raise ValidationError({"occurred_on": _("This date is in the future.")})


class TriedAtHome(models.Model):
    """A family saying "we tried this at home" about an observation's ideas to try at home."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="tried_at_home")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("how it went"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("tried at home")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["observation", "child", "guardian"], name="uniq_tried_at_home")]
