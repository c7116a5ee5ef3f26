"""Forms for medicines. They check the shape of what was typed; whether a dose is inside the
permission is decided by tandem.medicines.services, whose reasons are put back on the form."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.medicines.models import MAX_DOSE, DoseUnit, Route


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _dose_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=MAX_DOSE,
        max_digits=7,
        decimal_places=2,
        error_messages={
            "min_value": _("Enter a dose above 0."),
            "max_value": _("This dose is too large to be right. Check the number."),
        },
    )


class AdministrationForm(forms.Form):
    """Staff record one dose under one of the child's permissions."""

    permission = forms.ChoiceField(label=_("Medicine"))
    given_at = forms.DateTimeField(
        label=_("Given at"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    dose_amount = _dose_field(_("Dose given"))
    given_by = forms.ChoiceField(label=_("Given by"))
    witnessed_by = forms.ChoiceField(label=_("Witnessed by"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)

    def __init__(self, *args, permissions, staff, me=None, **kwargs) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("given_at", timezone.localtime().replace(second=0, microsecond=0))
        if me is not None:
            initial.setdefault("given_by", str(me.pk))
        if len(permissions) == 1:
            initial.setdefault("permission", str(permissions[0].pk))
            initial.setdefault("dose_amount", permissions[0].dose_amount)
        super().__init__(*args, **kwargs)
        self.permissions = {str(p.pk): p for p in permissions}
        self.staff = {str(s.pk): s for s in staff}
        self.fields["permission"].choices = [("", "—")] + [
            (str(p.pk), f"{p.medicine_name} · {p.dose_label}") for p in permissions
        ]
        people = [(str(s.pk), s.user.display_name) for s in staff]
        self.fields["given_by"].choices = people
        self.fields["witnessed_by"].choices = [("", _("No witness"))] + people

    def clean_permission(self):
        return self.permissions.get(self.cleaned_data["permission"])

    def clean_given_by(self):
        return self.staff.get(self.cleaned_data["given_by"])

    def clean_witnessed_by(self):
        return self.staff.get(self.cleaned_data.get("witnessed_by") or "")


class PermissionForm(forms.Form):
    """A guardian's written permission for one medicine, signed with their typed name."""

    medicine_name = forms.CharField(label=_("Name of the medicine"), max_length=120)
    prescribed = forms.BooleanField(
        label=_("It was prescribed by a doctor, nurse, dentist or pharmacist"), required=False
    )
    dose_amount = _dose_field(_("How much each time"))
    dose_unit = forms.ChoiceField(label=_("Unit"), choices=DoseUnit.choices)
    route = forms.ChoiceField(label=_("How it is given"), choices=Route.choices)
    times = forms.CharField(
        label=_("At what times"),
        required=False,
        max_length=100,
        help_text=_("For example: 12:00, 15:30. Leave empty if it is only given when needed."),
    )
    conditions = forms.CharField(
        label=_("Or when it is needed"),
        required=False,
        max_length=300,
        help_text=_("For example: if temperature is above 38°C, or if wheezy."),
    )
    min_hours_between = forms.DecimalField(
        label=_("At least how many hours between doses"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("48"),
        max_digits=4,
        decimal_places=1,
    )
    max_doses_per_day = forms.IntegerField(
        label=_("At most how many doses a day"), required=False, min_value=1, max_value=24
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("Until"), widget=DateInput())
    reason = forms.CharField(label=_("Why your child needs it"), max_length=300)
    signature = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        help_text=_("Typing your name here is your written permission. The date and time are recorded."),
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must be on or after the first day."))
        if start and end and end - start > dt.timedelta(days=366):
            self.add_error("end_date", _("Permission can last at most a year. Give a new one after that."))
        return data


class AcknowledgeForm(forms.Form):
    """A guardian says they have seen a dose record."""

    signature = forms.CharField(label=_("Type your full name to sign"), max_length=200)
