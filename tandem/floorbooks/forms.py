"""Forms for floor books and room boards. They check the shape of what was typed; the rules
(same setting, consent for the screen, nothing from families visible before approval) live in
tandem.floorbooks.services and come back onto the form with add_service_errors. Choices of
children and rooms start empty: the view hands in what this person may choose."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.models import Child, Room
from tandem.floorbooks.models import RoomBoardPost
from tandem.floorbooks.services import MAX_PHOTOS_PER_PAGE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos at once (a tablet's photo picker). The media pipeline checks each file."""

    def __init__(self, *args, max_files: int = MAX_PHOTOS_PER_PAGE, **kwargs) -> None:
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Choose up to %(count)s photos at a time.") % {"count": self.max_files}, code="too_many"
            )
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files]


class ChildChoiceField(forms.ModelMultipleChoiceField):
    """Children as big tappable chips, by the name the room uses."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Child) -> str:
        return obj.display_name


class FloorBookForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    group_name = forms.CharField(
        label=_("Or a group"),
        max_length=100,
        required=False,
        help_text=_("For a book of a group rather than a room, e.g. Forest school."),
    )
    members = ChildChoiceField(label=_("Children in the group"), queryset=Child.objects.none(), required=False)
    description = forms.CharField(
        label=_("What it is about"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )

    def __init__(self, *args, rooms=None, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if rooms is not None:
            self.fields["room"].queryset = rooms
        if children is not None:
            self.fields["members"].queryset = children

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("room") and not (data.get("group_name") or "").strip():
            self.add_error("room", _("Choose a room, or name the group this book belongs to."))
        return data


class FloorBookEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("What it is about"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    archived = forms.BooleanField(label=_("Archived (families no longer see it)"), required=False)


class PageForm(forms.Form):
    photos = MultiplePhotoField(
        label=_("Photos or drawings"),
        required=False,
        help_text=_("Choose several at once. JPEG, PNG, WebP, HEIC or GIF."),
    )
    children = ChildChoiceField(
        label=_("Children in these photos"),
        queryset=Child.objects.none(),
        required=False,
        help_text=_("Tap each child who appears. You can correct it photo by photo afterwards."),
    )
    caption = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    children_words = forms.CharField(
        label=_("The children's own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("One quote a line, e.g. Maya: It's a rocket to the moon!"),
    )
    cleared_for_display = forms.BooleanField(label=_("Show on the room's screen"), required=False)

    def __init__(self, *args, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if children is not None:
            self.fields["children"].queryset = children


class TagForm(forms.Form):
    children = ChildChoiceField(label=_("Children in this photo"), queryset=Child.objects.none(), required=False)

    def __init__(self, *args, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if children is not None:
            self.fields["children"].queryset = children


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Turn down"))])
    reason = forms.CharField(label=_("Reason (shown to the family)"), max_length=300, required=False)


class BoardPostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of post"), choices=RoomBoardPost.Kind.choices)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("Short, e.g. Wellies tomorrow! You can use *Markdown*."),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    children_in_photo = ChildChoiceField(
        label=_("Children in the photo"), queryset=Child.objects.none(), required=False
    )
    expires_at = forms.DateTimeField(
        label=_("Show until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to keep it until you take it down."),
    )
    cleared_for_display = forms.BooleanField(label=_("Show on the room's screen"), required=False)

    def __init__(self, *args, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if children is not None:
            self.fields["children_in_photo"].queryset = children

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return value


class DisplayForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    name = forms.CharField(label=_("Where the screen is"), max_length=100, required=False)

    def __init__(self, *args, rooms=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if rooms is not None:
            self.fields["room"].queryset = rooms


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class FamilyPageForm(forms.Form):
    photos = MultiplePhotoField(
        label=_("Photos (e.g. of a drawing from home)"),
        required=False,
        max_files=4,
        help_text=_("Up to 4. JPEG, PNG, WebP, HEIC or GIF."),
    )
    child = forms.ModelChoiceField(label=_("Whose page is it?"), queryset=Child.objects.none(), required=False)
    caption = forms.CharField(
        label=_("A few words about it"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    children_words = forms.CharField(
        label=_("What your child said"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args, children=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if children is not None:
            self.fields["child"].queryset = children
