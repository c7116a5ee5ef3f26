from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.conversations.models import Audience
from tandem.conversations.services import MAX_ATTACHMENT_MB, MAX_BODY


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf,audio/*"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _body(label=None):
    return forms.CharField(
        label=label or _("Message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before sending it.")},
        strip=True,
    )


def _attachments():
    return MultipleFileField(
        label=_("Attach photos or files"),
        help_text=_("Photos, PDFs or voice notes, up to %(mb)d MB each.") % {"mb": MAX_ATTACHMENT_MB},
    )


class MessageForm(forms.Form):
    body = _body()
    attachments = _attachments()


class EditForm(forms.Form):
    body = _body(_("Corrected message"))


class FamilyStartForm(forms.Form):
    child = forms.ChoiceField(label=_("About"))
    subject = forms.CharField(label=_("Subject"), max_length=150)
    audience = forms.ChoiceField(label=_("Who would you like to talk to?"), choices=Audience.choices)
    body = _body()
    attachments = _attachments()

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(str(c.pk), c.known_as) for c, _g in children]


class StaffStartForm(forms.Form):
    room = forms.ChoiceField(label=_("Every family in a room"), required=False)
    children = forms.MultipleChoiceField(
        label=_("Or choose children"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each family gets its own conversation and sees only its own."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    audience = forms.ChoiceField(
        label=_("When the family answers, tell"), choices=Audience.choices, initial=Audience.KEY_PERSON
    )
    body = _body()
    attachments = _attachments()

    def __init__(self, *args, rooms, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", _("No room: the children I choose")), *((str(r.pk), r.name) for r in rooms)]
        self.fields["children"].choices = [(str(c.pk), c.display_name) for c in children]

    def clean(self):
        data = super().clean()
        if not data.get("room") and not data.get("children"):
            raise forms.ValidationError(_("Choose a room or at least one child."))
        return data


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by child"), required=False, max_length=100)
    room = forms.ChoiceField(label=_("Room"), required=False)
    key = forms.BooleanField(label=_("My key children"), required=False)
    unread = forms.BooleanField(label=_("Unread only"), required=False)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", _("All rooms")), *((str(r.pk), r.name) for r in rooms)]
