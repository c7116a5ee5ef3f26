"""Forms for accident, incident and existing injury records. They check the shape of what was
typed; the rules (no future times, marks inside the outline, a reason for a notifiable event)
live in tandem.incidents.services and come back onto the form with add_service_errors."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.core.models import Guardian, StaffMember
from tandem.incidents.bodymap import marks_from_regions, region_choices
from tandem.incidents.models import Incident


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class BodyMapMixin(forms.Form):
    """The body map: MARKS is filled by static/incidents/bodymap.js when someone taps the
    outline; REGIONS is the keyboard and no-JavaScript way (a list of body parts)."""

    marks = forms.CharField(widget=forms.HiddenInput(attrs={"data-bodymap-input": ""}), required=False)
    regions = forms.MultipleChoiceField(
        label=_("Where on the body"),
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Tap the outline to mark the exact place, or choose parts of the body from this list."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].choices = region_choices()

    def clean_marks(self) -> list:
        raw = self.cleaned_data.get("marks") or ""
        if not raw.strip():
            return []
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_("The body map could not be read. Tap the outline again.")) from None
        return value if isinstance(value, list) else [value]

    def all_marks(self) -> list:
        """The tapped marks followed by one for each chosen region (the service validates them)."""
        return list(self.cleaned_data.get("marks") or []) + marks_from_regions(self.cleaned_data.get("regions") or [])


class IncidentForm(BodyMapMixin):
    kind = forms.ChoiceField(
        label=_("What kind of record"),
        choices=[
            (Incident.Kind.ACCIDENT, Incident.Kind.ACCIDENT.label),
            (Incident.Kind.INCIDENT, Incident.Kind.INCIDENT.label),
        ],
        widget=forms.RadioSelect,
        initial=Incident.Kind.ACCIDENT,
        help_text=_(
            "An accident is an injury. An incident is anything else to record, such as a bite or a fall without injury."
        ),
    )
    occurred_at = forms.DateTimeField(label=_("When it happened"), widget=DateTimeInput())
    location = forms.CharField(label=_("Where it happened"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the service says "Describe what happened", with the other errors
        help_text=_("Plain words. Do not name other children: write 'another child'."),
    )
    first_aid = forms.CharField(label=_("First aid given"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    witnesses = forms.ModelMultipleChoiceField(
        label=_("Staff who saw it"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_witnesses = forms.CharField(label=_("Other witnesses"), max_length=300, required=False)
    is_serious = forms.BooleanField(label=_("This is serious"), required=False)
    notifiable = forms.BooleanField(
        label=_("Ofsted must be told (within 14 days)"),
        required=False,
        help_text=_("A serious accident, illness or injury, food poisoning of two or more children, or a death."),
    )
    notifiable_reason = forms.ChoiceField(
        label=_("Why Ofsted must be told"),
        choices=[("", "—"), *Incident.NotifiableReason.choices],
        required=False,
    )

    field_order = [
        "kind",
        "occurred_at",
        "location",
        "description",
        "regions",
        "marks",
        "first_aid",
        "witnesses",
        "other_witnesses",
        "is_serious",
        "notifiable",
        "notifiable_reason",
    ]

    def __init__(self, *args, staff_queryset=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if staff_queryset is not None:
            self.fields["witnesses"].queryset = staff_queryset
            self.fields["witnesses"].label_from_instance = lambda m: m.user.display_name

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("regions", None)
        data["marks"] = self.all_marks()
        return data


class IncidentEditForm(IncidentForm):
    """The same fields without the kind, which does not change after recording."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class ExistingInjuryForm(BodyMapMixin):
    occurred_at = forms.DateTimeField(label=_("When it was noticed"), widget=DateTimeInput())
    description = forms.CharField(
        label=_("The injury, and how the family say it happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    location = forms.CharField(
        label=_("Where it happened, if known"),
        max_length=200,
        required=False,
        help_text=_("For example: at home, at the park."),
    )
    reported_by_guardian = forms.ModelChoiceField(
        label=_("Who told us"),
        queryset=Guardian.objects.none(),  # the view hands over the child's guardians
        required=False,
        empty_label=_("Nobody: staff noticed it"),
    )

    field_order = ["occurred_at", "description", "location", "regions", "marks", "reported_by_guardian"]

    def __init__(self, *args, guardian_queryset=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if guardian_queryset is not None:
            self.fields["reported_by_guardian"].queryset = guardian_queryset
            self.fields["reported_by_guardian"].label_from_instance = lambda g: g.full_name

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("regions", None)
        data["noticed_at"] = data.pop("occurred_at")
        data["marks"] = self.all_marks()
        return data


class FamilyExistingInjuryForm(BodyMapMixin):
    occurred_at = forms.DateTimeField(label=_("When you noticed it"), widget=DateTimeInput())
    description = forms.CharField(
        label=_("What the injury is and how it happened"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    location = forms.CharField(label=_("Where it happened"), max_length=200, required=False)
    signature = forms.CharField(
        label=_("Type your full name to sign"), max_length=120, required=False, help_text=_("This is your signature.")
    )

    field_order = ["occurred_at", "description", "location", "regions", "marks", "signature"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("regions", None)
        data["noticed_at"] = data.pop("occurred_at")
        data["marks"] = self.all_marks()
        return data


class AcknowledgeForm(forms.Form):
    signature = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=120,
        required=False,
        help_text=_("By signing you confirm you have read this record. It does not mean you agree with every word."),
    )


class NotifiedForm(forms.Form):
    notified_on = forms.DateField(label=_("Date Ofsted was told"), widget=DateInput(), required=False)
    reference = forms.CharField(label=_("Ofsted's reference"), max_length=100, required=False)


class InformedForm(forms.Form):
    how = forms.ChoiceField(
        label=_("How the family was told"),
        choices=[
            (Incident.InformedHow.IN_PERSON, Incident.InformedHow.IN_PERSON.label),
            (Incident.InformedHow.PHONE, Incident.InformedHow.PHONE.label),
        ],
        widget=forms.RadioSelect,
    )
