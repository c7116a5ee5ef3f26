"""Forms for progress worries; the rules are decided by tandem.worries.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.worries.models import PrimeArea, Stage

TEXT = {"rows": 3}


class WorryForm(forms.Form):
    area = forms.ChoiceField(label=_("Prime area"), choices=PrimeArea.choices, widget=forms.RadioSelect)
    observed = forms.CharField(label=_("What you have observed"), widget=forms.Textarea(attrs={"rows": 5}))
    observations = forms.MultipleChoiceField(
        label=_("Observations from the journal (optional)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    staff_notes = forms.CharField(
        label=_("Staff-only notes"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        help_text=_("Never shown to the family."),
    )

    def __init__(self, *args, observations=(), area_choices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if area_choices:
            self.fields["area"].choices = area_choices
        self.observation_rows = {str(o.pk): o for o in observations}
        self.fields["observations"].choices = [
            (str(o.pk), f"{o.occurred_at:%d %b %Y}: {(o.text_markdown or '')[:80]}") for o in observations
        ]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["observations"] = [self.observation_rows[pk] for pk in data["observations"]]
        return data


class DiscussionForm(forms.Form):
    discussed_on = forms.DateField(label=_("When you talked with the family"), widget=DateInput())
    family_views = forms.CharField(label=_("What the family told us"), widget=forms.Textarea(attrs={"rows": 4}))
    agreed_support = forms.CharField(
        label=_("The support we agreed together"), widget=forms.Textarea(attrs=TEXT), required=False
    )


class SupportForm(forms.Form):
    agreed_support = forms.CharField(label=_("The support we agreed together"), widget=forms.Textarea(attrs=TEXT))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs=TEXT))


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Why the case can close"),
        widget=forms.Textarea(attrs=TEXT),
        help_text=_("For example: progress is now as expected, or the child is on SEN support."),
    )


class NotesForm(forms.Form):
    staff_notes = forms.CharField(label=_("Staff-only notes"), widget=forms.Textarea(attrs=TEXT), required=False)
