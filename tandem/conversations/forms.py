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


def _time_input():
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class OpeningHoursForm(forms.Form):
    """A week of opening times (both empty: closed that day), closed dates and the auto-reply."""

    closed_days = forms.CharField(
        label=_("Closed dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the date (YYYY-MM-DD), then why. For example: 2026-12-25 Christmas Day"),
    )
    auto_reply = forms.CharField(
        label=_("Automatic reply outside opening hours"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty for the standard reply, which says when you open next, in each family's language."),
    )

    def __init__(self, *args, **kwargs):
        from tandem.conversations.models import Weekday

        super().__init__(*args, **kwargs)
        self.days = []
        for day, label in Weekday.choices:
            opens = forms.TimeField(label=_("%(day)s: opens at") % {"day": label}, required=False, widget=_time_input())
            closes = forms.TimeField(
                label=_("%(day)s: closes at") % {"day": label}, required=False, widget=_time_input()
            )
            self.fields[f"opens_{day}"], self.fields[f"closes_{day}"] = opens, closes
            self.days.append((label, f"opens_{day}", f"closes_{day}"))

    def day_rows(self):
        return [(label, self[opens], self[closes]) for label, opens, closes in self.days]

    def other_fields(self):
        return [self["closed_days"], self["auto_reply"]]

    def clean(self):
        import datetime as dt

        data = super().clean()
        week = {}
        for day in range(7):
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if bool(opens) != bool(closes):
                self.add_error(f"closes_{day}", _("Give both times, or neither for a closed day."))
            elif opens and closes and closes <= opens:
                self.add_error(f"closes_{day}", _("The closing time must be after the opening time."))
            week[day] = (opens, closes) if opens and closes else None
        closed = []
        for line in (data.get("closed_days") or "").splitlines():
            if not line.strip():
                continue
            date_text, _sep, reason = line.strip().partition(" ")
            try:
                closed.append((dt.date.fromisoformat(date_text), reason.strip()))
            except ValueError:
                self.add_error(
                    "closed_days", _("“%(line)s” does not start with a date like 2026-12-25.") % {"line": line}
                )
        data["week"], data["closed"] = week, closed
        return data
