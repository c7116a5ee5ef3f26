"""The All About Me form: every question optional, one big box each (a phone keyboard, a
parent writing in their own words). Staff also say how they got the answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.allaboutme.models import MAX_ANSWER, QUESTIONS, STAFF_METHODS, HowFilledIn


class AllAboutMeForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label, help_text in QUESTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=help_text,
                required=False,
                max_length=MAX_ANSWER,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _label, _help in QUESTIONS}


class StaffAllAboutMeForm(AllAboutMeForm):
    how = forms.ChoiceField(
        label=_("How did you get these answers?"),
        choices=[(m.value, m.label) for m in STAFF_METHODS],
        initial=HowFilledIn.PAPER,
        widget=forms.RadioSelect,
    )
    guardian = forms.ChoiceField(label=_("Who gave the answers"), required=False)

    def __init__(self, *args, guardians, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.guardians = {str(g.pk): g for g in guardians}
        self.fields["guardian"].choices = [("", _("Not recorded"))] + [
            (pk, g.full_name) for pk, g in self.guardians.items()
        ]
        self.order_fields(["how", "guardian"])

    def chosen_guardian(self):
        return self.guardians.get(self.cleaned_data.get("guardian") or "")
