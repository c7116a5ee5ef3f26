"""Forms for the setting administration and family pages. Forms check the shape of what was
typed; the rules of the data (same setting, no duplicates, dates in order) live in
tandem.core.services, whose CoreError is put back on the form with `add_service_errors`."""

from django import forms
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from tandem.core.models import (
    Channel,
    Child,
    ChildGuardian,
    CommunicationPreference,
    ConsentEvent,
    ConsentKind,
    Digest,
    Family,
    Guardian,
    Room,
    Setting,
    StaffRole,
)
from tandem.core.services import CHILD_FIELDS, GUARDIAN_FIELDS, LINK_FIELDS, ROOM_FIELDS, SETTING_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def scoped_formfield(field, **kwargs):
    """Links to setting-owned models start with no choices: the view hands the form the
    querysets it may offer. (Django's default would query outside any scope at import time.)"""
    if isinstance(field, models.ForeignKey):
        return field.formfield(form_class=SafeModelChoiceField, **kwargs)
    if isinstance(field, models.ManyToManyField):
        return field.formfield(form_class=SafeModelMultipleChoiceField, **kwargs)
    return field.formfield(**kwargs)


class FieldsOnlyModelForm(forms.ModelForm):
    """Takes its fields from the model but never builds or validates an instance: the service
    does that (with full_clean) so the rules live in one place and a bad form changes nothing."""

    class Meta:
        formfield_callback = scoped_formfield  # inherited by every form below (Django reads the base's Meta)

    def _post_clean(self) -> None:
        pass


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's error on the form: on the field it names when the form has that field,
    otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# --- the setting, rooms, staff --------------------------------------------------------------------


class SettingForm(FieldsOnlyModelForm):
    class Meta(FieldsOnlyModelForm.Meta):
        model = Setting
        fields = SETTING_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "require_mfa_for_leaders": _(
                "Owners, managers and safeguarding leads without two-factor sign-in will be asked to set it up "
                "before they can carry on."
            ),
        }


class RoomForm(FieldsOnlyModelForm):
    class Meta(FieldsOnlyModelForm.Meta):
        model = Room
        fields = ROOM_FIELDS

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("age_from_months"), data.get("age_to_months")
        if start is not None and end is not None and end < start:
            self.add_error("age_to_months", _("The oldest age must not be below the youngest age."))
        return data


class RoomEditForm(RoomForm):
    class Meta(RoomForm.Meta):
        fields = (*ROOM_FIELDS, "is_active")


