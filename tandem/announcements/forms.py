"""Forms for announcements. They check the shape of what was typed; the rules (who may send,
the audience, the question's closing time) are decided by tandem.announcements.services."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.announcements.models import Announcement, QuestionAnswer

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class AnnouncementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Announcement.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    body_markdown = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Write **bold**, *italic*, lists with - at the start of a line, and links."),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    audience = forms.ChoiceField(
        label=_("Who it is for"), choices=Announcement.Audience.choices, widget=forms.RadioSelect
    )
    rooms = forms.ModelMultipleChoiceField(
        label=_("Rooms"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    families = forms.ModelMultipleChoiceField(
        label=_("Families"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    urgent = forms.BooleanField(label=_("Urgent: send at once, past digests and quiet hours"), required=False)
    question = forms.CharField(
        label=_("Question for families (yes or no, optional)"),
        max_length=300,
        required=False,
        help_text=_("For example: Can you help on the trip?"),
    )
    question_closes_at = forms.DateTimeField(
        label=_("Answers close at"), required=False, widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    attachment = forms.FileField(
        label=_("Add a photo or document"),
        required=False,
        help_text=_("Photos (JPEG, PNG, HEIC) or PDF documents."),
    )

    def __init__(self, *args, rooms, families, can_send_urgent: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = rooms
        self.fields["families"].queryset = families
        if not can_send_urgent:
            del self.fields["urgent"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("attachment", None)
        data.setdefault("urgent", False)
        return data


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(label=_("Send at"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=QuestionAnswer.Answer.choices, widget=forms.RadioSelect)
