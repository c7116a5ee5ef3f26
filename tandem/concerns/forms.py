"""Forms for concerns and complaints. They check the shape of what was typed; the rules (an
empty complaint, anonymous only for feedback, who may confirm) live in the services, whose
reasons are put back on the form with add_service_errors."""

import datetime as dt
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.concerns.models import MANUAL_STEPS, ConcernChannel, ConcernKind, StepKind
from tandem.core.forms import DateInput

TEXT = {"rows": 5}


class RaiseForm(forms.Form):
    """A family raises a concern, a complaint or general feedback (phone-first)."""

    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"), choices=ConcernKind.choices, widget=forms.RadioSelect
    )
    child = forms.ChoiceField(label=_("Is it about one of your children?"), required=False)
    about = forms.CharField(
        label=_("What is it about?"),
        widget=forms.Textarea(attrs=TEXT),
        max_length=5000,
        required=False,  # the service says what is missing, in words a parent understands
        help_text=_("Write in the language you prefer. Staff will read a translation."),
    )
    desired_outcome = forms.CharField(
        label=_("What would you like to happen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("Send my feedback anonymously (we will not know who wrote it and cannot reply)"),
        required=False,
    )

    def __init__(self, *args, children, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(c.pk): c for c in children}
        self.fields["child"].choices = [("", _("Not about one child"))] + [(str(c.pk), c.known_as) for c in children]

    def clean_child(self):
        return self.children.get(self.cleaned_data.get("child") or "")


class StaffRecordForm(forms.Form):
    """Staff write down a concern or complaint received on paper, by phone or in person."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ConcernKind.choices)
    channel = forms.ChoiceField(label=_("How it came"), choices=ConcernChannel.choices, initial=ConcernChannel.PHONE)
    received_on = forms.DateField(label=_("Date received"), widget=DateInput())
    guardian = forms.ChoiceField(label=_("Parent or carer"), required=False)
    complainant_name = forms.CharField(
        label=_("Or the name of the person, if not a parent in Tandem"), required=False, max_length=200
    )
    child = forms.ChoiceField(label=_("Child"), required=False)
    about = forms.CharField(label=_("What it is about"), widget=forms.Textarea(attrs=TEXT), required=False)
    desired_outcome = forms.CharField(
        label=_("What they would like to happen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, guardians, children, setting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setting = setting
        self.guardians = {str(g.pk): g for g in guardians}
        self.children = {str(c.pk): c for c in children}
        self.fields["guardian"].choices = [("", "—")] + [(str(g.pk), g.full_name) for g in guardians]
        self.fields["child"].choices = [("", "—")] + [(str(c.pk), c.display_name) for c in children]

    def clean_guardian(self):
        return self.guardians.get(self.cleaned_data.get("guardian") or "")

    def clean_child(self):
        return self.children.get(self.cleaned_data.get("child") or "")

    def clean(self) -> dict:
        data = super().clean()
        day = data.pop("received_on", None)
        if day:
            tz = zoneinfo.ZoneInfo(self.setting.timezone)
            if day > self.setting.today():
                self.add_error("received_on", _("The date received cannot be in the future."))
            elif day == self.setting.today():
                data["received_at"] = None  # now
            else:
                data["received_at"] = dt.datetime.combine(day, dt.time(12, 0), tzinfo=tz)
        return data


class AssignForm(forms.Form):
    assigned_to = forms.ChoiceField(label=_("Who will look into it"))

    def __init__(self, *args, handlers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.handlers = {str(s.pk): s for s in handlers}
        self.fields["assigned_to"].choices = [(str(s.pk), s.user.display_name) for s in handlers]

    def clean_assigned_to(self):
        return self.handlers.get(self.cleaned_data["assigned_to"])


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=[(k.value, k.label) for k in StepKind if k in MANUAL_STEPS]
    )
    text = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RecordForm(forms.Form):
    """The fields of the complaints record Ofsted may ask to see."""

    eyfs_related = forms.BooleanField(label=_("It is about meeting the EYFS requirements"), required=False)
    eyfs_requirement = forms.CharField(
        label=_("EYFS requirement concerned"),
        required=False,
        max_length=200,
        help_text=_("For example: Safeguarding and welfare, key person."),
    )
    nature = forms.CharField(
        label=_("Nature of the complaint (for the record)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Names of children and parents are replaced by 'child A', 'parent B' in the record."),
    )
    ofsted_involved = forms.BooleanField(label=_("Ofsted is involved"), required=False)
    ofsted_details = forms.CharField(
        label=_("Ofsted involvement"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome to send to the family"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    actions = forms.CharField(
        label=_("Actions taken (for the record)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class InformalForm(forms.Form):
    summary = forms.CharField(
        label=_("How it was resolved"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The family will be asked to confirm they are happy. Only they can confirm it."),
    )


class ConfirmForm(forms.Form):
    happy = forms.TypedChoiceField(
        label=_("Are you happy this is resolved?"),
        choices=[("yes", _("Yes, I am happy it is resolved")), ("no", _("No, not yet"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Anything to add?"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must be on or after the start."))
        return data
