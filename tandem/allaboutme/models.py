"""All About Me: what a family tells the setting about their child before or at the start
(DOMAIN.md §6: languages, likes, comforters, routines, health, family and culture, who matters).

The first thing the key person reads, and a record families keep up to date: nothing is ever
overwritten. Each save is a new AllAboutMeVersion (who wrote it, how: online, typed in by staff
from the paper form, or completed together at a home visit); AllAboutMe points at the current
one. A half-filled form is an AllAboutMeDraft of its author, which nobody else sees."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class HowFilledIn(models.TextChoices):
    ONLINE = "online", _("Filled in online by the family")
    PAPER = "paper", _("Entered by staff from the paper form")
    HOME_VISIT = "home_visit", _("Completed together at a home visit")
    CONVERSATION = "conversation", _("Updated by staff after talking with the family")


# Staff may record these; a family member's own save is always ONLINE.
STAFF_METHODS = (HowFilledIn.PAPER, HowFilledIn.HOME_VISIT, HowFilledIn.CONVERSATION)

# The questions, in the order of the form and the PDF: (field name, question, help).
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("languages", _("Family and home languages"), _("Which languages does your child hear and speak at home?")),
    ("likes", _("What I like"), _("Favourite toys, games, songs, books, food, places.")),
    ("comforters", _("What comforts me"), _("A toy, a blanket, a dummy, a song; how you settle me when I am upset.")),
    ("sleep", _("Sleep"), _("When and how I sleep: naps, bedtime, what helps me fall asleep.")),
    ("feeding", _("Eating and drinking"), _("Milk, bottles, foods I like or do not eat, how I eat.")),
    ("toileting", _("Nappies and the toilet"), _("Nappies, potty or toilet, words I use.")),
    ("health", _("Health"), _("Health needs, medicines, anything we should know to keep me well.")),
    ("allergies", _("Allergies"), _("Any allergy or intolerance, and what happens. Write 'none' if there are none.")),
    ("can_do", _("What I can do"), _("Things I can do on my own or am learning.")),
    ("worries", _("What worries me"), _("Things I find hard or frightening.")),
    ("celebrations", _("My family's celebrations and culture"), _("Festivals, traditions, faith, food at home.")),
    ("people", _("People and pets who matter to me"), _("Family, friends, carers, pets, and their names.")),
    ("anything_else", _("Anything else"), _("Anything else you would like us to know.")),
)
CONTENT_FIELDS: tuple[str, ...] = tuple(name for name, _label, _help in QUESTIONS)
MAX_ANSWER = 4000


class AllAboutMe(models.Model):
    """The one All About Me of a child; its text is in the versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.OneToOneField("core.Child", on_delete=models.PROTECT, related_name="all_about_me")
    current = models.ForeignKey("AllAboutMeVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("All About Me")
        verbose_name_plural = _("All About Me forms")

    def __str__(self) -> str:
        return f"All About Me {self.child_id}"


def _answer(label):
    return models.TextField(label, blank=True, max_length=MAX_ANSWER)


class AllAboutMeVersion(models.Model):
    """One saved version, never changed after it is written."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="+")
    about = models.ForeignKey(AllAboutMe, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    languages = _answer(_("Family and home languages"))
    likes = _answer(_("What I like"))
    comforters = _answer(_("What comforts me"))
    sleep = _answer(_("Sleep"))
    feeding = _answer(_("Eating and drinking"))
    toileting = _answer(_("Nappies and the toilet"))
    health = _answer(_("Health"))
    allergies = _answer(_("Allergies"))
    can_do = _answer(_("What I can do"))
    worries = _answer(_("What worries me"))
    celebrations = _answer(_("My family's celebrations and culture"))
    people = _answer(_("People and pets who matter to me"))
    anything_else = _answer(_("Anything else"))
    how = models.CharField(_("how it was filled in"), max_length=20, choices=HowFilledIn.choices)
    guardian = models.ForeignKey(
        "core.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent or carer"),
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("All About Me version")
        verbose_name_plural = _("All About Me versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["about", "number"], name="aam_version_number")]

    def __str__(self) -> str:
        return f"All About Me {self.child_id} v{self.number}"

    def answers(self) -> list[tuple[str, str, str]]:
        """(field, question, answer) in the order of the form."""
        return [(name, label, getattr(self, name)) for name, label, _help in QUESTIONS]

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


class AllAboutMeDraft(models.Model):
    """Answers saved part-way by one person, to come back to; only its author sees it."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "author"], name="aam_draft_one_per_author")]
