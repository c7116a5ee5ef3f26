"""Forms of consultations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.consultations.models import Audience, Kind, Reply


class DateInput(forms.DateInput):
    input_type = "date"


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(label=_("Who is asked"), choices=Audience.choices)
    comments_close_on = forms.DateField(label=_("Comments close on (optional)"), required=False, widget=DateInput)
    body = forms.CharField(
        label=_("Draft text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Leave an empty line between paragraphs: people can comment on each one."),
    )


class VersionForm(forms.Form):
    body = forms.CharField(label=_("New text"), widget=forms.Textarea(attrs={"rows": 12}))
    summary_of_changes = forms.CharField(
        label=_("What changed: you said, we did"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell families and staff what you heard and what you changed because of it."),
    )


class CommentForm(forms.Form):
    paragraph = forms.TypedChoiceField(
        label=_("Which part is your comment about?"), coerce=int, empty_value=None, required=False
    )
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, paragraphs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("The whole text"))]
        for i, text in enumerate(paragraphs, start=1):
            preview = text if len(text) <= 60 else text[:59] + "…"
            choices.append((str(i), _("Paragraph %(n)d: %(text)s") % {"n": i, "text": preview}))
        self.fields["paragraph"].choices = choices


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    visibility = forms.ChoiceField(
        label=_("Who sees the reply"),
        choices=Reply.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Reply.Visibility.COMMENTER,
    )
