"""Forms of surveys: building one (staff) and answering one (families and staff). The answer
form is built from the survey's questions, one field per question (and per child for the
questions asked once for each child); the service checks the answers again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.surveys.models import Audience, QuestionKind
from tandem.surveys.selectors import field_name
from tandem.surveys.templates import TEMPLATE_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"


class SurveyForm(forms.Form):
    template_key = forms.ChoiceField(label=_("Start from"), choices=TEMPLATE_CHOICES, required=False)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the ready-made survey's title."),
    )
    intro = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    audience = forms.ChoiceField(label=_("Who is asked"), choices=Audience.choices, initial=Audience.FAMILIES)
    rooms = forms.ModelMultipleChoiceField(
        label=_("Rooms"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for “Families of chosen rooms”."),
    )
    anonymous = forms.BooleanField(label=_("Anonymous: answers are not linked to anyone"), required=False, initial=True)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput)
    max_reminders = forms.IntegerField(
        label=_("Reminders at most, to those who have not answered"), min_value=0, max_value=5, initial=2
    )
    reminder_every_days = forms.IntegerField(label=_("Days between reminders"), min_value=1, max_value=60, initial=7)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = rooms

    def clean(self):
        data = super().clean()
        if not data.get("title") and not data.get("template_key"):
            self.add_error("title", _("Give the survey a title."))
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Hint (optional)"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices, one a line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For “Choose one” and “Choose any”."),
    )
    scale_labels = forms.CharField(
        label=_("Labels of the scale, 1 to 5, one a line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Leave empty for: Not at all, A little, Somewhat, Mostly, Completely."),
    )
    required = forms.BooleanField(label=_("An answer is needed"), required=False, initial=True)
    per_child = forms.BooleanField(label=_("Ask once for each child of the family"), required=False)

    def clean_choices(self):
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]

    def clean_scale_labels(self):
        return [line.strip() for line in self.cleaned_data["scale_labels"].splitlines() if line.strip()]


class AnswerForm(forms.Form):
    """One field per question (per child for per-child questions), labelled in the reader's
    language. Choices and scales are radio buttons or checkboxes, drawn as fieldsets."""

    def __init__(self, *args, questions, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []  # (question, [(child or None, bound field)]) in order, for the template
        for question in questions:
            numbers = list(range(1, len(children) + 1)) if question.per_child and children else [None]
            entries = []
            for number in numbers:
                name = field_name(question, number)
                child = children[number - 1] if number else None
                label = question.shown_text if child is None else f"{question.shown_text} ({child.known_as})"
                labels = question.shown_labels
                if question.kind == QuestionKind.TEXT:
                    f = forms.CharField(
                        label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
                    )
                elif question.kind == QuestionKind.MULTIPLE:
                    f = forms.MultipleChoiceField(
                        label=label,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                        choices=[(str(i), text) for i, text in enumerate(labels)],
                    )
                elif question.kind == QuestionKind.SCALE:
                    f = forms.ChoiceField(
                        label=label,
                        required=False,
                        widget=forms.RadioSelect,
                        choices=[(str(i + 1), f"{i + 1} – {text}") for i, text in enumerate(labels)],
                    )
                else:
                    f = forms.ChoiceField(
                        label=label,
                        required=False,
                        widget=forms.RadioSelect,
                        choices=[(str(i), text) for i, text in enumerate(labels)],
                    )
                f.help_text = question.shown_help
                f.question_required = question.required
                self.fields[name] = f
                entries.append((child, name))
            self.groups.append((question, entries))

    def answers(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items()}

    def bound_groups(self):
        return [(q, [(child, self[name]) for child, name in entries]) for q, entries in self.groups]
