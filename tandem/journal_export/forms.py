from django import forms
from django.utils.translation import gettext_lazy as _

from .models import JournalExport


class JournalExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Format"), choices=JournalExport.Kind.choices, widget=forms.RadioSelect)
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data
