"""The daily care diary: what a child ate, drank, slept and did, recorded by staff through the
day and by families before drop-off. These are records the provider must keep (EYFS), so
nothing is overwritten: a correction keeps the earlier state (core.RecordVersion, through
tandem.care.services) and a mistaken entry is struck out with a reason, never deleted.

Every model carries a direct `setting` key and a scoped manager (STYLE.md, tenancy)."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

# One feed or drink above this is almost certainly a typing mistake (a baby's largest bottle is
# about 300 ml); the service refuses it with a message instead of storing 5 litres of milk.
MAX_ML_PER_ENTRY = 500


class Kind(models.TextChoices):
    FEED = "feed", _("Feed or bottle")
    MEAL = "meal", _("Meal")
    SNACK = "snack", _("Snack")
    DRINK = "drink", _("Drink")
    SLEEP = "sleep", _("Sleep")
    NAPPY = "nappy", _("Nappy or toilet")
    MOOD = "mood", _("Mood")
    TEMPERATURE = "temperature", _("Temperature or unwell")
    SUN_CREAM = "sun_cream", _("Sun cream")
    ACTIVITY = "activity", _("Activity")
    NOTE = "note", _("Note")


class FeedType(models.TextChoices):
    BREAST = "breast", _("Breast")
    BOTTLE = "bottle", _("Bottle")
    SOLIDS = "solids", _("Solids")


class Eaten(models.TextChoices):
    NONE = "none", _("None")
    SOME = "some", _("Some")
    MOST = "most", _("Most")
    ALL = "all", _("All")


class Nappy(models.TextChoices):
    WET = "wet", _("Wet")
    SOILED = "soiled", _("Soiled")
    DRY = "dry", _("Dry")
    TOILET = "toilet", _("Used the toilet")


class Mood(models.TextChoices):
    HAPPY = "happy", _("Happy")
    SETTLED = "settled", _("Settled")
    TIRED = "tired", _("Tired")
    UNSETTLED = "unsettled", _("Unsettled")
    UPSET = "upset", _("Upset")
    POORLY = "poorly", _("Poorly")


class Source(models.TextChoices):
    STAFF = "staff", _("Staff")
    GUARDIAN = "guardian", _("Family")


class UpdatesMode(models.TextChoices):
    REALTIME = "realtime", _("As it happens (see the diary live)")
    END_OF_DAY = "end_of_day", _("One summary at the end of the day")
    ON_DEMAND = "on_demand", _("Only when I look")


class RoomCareSettings(models.Model):
    """How a room runs its day: how often sleeping children are checked (EYFS: sleeping children
    are checked regularly; the interval is the setting's policy) and when the day ends, after
    which families who chose a calm diary see it even if staff have not finalised it."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    room = models.OneToOneField("core.Room", on_delete=models.CASCADE, related_name="care_settings")
    sleep_check_minutes = models.PositiveSmallIntegerField(_("check sleeping children every (minutes)"), default=10)
    closing_time = models.TimeField(_("the room's day ends at"), default=dt.time(18, 0))
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("room care settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sleep_check_minutes__gte=1, sleep_check_minutes__lte=60),
                name="care_sleep_check_range",
            )
        ]


