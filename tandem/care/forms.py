"""Forms of the care diary. They check the shape of what was typed; the rules (times in order,
believable amounts, no overlapping sleeps) live in tandem.care.services, whose errors are put
back on the form with tandem.core.forms.add_service_errors."""

import datetime as dt
import uuid
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.care.models import Eaten, FeedType, Kind, Mood, Nappy, UpdatesMode
from tandem.core.forms import TimeInput

# What a family records at home: no sun cream or activities (those are the room's).
FAMILY_KINDS = [
    (k, label)
    for k, label in Kind.choices
    if k in ("feed", "meal", "drink", "sleep", "nappy", "mood", "temperature", "note")
]


def now_in(setting) -> dt.time:
    """The time now in the setting's zone, to the minute (the forms' starting value)."""
    return dt.datetime.now(zoneinfo.ZoneInfo(setting.timezone)).time().replace(second=0, microsecond=0)


def _blank(choices) -> list:
    return [("", "—"), *choices]


class DiaryEntryForm(forms.Form):
    """One entry for one or several children. CHILDREN is offered by the view (the children
    present in the room, or the one child whose day it is)."""

    children = forms.MultipleChoiceField(
        label=_("Children"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one child.")},
    )
    kind = forms.ChoiceField(label=_("What"), choices=Kind.choices)
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Woke at (for a sleep)"), widget=TimeInput(), required=False)
    feed_type = forms.ChoiceField(label=_("Feed"), choices=_blank(FeedType.choices), required=False)
    amount_ml = forms.IntegerField(label=_("Amount (ml)"), required=False)
    offered = forms.CharField(label=_("What was offered"), max_length=300, required=False)
    eaten = forms.ChoiceField(label=_("How much was eaten"), choices=_blank(Eaten.choices), required=False)
    nappy = forms.ChoiceField(label=_("Nappy or toilet"), choices=_blank(Nappy.choices), required=False)
    cream_applied = forms.BooleanField(label=_("Cream applied"), required=False)
    mood = forms.ChoiceField(label=_("Mood"), choices=_blank(Mood.choices), required=False)
    temperature_c = forms.DecimalField(label=_("Temperature (°C)"), max_digits=4, decimal_places=1, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    # Which fields belong to which kind of entry; static/care/entry-form.js shows only those
    # (without JavaScript every field is shown, and the service ignores none that matter).
    FIELD_KINDS = {
        "end_time": "sleep",
        "feed_type": "feed",
        "amount_ml": "feed drink",
        "offered": "meal snack drink",
        "eaten": "meal snack",
        "nappy": "nappy",
        "cream_applied": "nappy",
        "mood": "mood",
        "temperature_c": "temperature",
    }

    def __init__(self, *args, children=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, kinds in self.FIELD_KINDS.items():
            self.fields[name].widget.attrs["data-kinds"] = kinds
        self.children_by_id = {str(c.pk): c for c in children}
        self.fields["children"].choices = [(str(c.pk), c.display_name) for c in children]
        if len(self.children_by_id) == 1:  # a child's own page: no need to tick them
            self.fields["children"].widget = forms.MultipleHiddenInput()
            self.initial["children"] = list(self.children_by_id)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())

    def entry_arguments(self, *, setting, day: dt.date) -> dict:
        """The service's arguments from the cleaned form: times on DAY in the setting's zone."""
        data = self.cleaned_data
        tz = zoneinfo.ZoneInfo(setting.timezone)
        occurred_at = dt.datetime.combine(day, data["time"], tzinfo=tz)
        ended_at = dt.datetime.combine(day, data["end_time"], tzinfo=tz) if data.get("end_time") else None
        kind = data["kind"]
        args = {
            "children": [self.children_by_id[i] for i in data["children"]],
            "kind": kind,
            "occurred_at": occurred_at,
            "idempotency_key": data["idempotency_key"],
            "notes": data.get("notes", ""),
        }
        # Only the fields that belong to this kind of entry are kept.
        per_kind = {
            Kind.FEED: ("feed_type", "amount_ml"),
            Kind.DRINK: ("amount_ml", "offered"),
            Kind.MEAL: ("offered", "eaten"),
            Kind.SNACK: ("offered", "eaten"),
            Kind.NAPPY: ("nappy", "cream_applied"),
            Kind.MOOD: ("mood",),
            Kind.TEMPERATURE: ("temperature_c",),
            Kind.SUN_CREAM: (),
            Kind.SLEEP: (),
        }
        for name in per_kind.get(kind, ()):
            value = data.get(name)
            if value not in (None, ""):
                args[name] = value
        if kind == Kind.SLEEP:
            args["ended_at"] = ended_at
        elif ended_at is not None:
            args["ended_at"] = ended_at  # the service says only a sleep has an end time
        return args


class CorrectionForm(forms.Form):
    """The fields of one entry, to correct it (the earlier version is kept)."""

    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Woke at (for a sleep)"), widget=TimeInput(), required=False)
    feed_type = forms.ChoiceField(label=_("Feed"), choices=_blank(FeedType.choices), required=False)
    amount_ml = forms.IntegerField(label=_("Amount (ml)"), required=False)
    offered = forms.CharField(label=_("What was offered"), max_length=300, required=False)
    eaten = forms.ChoiceField(label=_("How much was eaten"), choices=_blank(Eaten.choices), required=False)
    nappy = forms.ChoiceField(label=_("Nappy or toilet"), choices=_blank(Nappy.choices), required=False)
    cream_applied = forms.BooleanField(label=_("Cream applied"), required=False)
    mood = forms.ChoiceField(label=_("Mood"), choices=_blank(Mood.choices), required=False)
    temperature_c = forms.DecimalField(label=_("Temperature (°C)"), max_digits=4, decimal_places=1, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_for(cls, entry, tz) -> dict:
        initial = {
            name: getattr(entry, name)
            for name in (
                "feed_type",
                "amount_ml",
                "offered",
                "eaten",
                "nappy",
                "cream_applied",
                "mood",
                "temperature_c",
                "notes",
            )
        }
        initial["time"] = entry.occurred_at.astimezone(tz).time().replace(second=0, microsecond=0)
        if entry.ended_at:
            initial["end_time"] = entry.ended_at.astimezone(tz).time().replace(second=0, microsecond=0)
        return initial

    def changes(self, *, entry, tz) -> dict:
        data = self.cleaned_data
        changes = {
            name: data.get(name)
            for name in ("feed_type", "offered", "eaten", "nappy", "cream_applied", "mood", "temperature_c", "notes")
        }
        for name in ("feed_type", "offered", "eaten", "nappy", "mood", "notes"):
            changes[name] = changes[name] or ""
        changes["amount_ml"] = data.get("amount_ml")
        day = entry.occurred_at.astimezone(tz).date()
        changes["occurred_at"] = dt.datetime.combine(day, data["time"], tzinfo=tz)
        if data.get("end_time"):
            changes["ended_at"] = dt.datetime.combine(day, data["end_time"], tzinfo=tz)
        elif entry.ended_at is not None:
            changes["ended_at"] = None
        # Keep the stored instant when the minute did not change (the form has no seconds).
        for name in ("occurred_at", "ended_at"):
            old = getattr(entry, name)
            if (
                old is not None
                and changes.get(name) is not None
                and old.replace(second=0, microsecond=0) == changes[name]
            ):
                changes[name] = old
        return changes


class StrikeOutForm(forms.Form):
    reason = forms.CharField(label=_("Why is this entry being struck out?"), max_length=300)


class RoutineForm(forms.Form):
    nap_times = forms.CharField(
        label=_("Usual nap times"), required=False, max_length=100, help_text=_("e.g. 09:30, 13:00")
    )
    feed_interval_minutes = forms.IntegerField(label=_("Feed every (minutes)"), required=False)
    nappy_interval_minutes = forms.IntegerField(label=_("Nappy check every (minutes)"), required=False)
    notes = forms.CharField(label=_("Notes on the routine"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RoomCareSettingsForm(forms.Form):
    sleep_check_minutes = forms.IntegerField(label=_("Check sleeping children every (minutes)"))
    closing_time = forms.TimeField(label=_("The room's day ends at"), widget=TimeInput())


class MorningHandoverForm(forms.Form):
    last_feed_at = forms.TimeField(label=_("Last feed or breakfast at"), widget=TimeInput(), required=False)
    last_feed_details = forms.CharField(label=_("What they had"), max_length=200, required=False)
    slept_from = forms.TimeField(label=_("Went to sleep at"), widget=TimeInput(), required=False)
    slept_to = forms.TimeField(label=_("Woke up at"), widget=TimeInput(), required=False)
    mood = forms.ChoiceField(label=_("Mood this morning"), choices=_blank(Mood.choices), required=False)
    teething = forms.BooleanField(label=_("Teething"), required=False)
    medicine_at_home = forms.CharField(
        label=_("Medicine given at home (what and when)"),
        max_length=300,
        required=False,
        help_text=_("For medicine the nursery should give, fill in a medicine permission form."),
    )
    collecting_today = forms.CharField(label=_("Who is collecting today"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Anything else we should know"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class UpdatesForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How do you want to follow the day?"), choices=UpdatesMode.choices, widget=forms.RadioSelect
    )
