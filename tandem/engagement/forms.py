import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.engagement.selectors import QUIET_DAYS, Period


class PeriodForm(forms.Form):
    """The period a page or the evidence document covers (GET parameters; bad input falls back
    to the default period with the reason shown)."""

    # A date input takes ISO dates whatever the page's language (British dd/mm/yyyy would show empty).
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    quiet_days = forms.IntegerField(
        label=_("No contact for at least (days)"), min_value=1, max_value=365, initial=QUIET_DAYS, required=False
    )

    MAX_DAYS = 3 * 366

    def __init__(self, *args, default: Period, with_quiet_days: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_quiet_days:
            del self.fields["quiet_days"]
        self.default = default
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period must be after its start."))
            if (end - start) > dt.timedelta(days=self.MAX_DAYS):
                raise forms.ValidationError(_("Choose a period of three years or less."))
        return data

    def period(self) -> Period:
        if self.is_bound and self.is_valid():
            return Period(start=self.cleaned_data["start"], end=self.cleaned_data["end"])
        return self.default

    def quiet(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("quiet_days"):
            return self.cleaned_data["quiet_days"]
        return QUIET_DAYS


def period_form(request, *, setting, default_days: int = 90, with_quiet_days: bool = True) -> PeriodForm:
    from tandem.engagement.selectors import default_period

    data = request.GET if "start" in request.GET or "end" in request.GET else None
    return PeriodForm(data, default=default_period(setting, days=default_days), with_quiet_days=with_quiet_days)
