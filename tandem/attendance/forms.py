"""Forms of the register. Choices that come from the setting's data (parents, collectors, staff,
rooms) are handed in by the view, so nothing is queried at import time."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.attendance.models import CollectionEvent
from tandem.core.forms import TimeInput


class SignInForm(forms.Form):
    guardian = forms.ChoiceField(label=_("Dropped off by"), required=False)
    dropped_off_by = forms.CharField(label=_("Someone else (name)"), max_length=120, required=False)
    time = forms.TimeField(label=_("Time (leave empty for now)"), required=False, widget=TimeInput())

    def __init__(self, *args, guardians=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guardian"].choices = [("", _("Someone else"))] + [(str(g.pk), g.full_name) for g in guardians]


class CollectionForm(forms.Form):
    """Who is collecting: someone on the list, or someone else with a check, or a refusal."""

    OUTCOMES = [
        (CollectionEvent.Outcome.PASSWORD_CONFIRMED, _("They gave the right collection password")),
        (CollectionEvent.Outcome.GUARDIAN_CALLED_AND_AGREED, _("I called a parent, who agreed")),
        (CollectionEvent.Outcome.REFUSED, _("I did not let the child go")),
    ]

    who = forms.ChoiceField(label=_("Who is collecting?"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Their name (someone else)"), max_length=120, required=False)
    outcome = forms.ChoiceField(
        label=_("Check"), choices=[("", "—")] + OUTCOMES, required=False, widget=forms.RadioSelect
    )
    password = forms.CharField(
        label=_("Collection password they gave"), required=False, widget=forms.PasswordInput(render_value=False)
    )
    guardian_called = forms.ChoiceField(label=_("Parent you called"), required=False)
    guardian_said = forms.CharField(label=_("What the parent said"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    time = forms.TimeField(label=_("Time (leave empty for now)"), required=False, widget=TimeInput())

    def __init__(self, *args, collectors=(), guardians=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(f"collector:{c.pk}", f"{c.name} ({c.relationship})") for c in collectors]
        choices += [(f"guardian:{g.pk}", g.full_name) for g in guardians]
        choices.append(("other", _("Someone else")))
        self.fields["who"].choices = choices
        self.fields["guardian_called"].choices = [("", "—")] + [(str(g.pk), g.full_name) for g in guardians]


class CollectorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    relationship = forms.CharField(
        label=_("Relationship to the child"),
        max_length=60,
        help_text=_("For example: grandmother, childminder, neighbour."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    photo = forms.FileField(
        label=_("Photo of their face"),
        required=False,
        help_text=_("A JPEG, PNG or WebP photo under 8 MB. Staff see it when they collect."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    password = forms.CharField(
        label=_("Collection password"),
        required=False,
        min_length=4,
        max_length=100,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("A word they will say at the door. It is never shown again; leave empty to keep the old one."),
    )


class ShiftForm(forms.Form):
    staff = forms.ChoiceField(label=_("Member of staff"))
    room = forms.ChoiceField(label=_("Room"))
    starts_at = forms.TimeField(label=_("Starts at"), widget=TimeInput(), initial=dt.time(8))
    ends_at = forms.TimeField(label=_("Ends at"), widget=TimeInput(), initial=dt.time(18))

    def __init__(self, *args, staff=(), rooms=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(str(s.pk), s.user.display_name) for s in staff]
        self.fields["room"].choices = [(str(r.pk), r.name) for r in rooms]


class CorrectionForm(forms.Form):
    signed_in_at = forms.TimeField(label=_("Signed in at"), widget=TimeInput())
    signed_out_at = forms.TimeField(label=_("Signed out at"), required=False, widget=TimeInput())
    dropped_off_by = forms.CharField(label=_("Dropped off by"), max_length=120, required=False)
    collected_by = forms.CharField(label=_("Collected by"), max_length=120, required=False)
    reason = forms.CharField(label=_("Why is this being corrected?"), max_length=200)
