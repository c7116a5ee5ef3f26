"""Forms for the learning journal. They check the shape of what was typed; the rules (children
of the same setting, photo consent, review) live in tandem.journal.services and come back onto
the form with add_service_errors. Choices of children, curriculum and media start empty: the
view hands in what this person may choose (nothing is queried at import time)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import DateInput
from tandem.journal.models import JournalSettings

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos, videos or files at once; the media pipeline checks each one."""

    def __init__(self, *args, accept: str = "image/*,video/*,audio/*,application/pdf", **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Choose up to %(n)s files at a time.") % {"n": MAX_FILES}, code="too_many")
        single = forms.FileField(required=False, allow_empty_file=True)
        return [single.clean(f) for f in files]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ChildTilesField(forms.ModelMultipleChoiceField):
    """Children as big tappable tiles, by the name the room uses."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.known_as + (f" {obj.last_name[:1]}." if obj.last_name else "")


class CurriculumField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return getattr(obj, "display_name", None) or getattr(obj, "display_text", None) or str(obj)


def _none():
    from tandem.core.models import Child

    return Child.objects.none()


class QuickObservationForm(forms.Form):
    """The three-tap form: photos, children, save. Everything else can be added after."""

    photos = MultipleFileField(label=_("Photos or videos"))
    media = forms.CharField(required=False, widget=forms.MultipleHiddenInput)  # ids from the upload widget
    children = ChildTilesField(queryset=None, label=_("Who is in it?"))
    text_markdown = forms.CharField(
        label=_("What happened (you can add this later)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, children_queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children_queryset

    def clean_media(self) -> list[str]:
        return [v for v in self.data.getlist("media") if v] if hasattr(self.data, "getlist") else []


class ObservationForm(forms.Form):
    children = ChildTilesField(queryset=None, label=_("Children"))
    occurred_at = forms.DateTimeField(label=_("When it happened"), widget=DateTimeInput())
    text_markdown = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use **bold**, *italics* and lists."),
    )
    child_voice = forms.CharField(
        label=_("The child's voice"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_steps = forms.CharField(
        label=_("Next steps (for the setting)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    home_ideas = forms.CharField(
        label=_("Ideas to try at home"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    areas = CurriculumField(queryset=None, required=False, label=_("Areas of learning"))
    statements = CurriculumField(queryset=None, required=False, label=_("Statements and Early Learning Goals"))
    characteristics = CurriculumField(queryset=None, required=False, label=_("Characteristics of effective learning"))
    leuven_wellbeing = forms.TypedChoiceField(
        label=_("Well-being (Leuven)"), required=False, coerce=int, empty_value=None, choices=()
    )
    leuven_involvement = forms.TypedChoiceField(
        label=_("Involvement (Leuven)"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, children_queryset, curriculum=None, leuven=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children_queryset
        for name in ("areas", "statements", "characteristics"):
            qs = getattr(curriculum, name, None) if curriculum is not None else None
            if qs is None:
                del self.fields[name]
            else:
                self.fields[name].queryset = qs
        for name, scale in (("leuven_wellbeing", "wellbeing"), ("leuven_involvement", "involvement")):
            choices = (leuven or {}).get(scale) or [(i, str(i)) for i in range(1, 6)]
            self.fields[name].choices = [("", _("Not scored"))] + list(choices)

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("An observation cannot be in the future."))
        return value


class AddMediaForm(forms.Form):
    photos = MultipleFileField(label=_("Add photos, videos or files"))


class PhotoTagForm(forms.Form):
    children = ChildTilesField(queryset=None, required=False, label=_("Who is in this photo?"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)

    def __init__(self, *args, children_queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children_queryset


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Show to families from (leave empty for now)"), required=False, widget=DateTimeInput()
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    child = forms.UUIDField(required=False, widget=forms.HiddenInput)
    reply_to = forms.UUIDField(required=False, widget=forms.HiddenInput)


class HideCommentForm(forms.Form):
    reason = forms.CharField(label=_("Why hide it? (staff only)"), required=False, max_length=300)


class HomeMomentForm(forms.Form):
    text = forms.CharField(
        label=_("What happened? Write in any language."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred_on = forms.DateField(label=_("When"), widget=DateInput(), initial=timezone.localdate)
    photos = MultipleFileField(label=_("Photos or videos"), accept="image/*,video/*")


class AcknowledgeForm(forms.Form):
    note = forms.CharField(label=_("A note for the family"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    build_on_in_planning = forms.BooleanField(label=_("Build on this in planning"), required=False)
    areas = CurriculumField(queryset=None, required=False, label=_("Areas of learning"))
    statements = CurriculumField(queryset=None, required=False, label=_("Statements and Early Learning Goals"))

    def __init__(self, *args, curriculum=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("areas", "statements"):
            qs = getattr(curriculum, name, None) if curriculum is not None else None
            if qs is None:
                del self.fields[name]
            else:
                self.fields[name].queryset = qs


class TriedAtHomeForm(forms.Form):
    note = forms.CharField(
        label=_("How did it go? (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class JournalSettingsForm(forms.Form):
    require_review_for = forms.ChoiceField(
        label=_("A manager reviews observations before families see them, for"), choices=JournalSettings.Review.choices
    )
    quiet_days = forms.IntegerField(
        label=_("List a child when they have not been observed for this many days"), min_value=1, max_value=365
    )


class FilterForm(forms.Form):
    child = forms.UUIDField(required=False, label=_("Child"))
    room = forms.UUIDField(required=False, label=_("Room"))
    area = forms.IntegerField(required=False, label=_("Area"))
    author = forms.UUIDField(required=False, label=_("Author"))
    status = forms.ChoiceField(required=False, label=_("Status"), choices=())
    date_from = forms.DateField(required=False, label=_("From"), widget=DateInput())
    date_to = forms.DateField(required=False, label=_("To"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from tandem.journal.models import Observation

        self.fields["status"].choices = [("", _("Any"))] + list(Observation.Status.choices)
