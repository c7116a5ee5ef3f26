"""Surveys: a setting asks its families (or its staff) a few questions and sees what they say.

A Survey has Questions (single choice, multiple choice, a 1-5 scale, free text), each required
or optional, some asked once for each child of the family. Its audience is every family, the
families of chosen rooms, or the staff. It is a draft until published, open between its dates.

Who answered and what they answered are kept apart:
- Participation is the "has responded" record: one per family (or member of staff) per survey,
  holding only a keyed hash of the survey and the family (HMAC with the site's secret key), no
  time and no foreign key. It enforces one response per family and tells the reminders who
  has not answered.
- Response and Answer hold what was said. A named survey's response names the family and the
  guardian who answered; an anonymous survey's response names no one, has no time (only the
  day, which every response of that day shares) and no link to the Participation, and its
  per-child answers say "child 1", "child 2", never which child. Both use random ids, so no
  sequence joins them.

Repeating a survey (a new round of the same questions) keeps `series` and counts `round`, so
the results over time can compare them."""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Audience(models.TextChoices):
    FAMILIES = "families", _("All families")
    ROOMS = "rooms", _("Families of chosen rooms")
    STAFF = "staff", _("Staff")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choose one")
    MULTIPLE = "multiple", _("Choose any")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Written answer")


DEFAULT_SCALE_LABELS = [
    _("Not at all"),
    _("A little"),
    _("Somewhat"),
    _("Mostly"),
    _("Completely"),
]

# Groups of fewer respondents than this are never shown (nor exported): "fewer than 5".
SMALL_GROUP = 5


class Survey(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Why you are asking, and what you will do."))
    audience = models.CharField(_("who is asked"), max_length=10, choices=Audience.choices, default=Audience.FAMILIES)
    rooms = models.ManyToManyField("core.Room", blank=True, related_name="+", verbose_name=_("rooms"))
    anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Answers are not linked to anyone, not even in the audit log.")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    max_reminders = models.PositiveSmallIntegerField(_("reminders at most"), default=2)
    reminder_every_days = models.PositiveSmallIntegerField(_("days between reminders"), default=7)
    language = models.CharField(_("language the questions are written in"), max_length=10, default="en")
    template_key = models.CharField(max_length=40, blank=True)  # "parent_confidence", "practitioner_confidence"
    series = models.UUIDField(default=uuid.uuid4, db_index=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [models.UniqueConstraint(fields=["series", "round"], name="uniq_survey_round")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey must close on or after the day it opens.")})
        if self.max_reminders > 5:
            raise ValidationError({"max_reminders": _("Send at most 5 reminders.")})

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def for_staff(self) -> bool:
        return self.audience == Audience.STAFF

    def is_open_on(self, day) -> bool:
        return not self.is_draft and self.opens_on <= day <= self.closes_on

    def status(self, today) -> str:
        if self.is_draft:
            return "draft"
        if today < self.opens_on:
            return "scheduled"
        if today > self.closes_on:
            return "closed"
        return "open"

    def status_label(self, today) -> str:
        return {
            "draft": _("Draft"),
            "scheduled": _("Not open yet"),
            "closed": _("Closed"),
            "open": _("Open"),
        }[self.status(today)]

    def respondent_hash(self, *, family_id=None, staff_id=None) -> str:
        """The "has responded" key of one family or member of staff: it names them only to
        someone who has the site's secret and the id, and never appears beside an answer."""
        who = f"family:{family_id}" if family_id else f"staff:{staff_id}"
        return hmac.new(settings.SECRET_KEY.encode(), f"{self.pk}:{who}".encode(), hashlib.sha256).hexdigest()


class Question(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)  # single / multiple
    scale_labels = models.JSONField(_("labels of the scale, 1 to 5"), default=list, blank=True)
    required = models.BooleanField(_("an answer is needed"), default=True)
    per_child = models.BooleanField(_("ask once for each child"), default=False)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["survey", "position"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            cleaned = [c.strip() for c in self.choices if str(c).strip()]
            if len(cleaned) < 2:
                raise ValidationError({"choices": _("Give at least two choices, one a line.")})
            if len(set(cleaned)) != len(cleaned):
                raise ValidationError({"choices": _("Each choice must be different.")})
            self.choices = cleaned
        else:
            self.choices = []
        if self.kind == QuestionKind.SCALE:
            labels = [str(label).strip() for label in self.scale_labels if str(label).strip()]
            if labels and len(labels) != 5:
                raise ValidationError({"scale_labels": _("Give five labels, one a line, or none for the usual ones.")})
            self.scale_labels = labels
        else:
            self.scale_labels = []

    def labels(self) -> list[str]:
        """What the options are called: the choices, or the five points of the scale."""
        if self.kind == QuestionKind.SCALE:
            return list(self.scale_labels) or [str(label) for label in DEFAULT_SCALE_LABELS]
        return list(self.choices)


class Participation(models.Model):
    """That a family (or member of staff) has responded: a keyed hash, nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    respondent_hash = models.CharField(max_length=64)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "respondent_hash"], name="uniq_survey_participation")]


class Response(models.Model):
    """What one family (or member of staff) said. Named surveys only: family, guardian, staff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()
    language = models.CharField(max_length=10, blank=True)
    family = models.ForeignKey("core.Family", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey("core.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Named family surveys only: the family's rooms and groups (EAL, EYPP, SEND) when they answered.
    segments = models.JSONField(default=list, blank=True)

    objects = ScopedManager(setting="setting")


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    child_number = models.PositiveSmallIntegerField(null=True, blank=True)  # per-child: 1, 2, ...
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    choices = models.JSONField(default=list, blank=True)  # indexes into question.choices
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    objects = ScopedManager(setting="setting")


class ReminderRound(models.Model):
    """The Nth reminder of a survey went out (to everyone who had not answered by then)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminder_rounds")
    number = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="uniq_survey_reminder_round")]