class StaffRolesMixin(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=StaffRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What each role may do is fixed by Tandem: managers and owners may do everything."),
        error_messages={"required": _("Choose at least one role.")},
    )
    rooms = forms.ModelMultipleChoiceField(
        label=_("Rooms"),
        queryset=Room.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)

    def __init__(self, *args, rooms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = rooms


class StaffAddForm(StaffRolesMixin):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    field_order = ["email", "first_name", "last_name", "job_title", "roles", "rooms"]


class StaffEditForm(StaffRolesMixin):
    is_active = forms.BooleanField(
        label=_("Active (can sign in to this setting)"),
        required=False,
    )


# --- children -------------------------------------------------------------------------------------


class LanguagesField(forms.CharField):
    """Languages spoken at home, typed as a list separated by commas."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [part.strip() for part in text.replace(";", ",").replace("،", ",").split(",") if part.strip()]


class ChildForm(FieldsOnlyModelForm):
    home_languages = LanguagesField(
        label=_("Languages spoken at home"),
        required=False,
        max_length=300,
        help_text=_("Separate languages with commas, for example: Polish, English."),
    )

    class Meta(FieldsOnlyModelForm.Meta):
        model = Child
        fields = CHILD_FIELDS
        widgets = {
            "date_of_birth": DateInput(),
            "start_date": DateInput(),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "medical_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, rooms, staff, families, can_read_medical: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["key_person"].queryset = staff
        self.fields["backup_key_person"].queryset = staff
        self.fields["family"].queryset = families
        for name in ("key_person", "backup_key_person"):
            self.fields[name].label_from_instance = lambda m: m.user.display_name
        if not can_read_medical:
            del self.fields["medical_notes"]  # restricted: access.can_read_medical


class ChildLeaveForm(forms.Form):
    leave_date = forms.DateField(label=_("Leaving date"), widget=DateInput())


# --- families, guardians and links ----------------------------------------------------------------


class FamilyForm(FieldsOnlyModelForm):
    class Meta(FieldsOnlyModelForm.Meta):
        model = Family
        fields = ("name", "address")
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


def language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in django_settings.LANGUAGES]


class GuardianForm(FieldsOnlyModelForm):
    class Meta(FieldsOnlyModelForm.Meta):
        model = Guardian
        fields = GUARDIAN_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "phone": forms.TextInput(attrs={"type": "tel"})}


class GuardianCreateForm(GuardianForm):
    language = forms.ChoiceField(label=_("Language for messages"), choices=language_choices, initial="en")


class LinkForm(FieldsOnlyModelForm):
    class Meta(FieldsOnlyModelForm.Meta):
        model = ChildGuardian
        fields = LINK_FIELDS
        widgets = {"restrictions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, can_read_restrictions: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can_read_restrictions:
            del self.fields["restrictions"]  # court orders: access.can_read_restrictions


class LinkCreateForm(LinkForm):
    child = forms.ModelChoiceField(label=_("Child"), queryset=Child.objects.none())
    guardian = forms.ModelChoiceField(label=_("Parent or carer"), queryset=Guardian.objects.none())
    field_order = ["child", "guardian"]

    def __init__(self, *args, children, guardians, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["guardian"].queryset = guardians
        self.fields["child"].label_from_instance = lambda c: c.display_name
        self.fields["guardian"].label_from_instance = lambda g: g.full_name


# --- consents and preferences ---------------------------------------------------------------------


class ConsentRecordForm(forms.Form):
    """Staff record a consent as a parent or carer gave it to them."""

    kind = forms.ChoiceField(label=_("Consent"), choices=ConsentKind.choices)
    decision = forms.ChoiceField(label=_("Decision"), choices=ConsentEvent.Decision.choices, widget=forms.RadioSelect)
    given_by = forms.ModelChoiceField(
        label=_("Given by"),
        queryset=Guardian.objects.none(),
        required=False,
        empty_label=_("Not given by a parent or carer (recorded by staff)"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, guardians, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = guardians
        self.fields["given_by"].label_from_instance = lambda g: g.full_name


class FamilyConsentForm(forms.Form):
    """A guardian gives, refuses or withdraws one consent for their own child."""

    kind = forms.ChoiceField(choices=ConsentKind.choices)
    decision = forms.ChoiceField(choices=ConsentEvent.Decision.choices)


class PreferencesForm(FieldsOnlyModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    channels = forms.MultipleChoiceField(
        label=_("How we reach you"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to reach you.")},
    )
    digest = forms.ChoiceField(label=_("How often"), choices=Digest.choices, widget=forms.RadioSelect)

    class Meta(FieldsOnlyModelForm.Meta):
        model = CommunicationPreference
        fields = (
            "language",
            "channels",
            "best_times",
            "quiet_hours_start",
            "quiet_hours_end",
            "digest",
            "needs_reading_help",
            "accessibility_needs",
        )
        widgets = {
            "quiet_hours_start": TimeInput(),
            "quiet_hours_end": TimeInput(),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "quiet_hours_start": _("We will not send messages between these times, except in an emergency."),
        }

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("quiet_hours_start") is None) != (data.get("quiet_hours_end") is None):
            self.add_error("quiet_hours_end", _("Give both the start and the end of quiet hours."))
        return data


# --- audit and import -----------------------------------------------------------------------------


class AuditSearchForm(forms.Form):
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=80,
        help_text=_("For example core.child or core.consent.withdrawn"),
    )
    child = forms.CharField(label=_("Child's name"), required=False, max_length=100)
    person = forms.CharField(label=_("Done by (name or e-mail)"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be after the start date."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Save your spreadsheet as CSV (UTF-8). The first row must be the column names."),
    )


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
