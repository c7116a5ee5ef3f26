"""Forms for policies. They check the shape of what was typed; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.policies.models import PolicyKind

BODY_HELP = _("Markdown: **bold**, *italic*, lists with - or 1., links. Scripts and styles are removed.")


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PolicyKind.choices, initial=PolicyKind.OTHER)
    for_families = forms.BooleanField(label=_("For families"), required=False, initial=True)
    for_staff = forms.BooleanField(label=_("For staff"), required=False)
    requires_acknowledgement = forms.BooleanField(
        label=_("Each reader confirms they have read and understood it"), required=False
    )
    effective_from = forms.DateField(label=_("In effect from"), widget=DateInput())
    body_markdown = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), required=False, help_text=BODY_HELP
    )
    document = forms.FileField(
        label=_("Or attach the policy as a PDF"),
        required=False,
        help_text=_("Stored privately; families and staff open it through Tandem."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class VersionForm(forms.Form):
    change_summary = forms.CharField(
        label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    effective_from = forms.DateField(label=_("In effect from"), widget=DateInput())
    body_markdown = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), required=False, help_text=BODY_HELP
    )
    document = forms.FileField(
        label=_("Or attach the policy as a PDF"),
        required=False,
        help_text=_("Stored privately; families and staff open it through Tandem."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class AcknowledgeForm(forms.Form):
    understood = forms.BooleanField(
        label=_("I have read and understood this policy"),
        error_messages={"required": _("Tick the box to say you have read and understood it.")},
    )