class CareRoutine(models.Model):
    """A child's routine as the family and key person agreed it. Dietary needs and allergies
    stay on core.Child, where the rest of the setting reads them."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.OneToOneField("core.Child", on_delete=models.CASCADE, related_name="care_routine")
    nap_times = models.CharField(
        _("usual nap times"), max_length=100, blank=True, help_text=_("Times of day, e.g. 09:30, 13:00")
    )
    feed_interval_minutes = models.PositiveSmallIntegerField(_("feed every (minutes)"), null=True, blank=True)
    nappy_interval_minutes = models.PositiveSmallIntegerField(_("nappy check every (minutes)"), null=True, blank=True)
    notes = models.TextField(_("notes on the routine"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("care routine")

    def nap_time_list(self) -> list[dt.time]:
        times = []
        for part in self.nap_times.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            hours, _sep, minutes = part.replace(".", ":").partition(":")
            try:
                times.append(dt.time(int(hours), int(minutes or 0)))
            except ValueError:
                continue
        return sorted(times)


class DiaryEntry(models.Model):
    """One thing that happened in a child's day. `day` is the date in the setting's time zone.
    `idempotency_key` is made by the client (the browser's offline queue, an API caller) so a
    retried post records the entry once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.PROTECT, related_name="diary_entries")
    day = models.DateField(_("day"))
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"))
    ended_at = models.DateTimeField(_("woke at"), null=True, blank=True)
    amount_ml = models.PositiveSmallIntegerField(_("amount (ml)"), null=True, blank=True)
    feed_type = models.CharField(_("feed"), max_length=8, choices=FeedType.choices, blank=True)
    offered = models.CharField(_("what was offered"), max_length=300, blank=True)
    eaten = models.CharField(_("how much was eaten"), max_length=6, choices=Eaten.choices, blank=True)
    nappy = models.CharField(_("nappy"), max_length=8, choices=Nappy.choices, blank=True)
    cream_applied = models.BooleanField(_("cream applied"), default=False)
    mood = models.CharField(_("mood"), max_length=10, choices=Mood.choices, blank=True)
    temperature_c = models.DecimalField(_("temperature (°C)"), max_digits=3, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("recorded by"), max_length=8, choices=Source.choices, default=Source.STAFF)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    struck_out_at = models.DateTimeField(null=True, blank=True)
    struck_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    struck_out_reason = models.CharField(_("reason for striking out"), max_length=300, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")
        ordering = ["occurred_at", "created_at"]
        indexes = [
            models.Index(fields=["setting", "day", "child"], name="care_entry_day"),
            models.Index(fields=["child", "kind", "occurred_at"], name="care_entry_kind"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["setting", "idempotency_key"], name="care_entry_idempotency"),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("occurred_at")),
                name="care_sleep_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_ml__isnull=True) | models.Q(amount_ml__lte=MAX_ML_PER_ENTRY),
                name="care_amount_believable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%H:%M}"

    @property
    def is_struck_out(self) -> bool:
        return self.struck_out_at is not None

    @property
    def is_ongoing_sleep(self) -> bool:
        return self.kind == Kind.SLEEP and self.ended_at is None and self.struck_out_at is None


class SleepCheck(models.Model):
    """A member of staff looked at a sleeping child (breathing, position, temperature)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(DiaryEntry, on_delete=models.PROTECT, related_name="sleep_checks")
    checked_at = models.DateTimeField(_("checked at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("sleep check")
        ordering = ["checked_at"]
        indexes = [models.Index(fields=["entry", "checked_at"], name="care_sleep_check")]


class MorningHandover(models.Model):
    """What a family tells the room before drop-off: how the night and morning went. Medicine
    given at home is noted here as information; medicines given at the setting are recorded in
    tandem.medicines against a written permission."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.CASCADE, related_name="morning_handovers")
    day = models.DateField(_("day"))
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    last_feed_at = models.TimeField(_("last feed or breakfast at"), null=True, blank=True)
    last_feed_details = models.CharField(_("what they had"), max_length=200, blank=True)
    slept_from = models.TimeField(_("went to sleep at"), null=True, blank=True)
    slept_to = models.TimeField(_("woke up at"), null=True, blank=True)
    mood = models.CharField(_("mood this morning"), max_length=10, choices=Mood.choices, blank=True)
    teething = models.BooleanField(_("teething"), default=False)
    medicine_at_home = models.CharField(_("medicine given at home (what and when)"), max_length=300, blank=True)
    collecting_today = models.CharField(_("who is collecting today"), max_length=200, blank=True)
    notes = models.TextField(_("anything else we should know"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("morning handover")
        constraints = [models.UniqueConstraint(fields=["child", "day"], name="care_one_handover_a_day")]


class DayFinalisation(models.Model):
    """Staff have finished a child's day: families who chose a calm diary now see it, and those
    who chose an end-of-day summary get one e-mail."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("core.Child", on_delete=models.CASCADE, related_name="day_finalisations")
    day = models.DateField(_("day"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("finalised day")
        constraints = [models.UniqueConstraint(fields=["child", "day"], name="care_one_finalisation_a_day")]
        indexes = [models.Index(fields=["setting", "at"], name="care_finalised_at")]


class DaySummarySent(models.Model):
    """One end-of-day summary went to one guardian: the task that sends it checks this first,
    so running it twice sends one e-mail."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    finalisation = models.ForeignKey(DayFinalisation, on_delete=models.CASCADE, related_name="summaries")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    objects = ScopedManager(setting="setting")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["finalisation", "guardian"], name="care_one_summary_each")]


class GuardianCareUpdates(models.Model):
    """How a guardian wants to follow the diary. Calm (one summary) unless they choose otherwise."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    guardian = models.OneToOneField("core.Guardian", on_delete=models.CASCADE, related_name="care_updates")
    mode = models.CharField(
        _("how you follow the day"), max_length=12, choices=UpdatesMode.choices, default=UpdatesMode.END_OF_DAY
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("diary updates preference")
