"""Forms of settling in and transitions: tick a step, plan a move, a visit, the summary, the
family's comments, sharing onward."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.transitions.models import MAX_TEXT, SettlingStep, Transition


class StepTickForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=SettlingStep.choices)
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class TransitionPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of move"), choices=Transition.Kind.choices, widget=forms.RadioSelect)
    to_room = forms.ChoiceField(label=_("To room"), required=False)
    destination = forms.CharField(label=_("School or setting"), required=False, max_length=200)
    planned_date = forms.DateField(label=_("Planned date"), widget=DateInput())

    def __init__(self, *args, rooms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rooms = {str(r.pk): r for r in rooms}
        self.fields["to_room"].choices = [("", "—")] + [(pk, r.name) for pk, r in self.rooms.items()]

    def chosen_room(self):
        return self.rooms.get(self.cleaned_data.get("to_room") or "")


class VisitForm(forms.Form):
    visit_on = forms.DateField(label=_("Visit on"), widget=DateInput())
    note = forms.CharField(label=_("How it went"), required=False, max_length=300)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Transition summary"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What the child enjoys, how they are getting on, what helps them, "
            "and what the family would like the new room or school to know."
        ),
    )


class FamilyResponseForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comments (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They are shared with the summary."),
    )


class ShareOnwardForm(forms.Form):
    shared_to = forms.CharField(label=_("Shared with (name or role)"), required=False, max_length=200)
