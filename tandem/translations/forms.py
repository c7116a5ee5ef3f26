from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _language_choices(blank: str | None = None):
    choices = [(code, name) for code, name in settings.LANGUAGES]
    return [("", blank), *choices] if blank is not None else choices


class TranslationForm(forms.Form):
    text = forms.CharField(label=_("Your translation"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000)
    source_hash = forms.CharField(widget=forms.HiddenInput, required=False)


class GlossaryTermForm(forms.Form):
    term = forms.CharField(label=_("Word or phrase"), max_length=120)
    source_language = forms.ChoiceField(label=_("Written in"), choices=_language_choices, initial="en")
    language = forms.ChoiceField(
        label=_("Translation into"), choices=lambda: _language_choices(str(_("Every language"))), required=False
    )
    translation = forms.CharField(
        label=_("Fixed translation"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to keep it as written, for example a child's or a room's name."),
    )
    note = forms.CharField(label=_("Note for translators"), max_length=200, required=False)


class TranslatorLanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages I translate"), choices=_language_choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class StaffLanguageForm(forms.Form):
    staff_language = forms.ChoiceField(
        label=_("Staff language"),
        choices=_language_choices,
        help_text=_("What families write is translated into this language for the team."),
    )
