"""Forms for structured conversations. They check the shape of what was typed; the rules (the
family's words first, 1–3 priorities, a review date after the meeting) are decided by
tandem.meetings.services, whose messages are put back on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.meetings.models import MAX_PRIORITIES, Mode, Priority

TEXT = {"rows": 3}


class PlanForm(forms.Form):
    meeting_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    mode = forms.ChoiceField(label=_("How you will meet"), choices=Mode.choices, widget=forms.RadioSelect)


class _DetailsForm(forms.Form):
    meeting_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    mode = forms.ChoiceField(label=_("How you met"), choices=Mode.choices, widget=forms.RadioSelect)
    attendees = forms.CharField(
        label=_("Who attended"),
        max_length=300,
        required=False,
        help_text=_("For example: Mum, Dad, key person, SENCO."),
    )
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    interpreter_language = forms.CharField(label=_("Interpreter's language"), max_length=60, required=False)


class ConversationForm(_DetailsForm):
    """Explore (the family first), Focus, Plan (1–3 priorities), Review date."""

    family_words = forms.CharField(
        label=_("What the family told us"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Their hopes, worries and what the child is like at home, in their words. Kept as written."),
    )
    practitioner_view = forms.CharField(
        label=_("What we see in the setting"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    focus = forms.CharField(label=_("What we agreed to focus on"), widget=forms.Textarea(attrs=TEXT), required=False)
    review_on = forms.DateField(label=_("Review date"), widget=DateInput(), required=False)
    staff_notes = forms.CharField(
        label=_("Staff-only notes"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        help_text=_("Never shown to the family."),
    )

    def __init__(self, *args, carried=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_PRIORITIES + 1):
            self.fields[f"p{i}_text"] = forms.CharField(
                label=_("Priority %(n)s") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"p{i}_at_home"] = forms.CharField(
                label=_("Priority %(n)s: who does what at home") % {"n": i},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"p{i}_in_setting"] = forms.CharField(
                label=_("Priority %(n)s: who does what in the setting") % {"n": i},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"p{i}_carried_from"] = forms.CharField(required=False, widget=forms.HiddenInput)
        for i, p in enumerate(carried, start=1):
            if i > MAX_PRIORITIES:
                break
            self.initial.update(
                {
                    f"p{i}_text": p.text,
                    f"p{i}_at_home": p.at_home,
                    f"p{i}_in_setting": p.in_setting,
                    f"p{i}_carried_from": str(p.pk),
                }
            )
        self.fields["priorities"] = forms.CharField(required=False, widget=forms.HiddenInput)  # errors land here

    def priority_rows(self):
        return [
            (i, self[f"p{i}_text"], self[f"p{i}_at_home"], self[f"p{i}_in_setting"], self[f"p{i}_carried_from"])
            for i in range(1, MAX_PRIORITIES + 1)
        ]

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("p") or k == "practitioner_view"}
        data.pop("priorities", None)
        data["priorities"] = [
            {
                "text": self.cleaned_data[f"p{i}_text"],
                "at_home": self.cleaned_data[f"p{i}_at_home"],
                "in_setting": self.cleaned_data[f"p{i}_in_setting"],
                "carried_from": self.cleaned_data[f"p{i}_carried_from"],
            }
            for i in range(1, MAX_PRIORITIES + 1)
        ]
        return data


class EditForm(_DetailsForm):
    practitioner_view = forms.CharField(
        label=_("What we see in the setting"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    focus = forms.CharField(label=_("What we agreed to focus on"), widget=forms.Textarea(attrs=TEXT))
    review_on = forms.DateField(label=_("Review date"), widget=DateInput(), required=False)
    staff_notes = forms.CharField(
        label=_("Staff-only notes"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        help_text=_("Never shown to the family."),
    )


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Date of the review"), widget=DateInput())
    summary = forms.CharField(label=_("How it went"), widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args, priorities=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.priorities = list(priorities)
        for p in self.priorities:
            self.fields[f"progress_{p.pk}"] = forms.ChoiceField(
                label=_("Progress: %(priority)s") % {"priority": p.text},
                choices=Priority.Progress.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"notes_{p.pk}"] = forms.CharField(
                label=_("Notes: %(priority)s") % {"priority": p.text},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def service_data(self) -> dict:
        return {
            "reviewed_on": self.cleaned_data["reviewed_on"],
            "summary": self.cleaned_data["summary"],
            "progress": {
                str(p.pk): {
                    "progress": self.cleaned_data[f"progress_{p.pk}"],
                    "notes": self.cleaned_data[f"notes_{p.pk}"],
                }
                for p in self.priorities
            },
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment on the plan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
