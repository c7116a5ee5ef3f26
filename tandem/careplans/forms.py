"""Care plan forms: the five sections (all optional boxes), the start date and review interval,
a family's proposal, a staff decision and a review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.careplans.models import MAX_TEXT, SECTIONS
from tandem.core.forms import DateInput


class SectionsForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label, help_text in SECTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=help_text,
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _label, _help in SECTIONS}


class PlanWriteForm(SectionsForm):
    start_date = forms.DateField(label=_("Plan starts"), widget=DateInput())
    review_interval_months = forms.IntegerField(
        label=_("Review at least every (months)"),
        min_value=1,
        max_value=12,
        initial=6,
        help_text=_("Scotland's personal plans: at least every six months."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["start_date", "review_interval_months"])


class ProposalForm(SectionsForm):
    note = forms.CharField(
        label=_("Why would you like this change?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([name for name, _label, _help in SECTIONS] + ["note"])  # the why after the what


class DecisionForm(SectionsForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve as proposed")),
            ("amend", _("Approve with changes")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the family reads this)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to amend or decline."),
    )


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())
    family_views = forms.CharField(
        label=_("What the family said"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    notes = forms.CharField(
        label=_("Our notes"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review_date = forms.DateField(
        label=_("Next review by"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the longest allowed (the plan's interval)."),
    )
