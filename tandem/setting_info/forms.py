from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tandem.setting_info.models import INFO_FIELDS, SettingInfo


class InfoForm(forms.ModelForm):
    class Meta:
        model = SettingInfo
        fields = INFO_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in INFO_FIELDS}


class MenuForm(forms.Form):
    """Meals and allergens for each day of one week (fields meals_<n>, allergens_<n>)."""

    def __init__(self, *args, days, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.days = days
        for i, row in enumerate(days):
            menu = row["menu"]
            label = row["date"]
            self.fields[f"meals_{i}"] = forms.CharField(
                label=_("Meals on %(day)s") % {"day": date_format(label, "l j F")},
                required=False,
                max_length=2000,
                initial=menu.meals if menu else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"allergens_{i}"] = forms.CharField(
                label=_("Allergens on %(day)s") % {"day": date_format(label, "l j F")},
                required=False,
                max_length=300,
                initial=menu.allergens if menu else "",
            )

    def days_data(self) -> dict:
        return {
            row["date"]: {
                "meals": self.cleaned_data.get(f"meals_{i}", ""),
                "allergens": self.cleaned_data.get(f"allergens_{i}", ""),
            }
            for i, row in enumerate(self.days)
        }


class TeamProfileForm(forms.Form):
    about = forms.CharField(label=_("About them"), max_length=300, required=False)
    shown = forms.BooleanField(label=_("Show on the families' page"), required=False, initial=True)
    photo = forms.FileField(label=_("Photo"), required=False, help_text=_("A JPEG, PNG, WebP or HEIC photo."))
